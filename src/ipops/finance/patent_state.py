"""What pledge finance reads about a patent: its holders and the active pledge (expiry, whether the
right has ended and the annual fee are shared with the market: ``ipops.analytics.rights``).

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

from ipops.analytics import rights
from ipops.ingest.normalise.names import name_key
from ipops.store.db import in_keys
from ipops.store.schema import LegalEvent


def holders(session: Session, patent_ids: Iterable[int]) -> dict[int, list[str]]:
    """Registered right holders' names by patent (holder rows; the applicants where none is recorded)."""
    return {pid: [h.name for h in found] for pid, found in rights.holders(session, patent_ids).items()}


def same_holder(name: str, registered: Iterable[str]) -> bool:
    key = name_key(name)
    return any(name_key(r) == key for r in registered)


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


