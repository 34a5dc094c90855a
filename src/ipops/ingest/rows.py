"""PatentRecord ⇄ table rows. The only place that knows both shapes."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipops.domain.errors import InvalidIpc
from ipops.domain.ipc import parse_ipc
from ipops.domain.numbers import PatentType
from ipops.domain.terms import expiry_date
from ipops.ingest.parties import PartyResolver, party_links
from ipops.ingest.record import EventRecord, PartyRecord, PatentRecord, PublicationRecord
from ipops.refdata.regions_file import load_region_table
from ipops.store.schema import LegalEvent, Party, Patent, PatentIpc, PatentParty, Publication

_COPIED = (
    "app_number", "country", "patent_type", "pct_national_phase", "abstract", "claims",
    "description", "app_date", "pub_number", "pub_date", "grant_number", "grant_date", "priority_date",
    "ipc_main", "address", "postcode", "legal_status", "legal_status_raw", "legal_status_date",
    "legal_status_basis", "family_size", "granted_abroad", "cited_by_count", "cites_count",
    "transfer_count", "licence_count", "pledge_count",
)  # fmt: skip


def patent_row(rec: PatentRecord, *, run_id: int | None, is_demo: bool) -> dict[str, Any]:
    """The `patent` table row for a record, with region lineage and expiry worked out."""
    row: dict[str, Any] = {name: getattr(rec, name) for name in _COPIED}
    province, city, county = region_lineage(rec.region_code)
    holder = _first_holder(rec)
    row.update(
        title=rec.title or "",
        ipc_main=rec.ipc_main or (rec.ipc[0] if rec.ipc else None),
        cpc=rec.cpc or None,
        family_countries=rec.family_countries or None,
        extras=rec.extras or None,
        province_code=province,
        city_code=city,
        county_code=county,
        holder_country=(holder.country if holder and holder.country else _country_of(rec, province)),
        applicants_display="; ".join(p.name for p in rec.parties if p.role == (holder.role if holder else "")),
        expiry_date=_expiry(rec),
        is_demo=is_demo,
        import_run_id=run_id,
        source_row=rec.source_row,
    )
    return row


def _first_holder(rec: PatentRecord) -> PartyRecord | None:
    """Right holder for attribution: current holder if known, else the first applicant."""
    for role in ("holder", "applicant"):
        for p in rec.parties:
            if p.role == role:
                return p
    return None


def _country_of(rec: PatentRecord, province: str | None) -> str | None:
    if province:
        return {"710000": "TW", "810000": "HK", "820000": "MO"}.get(province, "CN")
    return None if rec.country != "CN" else None


def _expiry(rec: PatentRecord) -> Any:
    if rec.country != "CN" or not rec.app_date or not rec.patent_type:
        return None
    return expiry_date(PatentType(rec.patent_type), rec.app_date)


def region_lineage(code: str | None) -> tuple[str | None, str | None, str | None]:
    """(province, city, county) codes for the most specific code resolved from an address."""
    if not code:
        return None, None, None
    return _lineage(code)


@lru_cache(maxsize=8192)
def _lineage(code: str) -> tuple[str | None, str | None, str | None]:
    table = load_region_table()
    levels: dict[str, str | None] = {"province": None, "city": None, "county": None}
    region = table.get(code)
    while region is not None:
        levels[region.level] = region.code
        region = table.get(region.parent_code) if region.parent_code else None
    return levels["province"], levels["city"], levels["county"]


@lru_cache(maxsize=65536)
def _ipc_parts(code: str) -> tuple[str, str]:
    try:
        ipc = parse_ipc(code)
    except InvalidIpc:
        return code[:4], code
    return ipc.subclass_code or code[:4], ipc.main_group_code or ipc.code


def child_rows(
    patent_id: int, rec: PatentRecord, parties: PartyResolver, *, run_id: int | None
) -> dict[type, list[dict[str, Any]]]:
    """Rows of the child tables (publications, IPC, party links, events) of one patent."""
    pubs = [{"patent_id": patent_id, "number": p.number, "kind": p.kind, "date": p.date} for p in rec.publications]
    ipcs = []
    for seq, code in enumerate(rec.ipc):
        subclass, main_group = _ipc_parts(code)
        is_main = code == rec.ipc_main if rec.ipc_main else seq == 0
        ipcs.append({"patent_id": patent_id, "code": code, "subclass": subclass, "main_group": main_group,
                     "seq": seq, "is_main": is_main})  # fmt: skip
    links = [
        {"patent_id": patent_id, "party_id": parties.resolve(p), "role": p.role, "seq": seq, "raw_name": p.name}
        for p, seq, _region in party_links(rec)
    ]
    events = [_event_row(patent_id, e, run_id) for e in rec.events]
    return {Publication: pubs, PatentIpc: ipcs, PatentParty: links, LegalEvent: events}


def _event_row(patent_id: int, e: EventRecord, run_id: int | None) -> dict[str, Any]:
    return {
        "patent_id": patent_id, "kind": e.kind, "event_date": e.date, "raw_text": e.raw_text or None,
        "amount": e.amount, "counterparty": e.counterparty, "licence_type": e.licence_type,
        "details": e.details or None, "is_simulated": False, "origin": "import", "import_run_id": run_id,
    }  # fmt: skip


def record_from_db(session: Session, patent: Patent) -> PatentRecord:
    """Read a stored patent back into a record so a new source row can be merged into it."""
    rec = PatentRecord(app_number=patent.app_number)
    for name in _COPIED:
        setattr(rec, name, getattr(patent, name))
    rec.title = patent.title
    rec.cpc = list(patent.cpc or [])
    rec.family_countries = list(patent.family_countries or [])
    rec.extras = dict(patent.extras or {})
    rec.region_code = patent.county_code or patent.city_code or patent.province_code
    rec.source_row = patent.source_row
    rec.publications = [PublicationRecord(p.number, p.kind, p.date) for p in patent.publications]
    rec.ipc = [i.code for i in patent.ipcs]
    links = session.execute(
        select(PatentParty, Party).join(Party).where(PatentParty.patent_id == patent.id).order_by(PatentParty.seq)
    ).all()
    rec.parties = [
        PartyRecord(name=link.raw_name, role=link.role, country=party.country,
                    address=party.address if link.seq == 0 else None)
        for link, party in links
    ]  # fmt: skip
    events = session.scalars(
        select(LegalEvent).where(LegalEvent.patent_id == patent.id, LegalEvent.origin == "import")
    ).all()
    rec.events = [
        EventRecord(kind=e.kind, date=e.event_date, raw_text=e.raw_text or "", amount=e.amount,
                    counterparty=e.counterparty, licence_type=e.licence_type, details=dict(e.details or {}))
        for e in events
    ]  # fmt: skip
    return rec
