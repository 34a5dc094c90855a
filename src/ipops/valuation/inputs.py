"""Everything a valuation reads of a batch of patents, in a few queries per batch.

Reads the tables of store (patent, patent_ipc, legal_event, parties) and the derived
`patent_fact` / `patent_industry` the indicator layer builds (their rows, never its code).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.store.db import in_keys
from ipops.store.schema import LegalEvent, Party, Patent, PatentFact, PatentIndustry, PatentIpc, PatentParty

SEI_SCHEME = "sei2018"
CLAIMS_COUNT_KEYS = ("权利要求数", "权利要求数量", "权利要求项数", "claims_count", "claim_count")
# a claim starts with its number: "1.一种…", "2、根据权利要求1所述…", "3. The method …"
_CLAIM_START = re.compile(r"(?:^|[\s。;；])(\d{1,3})\s*[.．、]\s*(?=\D)")


@dataclass
class Event:
    kind: str
    date: dt.date | None
    licence_type: str | None = None


@dataclass
class PatentInputs:
    """The raw data of one patent, before any indicator is computed."""

    id: int
    app_number: str
    title: str
    patent_type: str | None
    app_date: dt.date | None
    legal_status: str | None
    legal_status_basis: str | None
    claims: str | None
    extras: dict[str, Any] | None
    family_size: int | None
    family_countries: list[str] | None
    granted_abroad: bool | None
    cited_by_count: int | None
    transfer_count: int | None
    licence_count: int | None
    pledge_count: int | None
    is_demo: bool
    main_subclass: str | None = None
    subclasses: set[str] = field(default_factory=set)
    events: list[Event] = field(default_factory=list)
    holder_type: str | None = None  # party_type of the first holder, else of the first applicant
    holder_role: str | None = None
    has_fact: bool = False  # the indicator layer's facts exist for this patent
    end_date: dt.date | None = None
    sei: bool = False

    @property
    def has_event_data(self) -> bool:
        """Whether the sources told us anything about legal events (else event counts are unknown)."""
        return bool(self.events) or self.legal_status_basis in ("source", "simulated") or any(
            c is not None for c in (self.transfer_count, self.licence_count, self.pledge_count))  # fmt: skip

    def claims_count(self) -> int | None:
        """Claims count from a source column, else from the numbered claims text."""
        for key in CLAIMS_COUNT_KEYS:
            value = (self.extras or {}).get(key)
            if value is not None and str(value).strip().isdigit():
                return int(str(value).strip())
        if not self.claims:
            return None
        numbers = {int(n) for n in _CLAIM_START.findall(self.claims)}
        count = 0
        while count + 1 in numbers:
            count += 1
        return count or (1 if self.claims.strip() else None)


_COLUMNS = (Patent.id, Patent.app_number, Patent.title, Patent.patent_type, Patent.app_date, Patent.legal_status,
            Patent.legal_status_basis, Patent.claims, Patent.extras, Patent.family_size, Patent.family_countries,
            Patent.granted_abroad, Patent.cited_by_count, Patent.transfer_count, Patent.licence_count,
            Patent.pledge_count, Patent.is_demo)  # fmt: skip


def load_inputs(session: Session, ids: list[int]) -> dict[int, PatentInputs]:
    """PatentInputs of these patents (missing ids are absent from the result)."""
    if not ids:
        return {}
    out = {r.id: PatentInputs(**r._asdict()) for r in session.execute(sa.select(*_COLUMNS).where(in_keys(session, Patent.id, ids)))}
    _add_ipcs(session, ids, out)
    _add_events(session, ids, out)
    _add_holders(session, ids, out)
    _add_facts(session, ids, out)
    return out


def _add_ipcs(session: Session, ids: list[int], out: dict[int, PatentInputs]) -> None:
    rows = session.execute(sa.select(PatentIpc.patent_id, PatentIpc.subclass, PatentIpc.is_main, PatentIpc.seq)
                           .where(in_keys(session, PatentIpc.patent_id, ids))
                           .order_by(PatentIpc.patent_id, PatentIpc.is_main.desc(), PatentIpc.seq))  # fmt: skip
    for pid, subclass, _main, _seq in rows:
        p = out.get(pid)
        if p is None or not subclass:
            continue
        if p.main_subclass is None:
            p.main_subclass = subclass  # the main code's subclass, else the first code's (as cohorts.py)
        p.subclasses.add(subclass)


def _add_events(session: Session, ids: list[int], out: dict[int, PatentInputs]) -> None:
    rows = session.execute(sa.select(LegalEvent.patent_id, LegalEvent.kind, LegalEvent.event_date, LegalEvent.licence_type)
                           .where(in_keys(session, LegalEvent.patent_id, ids))
                           .order_by(LegalEvent.patent_id, LegalEvent.event_date, LegalEvent.id))  # fmt: skip
    for pid, kind, day, licence_type in rows:
        out[pid].events.append(Event(kind, day, licence_type))


def _add_holders(session: Session, ids: list[int], out: dict[int, PatentInputs]) -> None:
    rows = session.execute(sa.select(PatentParty.patent_id, PatentParty.role, Party.party_type)
                           .join(Party, Party.id == PatentParty.party_id)
                           .where(in_keys(session, PatentParty.patent_id, ids), PatentParty.role.in_(("holder", "applicant")))
                           .order_by(PatentParty.patent_id, PatentParty.seq, PatentParty.id))  # fmt: skip
    for pid, role, party_type in rows:
        p = out[pid]
        if p.holder_role != "holder" and (p.holder_role is None or role == "holder"):
            p.holder_role, p.holder_type = role, party_type


def _add_facts(session: Session, ids: list[int], out: dict[int, PatentInputs]) -> None:
    facts = session.execute(sa.select(PatentFact.patent_id, PatentFact.end_date, PatentFact.sei)
                            .where(in_keys(session, PatentFact.patent_id, ids)))  # fmt: skip
    for pid, end_date, sei in facts:
        out[pid].has_fact, out[pid].end_date, out[pid].sei = True, end_date, bool(sei)
    industry = session.scalars(sa.select(PatentIndustry.patent_id).distinct()
                               .where(in_keys(session, PatentIndustry.patent_id, ids), PatentIndustry.scheme == SEI_SCHEME))  # fmt: skip
    for pid in industry:
        out[pid].sei = True
