"""Turning party names into de-duplicated `party` rows, with a cache that lives for one import.

A million-row import names a few hundred thousand distinct parties; each is looked up once per
run (by normalised key) and every new spelling is kept as a name variant.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipops.domain.parties import PartyType
from ipops.ingest.normalise.names import name_key, normalise_name
from ipops.ingest.normalise.party_types import classify_party
from ipops.ingest.record import PartyRecord, PatentRecord
from ipops.store.db import bulk_insert, in_keys
from ipops.store.schema import Party, PartyName

_CACHE_LIMIT = 100_000  # keys kept between batches; past that the cache starts afresh (bounded RSS)


def _party_row(key: str, party: PartyRecord, region_code: str | None) -> dict[str, object]:
    name = normalise_name(party.name)
    if party.role in ("inventor", "agent"):
        party_type = PartyType.individual  # inventors and agents are natural persons by law
    else:
        party_type = classify_party(name)
    return {
        "name": name, "name_key": key, "party_type": party_type.value,
        "is_person": party_type == PartyType.individual, "country": party.country,
        "region_code": region_code, "address": party.address,
    }  # fmt: skip


def party_links(rec: PatentRecord) -> Iterator[tuple[PartyRecord, int, str | None]]:
    """(party, order within its role, region code) for each party of a record.

    The record's resolved region belongs to the first applicant/holder: its address is the one
    the source prints.
    """
    seqs: dict[str, int] = {}
    for p in rec.parties:
        seq = seqs[p.role] = seqs.get(p.role, -1) + 1
        yield p, seq, (rec.region_code if seq == 0 and p.role in ("applicant", "holder") else None)


class PartyResolver:
    """Resolves PartyRecords to party ids, creating parties and name variants in bulk."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._ids: dict[str, int] = {}
        self._variants: set[tuple[int, str]] = set()
        self._pending_variants: list[dict[str, object]] = []

    def prepare(self, records: Iterable[PatentRecord]) -> None:
        """Look up (one query) or create (one insert) every party named in a batch."""
        if len(self._ids) > _CACHE_LIMIT:
            self._ids.clear()
            self._variants.clear()
        new: dict[str, dict[str, object]] = {}
        for rec in records:
            for party, _seq, region in party_links(rec):
                key = name_key(party.name)
                if key not in self._ids and key not in new:
                    new[key] = _party_row(key, party, region)
        if not new:
            return
        found = self.session.execute(select(Party.name_key, Party.id).where(in_keys(self.session, Party.name_key, new)))
        self._ids.update(found.all())
        rows = [row for key, row in new.items() if key not in self._ids]
        if rows:
            bulk_insert(self.session, Party, rows)  # then one lookup: no RETURNING (see writer._insert)
            keys = [r["name_key"] for r in rows]
            self._ids.update(self.session.execute(select(Party.name_key, Party.id).where(in_keys(self.session, Party.name_key, keys))).all())

    def resolve(self, party: PartyRecord) -> int:
        """The id of a party seen by `prepare`; records its spelling as a name variant."""
        party_id = self._ids[name_key(party.name)]
        variant = party.name.strip()
        if (party_id, variant) not in self._variants:
            self._variants.add((party_id, variant))
            self._pending_variants.append({"party_id": party_id, "name": variant})
        return party_id

    def flush_variants(self) -> None:
        """Insert name variants first seen in this batch (existing ones are skipped)."""
        if not self._pending_variants:
            return
        pending, self._pending_variants = self._pending_variants, []
        ids = {row["party_id"] for row in pending}
        stored = set(
            self.session.execute(select(PartyName.party_id, PartyName.name).where(in_keys(self.session, PartyName.party_id, ids))).all()
        )
        rows = [r for r in pending if (r["party_id"], r["name"]) not in stored]
        if rows:
            bulk_insert(self.session, PartyName, rows)
