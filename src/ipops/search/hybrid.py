"""Semantic and hybrid orderings: nearest neighbours, fused with BM25 by reciprocal rank.

Both produce a `ranking.Ranking`, so the service pages, counts, facets and exports them exactly
like BM25. Reciprocal-rank fusion (Cormack et al. 2009: score = Σ 1 / (k + rank)) needs no
calibration between a BM25 score and a cosine, and a patent high in either list rises.

Hybrid hits are the BM25 matches plus the semantic neighbours that meet the query's other
conditions. The fused top candidates come first (key 1 + fused score); the rest of the BM25
matches follow in BM25 order (key score / (1 + score) < 1), so paging through every hit still
has one total order.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.search.ranking import Ranking
from ipops.store.db import scored_rows

RRF_K = 60


def rrf(*ranked: Sequence[int], k: int = RRF_K) -> dict[int, float]:
    """Fused score per id over ranked id lists (best first)."""
    fused: dict[int, float] = {}
    for ids in ranked:
        for rank, pid in enumerate(ids, start=1):
            fused[pid] = fused.get(pid, 0.0) + 1.0 / (k + rank)
    return fused


def semantic_ranking(session: Session, neighbours: Sequence[tuple[int, float]]) -> Ranking:
    """Order by cosine similarity to the query text."""
    source = scored_rows(session, neighbours, "semantic")
    score = sa.func.coalesce(source.c.score, 0.0)
    return Ranking("semantic", source, score, score, "float")


def hybrid_ranking(session: Session, bm25: Ranking, bm25_top: Sequence[int],
                   neighbours: Sequence[tuple[int, float]], *, k: int = RRF_K) -> Ranking:  # fmt: skip
    """RRF of the BM25 top list and the neighbours; other BM25 matches after them in BM25 order."""
    fused = rrf(bm25_top, [pid for pid, _ in neighbours], k=k)
    top = scored_rows(session, sorted(fused.items()), "fused")
    parts = [sa.select(top.c.patent_id, (top.c.score + 1.0).label("score"))]
    if bm25.source is not None:
        s = bm25.source.c.score
        parts.append(sa.select(bm25.source.c.patent_id, (s / (1.0 + sa.func.abs(s))).label("score")))
    union = sa.union_all(*parts).subquery("hybrid_parts")
    source = (
        sa.select(union.c.patent_id, sa.func.max(union.c.score).label("score"))
        .group_by(union.c.patent_id)
        .subquery("hybrid")
    )
    score = sa.func.coalesce(source.c.score, 0.0)
    return Ranking("hybrid", source, score, score, "float")
