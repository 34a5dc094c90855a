"""What the marketplace reads about a patent: its holders, and the pledges, exclusive licences and
open-licence declarations on the register (expiry, whether the right has ended and the annual fee
are shared with finance: ``ipops.analytics.rights``).

Read from store tables only (legal_event, patent_party): "this patent is pledged / exclusively
licensed" is a legal event, whoever recorded it (style §6.2), so the market never imports finance
or custody.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics.rights import Holder as Holder  # the register's holders, shared with finance
from ipops.analytics.rights import holders as holders
from ipops.ingest.normalise.names import name_key
from ipops.store.db import in_keys
from ipops.store.schema import LegalEvent, Organisation, Party, PatentParty

REGISTER_KINDS = ("pledge", "pledge_cancel", "licence", "licence_cancel", "open_licence_declared",
                  "open_licence_withdrawn")  # fmt: skip
DEAL_KINDS = ("transfer", "licence", "licence_change")  # a patent with any of these is not "sleeping"


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
                           # undated events first on both engines (as finance's pledge replay does)
                           .order_by(LegalEvent.patent_id, LegalEvent.event_date.asc().nulls_first(), LegalEvent.id))  # fmt: skip
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
