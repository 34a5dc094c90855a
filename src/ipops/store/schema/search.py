"""Bookkeeping of the full-text index (derived data, rebuildable from the patents).

`search_doc` says which version of each patent is in the index: the indexer compares the
patent's `updated_at` with `source_updated_at` and re-indexes only what differs. The index
itself is engine-specific (an FTS5 virtual table on SQLite, a `tsvector` table with a GIN index
on PostgreSQL); migration 0005 creates it and `ipops.search.fulltext` reads and writes it.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, ForeignKey
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
