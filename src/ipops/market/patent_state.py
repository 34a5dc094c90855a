"""What the marketplace reads about a patent: holders, whether it is in force, its annual fee, and
the pledges, exclusive licences and open-licence declarations on the register.

Read from store tables only (legal_event, patent_party, patent_fact, custody_item): "this patent is
pledged / exclusively licensed" is a legal event, whoever recorded it (style §6.2), so the market
never imports finance or custody. Fee arithmetic comes from ``ipops.domain.fees`` / ``domain.terms``
and the grace period from the packaged fee table (data/fees/annual_fees.toml), as custody uses them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.fees import FeeTable, add_months
from ipops.domain.legal_status import LABELS_ZH, LegalStatus, is_dead
from ipops.domain.numbers import PatentType
from ipops.domain.terms import anniversary, expiry_date, patent_year
from ipops.ingest.normalise.names import name_key
from ipops.store.db import in_keys
from ipops.store.schema import CustodyItem, LegalEvent, Organisation, Party, Patent, PatentFact, PatentParty

REGISTER_KINDS = ("pledge", "pledge_cancel", "licence", "licence_cancel", "open_licence_declared",
                  "open_licence_withdrawn")  # fmt: skip
DEAL_KINDS = ("transfer", "licence", "licence_change")  # a patent with any of these is not "sleeping"


@cache
def fee_table() -> FeeTable:
    """The packaged fee rules (the same file custody reads), for the grace period."""
    text = (resources.files("ipops") / "data" / "fees" / "annual_fees.toml").read_text(encoding="utf-8")
    return FeeTable.from_mapping(tomllib.loads(text))


@dataclass(frozen=True)
class Holder:
    party_id: int
    name: str


def holders(session: Session, patent_ids: Iterable[int]) -> dict[int, list[Holder]]:
    """Registered right holders by patent (holder rows; the applicants where no holder is recorded)."""
    ids = list(patent_ids)
    rows = session.execute(sa.select(PatentParty.patent_id, PatentParty.role, PatentParty.party_id, PatentParty.raw_name)
                           .where(in_keys(session, PatentParty.patent_id, ids),
                                  PatentParty.role.in_(("holder", "applicant")))
                           .order_by(PatentParty.patent_id, PatentParty.seq, PatentParty.id))  # fmt: skip
    by: dict[int, dict[str, list[Holder]]] = defaultdict(lambda: {"holder": [], "applicant": []})
    for pid, role, party_id, name in rows:
        if all(h.name != name for h in by[pid][role]):
            by[pid][role].append(Holder(party_id, name))
    return {pid: (r["holder"] or r["applicant"]) for pid, r in by.items()}


def is_holder(org: Organisation, registered: Iterable[Holder]) -> bool:
    """The organisation is a holder: its linked party, or a holder of the same normalised name."""
    key = name_key(org.name)
    return any(
        (org.party_id is not None and h.party_id == org.party_id) or name_key(h.name) == key
        for h in registered
    )


def org_patent_ids(session: Session, org: Organisation) -> list[int]:
    """Patents the organisation holds (through its party link or its name)."""
    cond = Party.name_key == name_key(org.name)
    if org.party_id is not None:
        cond = sa.or_(cond, Party.id == org.party_id)
    candidates = session.scalars(sa.select(PatentParty.patent_id).join(Party, Party.id == PatentParty.party_id)
                                 .where(PatentParty.role.in_(("holder", "applicant")), cond).distinct())  # fmt: skip
    ids = list(candidates)
    registered = holders(session, ids)
    return sorted(pid for pid in ids if is_holder(org, registered.get(pid, [])))


def expiry_of(patent: Patent) -> dt.date | None:
    if patent.expiry_date:
        return patent.expiry_date
    if patent.app_date and patent.patent_type in {t.value for t in PatentType}:
        return expiry_date(patent.patent_type, patent.app_date)
    return None


def ended(session: Session, patent: Patent, today: dt.date) -> tuple[bool, str | None]:
    """Whether the right has ended on ``today`` (patent_fact end_date, else the status), and why."""
    fact = session.get(PatentFact, patent.id)
    if fact is not None:  # the facts already weigh status, ending events and restorations
        if fact.end_date is not None and fact.end_date <= today:
            return True, f"专利权已于 {fact.end_date} 终止"
    elif is_dead(patent.legal_status):
        return True, f"法律状态为「{LABELS_ZH[LegalStatus(patent.legal_status)]}」"
    exp = expiry_of(patent)
    if exp is not None and exp < today:
        return True, f"专利权期限已于 {exp} 届满"
    return False, None


@dataclass(frozen=True)
class FeeState:
    """The annual fee of the current patent year: paid, in the grace period, overdue, or unknown."""

    state: str  # paid | grace | overdue | unknown | none (not granted)
    year: int | None = None
    due_date: dt.date | None = None
    grace_end: dt.date | None = None


def fee_state(session: Session, patent: Patent, today: dt.date) -> FeeState:
    """The fee of the patent year running on ``today``; paid-up years are known only from custody items."""
    if patent.app_date is None or patent.grant_date is None or today < patent.app_date:
        return FeeState("none")
    year = patent_year(patent.app_date, today)
    due = anniversary(patent.app_date, year - 1)
    grace_end = add_months(due, fee_table().grace_months)
    paid = session.scalars(
        sa.select(CustodyItem.paid_up_to_year).where(CustodyItem.patent_id == patent.id)
    ).all()
    if not paid:
        return FeeState("unknown", year, due, grace_end)
    grant_year = patent_year(patent.app_date, patent.grant_date)
    paid_up = max(p or grant_year for p in paid)  # None: the grant-year fee, paid on registration
    if paid_up >= year:
        return FeeState("paid", year, due, grace_end)
    return FeeState("grace" if today <= grace_end else "overdue", year, due, grace_end)


@dataclass(frozen=True)
class Entry:
    """A register entry in force: the event that created it."""

    event_date: dt.date | None
    counterparty: str | None
    licence_type: str | None = None


@dataclass
class Register:
    """What is on the register for one patent on a day: pledge, exclusive/sole licences, open licence."""

    pledge: Entry | None = None
    exclusive: list[Entry] = field(default_factory=list)
    open_licence: Entry | None = None


def _replay(reg: Register, kind: str, entry: Entry, term_end: dt.date | None, today: dt.date) -> None:
    if kind == "pledge":
        reg.pledge = entry
    elif kind == "pledge_cancel":
        reg.pledge = None
    elif kind == "licence" and entry.licence_type in ("exclusive", "sole"):
        if term_end is None or term_end >= today:
            reg.exclusive.append(entry)
    elif kind == "licence_cancel" and reg.exclusive:
        same = [e for e in reg.exclusive if entry.counterparty and e.counterparty == entry.counterparty]
        reg.exclusive.remove(same[0] if same else reg.exclusive[-1])
    elif kind == "open_licence_declared":
        reg.open_licence = entry
    elif kind == "open_licence_withdrawn":
        reg.open_licence = None


def registers(session: Session, patent_ids: Iterable[int], today: dt.date) -> dict[int, Register]:
    """Replays the register events up to ``today`` in date order (a cancel ends the latest entry)."""
    ids = list(patent_ids)
    rows = session.execute(sa.select(LegalEvent.patent_id, LegalEvent.kind, LegalEvent.event_date,
                                     LegalEvent.counterparty, LegalEvent.licence_type, LegalEvent.details,
                                     LegalEvent.id)
                           .where(in_keys(session, LegalEvent.patent_id, ids), LegalEvent.kind.in_(REGISTER_KINDS))
                           .order_by(LegalEvent.patent_id, LegalEvent.event_date, LegalEvent.id))  # fmt: skip
    out: dict[int, Register] = {pid: Register() for pid in ids}
    for pid, kind, day, party, ltype, details, _id in rows:
        if day is not None and day > today:
            continue
        end = (details or {}).get("term_end") if isinstance(details, dict) else None
        term_end = dt.date.fromisoformat(end) if isinstance(end, str) else None
        _replay(out[pid], kind, Entry(day, party, ltype), term_end, today)
    return out


def ever_dealt(session: Session, patent_ids: Iterable[int], *, platform: bool = True) -> set[int]:
    """Patents with any transfer or licence event; ``platform=False`` leaves out the deals concluded on
    IPOps itself (a revived sleeping patent stays in its inventory, with its outcome)."""
    ids = list(patent_ids)
    stmt = sa.select(LegalEvent.patent_id).where(in_keys(session, LegalEvent.patent_id, ids),
                                                 LegalEvent.kind.in_(DEAL_KINDS))  # fmt: skip
    if not platform:
        stmt = stmt.where(LegalEvent.origin != "platform")
    return set(session.scalars(stmt.distinct()))
