"""Marketplace values in and out (pydantic), shared by the API, the pages and the tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from ipops.domain.legal_events import LICENCE_LABELS_ZH as LICENCE_LABELS_ZH  # the register's labels
from ipops.domain.viewer import Viewer as Viewer  # one definition for finance and the market

DealType = Literal["transfer", "licence", "open_licence"]
LicenceKind = Literal["exclusive", "sole", "ordinary"]
RoyaltyBase = Literal["net_sales", "profit"]

DEAL_LABELS_ZH = {"transfer": "转让", "licence": "许可", "open_licence": "开放许可"}
BASE_LABELS_ZH = {"net_sales": "净销售额", "profit": "利润"}

# --- listings ---------------------------------------------------------------------------------


class ListingTerms(BaseModel):
    """The fields a holder fills in; shared by create and update."""

    deal_type: DealType
    licence_type: LicenceKind | None = Field(
        None, description="licence only: 独占/排他/普通 (exclusive/sole/ordinary)."
    )
    lump_sum: Decimal | None = Field(None, ge=0, description="One-off price or fee, 万元.")
    royalty_rate: Decimal | None = Field(None, ge=0, le=100, description="Running royalty, percent.")
    royalty_base: RoyaltyBase | None = Field(
        None, description="What the rate applies to: net_sales or profit."
    )
    term_months: int | None = Field(
        None, ge=1, le=600, description="Licence term in months (open licence: required)."
    )
    royalty_note: str | None = Field(None, max_length=10000, description="许可使用费估算说明.")
    description: str | None = Field(None, max_length=10000)
    contact: str | None = Field(None, max_length=200)
    pledgee_consent: bool = Field(
        False, description="The pledgee agreed (needed when the patent is pledged)."
    )
    evaluation_report: bool = Field(
        False, description="A positive 专利权评价报告 exists (UM/design open licence)."
    )


class ListingCreate(ListingTerms):
    number: str = Field(min_length=3, description="Application, patent (ZL) or publication number.")


class ListingUpdate(BaseModel):
    """PATCH: only the fields given change (drafts only)."""

    deal_type: DealType | None = None
    licence_type: LicenceKind | None = None
    lump_sum: Decimal | None = Field(None, ge=0)
    royalty_rate: Decimal | None = Field(None, ge=0, le=100)
    royalty_base: RoyaltyBase | None = None
    term_months: int | None = Field(None, ge=1, le=600)
    royalty_note: str | None = Field(None, max_length=10000)
    description: str | None = Field(None, max_length=10000)
    contact: str | None = Field(None, max_length=200)
    pledgee_consent: bool | None = None
    evaluation_report: bool | None = None


class ListingActionIn(BaseModel):
    action: Literal["submit", "approve", "reject", "negotiate", "resume", "conclude", "withdraw"]
    note: str | None = Field(None, max_length=2000)
    acknowledge_warnings: bool = Field(False, description="submit: the holder has read the warnings.")
    counterparty: str | None = Field(
        None, max_length=400, description="negotiate/conclude: 受让人 or 被许可人."
    )
    deal_date: dt.date | None = Field(None, description="conclude: the contract date (default today).")
    deal_amount: Decimal | None = Field(None, ge=0, description="conclude: the agreed amount, 万元.")


class CheckItem(BaseModel):
    rule: str
    level: Literal["error", "warning", "ok"]
    message: str
    source: str = ""


class CheckReport(BaseModel):
    on: dt.date
    items: list[CheckItem]
    errors: int
    warnings: int
    can_submit: bool


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


class ListingSummary(BaseModel):
    id: int
    org_id: int
    holder: str
    app_number: str
    title: str
    patent_type: str | None
    deal_type: str
    deal_label: str
    licence_type: str | None
    licence_label: str | None
    open_licence: bool
    lump_sum: Decimal | None
    royalty_rate: Decimal | None
    royalty_base: str | None
    term_months: int | None
    status: str
    status_label: str
    published_at: dt.datetime | None
    updated_at: dt.datetime
    href: str


class ListingRead(ListingSummary):
    royalty_note: str | None
    description: str | None
    contact: str | None
    pledgee_consent: bool
    evaluation_report: bool
    review_note: str | None
    # deal fields: shown to the holder, the counterparty organisation and the office only
    counterparty: str | None = None
    deal_date: dt.date | None = None
    deal_amount: Decimal | None = None
    is_party: bool = False
    checks: CheckReport | None = None  # current rule results (holder and office)
    history: list[LogRead] = []
    actions: list[ActionRead] = []


class ListingPage(BaseModel):
    rows: list[ListingSummary]
    total: int
    filters: dict[str, str | None]


# --- needs ------------------------------------------------------------------------------------


class NeedCreate(BaseModel):
    title: str = Field(min_length=2, max_length=200)
    description: str = Field(min_length=4, max_length=10000, description="The need in free Chinese text.")
    industry_code: str | None = Field(
        None, max_length=32, description="SEI 2018 code (industry, scheme sei2018)."
    )
    region_code: str | None = Field(None, pattern=r"^\d{6}$", description="NBS region code.")
    budget: Decimal | None = Field(None, ge=0, description="万元")
    deadline: dt.date | None = None


class NeedClass(BaseModel):
    kind: Literal["ipc", "industry"]
    code: str
    label: str
    score: float


class NeedSummary(BaseModel):
    id: int
    org_id: int
    org: str
    title: str
    industry_code: str | None
    industry_label: str | None
    region_code: str | None
    region_label: str | None
    budget: Decimal | None
    deadline: dt.date | None
    status: str
    status_label: str
    created_at: dt.datetime
    href: str


class NeedRead(NeedSummary):
    description: str
    classes: list[NeedClass]


class NeedStatusIn(BaseModel):
    status: Literal["open", "closed"]


# --- sleeping patents ---------------------------------------------------------------------------


class SleepingRow(BaseModel):
    patent_id: int
    app_number: str
    title: str
    patent_type: str | None
    app_date: dt.date | None
    grant_date: dt.date | None
    age_years: float
    remaining_years: float | None
    grade: str | None
    ipc_subclasses: int
    claims: int | None
    potential: Literal["high", "medium", "low"]
    potential_label: str
    reasons: list[str]
    outcome: str | None  # listed | matched | licensed
    outcome_label: str | None
    outcome_date: dt.date | None
    href: str


class SleepingPage(BaseModel):
    org_id: int
    org: str
    on: dt.date
    criteria: list[str]
    rows: list[SleepingRow]
    counts: dict[str, int]
    version: str


class OutcomeIn(BaseModel):
    number: str = Field(min_length=3)
    outcome: Literal["listed", "matched", "licensed"]
    outcome_date: dt.date | None = None
    note: str | None = Field(None, max_length=2000)


# --- recommendations: need matches, potential licensees, digests --------------------------------


class MatchRow(BaseModel):
    """One patent answering a need; score = similarity + the bonuses named in ``reasons``."""

    app_number: str
    title: str
    score: float
    similarity: float
    reasons: list[str]
    legal_status: str | None
    listing_id: int | None = Field(None, description="A published or negotiating listing of the patent.")
    href: str


class NeedMatches(BaseModel):
    need_id: int
    need_title: str
    available: bool = Field(description="False when semantic search is off or no patent has a vector yet.")
    matches: list[MatchRow]


class LicenseePatent(BaseModel):
    app_number: str
    title: str
    similarity: float


class LicenseeNeed(BaseModel):
    need_id: int
    title: str
    similarity: float


class LicenseeRow(BaseModel):
    """A firm likely to want a licence: its closest patents and open needs, and why."""

    name: str
    region_code: str | None
    score: float
    reason: str
    registered: bool = Field(description="The firm has an organisation on the platform.")
    patents: list[LicenseePatent]
    needs: list[LicenseeNeed] = Field(description="Shown to the IP office only (needs are private).")


class LicenseePage(BaseModel):
    app_number: str
    title: str
    available: bool
    licensees: list[LicenseeRow]


class DigestItem(BaseModel):
    kind: Literal["need", "listing"]
    app_number: str
    title: str
    score: float
    reason: str
    need_id: int | None = None
    need_title: str | None = None
    listing_id: int | None = None
    deal_type: str | None = None


class DigestSummary(BaseModel):
    id: int
    org_id: int
    org: str
    period: str
    created_at: dt.datetime
    read_at: dt.datetime | None
    items: int
    href: str


class DigestRead(DigestSummary):
    entries: list[DigestItem]
