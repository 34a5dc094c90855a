"""Patent vectors in the database: the truth the nearest-neighbour index is derived from.

`patent_vector` holds one float16 vector per patent and encoder, with the patent version it
was computed from (re-embedded when the patent changes, like the full-text index) and the
write batch (`version`). Each write batch takes the next number from `vector_state`, in the
same transaction as its rows, so "rows newer than version v" is exactly what a process holding
an index built at v lacks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.search.encoders import Encoder, document_text
from ipops.store.db import bulk_insert, in_keys
from ipops.store.repos.patents import stale_patent_ids
from ipops.store.schema import Patent, PatentVector, VectorState
from ipops.store.schema.mixins import utcnow

DTYPE = np.float16


def stale_ids(session: Session, model: str) -> list[int]:
    """Patents without a vector from `model`, or with one computed from an older version."""
    return stale_patent_ids(session, PatentVector, PatentVector.model == model)


def embed_batch(session: Session, encoder: Encoder, ids: Sequence[int]) -> int:
    """Embed and store these patents (ids that no longer exist are skipped); returns the count."""
    rows = session.execute(
        sa.select(Patent.id, Patent.updated_at, Patent.title, Patent.abstract, Patent.claims)
        .where(in_keys(session, Patent.id, ids))
    ).all()  # fmt: skip
    if not rows:
        return 0
    matrix = encoder.encode([document_text(r.title, r.abstract, r.claims) for r in rows]).astype(DTYPE)
    version = next_version(session, encoder.name)
    found = [r.id for r in rows]
    session.execute(sa.delete(PatentVector).where(PatentVector.model == encoder.name,
                                                  in_keys(session, PatentVector.patent_id, found)))  # fmt: skip
    bulk_insert(session, PatentVector, [
        {"patent_id": r.id, "model": encoder.name, "source_updated_at": r.updated_at, "version": version,
         "vector": matrix[i].tobytes()}
        for i, r in enumerate(rows)
    ])  # fmt: skip
    return len(rows)


def next_version(session: Session, model: str) -> int:
    """Take the next write-batch number (the row lock orders concurrent writers on PostgreSQL)."""
    updated = session.execute(
        sa.update(VectorState).where(VectorState.model == model)
        .values(version=VectorState.version + 1, updated_at=utcnow()).returning(VectorState.version)
    ).scalar()  # fmt: skip
    if updated is not None:
        return int(updated)
    session.add(VectorState(model=model, version=1, updated_at=utcnow()))
    session.flush()
    return 1


def current_version(session: Session, model: str) -> int:
    return session.scalar(sa.select(VectorState.version).where(VectorState.model == model)) or 0


def count(session: Session, model: str) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(PatentVector).where(PatentVector.model == model)) or 0


def rows_since(session: Session, model: str, version: int, *, chunk: int = 20000) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(patent ids, vectors) written after `version`, in chunks (keyset on patent id)."""
    last = 0
    while True:
        batch = session.execute(
            sa.select(PatentVector.patent_id, PatentVector.vector)
            .where(PatentVector.model == model, PatentVector.version > version, PatentVector.patent_id > last)
            .order_by(PatentVector.patent_id).limit(chunk)
        ).all()  # fmt: skip
        if not batch:
            return
        last = batch[-1][0]
        yield np.fromiter((b[0] for b in batch), dtype=np.int64, count=len(batch)), _matrix(b[1] for b in batch)


def vector_of(session: Session, model: str, patent_id: int) -> np.ndarray | None:
    raw = session.scalar(
        sa.select(PatentVector.vector).where(PatentVector.model == model, PatentVector.patent_id == patent_id)
    )
    return None if raw is None else np.frombuffer(raw, dtype=DTYPE).astype(np.float32)


def vectors_of(session: Session, model: str, patent_ids: Sequence[int]) -> tuple[list[int], np.ndarray]:
    """(ids that have a vector, in the order given; their vectors as rows) in one batched read."""
    found = dict(session.execute(sa.select(PatentVector.patent_id, PatentVector.vector)
                                 .where(PatentVector.model == model, in_keys(session, PatentVector.patent_id, list(patent_ids)))).all())  # fmt: skip
    ids = [pid for pid in dict.fromkeys(patent_ids) if pid in found]
    if not ids:
        return [], np.zeros((0, 0), dtype=np.float32)
    return ids, _matrix(found[pid] for pid in ids)


def clear(session: Session, model: str | None = None) -> None:
    """Drop stored vectors (of one model, or all): the next refresh embeds again."""
    where: Any = sa.true() if model is None else PatentVector.model == model
    session.execute(sa.delete(PatentVector).where(where))


def _matrix(blobs: Iterator[bytes]) -> np.ndarray:
    return np.stack([np.frombuffer(b, dtype=DTYPE) for b in blobs]).astype(np.float32)


def drop_other_models(session: Session, model: str) -> int:
    """Delete vectors of encoders other than `model` (an upgraded encoder file replaces them)."""
    result = session.execute(sa.delete(PatentVector).where(PatentVector.model != model))
    session.execute(sa.delete(VectorState).where(VectorState.model != model))
    return int(getattr(result, "rowcount", 0) or 0)
