"""Custody pages (专利托管): portfolio list, portfolio detail with calendar, alerts, downloads, add form."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ipops.analytics.rights import fee_table
from ipops.custody import service
from ipops.custody.schemas import AddItemsResult, Viewer
from ipops.domain.errors import IpopsError
from ipops.store.schema import User
from ipops.web.auth import CsrfField, check_csrf, require
from ipops.web.deps import SessionDep
from ipops.web.templating import render

router = APIRouter()
Reader = Annotated[User, require("custody.read")]
Manager = Annotated[User, require("custody.manage")]


@router.get("/custody", response_class=HTMLResponse)
def portfolio_list(request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    """The organisation's portfolios and the form to create one."""
    ctx = {"portfolios": service.list_portfolios(session, viewer=Viewer.of(user)), "error": None}
    return render(request, "custody/list.html", ctx)


@router.post("/custody")
def portfolio_create(
    request: Request, session: SessionDep, user: Manager, name: Annotated[str, Form()],
    note: Annotated[str, Form()] = "", csrf: CsrfField = None,
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    viewer = Viewer.of(user)
    try:
        created = service.create_portfolio(session, viewer=viewer, name=name, note=note)
    except IpopsError as exc:
        ctx = {
            "portfolios": service.list_portfolios(session, viewer=viewer),
            "error": exc.message_zh,
            "name": name,
        }
        return render(request, "custody/list.html", ctx, status_code=422)
    return RedirectResponse(created.href, status_code=303)


def _detail(request: Request, session: SessionDep, user: User, portfolio_id: int,
            added: AddItemsResult | None = None, status_code: int = 200) -> HTMLResponse:  # fmt: skip
    page = service.portfolio_detail(session, viewer=Viewer.of(user), portfolio_id=portfolio_id)
    rates = sorted((fee_table().reduction_rates or {}).values(), reverse=True)
    return render(
        request, "custody/detail.html", {"d": page, "added": added, "rates": rates}, status_code=status_code
    )


@router.get("/custody/{portfolio_id}", response_class=HTMLResponse)
def portfolio_detail(portfolio_id: int, request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    return _detail(request, session, user, portfolio_id)


@router.post("/custody/{portfolio_id}/items", response_class=HTMLResponse)
def portfolio_add(
    portfolio_id: int, request: Request, session: SessionDep, user: Manager, numbers: Annotated[str, Form()],
    reduction_percent: Annotated[Decimal, Form()] = Decimal(0), csrf: CsrfField = None,
) -> HTMLResponse:  # fmt: skip
    """Add the pasted numbers; the page lists each row's result."""
    check_csrf(request, csrf)
    added = service.add_patents(session, viewer=Viewer.of(user), portfolio_id=portfolio_id,
                                numbers=service.split_numbers(numbers), reduction_percent=reduction_percent)  # fmt: skip
    return _detail(request, session, user, portfolio_id, added)


@router.post("/custody/{portfolio_id}/items/{item_id}/paid")
def portfolio_paid(
    portfolio_id: int, item_id: int, request: Request, session: SessionDep, user: Manager,
    year: Annotated[int, Form()], paid_on: Annotated[dt.date | None, Form()] = None, csrf: CsrfField = None,
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    service.mark_paid(session, viewer=Viewer.of(user), portfolio_id=portfolio_id, item_id=item_id, year=year,
                      paid_on=paid_on or dt.date.today())  # fmt: skip
    return RedirectResponse(f"/custody/{portfolio_id}", status_code=303)
