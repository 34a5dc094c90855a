"""Home page: what the platform holds, at a glance."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ipops.catalog.overview import platform_overview
from ipops.web.deps import SessionDep
from ipops.web.templating import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep) -> HTMLResponse:
    """Counts by type, status and city, with links into the patent list."""
    return render(request, "home.html", {"overview": platform_overview(session)})
