"""The canonical in-memory patent record every reader produces and the writer stores.

Readers (CSV/XLSX profiles, CNIPA XML, USPTO XML, JSON lines) turn a source row into a
`PatentRecord`; normalisers fill the parsed fields; `ingest.writer` upserts it. Keeping one
shape between readers and the database is what lets a new vendor format be added without
touching the store.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any


@dataclass(slots=True)
class PartyRecord:
    """One applicant, holder, inventor or agency as named in the source, in source order."""

    name: str
    role: str  # "applicant" | "holder" | "inventor" | "agency" | "agent"
    address: str | None = None
    postcode: str | None = None
    country: str | None = None  # ISO 3166 alpha-2 where known ("CN", "US" …)


@dataclass(slots=True)
class EventRecord:
    """A dated legal event (transfer, licence, pledge, open licence …) from the source."""

    kind: str  # a domain.legal_events.LegalEventKind value
    date: dt.date | None
    raw_text: str = ""
    amount: Decimal | None = None  # 万元 for pledges, as given
    counterparty: str | None = None  # assignee / licensee / pledgee
    licence_type: str | None = None  # domain.legal_events.LicenceType value
    details: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class PublicationRecord:
    """One publication of the application (A, B, U, S, corrections A8/B9 …)."""

    number: str  # canonical, e.g. "CN106540887A"
    kind: str  # "A", "B", "C1", "U", "S" …
    date: dt.date | None = None


@dataclass(slots=True)
class PatentRecord:
    """A patent as IPOps stores it; raw source values the mapping did not use go in `extras`."""

    app_number: str  # canonical, e.g. "CN201410000511.3", "US13123456"
    country: str = "CN"
    patent_type: str | None = None  # domain.numbers.PatentType value
    pct_national_phase: bool = False
    title: str = ""
    abstract: str | None = None
    claims: str | None = None  # first/main claim or full claims text
    description: str | None = None
    app_date: dt.date | None = None
    pub_number: str | None = None  # first (application) publication
    pub_date: dt.date | None = None
    grant_number: str | None = None  # grant publication (B/U/S …)
    grant_date: dt.date | None = None
    priority_date: dt.date | None = None
    publications: list[PublicationRecord] = field(default_factory=list)
    ipc: list[str] = field(default_factory=list)  # canonical codes, main first
    ipc_main: str | None = None
    cpc: list[str] = field(default_factory=list)
    parties: list[PartyRecord] = field(default_factory=list)
    address: str | None = None  # first applicant / right holder address as printed
    postcode: str | None = None
    region_code: str | None = None  # most specific NBS code resolved from the address
    legal_status: str | None = None  # domain.legal_status.LegalStatus value
    legal_status_raw: str | None = None
    legal_status_date: dt.date | None = None
    legal_status_basis: str | None = None  # source | derived | simulated; the writer fills it
    events: list[EventRecord] = field(default_factory=list)
    family_size: int | None = None
    family_countries: list[str] = field(default_factory=list)
    granted_abroad: bool | None = None
    cited_by_count: int | None = None
    cites_count: int | None = None
    transfer_count: int | None = None  # vendor counters (专利转移次数 …) when no dated events are given
    licence_count: int | None = None
    pledge_count: int | None = None
    extras: dict[str, Any] = field(default_factory=dict)
    source_row: int | None = None  # 1-based data row (header excluded) or document index
