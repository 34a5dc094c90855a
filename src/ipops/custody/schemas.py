"""Inputs and outputs of custody (专利托管): portfolios, fee calendars, budgets, alerts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer

from ipops.domain.fees import FeeCalendar, FeeYear
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.store.schema import User

# Money is a Decimal in Python and a JSON number on the wire.
Money = Annotated[Decimal, PlainSerializer(float, return_type=float, when_used="json")]

# The role value stored on app_user for IP-office administrators (accounts.roles.Role.office_admin;
# accounts is a sibling package, so custody reads the stored value rather than importing it).
OFFICE_ADMIN_ROLE = "office_admin"

STATUS_LABELS_ZH = {"upcoming": "待缴", "in_grace": "滞纳期", "overdue": "已过滞纳期", "paid": "已缴"}
BASIS_LABELS_ZH = {
    "": "",
    "fee_reduction": "费减",
    "open_licence": "开放许可",
    "fee_reduction+open_licence": "费减+开放许可",
}
ALERT_LABELS_ZH = {
    "due_soon": "年费即将到期", "in_grace": "处于滞纳期", "overdue": "已过滞纳期", "lapsed": "权利已终止",
    "status_changed": "法律状态变化", "expiring": "期限即将届满",
}  # fmt: skip


@dataclass(frozen=True)
class Viewer:
    """Who asks: their organisation, and whether they see every organisation's portfolios (IP office)."""

    user_id: int | None
    organisation_id: int | None
    sees_all: bool = False

    @classmethod
    def of(cls, user: User) -> Viewer:
        return cls(user.id, user.organisation_id, user.role == OFFICE_ADMIN_ROLE)


class PortfolioCreate(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    note: str | None = None
    organisation_id: int | None = Field(
        None, description="Only the IP office may create for another organisation."
    )


class PortfolioRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    name: str
    organisation_id: int
    organisation_name: str
    note: str | None
    items: int
    href: str


class LateBandRead(BaseModel):
    start: dt.date
    end: dt.date
    percent: Money
    surcharge: Money
    total: Money


class FeeYearRead(BaseModel):
    year: int
    due_date: dt.date
    is_grant_year: bool
    amount: Money
    reduction_percent: Money
    reduction_basis: str
    reduction_label: str
    payable: Money
    grace_end: dt.date | None
    late_bands: list[LateBandRead]

    @classmethod
    def of(cls, y: FeeYear) -> FeeYearRead:
        return cls(
            year=y.year, due_date=y.due_date, is_grant_year=y.is_grant_year, amount=y.amount,
            reduction_percent=y.reduction_percent, reduction_basis=y.reduction_basis,
            reduction_label=BASIS_LABELS_ZH.get(y.reduction_basis, y.reduction_basis), payable=y.payable,
            grace_end=y.grace_end,
            late_bands=[LateBandRead(start=b.start, end=b.end, percent=b.percent, surcharge=b.surcharge, total=b.total)
                        for b in y.late_bands],
        )  # fmt: skip


class PatentFeeCalendar(BaseModel):
    """The fee calendar of one patent (ipops fees)."""

    app_number: str | None
    title: str | None
    patent_type: str
    patent_type_label: str
    filing_date: dt.date
    grant_date: dt.date
    grant_year: int
    expiry: dt.date
    fee_table_version: str
    years: list[FeeYearRead]

    @classmethod
    def of(
        cls, cal: FeeCalendar, *, app_number: str | None, title: str | None, version: str
    ) -> PatentFeeCalendar:
        return cls(
            app_number=app_number, title=title, patent_type=cal.patent_type.value,
            patent_type_label=PATENT_TYPE_LABELS_ZH[PatentType(cal.patent_type)], filing_date=cal.filing_date,
            grant_date=cal.grant_date, grant_year=cal.grant_year, expiry=cal.expiry, fee_table_version=version,
            years=[FeeYearRead.of(y) for y in cal.years],
        )  # fmt: skip


class ItemRead(BaseModel):
    id: int
    patent_id: int
    app_number: str
    title: str
    patent_type_label: str
    app_date: dt.date | None
    grant_date: dt.date | None
    legal_status: str | None
    reduction_percent: Money
    paid_up_to_year: int | None
    next_year: int | None
    next_due_date: dt.date | None
    next_payable: Money | None
    expiry: dt.date | None
    notes: str | None


class AddRowResult(BaseModel):
    row: int
    number: str
    ok: bool
    app_number: str | None = None
    title: str | None = None
    message: str


class AddItemsIn(BaseModel):
    numbers: list[str] = Field(
        min_length=1, description="Application, ZL patent or publication numbers, any form."
    )
    reduction_percent: Decimal = Field(Decimal(0), ge=0, le=100, description="费减比例: 0, 70 or 85.")


class AddItemsResult(BaseModel):
    added: int
    rejected: int
    rows: list[AddRowResult]


class PaymentIn(BaseModel):
    year: int = Field(ge=1, le=20)
    paid_on: dt.date
    amount: Decimal | None = Field(None, description="Defaults to what is owed on paid_on (fee + late fee).")


class CalendarRow(BaseModel):
    item_id: int
    app_number: str
    title: str
    year: int
    due_date: dt.date
    amount: Money
    reduction_percent: Money
    payable: Money
    grace_end: dt.date | None
    status: str  # upcoming | in_grace | overdue
    status_label: str
    owed_today: Money  # what paying today costs (late fee included)
    late_bands: list[LateBandRead]


class BudgetYear(BaseModel):
    year: int  # calendar year of the due dates
    fees: int
    amount: Money
    payable: Money


class PortfolioCalendar(BaseModel):
    portfolio: PortfolioRead
    on: dt.date
    until: dt.date
    rows: list[CalendarRow]
    budget: list[BudgetYear]


class Alert(BaseModel):
    kind: str  # due_soon | in_grace | overdue | lapsed | status_changed | expiring
    label: str
    item_id: int
    app_number: str
    title: str
    date: dt.date | None
    amount: Money | None = None
    message: str


class AlertList(BaseModel):
    portfolio: PortfolioRead
    on: dt.date
    alerts: list[Alert]


class PortfolioDetail(BaseModel):
    portfolio: PortfolioRead
    items: list[ItemRead]
    calendar: PortfolioCalendar
    alerts: list[Alert]
