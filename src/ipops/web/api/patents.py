"""Patents API: list with filters and cursor pagination; one patent by any number form."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ipops.catalog.schemas import PatentDetail, PatentPage
from ipops.catalog.service import get_patent_detail, list_patents
from ipops.web.deps import LimitQuery, SessionDep, SettingsDep, page_limit
from ipops.web.filters import FiltersDep

router = APIRouter(tags=["patents"])


@router.get("/patents", response_model=PatentPage)
def patents(
    session: SessionDep,
    settings: SettingsDep,
    filters: FiltersDep,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    limit: LimitQuery = None,
) -> PatentPage:
    """Patents, newest first; follow `next_cursor` for the next page."""
    return list_patents(session, filters=filters, cursor=cursor, limit=page_limit(settings, limit))


@router.get("/patents/{number}", response_model=PatentDetail)
def patent(number: str, session: SessionDep) -> PatentDetail:
    """One patent by application number (any form, with or without CN/ZL), or publication number."""
    return get_patent_detail(session, number)
