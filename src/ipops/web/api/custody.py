"""Custody API (专利托管): portfolios, their fee calendar (JSON, ICS, XLSX), alerts and payments."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ipops.custody import service
from ipops.custody.exports import calendar_ics, calendar_xlsx
from ipops.custody.schemas import (
    AddItemsIn,
    AddItemsResult,
    AlertList,
    ItemRead,
    PaymentIn,
    PortfolioCalendar,
    PortfolioCreate,
    PortfolioDetail,
    PortfolioRead,
    Viewer,
)
from ipops.store.schema import User
from ipops.web.auth import require
from ipops.web.deps import SessionDep

router = APIRouter(prefix="/custody", tags=["custody"])
Reader = Annotated[User, require("custody.read")]
Manager = Annotated[User, require("custody.manage")]
OnQuery = Annotated[dt.date | None, Query(description="Reference day (default today).")]
YearsQuery = Annotated[int, Query(ge=1, le=20, description="Calendar years ahead.")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("", response_model=list[PortfolioRead])
def portfolios(session: SessionDep, user: Reader) -> list[PortfolioRead]:
    """The signed-in organisation's portfolios (the IP office: all)."""
    return service.list_portfolios(session, viewer=Viewer.of(user))


@router.post("", response_model=PortfolioRead, status_code=201)
def create(body: PortfolioCreate, session: SessionDep, user: Manager) -> PortfolioRead:
    return service.create_portfolio(session, viewer=Viewer.of(user), name=body.name, note=body.note,
                                    organisation_id=body.organisation_id)  # fmt: skip


@router.get("/{portfolio_id}", response_model=PortfolioDetail)
def detail(
    portfolio_id: int, session: SessionDep, user: Reader, on: OnQuery = None, years: YearsQuery = 3
) -> PortfolioDetail:
    """The JSON twin of the portfolio page."""
    return service.portfolio_detail(
        session, viewer=Viewer.of(user), portfolio_id=portfolio_id, on=on, years=years
    )


@router.get("/{portfolio_id}/calendar", response_model=PortfolioCalendar)
def calendar(
    portfolio_id: int, session: SessionDep, user: Reader, on: OnQuery = None, years: YearsQuery = 3,
    format: Annotated[Literal["json", "ics", "xlsx"], Query(description="json, ics (RFC 5545) or xlsx.")] = "json",
) -> PortfolioCalendar | Response:  # fmt: skip
    """Unpaid annual fees with due dates, grace ends and late-fee bands, and the budget per year."""
    cal = service.portfolio_calendar(
        session, viewer=Viewer.of(user), portfolio_id=portfolio_id, on=on, years=years
    )
    name = f"custody-{portfolio_id}-calendar"
    if format == "ics":
        return Response(calendar_ics(cal), media_type="text/calendar; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}.ics"'})  # fmt: skip
    if format == "xlsx":
        return Response(calendar_xlsx(cal), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{name}.xlsx"'})  # fmt: skip
    return cal


@router.get("/{portfolio_id}/calendar.ics", include_in_schema=False, response_model=None)
def calendar_ics_file(portfolio_id: int, session: SessionDep, user: Reader, on: OnQuery = None,
                      years: YearsQuery = 3) -> PortfolioCalendar | Response:  # fmt: skip
    """`/calendar.ics`: the same as `?format=ics`, for calendar apps that subscribe by URL."""
    return calendar(portfolio_id, session, user, on, years, "ics")


@router.get("/{portfolio_id}/calendar.xlsx", include_in_schema=False, response_model=None)
def calendar_xlsx_file(portfolio_id: int, session: SessionDep, user: Reader, on: OnQuery = None,
                       years: YearsQuery = 3) -> PortfolioCalendar | Response:  # fmt: skip
    return calendar(portfolio_id, session, user, on, years, "xlsx")


@router.post("/{portfolio_id}/items", response_model=AddItemsResult)
def add_items(portfolio_id: int, body: AddItemsIn, session: SessionDep, user: Manager) -> AddItemsResult:
    """Add patents by number; every row is reported, a bad row never stops the others."""
    return service.add_patents(session, viewer=Viewer.of(user), portfolio_id=portfolio_id, numbers=body.numbers,
                               reduction_percent=body.reduction_percent)  # fmt: skip


@router.get("/{portfolio_id}/alerts", response_model=AlertList)
def alerts(portfolio_id: int, session: SessionDep, user: Reader, on: OnQuery = None) -> AlertList:
    return service.portfolio_alerts(session, viewer=Viewer.of(user), portfolio_id=portfolio_id, on=on)


@router.post("/{portfolio_id}/alerts/acknowledge", response_model=dict[str, int])
def acknowledge(portfolio_id: int, session: SessionDep, user: Manager) -> dict[str, int]:
    """Mark the current legal statuses as seen (clears status-change alerts)."""
    return {
        "acknowledged": service.acknowledge_alerts(session, viewer=Viewer.of(user), portfolio_id=portfolio_id)
    }


@router.post("/{portfolio_id}/items/{item_id}/payments", response_model=ItemRead)
def pay(portfolio_id: int, item_id: int, body: PaymentIn, session: SessionDep, user: Manager) -> ItemRead:
    """Mark one year's annual fee as paid."""
    return service.mark_paid(session, viewer=Viewer.of(user), portfolio_id=portfolio_id, item_id=item_id,
                             year=body.year, paid_on=body.paid_on, amount=body.amount)  # fmt: skip
