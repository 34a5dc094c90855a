"""The valuation explanation page of one patent and its printable summary (DOCX/PDF)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ipops.reports.valuation_summary import generate_summary
from ipops.store.schema import User
from ipops.valuation.service import value_patent
from ipops.web.auth import require
from ipops.web.deps import SessionDep
from ipops.web.templating import render

router = APIRouter()
Reader = Annotated[User, require("valuation.read")]
AsOfQuery = Annotated[dt.date | None, Query()]
MEDIA = {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}


@router.get("/patents/{number}/valuation", response_class=HTMLResponse)
def valuation_page(number: str, request: Request, session: SessionDep, user: Reader, as_of: AsOfQuery = None) -> HTMLResponse:
    """Dimension bars, the indicator table (raw value → score → weight) and the missing indicators."""
    return render(request, "valuation/patent.html", {"v": value_patent(session, number=number, as_of=as_of)})


@router.get("/patents/{number}/valuation/summary")
def valuation_summary(number: str, session: SessionDep, user: Reader, as_of: AsOfQuery = None,
                      format: Annotated[str, Query(pattern="^(pdf|docx)$")] = "pdf") -> Response:  # fmt: skip
    """The printable 专利价值评估摘要 as a download."""
    body, name = generate_summary(session, number=number, as_of=as_of, fmt=format)
    return Response(body, media_type=MEDIA[format],
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})  # fmt: skip
