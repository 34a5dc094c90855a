"""Parties needing review: organisations whose names probably denote the same holder.

Runs over the `party` table only (organisations; a few hundred thousand rows for 10^6
patents), streamed, with the loose key of `party_keys`; patent counts are then fetched for the
grouped parties alone, in chunks, from the (party_id, role) index of the links.
"""

from __future__ import annotations

from collections import defaultdict
from urllib.parse import quote

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipops.quality.party_keys import REASON_LABELS, loose_key
from ipops.quality.schemas import DuplicateGroup, DuplicateParties, PartyVariant
from ipops.store.schema import Party, PatentParty

_CHUNK = 900  # ids per IN (…), under every engine's parameter limit


def duplicate_parties(session: Session, *, limit: int = 50) -> DuplicateParties:
    """Groups of ≥ 2 organisations sharing a loose key, the groups with most patents first."""
    groups: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    scanned = 0
    stmt = select(Party.id, Party.name, Party.party_type).where(Party.is_person.is_(False)).order_by(Party.id)
    for party_id, name, party_type in session.execute(stmt.execution_options(yield_per=5000)):
        scanned += 1
        groups[loose_key(name)[0]].append((party_id, name, party_type))
    multi = {key: members for key, members in groups.items() if key and len(members) > 1}
    counts = _patent_counts(session, [pid for members in multi.values() for pid, _, _ in members])
    built = [_group(key, members, counts) for key, members in multi.items()]
    built.sort(key=lambda g: (-g.patents, -len(g.parties), g.key))
    return DuplicateParties(scanned=scanned, total_groups=len(built),
                            parties_involved=sum(len(m) for m in multi.values()), groups=built[:limit])  # fmt: skip


def _patent_counts(session: Session, party_ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for start in range(0, len(party_ids), _CHUNK):
        chunk = party_ids[start : start + _CHUNK]
        stmt = (select(PatentParty.party_id, func.count(func.distinct(PatentParty.patent_id)))
                .where(PatentParty.party_id.in_(chunk)).group_by(PatentParty.party_id))  # fmt: skip
        counts.update(dict(session.execute(stmt).all()))
    return counts


def _group(key: str, members: list[tuple[int, str, str]], counts: dict[int, int]) -> DuplicateGroup:
    variants = sorted(
        (PartyVariant(party_id=pid, name=name, party_type=ptype, patents=counts.get(pid, 0),
                      href=f"/patents?applicant={quote(name)}") for pid, name, ptype in members),
        key=lambda v: (-v.patents, v.name),
    )  # fmt: skip
    reasons = sorted({r for _, name, _ in members for r in loose_key(name)[1]}, key=list(REASON_LABELS).index)
    return DuplicateGroup(key=key, reasons=reasons, reason_labels=[REASON_LABELS[r] for r in reasons],
                          patents=sum(v.patents for v in variants), parties=variants)  # fmt: skip
