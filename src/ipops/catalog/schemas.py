"""Page objects of the catalogue: what the API returns and the templates render."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, ConfigDict


class PatentSummary(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    app_number: str
    title: str
    patent_type: str | None
    patent_type_label: str | None = None
    app_date: dt.date | None
    pub_number: str | None
    grant_number: str | None
    legal_status: str | None
    legal_status_label: str | None = None
    legal_status_basis: str | None
    applicants: str | None
    region_code: str | None = None
    region_name: str | None = None
    ipc_main: str | None
    is_demo: bool


class PatentPage(BaseModel):
    items: list[PatentSummary]
    total: int
    next_cursor: str | None
    limit: int
    filters: dict[str, str]


class PartyLink(BaseModel):
    role: str
    role_label: str
    seq: int
    name: str
    party_type: str | None = None
    party_type_label: str | None = None


class IpcEntry(BaseModel):
    code: str
    is_main: bool
    title_zh: str | None
    title_en: str | None
    subclass: str
    subclass_title: str | None


class EventEntry(BaseModel):
    kind: str
    kind_label: str
    date: dt.date | None
    counterparty: str | None
    amount: Decimal | None
    licence_type: str | None
    raw_text: str | None
    is_simulated: bool


class PublicationEntry(BaseModel):
    number: str
    kind: str
    kind_label: str | None
    date: dt.date | None


class PatentDetail(PatentSummary):
    patent_number: str | None = None
    country: str
    pct_national_phase: bool
    abstract: str | None
    claims: str | None
    pub_date: dt.date | None
    grant_date: dt.date | None
    priority_date: dt.date | None
    expiry_date: dt.date | None
    address: str | None
    postcode: str | None
    region_path: list[dict[str, str]] = []
    legal_status_raw: str | None
    legal_status_date: dt.date | None
    family_size: int | None
    granted_abroad: bool | None
    cited_by_count: int | None
    transfer_count: int | None
    licence_count: int | None
    pledge_count: int | None
    extras: dict[str, object] | None
    source_row: int | None
    import_run_id: int | None
    parties: list[PartyLink] = []
    ipcs: list[IpcEntry] = []
    publications: list[PublicationEntry] = []
    events: list[EventEntry] = []
