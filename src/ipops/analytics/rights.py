"""What the platform knows about a right on a given day: its registered holders, its expiry, whether
it has ended, and the annual fee of the running patent year — read alike by finance, the market and
custody.

Read from store tables only (patent, patent_party, patent_fact, custody_item): the services are siblings and
must not import one another, so the rules they share live here, one layer down. Fee arithmetic
comes from ``ipops.domain.fees`` / ``domain.terms``; amounts and the grace period from the
packaged fee table (data/fees/annual_fees.toml).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.fees import FeeTable, add_months
from ipops.domain.legal_status import LABELS_ZH, LegalStatus, is_dead
from ipops.domain.numbers import PatentType
from ipops.domain.terms import anniversary, expiry_date, patent_year
from ipops.refdata.load import read_toml
from ipops.store.db import in_keys
from ipops.store.schema import CustodyItem, Patent, PatentFact, PatentParty

FEE_FILE = "fees/annual_fees.toml"


def fee_data() -> dict[str, Any]:
    """The raw TOML (amounts with their source and confidence), for docs and the API."""
    return read_toml(FEE_FILE)


@cache
def fee_table() -> FeeTable:
    """The packaged table, read once per process."""
    return FeeTable.from_mapping(fee_data())


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


def expiry_of(patent: Patent) -> dt.date | None:
    """The stored expiry, else the statutory term from the filing date."""
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

    state: str  # paid | grace | overdue | unknown | none (no fee: not granted / not a CN patent)
    year: int | None = None
    due_date: dt.date | None = None
    grace_end: dt.date | None = None
    next_due: dt.date | None = None


def fee_state(session: Session, patent: Patent, today: dt.date) -> FeeState:
    """The fee of the patent year running on ``today``.

    Paid-up years are known only from custody items; without one the state is unknown
    (年费缴纳情况未知) — the office's register of payments is not among the platform's sources.
    """
    if patent.app_date is None or patent.grant_date is None or today < patent.app_date:
        return FeeState("none")
    year = patent_year(patent.app_date, today)
    due = anniversary(patent.app_date, year - 1)
    grace_end = add_months(due, fee_table().grace_months)
    nxt = anniversary(patent.app_date, year)
    paid = session.scalars(sa.select(CustodyItem.paid_up_to_year).where(CustodyItem.patent_id == patent.id)).all()
    if not paid:
        return FeeState("unknown", year, due, grace_end, nxt)
    grant_year = patent_year(patent.app_date, patent.grant_date)
    paid_up = max(p or grant_year for p in paid)  # None: the grant-year fee, paid on registration
    if paid_up >= year:
        return FeeState("paid", year, due, grace_end, nxt)
    return FeeState("grace" if today <= grace_end else "overdue", year, due, grace_end, nxt)
