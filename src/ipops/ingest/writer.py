"""Batched, idempotent upsert of PatentRecords into the store.

Per batch: rows whose record hash is already stored are `unchanged` (re-importing a file is a
no-op costing one query per batch); new applications are bulk-inserted; existing ones are read
back into a record, merged (`ingest.merge`) and rewritten. The caller commits once per batch, so
a killed import leaves whole batches and a re-run completes the rest.

Demo content stays removable without taking users' data with it: a patent is demo only while
every source of it is the demo corpus. An ordinary import that meets a demo patent (the same row,
or a new row of that application) makes it an ordinary patent, and the demo import never flags
a patent that an ordinary import already holds.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from ipops.ingest.merge import merge_records, record_hash, settle_legal_status
from ipops.ingest.parties import PartyResolver
from ipops.ingest.record import PatentRecord
from ipops.ingest.rows import child_rows, patent_row, record_from_db
from ipops.store.db import bulk_insert, in_keys
from ipops.store.schema import LegalEvent, Patent, PatentIpc, PatentParty, PatentRecordHash, Publication

_CHILD_TABLES = (Publication, PatentIpc, PatentParty)


@dataclass
class WriteCounts:
    """Per source row: what writing it did."""

    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    changed_ids: list[int] = field(default_factory=list)

    def add(self, other: WriteCounts) -> None:
        self.inserted += other.inserted
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.changed_ids.extend(other.changed_ids)


class PatentWriter:
    """Writes batches for one import run; keeps the party cache between batches."""

    def __init__(self, session: Session, *, run_id: int | None, is_demo: bool = False) -> None:
        self.session = session
        self.run_id = run_id
        self.is_demo = is_demo
        self.parties = PartyResolver(session)

    def write_batch(self, records: Sequence[PatentRecord]) -> WriteCounts:
        counts = WriteCounts()
        hashes = [record_hash(r) for r in records]
        known = self._known_hashes(hashes)
        if known and not self.is_demo:
            self._claim_demo(known)
        fresh: dict[str, list[tuple[PatentRecord, str]]] = {}
        for rec, h in zip(records, hashes, strict=True):
            if h in known:
                counts.unchanged += 1
                continue
            known.add(h)  # the same row twice in one batch counts once
            rec = copy.copy(rec)  # the caller's record stays as read (shallow: only scalars change)
            settle_legal_status(rec)
            fresh.setdefault(rec.app_number, []).append((rec, h))
        if fresh:
            self._write_fresh(fresh, counts)
        return counts

    def _known_hashes(self, hashes: list[str]) -> set[str]:
        stmt = select(PatentRecordHash.record_hash).where(in_keys(self.session, PatentRecordHash.record_hash, set(hashes)))
        return set(self.session.scalars(stmt))

    def _claim_demo(self, hashes: set[str]) -> None:
        """Unchanged rows of an ordinary import: their patents are no longer demo-only."""
        owners = select(PatentRecordHash.patent_id).where(in_keys(self.session, PatentRecordHash.record_hash, hashes))
        stmt = update(Patent).where(Patent.id.in_(owners), Patent.is_demo.is_(True)).values(is_demo=False)
        self.session.execute(stmt.execution_options(synchronize_session=False))

    def _write_fresh(self, fresh: dict[str, list[tuple[PatentRecord, str]]], counts: WriteCounts) -> None:
        existing = self._load_existing(list(fresh))
        inserts: list[PatentRecord] = []
        updates: list[tuple[int, PatentRecord]] = []
        for app_number, items in fresh.items():
            merged = items[0][0]
            for rec, _ in items[1:]:
                merged = merge_records(merged, rec)
            if app_number in existing:
                patent_id, stored = existing[app_number]
                updates.append((patent_id, merge_records(stored, merged)))
                counts.updated += len(items)
            else:
                inserts.append(merged)
                counts.inserted += 1
                counts.updated += len(items) - 1
        ids = self._insert(inserts) + self._update(updates)
        id_by_number = dict(zip([r.app_number for r in inserts] + [r.app_number for _, r in updates], ids, strict=True))
        self._write_children(list(zip(ids, inserts + [r for _, r in updates], strict=True)))
        hash_rows = [
            {"patent_id": id_by_number[n], "record_hash": h} for n, items in fresh.items() for _, h in items
        ]
        bulk_insert(self.session, PatentRecordHash, hash_rows)
        counts.changed_ids.extend(ids)

    def _load_existing(self, numbers: list[str]) -> dict[str, tuple[int, PatentRecord]]:
        patents = self.session.scalars(select(Patent).where(in_keys(self.session, Patent.app_number, numbers))).all()
        return {p.app_number: (p.id, record_from_db(self.session, p)) for p in patents}

    def _insert(self, records: list[PatentRecord]) -> list[int]:
        if not records:
            return []
        rows = [patent_row(r, run_id=self.run_id, is_demo=self.is_demo) for r in records]
        # Plain executemany, then one lookup by the unique key: ORM "INSERT … RETURNING" with
        # sort_by_parameter_order falls back to row-at-a-time statements on SQLite (quadratic).
        bulk_insert(self.session, Patent, rows)
        numbers = [r.app_number for r in records]
        found = dict(self.session.execute(select(Patent.app_number, Patent.id).where(in_keys(self.session, Patent.app_number, numbers))).all())
        return [found[n] for n in numbers]

    def _update(self, updates: list[tuple[int, PatentRecord]]) -> list[int]:
        if not updates:
            return []
        ids = [pid for pid, _ in updates]
        for table in _CHILD_TABLES:
            self.session.execute(delete(table).where(table.patent_id.in_(ids)))
        self.session.execute(
            delete(LegalEvent).where(LegalEvent.patent_id.in_(ids), LegalEvent.origin == "import")
        )
        for pid, rec in updates:
            row = patent_row(rec, run_id=self.run_id, is_demo=self.is_demo)
            if self.is_demo:  # the demo never turns an ordinary patent into demo content
                del row["is_demo"]
            self.session.execute(update(Patent).where(Patent.id == pid).values(**row))
        return ids

    def _write_children(self, pairs: list[tuple[int, PatentRecord]]) -> None:
        self.parties.prepare(rec for _, rec in pairs)
        tables: dict[type, list[dict[str, object]]] = {}
        for patent_id, rec in pairs:
            for table, rows in child_rows(patent_id, rec, self.parties, run_id=self.run_id).items():
                tables.setdefault(table, []).extend(rows)
        for table, rows in tables.items():
            if rows:
                bulk_insert(self.session, table, rows)
        self.parties.flush_variants()
