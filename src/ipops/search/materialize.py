"""Evaluate each full-text lookup of a query once per request, into a temporary table.

One search runs the same full-text condition many times: the page, the total, every facet (and,
for hybrid, the BM25 top list). On an FTS5 or GIN index an AND of common words is the expensive
part (intersecting long posting lists: 30–100 ms at 10^6 patents), so this wrapper runs each
lookup once, keeps the ids (and BM25 scores) in a temporary table keyed by patent id, and hands
the rest of the query that table. `Materialized` is a `FullText`; `materialized()` drops its tables.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.search.fulltext import FullText, IndexDoc, TextMatch, backend_for

_names = itertools.count()


class Materialized:
    def __init__(self, session: Session, inner: FullText) -> None:
        self.session, self.inner = session, inner
        self._tables: dict[Any, sa.Table] = {}

    def write(self, session: Session, docs: Sequence[IndexDoc]) -> None:
        self.inner.write(session, docs)

    def clear(self, session: Session) -> None:
        self.inner.clear(session)

    def matching(self, match: TextMatch) -> sa.Select[Any]:
        table = self._table(("m", match), lambda: self.inner.matching(match), scored=False)
        return sa.select(table.c.patent_id)

    def ranked(self, matches: Sequence[TextMatch]) -> sa.Subquery:
        key = ("r", tuple(matches))
        table = self._table(key, lambda: sa.select(self.inner.ranked(matches)), scored=True)
        return sa.select(table.c.patent_id, table.c.score).subquery()

    def hit_set(self, where: Any) -> tuple[Any, int]:
        """Every patent matching `where`, evaluated once: (a condition selecting them, their count).

        The total and each facet then read this table instead of re-running the whole condition
        (IPC ranges, name substrings, nearest-neighbour lists …) nine times.
        """
        from ipops.store.schema import Patent

        if isinstance(where, sa.sql.elements.True_):  # a blank query: every patent, nothing to evaluate
            return where, self.session.scalar(sa.select(sa.func.count()).select_from(Patent)) or 0
        table = self._table(("where", id(where)), lambda: sa.select(Patent.id).where(where), scored=False)
        total = self.session.scalar(sa.select(sa.func.count()).select_from(table)) or 0
        return Patent.id.in_(sa.select(table.c.patent_id)), total

    def drop(self) -> None:
        for table in self._tables.values():
            self.session.execute(sa.text(f"DROP TABLE IF EXISTS {table.name}"))
        self._tables.clear()

    def _table(self, key: Any, source: Any, *, scored: bool) -> sa.Table:
        if key not in self._tables:
            name = f"ipops_hits_{next(_names)}"
            columns = [sa.Column("patent_id", sa.Integer, primary_key=True)]
            if scored:
                columns.append(sa.Column("score", sa.Float))
            table = sa.Table(name, sa.MetaData(), *columns, prefixes=["TEMPORARY"])
            table.create(self.session.connection())
            select = source()
            self.session.execute(sa.insert(table).from_select([c.name for c in columns], select))
            self._tables[key] = table
        return self._tables[key]


@contextmanager
def materialized(session: Session) -> Iterator[Materialized]:
    """The session's full-text index with per-request temporary results, dropped afterwards."""
    found = Materialized(session, backend_for(session))
    try:
        yield found
    finally:
        found.drop()
