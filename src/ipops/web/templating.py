"""Jinja2 templates with the labels every page needs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ipops import __version__
from ipops.web.auth import csrf_token
from ipops.web.nav import NAV

INLINE_TAGS = ("sub", "sup")  # CNIPA titles write formulas so: 钒酸锂Li<sub>3</sub>VO<sub>4</sub>


def inline_markup(text: str | None) -> Markup:
    """A patent title with its sub/superscripts rendered and everything else escaped."""
    out = str(escape(text or ""))
    for tag in INLINE_TAGS:
        out = out.replace(f"&lt;{tag}&gt;", f"<{tag}>").replace(f"&lt;/{tag}&gt;", f"</{tag}>")
    return Markup(out)  # noqa: S704 - only the exact tags above are restored, after escaping


templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.globals.update(nav=NAV, version=__version__, csrf_token=csrf_token)
templates.env.filters["inline"] = inline_markup


def render(request: Request, name: str, context: dict[str, Any], *, status_code: int = 200) -> HTMLResponse:
    context.setdefault("user", getattr(request.state, "user", None))
    return templates.TemplateResponse(request, name, context, status_code=status_code)
