"""What pledge finance reads about a patent: holders, expiry, the active pledge, the annual fee.

Read from store tables only (legal_event, patent_party, patent_fact, custody_item): "this patent is
pledged" is a legal event, whoever recorded it (style §6.2), so finance never imports custody.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.fees import add_months
from ipops.domain.legal_status import LABELS_ZH, LegalStatus, is_dead
from ipops.domain.numbers import PatentType
from ipops.domain.terms import anniversary, expiry_date, patent_year
from ipops.ingest.normalise.names import name_key
from ipops.store.db import in_keys
from ipops.store.schema import CustodyItem, LegalEvent, Patent, PatentFact, PatentParty

GRACE_MONTHS = 6  # rules §3.5 (data/fees/annual_fees.toml late_fee.grace_months)


def holders(session: Session, patent_ids: Iterable[int]) -> dict[int, list[str]]:
    """Registered right holders by patent (holder rows; the applicants where no holder is recorded)."""
    ids = list(patent_ids)
    rows = session.execute(sa.select(PatentParty.patent_id, PatentParty.role, PatentParty.raw_name)
                           .where(in_keys(session, PatentParty.patent_id, ids),
                                  PatentParty.role.in_(("holder", "applicant")))
                           .order_by(PatentParty.patent_id, PatentParty.seq, PatentParty.id))  # fmt: skip
    by: dict[int, dict[str, list[str]]] = defaultdict(lambda: {"holder": [], "applicant": []})
    for pid, role, name in rows:
        if name not in by[pid][role]:
            by[pid][role].append(name)
    return {pid: (r["holder"] or r["applicant"]) for pid, r in by.items()}


def same_holder(name: str, registered: Iterable[str]) -> bool:
    key = name_key(name)
    return any(name_key(r) == key for r in registered)


def expiry_of(patent: Patent) -> dt.date | None:
    if patent.expiry_date:
        return patent.expiry_date
    if patent.app_date and patent.patent_type in {t.value for t in PatentType}:
        return expiry_date(patent.patent_type, patent.app_date)
    return None


@dataclass(frozen=True)
class ActivePledge:
    event_date: dt.date | None
    counterparty: str | None
    origin: str
    project_id: int | None


def active_pledges(session: Session, patent_ids: Iterable[int], *, exclude_project: int | None = None
                   ) -> dict[int, ActivePledge]:  # fmt: skip
    """The pledge on the register per patent: a pledge event with no later pledge_cancel (§8.1 已经质押)."""
    ids = list(patent_ids)
    rows = session.execute(sa.select(LegalEvent.patent_id, LegalEvent.kind, LegalEvent.event_date,
                                     LegalEvent.counterparty, LegalEvent.origin, LegalEvent.details, LegalEvent.id)
                           .where(in_keys(session, LegalEvent.patent_id, ids),
                                  LegalEvent.kind.in_(("pledge", "pledge_cancel"))))  # fmt: skip
    events: dict[int, list[tuple[dt.date, int, str, ActivePledge]]] = defaultdict(list)
    for pid, kind, day, party, origin, details, eid in rows:
        project = (details or {}).get("project_id") if isinstance(details, dict) else None
        if exclude_project is not None and project == exclude_project:
            continue
        events[pid].append((day or dt.date.min, eid, kind, ActivePledge(day, party, origin, project)))
    out: dict[int, ActivePledge] = {}
    for pid, evs in events.items():
        state: ActivePledge | None = None
        for _day, _id, kind, pledge in sorted(evs, key=lambda e: (e[0], e[1])):
            state = pledge if kind == "pledge" else None
        if state is not None:
            out[pid] = state
    return out


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

    state: str  # paid | grace | overdue | unknown | none (no fee: not granted / not a CN patent)
    year: int | None = None
    due_date: dt.date | None = None
    grace_end: dt.date | None = None
    next_due: dt.date | None = None


def fee_state(session: Session, patent: Patent, today: dt.date) -> FeeState:
    """Fee information comes from custody (paid-up year); without it the state is unknown (年费缴纳情况未知)."""
    if patent.app_date is None or patent.grant_date is None or today < patent.app_date:
        return FeeState("none")
    year = patent_year(patent.app_date, today)
    due = anniversary(patent.app_date, year - 1)
    grace_end = add_months(due, GRACE_MONTHS)
    nxt = anniversary(patent.app_date, year)
    paid = session.execute(sa.select(CustodyItem.paid_up_to_year).where(CustodyItem.patent_id == patent.id)).all()
    if not paid:
        return FeeState("unknown", year, due, grace_end, nxt)
    grant_year = patent_year(patent.app_date, patent.grant_date)
    paid_up = max(p or grant_year for (p,) in paid)  # None: the grant-year fee, paid on registration
    if paid_up >= year:
        return FeeState("paid", year, due, grace_end, nxt)
    return FeeState("grace" if today <= grace_end else "overdue", year, due, grace_end, nxt)
