"""How hits are ordered: BM25 when the query has words to rank by, else newest application first.

This is the seam for semantic search. A `Ranker` looks at the parsed query and returns a
`Ranking`: a SQL source of (patent_id, score) to outer-join, the sort key, and the score to
show. A later semantic or hybrid ranker (vector kNN fused with BM25 by reciprocal rank) returns
its fused scores the same way, e.g. as a VALUES list or a temporary table of candidates, and
`service.search()` pages, facets and exports through it unchanged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol

import sqlalchemy as sa

from ipops.search.compile import merged_matches
from ipops.search.fulltext import FullText, TextMatch, text_match
from ipops.search.nodes import And, Node, positive_texts
from ipops.store.schema import Patent

_NO_DATE = dt.date(1, 1, 1)


@dataclass(frozen=True)
class Ranking:
    name: str  # bm25 | date | (later) semantic, hybrid
    source: sa.Subquery | None  # (patent_id, score), outer-joined to patent; None: nothing to join
    key: Any  # the sort expression, descending; ties broken by patent id, descending
    score: Any  # the number shown as a hit's score
    key_type: str  # float | date: how the cursor stores the key


class Ranker(Protocol):
    def __call__(self, tree: Node | None, fulltext: FullText) -> Ranking: ...


def default_ranker(tree: Node | None, fulltext: FullText) -> Ranking:
    """BM25 over the query's positive words (not those under NOT); by date when there are none."""
    matches = ranking_matches(tree) if tree else []
    if not matches:
        return by_date()
    source = fulltext.ranked(matches)
    score = sa.func.coalesce(source.c.score, 0.0)
    return Ranking("bm25", source, score, score, "float")


def ranking_matches(tree: Node) -> list[TextMatch]:
    """The lookups BM25 scores: an AND of plain words as one lookup (as `compile` matches it, so
    the index scores the documents it already found); elsewhere one per positive leaf."""
    if isinstance(tree, And):
        merged, rest = merged_matches(tree)
        found = [m for m in merged if m is not None]
        return found + [m for child in rest for leaf in positive_texts(child) if (m := text_match(leaf))]
    return [m for leaf in positive_texts(tree) if (m := text_match(leaf))]


def by_date() -> Ranking:
    key = sa.func.coalesce(Patent.app_date, _NO_DATE)
    return Ranking("date", None, key, sa.literal(0.0, sa.Float), "date")
