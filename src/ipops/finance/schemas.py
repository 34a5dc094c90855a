"""Pledge-finance values in and out (pydantic), shared by the API, the pages and the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from ipops.domain.viewer import Viewer as Viewer  # one definition for finance and the market


class PatentIn(BaseModel):
    number: str = Field(min_length=3, description="Application, patent (ZL) or publication number.")
    pledgor: str | None = Field(None, description="出质人: the registered holder; default the applicant firm's name.")
    invalidation_pending: bool = False


class ProjectCreate(BaseModel):
    bank_org_id: int
    amount: Decimal = Field(gt=0, description="Loan amount, 万元.")
    term_months: int = Field(ge=1, le=120)
    purpose: str | None = None
    patents: list[PatentIn] = Field(min_length=1)
    co_owner_consent: bool = False
    applicant_org_id: int | None = Field(None, description="IP office only: the applying organisation.")
    submit: bool = Field(False, description="Submit at once instead of keeping a draft.")


class ActionIn(BaseModel):
    action: Literal["submit", "accept", "approve", "reject", "register", "repay", "default", "dispose"]
    note: str | None = None
    registration_number: str | None = Field(None, description="register: the CNIPA pledge registration number.")
    registration_date: dt.date | None = None
    acknowledge_warnings: bool = False
    date: dt.date | None = Field(None, description="repay / default / dispose: the day it happened (default today).")
    loss_amount: Decimal | None = Field(None, ge=0, description="default: outstanding loss, 万元 (default the loan).")
    recovered_amount: Decimal | None = Field(None, ge=0, description="dispose: proceeds of the disposal, 万元.")


class CheckItem(BaseModel):
    rule: str  # holder | in_force | annual_fee | not_pledged | term | co_owners | utility_model | invalidation
    level: Literal["error", "warning", "ok"]
    app_number: str
    message: str
    source: str = ""


class CheckReport(BaseModel):
    on: dt.date
    loan_end: dt.date
    items: list[CheckItem]
    errors: int
    warnings: int
    can_register: bool


class ProjectPatentRead(BaseModel):
    app_number: str
    title: str
    patent_type: str | None
    pledgor: str
    legal_status: str | None
    legal_status_label: str
    invalidation_pending: bool
    href: str


class LogRead(BaseModel):
    at: dt.datetime
    user: str | None
    action: str
    action_label: str
    from_status: str | None
    to_status: str
    to_status_label: str
    note: str | None


class ActionRead(BaseModel):
    action: str
    label: str


class ProjectSummary(BaseModel):
    id: int
    applicant: str
    bank: str
    amount: Decimal
    term_months: int
    status: str
    status_label: str
    patents: int
    registration_number: str | None
    registration_date: dt.date | None
    updated_at: dt.datetime
    href: str


class ProjectRead(ProjectSummary):
    applicant_org_id: int
    bank_org_id: int
    purpose: str | None
    co_owner_consent: bool
    warnings_acknowledged: bool
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    loan_end_date: dt.date | None
    closed_date: dt.date | None
    disposed_date: dt.date | None
    bank_share: Decimal
    pool_share: Decimal
    guarantor_share: Decimal
    loss_amount: Decimal | None
    recovered_amount: Decimal | None
    pledged: list[ProjectPatentRead]
    history: list[LogRead]
    actions: list[ActionRead]  # what the viewer may do now


class RiskAlert(BaseModel):
    kind: str  # fee_due | fee_grace | fee_overdue | fee_unknown | expiry_before_loan_end | lapsed | invalidation | status_changed
    kind_label: str
    level: Literal["high", "medium", "low"]
    app_number: str
    message: str
    date: dt.date | None = None


class RiskReport(BaseModel):
    project_id: int
    applicant: str
    bank: str
    status: str
    loan_end_date: dt.date | None
    on: dt.date
    alerts: list[RiskAlert]


class WhitelistRow(BaseModel):
    app_number: str
    title: str
    patent_type: str | None
    holder: str
    region_code: str | None
    grant_date: dt.date | None
    expiry: dt.date | None
    remaining_years: float
    grade: str | None
    reasons: list[str]
    href: str


class WhitelistFirm(BaseModel):
    holder: str
    patents: int
    inventions: int
    app_numbers: list[str]


class WhitelistPage(BaseModel):
    region: str | None
    on: dt.date
    criteria: list[str]
    grade_criterion: str  # how the grade criterion was applied, in Chinese
    rows: list[WhitelistRow]
    firms: list[WhitelistFirm]
    version: str


class LossSplit(BaseModel):
    loss: Decimal
    bank: Decimal
    pool: Decimal
    guarantor: Decimal


class PoolEntryRead(BaseModel):
    id: int
    kind: str
    kind_label: str
    amount: Decimal
    entry_date: dt.date
    project_id: int | None
    note: str | None


class PoolEntryIn(BaseModel):
    amount: Decimal = Field(gt=0, description="万元")
    entry_date: dt.date | None = None
    note: str | None = None


class PoolSummary(BaseModel):
    balance: Decimal
    contributions: Decimal
    compensations: Decimal
    recoveries: Decimal
    shares: dict[str, Decimal]
    entries: list[PoolEntryRead]
    defaulted: list[ProjectSummary]


class Overview(BaseModel):
    """The office overview: projects by status, registered amount, pool balance."""

    by_status: dict[str, int]
    status_labels: dict[str, str]
    registered_amount: Decimal
    projects: list[ProjectSummary]
