"""Search API: the JSON twin of /search, and the export of a whole result set."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.background import BackgroundTask

from ipops.domain.errors import QuerySyntaxError
from ipops.search.facets import DEFAULT_FACETS
from ipops.search.schemas import SearchPage, SimilarPage
from ipops.search.service import export, search, similar
from ipops.web.deps import LimitQuery, SemanticDep, SessionDep, SettingsDep, page_limit

router = APIRouter(tags=["search"])
QueryParam = Annotated[
    str, Query(description="Query: keywords or fielded syntax (docs/search.md).", max_length=2000)
]
TextParam = Annotated[
    str | None,
    Query(description="A pasted paragraph (technical description, need): its nearest patents; `q` filters them.",
          max_length=5000),
]  # fmt: skip
ModeParam = Annotated[
    str | None,
    Query(pattern="^(keyword|semantic|hybrid)$",
          description="How `q`'s words rank: keyword (BM25), semantic, hybrid (default when vectors exist)."),
]  # fmt: skip


def syntax_error(exc: QuerySyntaxError) -> JSONResponse:
    """422 with where and what: the position (0-based) and the Chinese explanation."""
    body = {
        "error": "QuerySyntaxError",
        "message": exc.message_zh,
        "reason": exc.reason_zh,
        "position": exc.position,
    }
    return JSONResponse(body, status_code=422)


@router.get("/search", response_model=SearchPage, responses={422: {"description": "Query syntax error"}})
def search_patents(
    session: SessionDep,
    settings: SettingsDep,
    semantic: SemanticDep,
    q: QueryParam = "",
    text: TextParam = None,
    mode: ModeParam = None,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    facets: Annotated[
        str | None,
        Query(description=f"Comma-separated facets; default all: {','.join(DEFAULT_FACETS)}; '-' for none."),
    ] = None,
    limit: LimitQuery = None,
) -> SearchPage | JSONResponse:
    """Ranked hits (score, highlights), facet counts over all hits, and the next cursor."""
    names = (
        DEFAULT_FACETS
        if facets is None
        else tuple(f for f in facets.split(",") if f.strip() not in ("", "-"))
    )
    try:
        return search(session, query=q, text=text, mode=mode, semantic=semantic, cursor=cursor,
                      limit=page_limit(settings, limit), facets=names)  # fmt: skip
    except QuerySyntaxError as exc:
        return syntax_error(exc)


@router.get(
    "/search/export", responses={200: {"description": "The file"}, 422: {"description": "Query syntax error"}}
)
def export_hits(
    session: SessionDep,
    settings: SettingsDep,
    semantic: SemanticDep,
    q: QueryParam = "",
    text: TextParam = None,
    mode: ModeParam = None,
    format: Annotated[str, Query(pattern="^(csv|xlsx)$", description="csv or xlsx")] = "xlsx",
) -> Response:
    """Every hit of the query as one file (never cut; XLSX refuses more rows than a sheet holds)."""
    folder = Path(settings.data_dir) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=folder, suffix=f".{format}", delete=False) as tmp:
        path = Path(tmp.name)
    try:
        rows = export(session, query=q, text=text, mode=mode, semantic=semantic, path=path)
    except QuerySyntaxError as exc:
        path.unlink(missing_ok=True)
        return syntax_error(exc)
    except Exception:
        path.unlink(missing_ok=True)
        raise
    return FileResponse(path, filename=f"patent-search-{rows}.{format}", headers={"X-Rows": str(rows)},
                        background=BackgroundTask(path.unlink, missing_ok=True))  # fmt: skip


@router.get("/patents/{number}/similar", response_model=SimilarPage)
def similar_patents(
    number: str,
    session: SessionDep,
    semantic: SemanticDep,
    limit: Annotated[int, Query(ge=1, le=100, description="How many neighbours.")] = 10,
) -> SimilarPage:
    """Patents nearest in meaning to this one (cosine of the static encoder's vectors)."""
    return similar(session, number=number, semantic=semantic, limit=limit)
