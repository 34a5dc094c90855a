"""Request dependencies: a session per request (committed by the request's unit of work)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlalchemy.orm import Session

from ipops.search.semantic import Semantic, semantic_for
from ipops.store.settings import Settings


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.db.session() as session:
        yield session


def get_settings(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


def get_semantic(request: Request) -> Semantic | None:
    """Semantic search as configured (None when `semantic_search` is off)."""
    return semantic_for(request.app.state.settings)


SessionDep = Annotated[Session, Depends(get_session)]
SemanticDep = Annotated[Semantic | None, Depends(get_semantic)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
LimitQuery = Annotated[int | None, Query(ge=1, le=1000, description="Rows per page (capped by max_page_size).")]


def page_limit(settings: Settings, limit: int | None) -> int:
    return min(limit or settings.page_size, settings.max_page_size)
