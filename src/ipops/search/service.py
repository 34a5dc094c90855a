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
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import orjson
import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.errors import InvalidNumber, QuerySyntaxError
from ipops.search import export as export_file
from ipops.search.compile import condition
from ipops.search.facets import DEFAULT_FACETS, compute_facets, unknown_facets
from ipops.search.fulltext import query_words
from ipops.search.hits import to_hit
from ipops.search.hybrid import hybrid_ranking, semantic_ranking
from ipops.search.materialize import Materialized, materialized
from ipops.search.nodes import Node, positive_texts, without_positive_texts
from ipops.search.query import parse
from ipops.search.ranking import Ranker, Ranking, default_ranker
from ipops.search.schemas import SearchPage, SimilarPage
from ipops.search.semantic import Semantic, has_vectors
from ipops.store.db import in_keys
from ipops.store.repos.patents import find_patent
from ipops.store.schema import Patent

MAX_LIMIT = 1000


def search(
    session: Session,
    *,
    query: str,
    text: str | None = None,
    mode: str | None = None,
    semantic: Semantic | None = None,
    cursor: str | None = None,
    limit: int = 20,
    facets: Sequence[str] = DEFAULT_FACETS,
    ranker: Ranker = default_ranker,
) -> SearchPage:
    """One page of hits for `query` (blank: every patent, newest first).

    `text` is a pasted paragraph (a technical description, a need): its nearest patents, with
    `query` as extra conditions. `mode` (keyword | semantic | hybrid) says how the query's
    words rank; the default is hybrid when `semantic` is given, else keyword (see `MODES`).
    """
    if bad := unknown_facets(facets):
        raise QuerySyntaxError(f"未知的分面：{'、'.join(bad)}", position=0)
    limit = max(1, min(limit, MAX_LIMIT))
    with materialized(session) as fulltext:
        plan = _plan(session, query, ranker, _Semantics(text, mode, semantic), fulltext)
        hits_where, total = fulltext.hit_set(plan.where)
        plan = replace(plan, where=hits_where)
        rows = _page(session, plan, cursor, limit)
        words = query_words(list(positive_texts(plan.tree))) if plan.tree else []
        hits = [to_hit(p, score, words) for p, score, _key in rows[:limit]]
        next_cursor = _encode(plan.ranking, rows[limit - 1]) if len(rows) > limit else None
        found = compute_facets(session, hits_where, facets) if total else []
    return SearchPage(query=query.strip(), total=total, ranked_by=plan.ranking.name, hits=hits, facets=found,
                      next_cursor=next_cursor, limit=limit)  # fmt: skip


def export(
    session: Session,
    *,
    query: str,
    path: Path,
    text: str | None = None,
    mode: str | None = None,
    semantic: Semantic | None = None,
    progress: Callable[[int], None] | None = None,
    ranker: Ranker = default_ranker,
) -> int:
    """Write every hit of `query` to `path` (.csv or .xlsx), in search order; returns the row count.

    Never a silent cap: a result set larger than one XLSX sheet holds is refused before writing.
    """
    with materialized(session) as fulltext:
        plan = _plan(session, query, ranker, _Semantics(text, mode, semantic), fulltext)
        hits_where, total = fulltext.hit_set(plan.where)  # evaluated once, not once per page of rows
        rows = _all_rows(session, replace(plan, where=hits_where))
        return export_file.write(path, rows, total=total, progress=progress)


@dataclass(frozen=True)
class _Plan:
    """A parsed query made executable: the condition on `patent` and how to order the hits."""

    tree: Node | None
    where: Any
    ranking: Ranking


@dataclass(frozen=True)
class _Semantics:
    text: str | None
    mode: str | None
    semantic: Semantic | None


def _plan(session: Session, query: str, ranker: Ranker, sem: _Semantics, fulltext: Materialized) -> _Plan:
    tree = parse(query) if query.strip() else None
    where = condition(tree, fulltext) if tree else sa.true()
    keyword = _Plan(tree, where, ranker(tree, fulltext))
    semantic = sem.semantic if sem.semantic is not None and has_vectors(session, sem.semantic) else None
    if sem.text and sem.text.strip() and semantic is None:
        raise QuerySyntaxError("段落检索需要语义索引：请先运行 ipops index 为专利建立向量", position=0)
    mode = resolve_mode(sem.mode, tree, sem.text, semantic)
    if mode == "keyword" or semantic is None:
        return keyword
    words = sem.text or " ".join(t.text for t in positive_texts(tree)) if tree else (sem.text or "")
    neighbours = semantic.nearest_text(session, words) if words.strip() else []
    rest = without_positive_texts(tree) if tree else None
    near = sa.and_(condition(rest, fulltext) if rest else sa.true(),
                   in_keys(session, Patent.id, [pid for pid, _ in neighbours]))  # fmt: skip
    if mode == "semantic":
        return _Plan(tree, near, semantic_ranking(session, neighbours))
    # hybrid: the keyword hits, plus neighbours close enough to count as hits of their own; every
    # neighbour still votes in the fused order of the keyword hits
    close = [pid for pid, score in neighbours if score >= semantic.min_similarity]
    extra = sa.and_(near, in_keys(session, Patent.id, close)) if close else sa.false()
    top = _top_ids(session, keyword, semantic.candidates)
    return _Plan(tree, sa.or_(where, extra), hybrid_ranking(session, keyword.ranking, top, neighbours))


MODES = ("keyword", "semantic", "hybrid")


def resolve_mode(mode: str | None, tree: Node | None, text: str | None, semantic: Semantic | None) -> str:
    """keyword without a semantic index or without words to rank; semantic for a pasted paragraph."""
    if mode is not None and mode not in MODES:
        raise QuerySyntaxError(f"未知的检索方式“{mode}”（可选 keyword、semantic、hybrid）", position=0)
    if semantic is None:
        return "keyword"
    if text and text.strip():
        return "semantic"
    if tree is None or not any(True for _ in positive_texts(tree)):
        return "keyword"
    return mode or "hybrid"


def _top_ids(session: Session, plan: _Plan, n: int) -> list[int]:
    """Ids of the first n hits of a plan (the BM25 list that hybrid fuses)."""
    r = plan.ranking
    stmt = sa.select(Patent.id).where(plan.where)
    if r.source is not None:
        stmt = stmt.outerjoin(r.source, r.source.c.patent_id == Patent.id)
    return list(session.scalars(stmt.order_by(r.key.desc(), Patent.id.desc()).limit(n)))


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


def similar(session: Session, *, number: str, semantic: Semantic | None, limit: int = 10) -> SimilarPage:
    """The patents nearest to one patent by meaning (its title, abstract and claims' opening)."""
    patent = find_patent(session, number)
    if semantic is None:
        return SimilarPage(app_number=patent.app_number, available=False, hits=[])
    pairs = semantic.nearest_patent(session, patent.id, max(1, min(limit, 100)))
    found = {p.id: p for p in session.scalars(sa.select(Patent).where(in_keys(session, Patent.id, [i for i, _ in pairs])))}
    hits = [to_hit(found[pid], score, []) for pid, score in pairs if pid in found]
    return SimilarPage(app_number=patent.app_number, available=bool(pairs) or has_vectors(session, semantic), hits=hits)
