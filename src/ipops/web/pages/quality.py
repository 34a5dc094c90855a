"""The data-quality page (IP office): what the corpus is missing and what needs a person's review."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ipops.quality.service import quality_report
from ipops.store.schema import User
from ipops.web.auth import require
from ipops.web.deps import SessionDep
from ipops.web.templating import render

router = APIRouter()
Reader = Annotated[User, require("quality.read")]


@router.get("/quality", response_class=HTMLResponse)
def quality_page(request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    return render(request, "quality/report.html", {"q": quality_report(session)})
