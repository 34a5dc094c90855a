"""Liveness and readiness: the database answers and the schema is current."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy import text

from ipops import __version__
from ipops.store import migrate
from ipops.web.deps import SessionDep

router = APIRouter(tags=["health"])


@router.get("/health")
def health(session: SessionDep, request: Request) -> dict[str, Any]:
    """`ok` when the database answers; also says which engine and schema revision."""
    session.execute(text("SELECT 1"))
    engine = request.app.state.db.engine
    revision = migrate.current_revision(engine)
    return {"status": "ok", "version": __version__, "database": engine.dialect.name,
            "schema": revision, "schema_current": revision == migrate.head_revision(engine)}  # fmt: skip
