"""Search speed on SYNTHETIC benchmark databases: indexing, embedding, and query latency.

    .venv/bin/python benchmarks/search_speed.py                       # 10^5 and 10^6 on SQLite
    .venv/bin/python benchmarks/search_speed.py --sizes 100000 --engines sqlite postgresql

Per (n, engine), on the database of `benchmarks.datasets` (real titles, IPC and addresses
recombined; titles only, no abstracts): the full-text index build when it is not there yet;
embedding every patent with the shipped static encoder (throughput = patents / s, including
jieba and the database writes); building the HNSW index from the stored vectors (a fresh index,
as after `ipops index --rebuild`); index sizes. Then the 34 queries of the relevance set
(benchmarks/relevance/queries.jsonl), each 1 warm-up + 3 timed runs, every run a fresh session,
through the search service as the API calls it: first page of 20, no facets (keyword = BM25,
semantic, hybrid) and with the default 8 facets (keyword); and the bare nearest-neighbour
lookup. p95 over all timed runs. Results are appended to var/bench/search_results.jsonl and
rendered into docs/benchmarks.md by `render()`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from benchmarks.synthetic import ROOT  # noqa: E402

WORK = ROOT / "var" / "bench"
RESULTS = WORK / "search_results.jsonl"
QUERIES = ROOT / "benchmarks" / "relevance" / "queries.jsonl"
RUNS = 3
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- search-speed:start -->", "<!-- search-speed:end -->"


def queries() -> list[str]:
    return [json.loads(line)["query"] for line in QUERIES.read_text("utf-8").splitlines() if line.strip()]


def latency(fn: Callable[[str], Any], texts: list[str]) -> dict[str, Any]:
    """1 warm-up + RUNS timed calls per text; median and p95 over every timed call, in ms."""
    times = []
    for text in texts:
        fn(text)
        for _ in range(RUNS):
            started = time.perf_counter()
            fn(text)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {"median_ms": round(statistics.median(times), 1), "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
            "max_ms": round(times[-1], 1), "calls": len(times)}  # fmt: skip


def measure(n: int, engine: str) -> dict[str, Any]:
    from benchmarks.datasets import benchmark_database
    from ipops.analytics.facts import refresh as refresh_facts
    from ipops.analytics.rules import IndicatorRules
    from ipops.search import indexer, vectors
    from ipops.search.ann import NearestIndex, forget
    from ipops.search.semantic import refresh, semantic_for
    from ipops.search.service import search
    from ipops.store.schema import PatentIndustry

    db = benchmark_database(n, engine)
    semantic = semantic_for(db.settings)
    assert semantic is not None
    out: dict[str, Any] = {"n": n, "engine": engine, "date": time.strftime("%Y-%m-%d"), "encoder": semantic.encoder.name}
    with db.session() as s:  # industries (行业 facet) come from the indicator facts
        if not s.scalar(sa.select(sa.func.count()).select_from(PatentIndustry)):
            refresh_facts(s, IndicatorRules.from_settings(db.settings))
    report = indexer.build(db.sessions)  # full text only; timed only when it had work to do
    if report.indexed:
        out["fulltext_build_s"], out["fulltext_docs_per_s"] = report.seconds, round(report.indexed / report.seconds)
    with db.session() as s:
        vectors.drop_other_models(s, semantic.encoder.name)
        s.commit()
        pending = len(vectors.stale_ids(s, semantic.encoder.name))
        started = time.perf_counter()
        done = refresh(s, semantic, batch_size=5000, commit=True)
        if pending:
            seconds = time.perf_counter() - started
            out["embed"] = {"patents": done, "seconds": round(seconds, 1), "per_s": round(done / seconds)}
        for path in semantic.folder.glob(f"{semantic.encoder.name}.*"):  # build from scratch, as --rebuild does
            path.unlink()
        forget(semantic.folder)
        started = time.perf_counter()
        fresh = NearestIndex(semantic.folder, semantic.encoder.name, semantic.encoder.dim)
        fresh.catch_up(s)
        out["hnsw_build_s"] = round(time.perf_counter() - started, 1)
        fresh.save()
        forget(semantic.folder)
        out["sizes_mb"] = _sizes(s, db, semantic, fresh)
    texts = queries()

    def run(mode: str, facets: tuple[str, ...] | None = ()) -> Callable[[str], Any]:
        def call(q: str) -> Any:
            with db.session() as s:
                kwargs = {} if facets is None else {"facets": facets}
                return search(s, query=q, mode=mode, semantic=semantic, limit=20, **kwargs)

        return call

    def nearest(q: str) -> Any:
        with db.session() as s:
            return semantic.nearest_text(s, q, 20)

    out["keyword"] = latency(run("keyword"), texts)
    out["keyword_faceted"] = latency(run("keyword", None), texts)
    out["semantic"] = latency(run("semantic"), texts)
    out["hybrid"] = latency(run("hybrid"), texts)
    out["nearest_20"] = latency(nearest, texts)
    out["load_avg_1min"] = round(os.getloadavg()[0], 2)
    return out


def _sizes(session: Any, db: Any, semantic: Any, index: Any) -> dict[str, float]:
    from ipops.store.schema import PatentVector

    blob = session.scalar(sa.select(sa.func.sum(sa.func.length(PatentVector.vector)))
                          .where(PatentVector.model == semantic.encoder.name)) or 0  # fmt: skip
    sizes = {"vectors_in_db": round(blob / 1e6, 1), "hnsw_file": round(index.path.stat().st_size / 1e6, 1)}
    url = db.settings.database_url
    if url.startswith("sqlite:///"):
        sizes["database_file"] = round(Path(url.removeprefix("sqlite:///")).stat().st_size / 1e6, 1)
    return sizes


def newest() -> list[dict[str, Any]]:
    if not RESULTS.exists():
        return []
    found: dict[tuple[int, str], dict[str, Any]] = {}
    for line in RESULTS.read_text("utf-8").splitlines():
        r = json.loads(line)
        found[(r["n"], r["engine"])] = r
    return [found[k] for k in sorted(found)]


def _lat(block: dict[str, Any], target: float | None = None) -> str:
    mark = "" if target is None else (" ✓" if block["p95_ms"] <= target else " ✗")
    return f"{block['median_ms']} / {block['p95_ms']}{mark}"


def section() -> list[str]:
    results = newest()
    if not results:
        return []
    out = ["## Search (10^5 and 10^6 SYNTHETIC patents)", "", (__doc__ or "").split("\n\n", 2)[2].strip().replace("\n", " "), "",
           "Targets (issue #6, at 10^6): full-text p95 ≤ 50 ms, semantic top-20 p95 ≤ 100 ms, faceted p95 ≤ 200 ms.", "",
           "| n | engine | keyword median / p95 (ms) | keyword + 8 facets | semantic top-20 | hybrid | nearest-neighbour lookup | "
           "embedding (patents/s) | HNSW build (s) | vectors in DB / HNSW file (MB) | load avg |",
           "|---:|---|---|---|---|---|---|---:|---:|---|---:|"]  # fmt: skip
    for r in results:
        big = r["n"] >= 1_000_000
        embed = f"{r['embed']['per_s']:,} ({r['embed']['patents']:,} in {r['embed']['seconds']} s)" if "embed" in r else "–"
        sz = r["sizes_mb"]
        out.append(f"| {r['n']:,} | {r['engine']} | {_lat(r['keyword'], 50 if big else None)} | "
                   f"{_lat(r['keyword_faceted'], 200 if big else None)} | {_lat(r['semantic'], 100 if big else None)} | "
                   f"{_lat(r['hybrid'])} | {_lat(r['nearest_20'])} | {embed} | {r['hnsw_build_s']} | "
                   f"{sz['vectors_in_db']} / {sz['hnsw_file']} | {r['load_avg_1min']} |")  # fmt: skip
    out += ["", f"Encoder: `{results[-1]['encoder']}` (256 dimensions, float16 in the database, f16 HNSW, connectivity 16)."]
    return out


def render() -> None:
    """Put the search section into docs/benchmarks.md between its markers (the rest is kept)."""
    block = "\n".join([START, *section(), END])
    text = DOC.read_text("utf-8") if DOC.exists() else "# Benchmarks\n"
    if START in text and END in text:
        head, _, rest = text.partition(START)
        text = head + block + rest.partition(END)[2]
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    DOC.write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--engines", nargs="+", default=["sqlite"])
    parser.add_argument("--render-only", action="store_true")
    args = parser.parse_args()
    if not args.render_only:
        WORK.mkdir(parents=True, exist_ok=True)
        for n in args.sizes:
            for engine in args.engines:
                result = measure(n, engine)
                with RESULTS.open("a", encoding="utf-8") as fh:
                    fh.write(json.dumps(result, ensure_ascii=False) + "\n")
                print(json.dumps(result, ensure_ascii=False), flush=True)
    render()
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
