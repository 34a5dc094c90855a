"""Jinja2 templates with the labels every page needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ipops import __version__
from ipops.web.auth import csrf_token
from ipops.web.nav import NAV

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(nav=NAV, version=__version__, csrf_token=csrf_token)


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    context.setdefault("user", getattr(request.state, "user", None))
    return templates.TemplateResponse(request, name, context, status_code=status_code)
