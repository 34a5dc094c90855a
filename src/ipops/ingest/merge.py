"""Merging records of one application and hashing them.

A file often holds several rows for one application (the A publication and the B grant of the
CN-BIBS product; a bibliographic export followed by a legal-status export). Merging keeps every
value: a later non-empty value wins, an empty one never erases, lists are unioned where they
describe distinct things (publications, events) and replaced where they describe one thing
(the IPC list, the applicants).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

import orjson

from ipops.domain.legal_status import LegalStatus
from ipops.ingest.record import EventRecord, PartyRecord, PatentRecord, PublicationRecord

_LIST_REPLACED = ("ipc", "cpc", "family_countries")
_SPECIAL = {"publications", "events", "parties", "extras", "source_row", *_LIST_REPLACED}
_FIRM_BASES = ("source", "simulated")
_SCALARS = tuple(f.name for f in dataclasses.fields(PatentRecord) if f.name not in _SPECIAL)


def merge_records(base: PatentRecord, incoming: PatentRecord) -> PatentRecord:
    """Return `base` updated with every non-empty value of `incoming` (same application)."""
    merged = dataclasses.replace(base)
    for name in _SCALARS:
        value = getattr(incoming, name)
        if value is not None and value != "":
            setattr(merged, name, value)
    for name in _LIST_REPLACED:
        if getattr(incoming, name):
            setattr(merged, name, list(getattr(incoming, name)))
    merged.publications = _union_publications(base.publications, incoming.publications)
    merged.events = _union_events(base.events, incoming.events)
    merged.parties = _merge_parties(base.parties, incoming.parties)
    merged.extras = {**(base.extras or {}), **(incoming.extras or {})}
    merged.source_row = incoming.source_row or base.source_row
    if incoming.legal_status_basis == "derived" and base.legal_status_basis in _FIRM_BASES:
        for name in ("legal_status", "legal_status_raw", "legal_status_date", "legal_status_basis"):
            setattr(merged, name, getattr(base, name))  # an inferred status never beats a stated one
    settle_legal_status(merged)
    return merged


def _union_publications(a: list[PublicationRecord], b: list[PublicationRecord]) -> list[PublicationRecord]:
    by_number = {p.number: p for p in a}
    by_number.update({p.number: p for p in b})
    return sorted(by_number.values(), key=lambda p: (p.date or dt.date.max, p.number))


def _event_key(e: EventRecord) -> tuple[str, dt.date | None, str]:
    return e.kind, e.date, e.raw_text


def _union_events(a: list[EventRecord], b: list[EventRecord]) -> list[EventRecord]:
    by_key = {_event_key(e): e for e in a}
    by_key.update({_event_key(e): e for e in b})
    return sorted(by_key.values(), key=lambda e: (e.date or dt.date.max, e.kind))


def _merge_parties(a: list[PartyRecord], b: list[PartyRecord]) -> list[PartyRecord]:
    """Per role, the incoming list replaces the old one; roles the incoming record lacks stay."""
    incoming_roles = {p.role for p in b}
    return [p for p in a if p.role not in incoming_roles] + list(b)


def settle_legal_status(record: PatentRecord) -> None:
    """Status and its basis: the source's own status wins; else infer it from publications.

    A grant publication (B, U, S …) means the right was granted; an A publication alone means
    the application was published. Both are facts as of the publication date, marked `derived`
    so pages can say the current status is not known from the source.
    """
    if record.legal_status and record.legal_status_basis is None:
        record.legal_status_basis = "source"  # a fresh source record: its status is the source's
    if record.legal_status and record.legal_status_basis in _FIRM_BASES:
        return
    if record.grant_number or record.grant_date:
        record.legal_status, record.legal_status_basis = LegalStatus.granted.value, "derived"
    elif record.pub_number or record.publications:
        record.legal_status, record.legal_status_basis = LegalStatus.published.value, "derived"


def _json_default(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def record_hash(record: PatentRecord) -> str:
    """Stable fingerprint of a source record (row number excluded): the idempotency key."""
    # orjson walks (slotted) dataclasses natively, ~20x faster than dataclasses.asdict; the row
    # number is blanked in place (and restored) rather than copying the record.
    row, record.source_row = record.source_row, None
    try:
        payload = orjson.dumps(record, default=_json_default, option=orjson.OPT_SORT_KEYS)
    finally:
        record.source_row = row
    return hashlib.sha1(payload, usedforsecurity=False).hexdigest()
