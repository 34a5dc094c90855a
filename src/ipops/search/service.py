"""Search use cases: one page of ranked, highlighted hits with facets; the whole result set as a file.

`search()` parses the query, compiles it to one SQL condition, orders by the ranker (BM25 or
date, see `ranking`) with a keyset cursor on (sort key, patent id), so paging never repeats or
skips a hit while the data stays the same. Facets and the total count cover every hit, not the
page. Services only read; callers own the session.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.errors import InvalidNumber, QuerySyntaxError
from ipops.search import export as export_file
from ipops.search.compile import condition
from ipops.search.facets import DEFAULT_FACETS, compute_facets, unknown_facets
from ipops.search.fulltext import backend_for, query_words
from ipops.search.hits import to_hit
from ipops.search.nodes import Node, positive_texts
from ipops.search.query import parse
from ipops.search.ranking import Ranker, Ranking, default_ranker
from ipops.search.schemas import SearchPage
from ipops.store.schema import Patent

MAX_LIMIT = 1000


def search(
    session: Session,
    *,
    query: str,
    cursor: str | None = None,
    limit: int = 20,
    facets: Sequence[str] = DEFAULT_FACETS,
    ranker: Ranker = default_ranker,
) -> SearchPage:
    """One page of hits for `query` (blank: every patent, newest first)."""
    if bad := unknown_facets(facets):
        raise QuerySyntaxError(f"未知的分面：{'、'.join(bad)}", position=0)
    limit = max(1, min(limit, MAX_LIMIT))
    plan = _plan(session, query, ranker)
    rows = _page(session, plan, cursor, limit)
    words = query_words(list(positive_texts(plan.tree))) if plan.tree else []
    hits = [to_hit(p, score, words) for p, score, _key in rows[:limit]]
    next_cursor = _encode(plan.ranking, rows[limit - 1]) if len(rows) > limit else None
    total = session.scalar(sa.select(sa.func.count()).select_from(Patent).where(plan.where)) or 0
    return SearchPage(query=query.strip(), total=total, ranked_by=plan.ranking.name, hits=hits,
                      facets=compute_facets(session, plan.where, facets) if total else [],
                      next_cursor=next_cursor, limit=limit)  # fmt: skip


def export(
    session: Session,
    *,
    query: str,
    path: Path,
    progress: Callable[[int], None] | None = None,
    ranker: Ranker = default_ranker,
) -> int:
    """Write every hit of `query` to `path` (.csv or .xlsx), in search order; returns the row count.

    Never a silent cap: a result set larger than one XLSX sheet holds is refused before writing.
    """
    plan = _plan(session, query, ranker)
    total = session.scalar(sa.select(sa.func.count()).select_from(Patent).where(plan.where)) or 0
    return export_file.write(path, _all_rows(session, plan), total=total, progress=progress)


@dataclass(frozen=True)
class _Plan:
    """A parsed query made executable: the condition on `patent` and how to order the hits."""

    tree: Node | None
    where: Any
    ranking: Ranking


def _plan(session: Session, query: str, ranker: Ranker) -> _Plan:
    tree = parse(query) if query.strip() else None
    fulltext = backend_for(session)
    where = condition(tree, fulltext) if tree else sa.true()
    return _Plan(tree, where, ranker(tree, fulltext))


def _page(session: Session, plan: _Plan, cursor: str | None, limit: int) -> list[Any]:
    r = plan.ranking
    stmt = sa.select(Patent, r.score, r.key).where(plan.where)
    if r.source is not None:
        stmt = stmt.outerjoin(r.source, r.source.c.patent_id == Patent.id)
    if cursor:
        key, last_id = _decode(cursor, r)
        stmt = stmt.where(sa.or_(r.key < key, sa.and_(r.key == key, Patent.id < last_id)))
    return list(session.execute(stmt.order_by(r.key.desc(), Patent.id.desc()).limit(limit + 1)).all())


def _all_rows(session: Session, plan: _Plan, chunk: int = 1000) -> Iterator[tuple[Patent, float]]:
    cursor: str | None = None
    while True:
        rows = _page(session, plan, cursor, chunk)
        for patent, score, _key in rows[:chunk]:
            yield patent, score
        if len(rows) <= chunk:
            return
        cursor = _encode(plan.ranking, rows[chunk - 1])
        for patent, _score, _key in rows:  # keep memory flat over 10^6 rows; other objects stay
            session.expunge(patent)


def _encode(ranking: Ranking, row: Any) -> str:
    patent, _score, key = row
    value = key.isoformat() if ranking.key_type == "date" else float(key)
    raw = orjson.dumps({"r": ranking.name, "k": value, "i": patent.id})
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, ranking: Ranking) -> tuple[Any, int]:
    try:
        data = orjson.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if data["r"] != ranking.name:
            raise ValueError(cursor)
        key = dt.date.fromisoformat(data["k"]) if ranking.key_type == "date" else float(data["k"])
        return key, int(data["i"])
    except (ValueError, KeyError, TypeError) as exc:
        raise InvalidNumber("翻页游标无效或与检索式不符，请从第一页重新开始") from exc
