"""Matching quality (issue #7): precision@10 and recall@10 of need → patent matching on real data.

    IPOPS_DATABASE_URL=sqlite:///var/relevance/ipops.db IPOPS_DATA_DIR=var/relevance \\
        .venv/bin/python -m benchmarks.matching_quality [--pool FILE] [--no-write]

The database is the relevance corpus (benchmarks/relevance/SOURCE.md: 171,570 real CNIPA
patents), indexed with vectors (`ipops index`) and with the indicator facts (for 行业). Two sets:

1. **Hand-written needs** (`benchmarks/matching/needs.jsonl`, 35 needs in the words a firm would
   post), judged: `benchmarks/matching/judgments.jsonl`. `--pool FILE` writes the unjudged pairs
   of every ranker's top 10 for the judge.
2. **Needs derived from real patents** (held out): 200 invention patents drawn with a fixed seed;
   the need is the patent's title rewritten as a request (`derived_need`); the source patent is
   removed from the results; a match is relevant when it shares the source's IPC main group.

Rankers: `semantic` (the nearest patents by meaning, ended rights removed: the baseline) and
`matching` (`ipops.market.matching.match_need`: semantic plus the IPC/industry/region/status
bonuses). Results go to docs/matching-quality.md between its markers.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.legal_status import is_dead
from ipops.market.matching import NeedQuery, match_need
from ipops.search.semantic import Semantic, semantic_for
from ipops.store.db import Database
from ipops.store.schema import Patent, PatentIpc
from ipops.store.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SET_DIR = ROOT / "benchmarks" / "matching"
DOC = ROOT / "docs" / "matching-quality.md"
K = 10
SEED, DERIVED = 20261204, 200
START, END = "<!-- results:start -->", "<!-- results:end -->"

Ranker = Callable[[Session, Semantic, NeedQuery, set[int]], list[int]]


def semantic_only(session: Session, semantic: Semantic, need: NeedQuery, exclude: set[int]) -> list[int]:
    pairs = semantic.nearest_text(session, need.text, 100)
    status = dict(session.execute(sa.select(Patent.id, Patent.legal_status).where(Patent.id.in_([p for p, _ in pairs]))).all())
    return [p for p, _ in pairs if p not in exclude and not is_dead(status.get(p))][:K]


def matching(session: Session, semantic: Semantic, need: NeedQuery, exclude: set[int]) -> list[int]:
    found = match_need(session, semantic=semantic, need=need, limit=K + len(exclude))
    return [m.patent_id for m in found if m.patent_id not in exclude][:K]


RANKERS: dict[str, Ranker] = {"semantic": semantic_only, "matching": matching}
LABELS = {"semantic": "semantic neighbours only (baseline)", "matching": "IPOps matching (semantic + IPC, industry, region, status, value)"}


def hand_needs() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (SET_DIR / "needs.jsonl").read_text("utf-8").splitlines() if line.strip()]


def judgments() -> dict[str, dict[str, int]]:
    path = SET_DIR / "judgments.jsonl"
    out: dict[str, dict[str, int]] = {}
    if path.exists():
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                j = json.loads(line)
                out.setdefault(j["need_id"], {})[j["app_number"]] = int(j["grade"])
    return out


_TRIM = re.compile(r"^(一种|一类|基于)|(及其制备方法和应用|及其制备方法与应用|及其制备方法|及其应用|及其制作方法|的制备方法|及方法|及系统|及装置)$")
_TEMPLATES = ("我们需要{core}相关技术。", "寻求{core}方面的技术方案，用于产品升级。", "希望引进{core}的技术，欢迎专利许可或转让。")


def derived_need(title: str, rng: random.Random) -> str:
    """A patent title rewritten as what a firm would ask for."""
    core = title
    for _ in range(2):
        core = _TRIM.sub("", core).strip()
    return rng.choice(_TEMPLATES).format(core=core or title)


def derived_set(session: Session) -> list[dict[str, Any]]:
    rng = random.Random(SEED)
    ids = list(session.scalars(sa.select(Patent.id).where(Patent.patent_type == "invention", Patent.ipc_main.is_not(None)).order_by(Patent.id)))
    out = []
    for pid in rng.sample(ids, DERIVED):
        p = session.get(Patent, pid)
        assert p is not None and p.ipc_main
        group = p.ipc_main.split("/")[0]
        relevant = set(session.scalars(sa.select(PatentIpc.patent_id).where(PatentIpc.main_group == f"{group}/00", PatentIpc.patent_id != pid)))
        out.append({"source": pid, "group": group, "need": derived_need(p.title, rng), "relevant": relevant})
    return out


def evaluate_hand(session: Session, semantic: Semantic, qrels: dict[str, dict[str, int]]) -> dict[str, list[dict[str, Any]]]:
    numbers = dict(session.execute(sa.select(Patent.id, Patent.app_number)).all())
    results: dict[str, list[dict[str, Any]]] = {}
    for name, rank in RANKERS.items():
        rows = []
        for n in hand_needs():
            need = NeedQuery(text=f"{n['title']}。{n['text']}", industry=n.get("industry"), region=n.get("region"))
            top = [numbers[p] for p in rank(session, semantic, need, set())]
            grades = qrels.get(n["id"], {})
            relevant = {a for a, g in grades.items() if g >= 1}
            rows.append({"id": n["id"], "title": n["title"], "top": top,
                         "p10": sum(grades.get(a, 0) >= 1 for a in top) / K,
                         "p10_strict": sum(grades.get(a, 0) == 2 for a in top) / K,
                         "r10": len(relevant & set(top)) / len(relevant) if relevant else 0.0,
                         "unjudged": sum(a not in grades for a in top), "relevant": len(relevant)})  # fmt: skip
        results[name] = rows
    return results


def evaluate_derived(session: Session, semantic: Semantic) -> dict[str, dict[str, float]]:
    cases = derived_set(session)
    out = {}
    for name, rank in RANKERS.items():
        p, r = [], []
        for c in cases:
            top = rank(session, semantic, NeedQuery(text=c["need"]), {c["source"]})
            hits = sum(pid in c["relevant"] for pid in top)
            p.append(hits / K)
            r.append(hits / min(K, len(c["relevant"])) if c["relevant"] else 0.0)
        out[name] = {"p10": sum(p) / len(p), "r10": sum(r) / len(r), "cases": len(cases)}
    return out


def write_pool(path: Path, session: Session, hand: dict[str, list[dict[str, Any]]], qrels: dict[str, dict[str, int]]) -> int:
    needs = {n["id"]: n for n in hand_needs()}
    seen, lines = set(), []
    for rows in hand.values():
        for row in rows:
            for a in row["top"]:
                if a in qrels.get(row["id"], {}) or (row["id"], a) in seen:
                    continue
                seen.add((row["id"], a))
                p = session.scalar(sa.select(Patent).where(Patent.app_number == a))
                assert p is not None
                n = needs[row["id"]]
                lines.append(json.dumps({"need_id": row["id"], "need": f"{n['title']}。{n['text']}", "app_number": a,
                                         "title": p.title, "ipc_main": p.ipc_main}, ensure_ascii=False))  # fmt: skip
    path.write_text("\n".join(lines) + ("\n" if lines else ""), "utf-8")
    return len(lines)


def mean(xs: list[float]) -> float:
    return sum(xs) / len(xs) if xs else 0.0


def render(hand: dict[str, list[dict[str, Any]]], derived: dict[str, dict[str, float]], n_patents: int, n_pairs: int) -> str:
    lines = [START, f"- Date: {dt.date.today().isoformat()}; corpus: {n_patents:,} real patents; judged pairs: {n_pairs}", "",
             "### Hand-written needs (35, judged)", "",
             "| ranker | precision@10 (grade ≥ 1) | precision@10 (grade 2) | recall@10 | unjudged in top 10 |", "| --- | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for name, rows in hand.items():
        lines.append(f"| {LABELS[name]} | {mean([r['p10'] for r in rows]):.3f} | {mean([r['p10_strict'] for r in rows]):.3f} | "
                     f"{mean([r['r10'] for r in rows]):.3f} | {sum(r['unjudged'] for r in rows)} |")  # fmt: skip
    lines += ["", f"### Needs derived from real patents ({next(iter(derived.values()))['cases']}, source held out, relevant = same IPC main group)", "",
              "| ranker | precision@10 | recall@10 (of min(10, group size)) |", "| --- | ---: | ---: |"]  # fmt: skip
    for name, d in derived.items():
        lines.append(f"| {LABELS[name]} | {d['p10']:.3f} | {d['r10']:.3f} |")
    names = list(hand)
    lines += ["", "Per hand-written need:", "", "| id | need | relevant | " + " | ".join(f"{n} P@10 | {n} R@10" for n in names) + " |",
              "| --- | --- | ---: | " + " | ".join("---: | ---:" for _ in names) + " |"]  # fmt: skip
    for i, row in enumerate(hand[names[0]]):
        cells = " | ".join(f"{hand[n][i]['p10']:.1f} | {hand[n][i]['r10']:.2f}" for n in names)
        lines.append(f"| {row['id']} | {row['title']} | {row['relevant']} | {cells} |")
    return "\n".join(lines + [END])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pool", type=Path, help="write unjudged top-10 pairs here and stop")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    url = os.environ.get("IPOPS_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'relevance' / 'ipops.db'}")
    db = Database(Settings(database_url=url, demo_on_empty=False, data_dir=Path(os.environ.get("IPOPS_DATA_DIR", ROOT / "var" / "relevance"))))
    semantic = semantic_for(db.settings)
    assert semantic is not None
    qrels = judgments()
    with db.session() as session:
        hand = evaluate_hand(session, semantic, qrels)
        if args.pool:
            print(f"{write_pool(args.pool, session, hand, qrels)} unjudged pairs → {args.pool}")  # noqa: T201
            return
        derived = evaluate_derived(session, semantic)
        n_patents = session.scalar(sa.select(sa.func.count()).select_from(Patent)) or 0
    block = render(hand, derived, n_patents, sum(len(v) for v in qrels.values()))
    print(block)  # noqa: T201
    if not args.no_write:
        text = DOC.read_text("utf-8") if DOC.exists() else "# Matching quality\n"
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _m: block, text, flags=re.S) if START in text else text.rstrip() + "\n\n" + block + "\n"
        DOC.write_text(text, "utf-8")


if __name__ == "__main__":
    main()
