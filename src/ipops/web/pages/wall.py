"""The data wall (数据大屏, IP office): a full-screen dashboard whose numbers come from
`GET /api/v1/wall` (fetched by static/js/wall.js); this route only renders the shell."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ipops.store.schema import User
from ipops.web.auth import require
from ipops.web.templating import render

router = APIRouter()

DEFAULT_REGION = "370000"  # 山东省
DEFAULT_INDICATOR = "hv_invention_per_10k"
_REGION = re.compile(r"^\d{6}$")
_INDICATOR = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


# The same permission as GET /api/v1/wall: IP office administrators, like /quality.
Reader = Annotated[User, require("indicators.read")]


@router.get("/wall", response_class=HTMLResponse)
def wall_page(
    request: Request,
    user: Reader,
    region: str | None = None,
    year: str | None = None,
    indicator: str | None = None,
) -> HTMLResponse:
    """Malformed query values fall back to the defaults (the page never 422s); an absent year is
    left to the endpoint, which picks the latest year with data."""
    params = {
        "region": region if region and _REGION.match(region) else DEFAULT_REGION,
        "year": year if year and year.isdigit() and len(year) == 4 else "",
        "indicator": indicator if indicator and _INDICATOR.match(indicator) else DEFAULT_INDICATOR,
    }
    return render(request, "wall/wall.html", {"params": params, "api": "/api/v1/wall"})
