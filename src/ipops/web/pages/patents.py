"""Patent list and patent detail pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ipops.catalog.service import get_patent_detail, list_patents
from ipops.domain.legal_status import LABELS_ZH as STATUS_LABELS
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH
from ipops.search.service import similar
from ipops.web.deps import LimitQuery, SemanticDep, SessionDep, SettingsDep, page_limit
from ipops.web.filters import FiltersDep
from ipops.web.templating import render

router = APIRouter()
SIMILAR_SHOWN = 8


@router.get("/patents", response_class=HTMLResponse)
def patent_list(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    filters: FiltersDep,
    cursor: Annotated[str | None, Query()] = None,
    limit: LimitQuery = None,
) -> HTMLResponse:
    page = list_patents(session, filters=filters, cursor=cursor, limit=page_limit(settings, limit))
    return render(request, "patents/list.html", {"page": page, "types": PATENT_TYPE_LABELS_ZH,
                                                 "statuses": STATUS_LABELS})  # fmt: skip


@router.get("/patents/{number}", response_class=HTMLResponse)
def patent_detail(number: str, request: Request, session: SessionDep, semantic: SemanticDep) -> HTMLResponse:
    detail = get_patent_detail(session, number)
    near = similar(session, number=detail.app_number, semantic=semantic, limit=SIMILAR_SHOWN)
    return render(request, "patents/detail.html", {"p": detail, "similar": near})
