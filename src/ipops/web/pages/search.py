"""The search page (专利检索): query box with syntax help, facets, highlighted hits, export."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ipops.domain.errors import QuerySyntaxError
from ipops.search.fields import FIELDS
from ipops.search.query import add_clause
from ipops.search.schemas import SearchPage
from ipops.search.service import search
from ipops.web.deps import LimitQuery, SemanticDep, SessionDep, SettingsDep, page_limit
from ipops.web.templating import render

router = APIRouter()


@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    session: SessionDep,
    settings: SettingsDep,
    semantic: SemanticDep,
    q: Annotated[str, Query(max_length=2000)] = "",
    text: Annotated[str, Query(max_length=5000)] = "",
    mode: Annotated[str, Query(pattern="^(|keyword|semantic|hybrid)$")] = "",
    cursor: Annotated[str | None, Query()] = None,
    limit: LimitQuery = None,
) -> HTMLResponse:
    context: dict[str, Any] = {"q": q, "text": text, "mode": mode, "fields": FIELDS, "page": None, "error": None,
                               "facet_links": {}, "semantic_on": semantic is not None}  # fmt: skip
    try:
        page = search(session, query=q, text=text or None, mode=mode or None, semantic=semantic, cursor=cursor,
                      limit=page_limit(settings, limit))  # fmt: skip
        context.update(page=page, facet_links=_facet_links(q, page, text, mode), state=_state(q, text, mode))
    except QuerySyntaxError as exc:
        context["error"] = exc
    return render(request, "search/search.html", context, status_code=422 if context["error"] else 200)


def _state(q: str, text: str, mode: str) -> str:
    """The query string that repeats this search (for paging, export and the JSON link)."""
    return urlencode({k: v for k, v in (("q", q), ("text", text), ("mode", mode)) if v})


def _facet_links(q: str, page: SearchPage, text: str = "", mode: str = "") -> dict[str, str | None]:
    """Per bucket filter: the URL that adds it to the query (None when the query already has it)."""
    links: dict[str, str | None] = {}
    for facet in page.facets:
        for bucket in facet.buckets:
            narrowed = add_clause(q, bucket.filter)
            links[bucket.filter] = None if narrowed == q.strip() else "/search?" + _state(narrowed, text, mode)
    return links
