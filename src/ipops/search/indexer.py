"""Build and refresh the full-text index from the patents (`ipops index [--rebuild]`).

Incremental by default: a patent is (re)indexed when it has no `search_doc` row or its
`updated_at` differs from the one recorded there, so after an import only new and changed
patents are segmented. Work goes in batches (one read, one segmentation pass, one bulk write per
batch); `build()` commits each batch, so a killed run keeps what it finished and the next run
does the rest. Deleted patents leave the index through foreign keys (and a trigger on SQLite).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from ipops.search.fulltext import IndexDoc, backend_for
from ipops.search.segment import segment
from ipops.search.semantic import Semantic, save_index
from ipops.search.semantic import rebuild as rebuild_vectors
from ipops.search.semantic import refresh as embed
from ipops.search.vectors import drop_other_models
from ipops.store.db import bulk_insert, in_keys
from ipops.store.repos.patents import stale_patent_ids
from ipops.store.schema import Patent, SearchDoc
from ipops.store.schema.mixins import utcnow

BATCH = 2000
Progress = Callable[[int], None]


@dataclass
class IndexReport:
    indexed: int
    pending_before: int
    total_patents: int
    rebuilt: bool
    seconds: float
    embedded: int = 0  # patents (re-)embedded for semantic search
    embed_seconds: float = 0.0
    vectors_indexed: int = 0  # size of the nearest-neighbour index afterwards
    encoder: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def stale_ids(session: Session) -> list[int]:
    """Patents missing from the index or changed since they were indexed, by id."""
    return stale_patent_ids(session, SearchDoc)


def refresh(session: Session, patent_ids: Iterable[int] | None = None, *, progress: Progress | None = None,
            batch_size: int = BATCH, semantic: Semantic | None = None) -> int:  # fmt: skip
    """Index these patents (default: every stale one) in the caller's transaction; returns the count.

    The import job calls this with the import report's changed ids; with `semantic` the same
    patents are embedded too (the caller saves the vector index file after committing).
    """
    ids = stale_ids(session) if patent_ids is None else sorted(set(patent_ids))
    done = 0
    for start in range(0, len(ids), batch_size):
        done += index_batch(session, ids[start : start + batch_size])
        if progress:
            progress(done)
    if semantic is not None:
        embed(session, semantic, ids if patent_ids is not None else None, batch_size=batch_size)
    return done


def build(factory: sessionmaker[Session], *, rebuild: bool = False, progress: Progress | None = None,
          batch_size: int = BATCH, semantic: Semantic | None = None) -> IndexReport:  # fmt: skip
    """`ipops index`: bring the indexes up to date (or rebuild them from scratch), committing per batch.

    Full text first, then (with `semantic`) the vectors and the nearest-neighbour index file.
    """
    started = time.perf_counter()
    with factory() as session:
        if rebuild:
            clear(session)
            if semantic is not None:
                rebuild_vectors(session, semantic)
            session.commit()
        ids = stale_ids(session)
        total = session.scalar(sa.select(sa.func.count()).select_from(Patent)) or 0
        done = 0
        for start in range(0, len(ids), batch_size):
            done += index_batch(session, ids[start : start + batch_size])
            session.commit()
            if progress:
                progress(done)
        report = IndexReport(indexed=done, pending_before=len(ids), total_patents=total, rebuilt=rebuild,
                             seconds=round(time.perf_counter() - started, 2))  # fmt: skip
        if semantic is not None:
            _embed_all(session, semantic, report, progress, batch_size)
    return report


def _embed_all(session: Session, semantic: Semantic, report: IndexReport, progress: Progress | None,
               batch_size: int) -> None:  # fmt: skip
    started = time.perf_counter()
    drop_other_models(session, semantic.encoder.name)
    # one counter for both phases: vectors count on from the full-text rows (it never runs backwards)
    tick = (lambda n: progress(report.indexed + n)) if progress is not None else None
    report.embedded = embed(session, semantic, None, batch_size=batch_size, progress=tick, commit=True)
    report.embed_seconds = round(time.perf_counter() - started, 2)
    report.vectors_indexed = save_index(session, semantic)
    report.encoder = semantic.encoder.name


def clear(session: Session) -> None:
    """Empty the index and its bookkeeping (the next refresh indexes everything)."""
    backend_for(session).clear(session)
    session.execute(sa.delete(SearchDoc))


def index_batch(session: Session, ids: Sequence[int]) -> int:
    """Segment and write one batch of patents; ids that no longer exist are skipped."""
    rows = session.execute(
        sa.select(Patent.id, Patent.updated_at, Patent.title, Patent.abstract, Patent.claims, Patent.applicants_display)
        .where(in_keys(session, Patent.id, ids))
    ).all()  # fmt: skip
    if not rows:
        return 0
    docs = [IndexDoc(r.id, segment(r.title), segment(r.abstract), segment(r.claims), segment(r.applicants_display))
            for r in rows]  # fmt: skip
    # bookkeeping first: on SQLite deleting a search_doc row also drops its index entry (trigger)
    session.execute(sa.delete(SearchDoc).where(in_keys(session, SearchDoc.patent_id, [r.id for r in rows])))
    backend_for(session).write(session, docs)
    now = utcnow()
    bulk_insert(session, SearchDoc, [{"patent_id": r.id, "source_updated_at": r.updated_at, "indexed_at": now}
                                     for r in rows])  # fmt: skip
    return len(rows)


def pending(session: Session) -> int:
    """How many patents the index lacks or holds in an older version."""
    return len(stale_ids(session))
