"""Catalogue use cases: list patents with filters, show one patent in full."""

from __future__ import annotations

import base64
from dataclasses import asdict, dataclass

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session

from ipops.catalog.schemas import (
    EventEntry,
    IpcEntry,
    PartyLink,
    PatentDetail,
    PatentPage,
    PatentSummary,
    PublicationEntry,
)
from ipops.domain.errors import InvalidNumber
from ipops.domain.ipc import parse_ipc
from ipops.domain.legal_events import EVENT_LABELS_ZH, LegalEventKind
from ipops.domain.legal_status import LABELS_ZH as STATUS_LABELS
from ipops.domain.legal_status import LegalStatus
from ipops.domain.numbers import (
    KIND_CODES_CN,
    PATENT_TYPE_LABELS_ZH,
    PatentType,
    parse_application_number,
)
from ipops.domain.parties import PARTY_TYPE_LABELS_ZH, ROLE_LABELS_ZH, PartyRole, PartyType
from ipops.refdata.regions_file import load_region_table
from ipops.store.repos.patents import find_patent
from ipops.store.schema import IpcClass, LegalEvent, Party, Patent, PatentIpc, PatentParty


@dataclass(frozen=True)
class PatentFilters:
    """Filters of the patent list; every field is optional and they combine with AND."""

    q: str | None = None  # words in the title or applicant names
    patent_type: str | None = None
    legal_status: str | None = None
    region: str | None = None  # NBS code of a province, city or county
    ipc: str | None = None  # IPC prefix: subclass, main group or subgroup
    applicant: str | None = None
    year: int | None = None  # application year
    demo: bool | None = None

    def active(self) -> dict[str, str]:
        return {k: str(v) for k, v in asdict(self).items() if v not in (None, "")}


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> int:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        return int(raw.removeprefix("id:"))
    except ValueError as exc:
        raise InvalidNumber("翻页游标无效，请从第一页重新开始") from exc


def _filtered(stmt: Select, f: PatentFilters) -> Select:
    if f.q:
        like = f"%{f.q.strip()}%"
        stmt = stmt.where(or_(Patent.title.like(like), Patent.applicants_display.like(like)))
    if f.patent_type:
        stmt = stmt.where(Patent.patent_type == f.patent_type)
    if f.legal_status:
        stmt = stmt.where(Patent.legal_status == f.legal_status)
    if f.region:
        code = f.region.strip()
        stmt = stmt.where(or_(Patent.province_code == code, Patent.city_code == code, Patent.county_code == code))
    if f.ipc:
        stmt = stmt.where(_ipc_condition(f.ipc))
    if f.applicant:
        stmt = stmt.where(Patent.applicants_display.like(f"%{f.applicant.strip()}%"))
    if f.year:
        stmt = stmt.where(Patent.app_date >= f"{f.year}-01-01", Patent.app_date <= f"{f.year}-12-31")
    if f.demo is not None:
        stmt = stmt.where(Patent.is_demo.is_(f.demo))
    return stmt


def _ipc_condition(text: str):  # type: ignore[no-untyped-def]
    """IPC prefix match at a level boundary: H01M, H01M10/00 (the main group) or H01M10/0525."""
    ipc = parse_ipc(text)
    if ipc.level in ("section", "class", "subclass"):
        cond = PatentIpc.code.like(f"{ipc.code}%")
    elif ipc.level == "main_group":
        cond = PatentIpc.main_group == ipc.code
    else:
        cond = or_(PatentIpc.code == ipc.code, PatentIpc.code.like(f"{ipc.code}%"))
    return exists().where(PatentIpc.patent_id == Patent.id, cond)


def list_patents(session: Session, *, filters: PatentFilters, cursor: str | None = None, limit: int = 20) -> PatentPage:
    """One page of patents, newest import first, with a cursor that stays stable under inserts."""
    stmt = _filtered(select(Patent), filters)
    total = session.scalar(_filtered(select(func.count()).select_from(Patent), filters)) or 0
    if cursor:
        stmt = stmt.where(Patent.id < decode_cursor(cursor))
    rows = session.scalars(stmt.order_by(Patent.id.desc()).limit(limit + 1)).all()
    items = [summary(p) for p in rows[:limit]]
    next_cursor = encode_cursor(rows[limit - 1].id) if len(rows) > limit else None
    return PatentPage(items=items, total=total, next_cursor=next_cursor, limit=limit, filters=filters.active())


def summary(p: Patent) -> PatentSummary:
    region_code = p.county_code or p.city_code or p.province_code
    return PatentSummary(
        app_number=p.app_number, title=p.title, patent_type=p.patent_type,
        patent_type_label=PATENT_TYPE_LABELS_ZH.get(PatentType(p.patent_type)) if p.patent_type else None,
        app_date=p.app_date, pub_number=p.pub_number, grant_number=p.grant_number,
        legal_status=p.legal_status, legal_status_label=_status_label(p.legal_status),
        legal_status_basis=p.legal_status_basis, applicants=p.applicants_display,
        region_code=region_code, region_name=region_name(region_code), ipc_main=p.ipc_main, is_demo=p.is_demo,
    )  # fmt: skip


def _status_label(status: str | None) -> str | None:
    return STATUS_LABELS.get(LegalStatus(status)) if status else None


def region_name(code: str | None) -> str | None:
    """Full name down the tree, e.g. 山东省 烟台市 莱山区."""
    return " ".join(r["name"] for r in region_path(code)) or None


def region_path(code: str | None) -> list[dict[str, str]]:
    table = load_region_table()
    path: list[dict[str, str]] = []
    region = table.get(code) if code else None
    while region is not None:
        path.insert(0, {"code": region.code, "name": region.name, "level": region.level})
        region = table.get(region.parent_code) if region.parent_code else None
    return path


def get_patent_detail(session: Session, number: str) -> PatentDetail:
    p = find_patent(session, number)
    base = summary(p).model_dump()
    detail = PatentDetail(
        **base,
        patent_number=_patent_number(p), country=p.country, pct_national_phase=p.pct_national_phase,
        abstract=p.abstract, claims=p.claims, pub_date=p.pub_date, grant_date=p.grant_date,
        priority_date=p.priority_date, expiry_date=p.expiry_date, address=p.address, postcode=p.postcode,
        region_path=region_path(base["region_code"]), legal_status_raw=p.legal_status_raw,
        legal_status_date=p.legal_status_date, family_size=p.family_size, granted_abroad=p.granted_abroad,
        cited_by_count=p.cited_by_count, transfer_count=p.transfer_count, licence_count=p.licence_count,
        pledge_count=p.pledge_count, extras=p.extras, source_row=p.source_row, import_run_id=p.import_run_id,
    )  # fmt: skip
    detail.parties = _parties(session, p.id)
    detail.ipcs = _ipcs(session, p)
    detail.publications = [
        PublicationEntry(number=x.number, kind=x.kind, kind_label=KIND_CODES_CN.get(x.kind), date=x.date)
        for x in p.publications
    ]
    detail.events = _events(session, p.id)
    return detail


def _patent_number(p: Patent) -> str | None:
    if p.country != "CN" or not p.grant_number:
        return None
    return parse_application_number(p.app_number).patent_number


def _parties(session: Session, patent_id: int) -> list[PartyLink]:
    rows = session.execute(
        select(PatentParty, Party).join(Party).where(PatentParty.patent_id == patent_id)
        .order_by(PatentParty.role, PatentParty.seq)
    ).all()  # fmt: skip
    return [
        PartyLink(role=link.role, role_label=ROLE_LABELS_ZH.get(PartyRole(link.role), link.role), seq=link.seq,
                  name=party.name, party_type=party.party_type,
                  party_type_label=PARTY_TYPE_LABELS_ZH.get(PartyType(party.party_type)))
        for link, party in rows
    ]  # fmt: skip


def _ipcs(session: Session, p: Patent) -> list[IpcEntry]:
    codes = {i.code for i in p.ipcs} | {i.subclass for i in p.ipcs}
    titles = {c.code: c for c in session.scalars(select(IpcClass).where(IpcClass.code.in_(codes)))}
    out = []
    for i in p.ipcs:
        entry, sub = titles.get(i.code), titles.get(i.subclass)
        out.append(IpcEntry(code=i.code, is_main=i.is_main, title_zh=entry.title_zh if entry else None,
                            title_en=entry.title_en if entry else None, subclass=i.subclass,
                            subclass_title=(sub.title_zh or sub.title_en) if sub else None))  # fmt: skip
    return out


def _events(session: Session, patent_id: int) -> list[EventEntry]:
    rows = session.scalars(
        select(LegalEvent).where(LegalEvent.patent_id == patent_id).order_by(LegalEvent.event_date, LegalEvent.id)
    )
    return [
        EventEntry(kind=e.kind, kind_label=EVENT_LABELS_ZH.get(LegalEventKind(e.kind), e.kind), date=e.event_date,
                   counterparty=e.counterparty, amount=e.amount, licence_type=e.licence_type,
                   raw_text=e.raw_text, is_simulated=e.is_simulated)
        for e in rows
    ]  # fmt: skip
