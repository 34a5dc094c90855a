"""The FastAPI application: JSON API under /api/v1 and server-rendered Chinese pages.

`create_app(settings)` builds everything from explicit settings; nothing happens at import.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.middleware.sessions import SessionMiddleware

from ipops import __version__
from ipops.domain.errors import (
    Conflict,
    Forbidden,
    InvalidIpc,
    InvalidNumber,
    InvalidTransition,
    IpopsError,
    NotFound,
    RowRejected,
    Unauthenticated,
)
from ipops.store.db import Database
from ipops.store.settings import Settings
from ipops.web import api, pages
from ipops.web.auth import CsrfFailed
from ipops.web.templating import render

STATIC = Path(__file__).parent / "static"
_STATUS = {NotFound: 404, Conflict: 409, InvalidNumber: 422, InvalidIpc: 422, InvalidTransition: 422,
           RowRejected: 422, Unauthenticated: 401, Forbidden: 403, CsrfFailed: 403}  # fmt: skip


def create_app(settings: Settings | None = None, *, database: Database | None = None) -> FastAPI:
    settings = settings or Settings()
    settings.check_production()
    app = FastAPI(
        title="IPOps 区域知识产权运营公共服务平台",
        version=__version__,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/v1/openapi.json",
    )
    app.state.settings = settings
    app.state.db = database or Database(settings)
    app.add_middleware(SessionMiddleware, secret_key=settings.secret_key, session_cookie="ipops_session",
                       same_site="lax", max_age=12 * 3600)  # fmt: skip
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(api.router, prefix="/api/v1")
    app.include_router(pages.router)
    app.add_exception_handler(IpopsError, _domain_error)
    return app


def _status_of(exc: IpopsError) -> int:
    for cls, code in _STATUS.items():
        if isinstance(exc, cls):
            return code
    return 400


async def _domain_error(request: Request, exc: Exception) -> Response:
    """One place maps domain errors to HTTP: JSON for the API, a Chinese page for people."""
    assert isinstance(exc, IpopsError)
    status = _status_of(exc)
    if request.url.path.startswith("/api/"):
        return JSONResponse({"error": type(exc).__name__, "message": exc.message_zh}, status_code=status)
    if isinstance(exc, Unauthenticated):
        return RedirectResponse(f"/login?next={request.url.path}", status_code=303)
    return render(request, "error.html", {"message": exc.message_zh, "status": status}, status_code=status)
