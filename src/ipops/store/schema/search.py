"""Bookkeeping of the full-text index (derived data, rebuildable from the patents).

`search_doc` says which version of each patent is in the index: the indexer compares the
patent's `updated_at` with `source_updated_at` and re-indexes only what differs. The index
itself is engine-specific (an FTS5 virtual table on SQLite, a `tsvector` table with a GIN index
on PostgreSQL); migration 0005 creates it and `ipops.search.fulltext` reads and writes it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from ipops.store.db import Base
from ipops.store.schema.mixins import utcnow

# Engine-specific tables of the index, not described by models (FTS5 adds shadow tables named
# search_fts_*). Schema comparisons skip them: see `ipops.store.migrate.include_name`.
DERIVED_TABLE_PREFIX = "search_fts"


class SearchDoc(Base):
    """One indexed patent and the patent version (`updated_at`) its index entry was built from."""

    __tablename__ = "search_doc"

    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), primary_key=True)
    source_updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    indexed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class PatentVector(Base):
    """A patent's embedding under one encoder (`model`), the truth the nearest-neighbour index is
    derived from. `vector` is float16 bytes (dimension fixed by the model); `version` is the
    batch that wrote it, so a process holding an index file adds only rows newer than the file."""

    __tablename__ = "patent_vector"

    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), primary_key=True)
    model: Mapped[str] = mapped_column(String(64), primary_key=True)
    source_updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    version: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)

    __table_args__ = (Index("ix_patent_vector_model_version", "model", "version"),)


class VectorState(Base):
    """Per encoder: the newest write batch. One row read tells a process whether its index is current."""

    __tablename__ = "vector_state"

    model: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
