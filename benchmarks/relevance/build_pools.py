"""Build judging pools: top 20 of each query plus top 10 of each alternative query (BM25).

    IPOPS_DATABASE_URL=sqlite:///var/relevance/ipops.db IPOPS_DATA_DIR=var/relevance \\
        .venv/bin/python -m benchmarks.relevance.build_pools > var/relevance/pools.jsonl

Reads queries.jsonl (fields id, query, intent, alternatives); prints one JSON line per pooled
(query_id, app_number, title, ipc) in pooling order, for a judge to read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ipops.search.service import search
from ipops.store.db import Database
from ipops.store.settings import Settings

HERE = Path(__file__).resolve().parent


def main() -> None:
    root = HERE.parent.parent
    url = os.environ.get("IPOPS_DATABASE_URL", f"sqlite:///{root / 'var' / 'relevance' / 'ipops.db'}")
    db = Database(Settings(database_url=url, demo_on_empty=False, data_dir=root / "var" / "relevance"))
    queries = [json.loads(x) for x in (HERE / "queries.jsonl").read_text("utf-8").splitlines() if x.strip()]
    with db.session() as s:
        for q in queries:
            seen: set[str] = set()
            runs = [(q["query"], 20)] + [(alt, 10) for alt in q.get("alternatives", [])]
            for text, k in runs:
                for h in search(s, query=text, limit=k, facets=()).hits:
                    if h.app_number not in seen:
                        seen.add(h.app_number)
                        print(json.dumps({"query_id": q["id"], "app_number": h.app_number, "title": h.title,
                                          "ipc": h.ipc_main, "from": text}, ensure_ascii=False))  # fmt: skip


if __name__ == "__main__":
    main()
