"""Import speed and memory: the real 172,830-row CN-BIBS file, 10^5 real rows, 10^6 SYNTHETIC rows.

    .venv/bin/python benchmarks/import_speed.py                       # all cases, both engines
    .venv/bin/python benchmarks/import_speed.py --case real_172k --engine sqlite

Each case runs in a fresh process (`--one`) on an empty, initialised database, through the same
`run_import` the CLI calls (read-ahead on, batch 2000, the defaults), so its peak RSS is its own.
RSS is also sampled at every batch: a flat curve is what "streams" means. The 10^6 file is the
labelled synthetic generator's output (benchmarks/synthetic.py), never used for correctness.
"""

from __future__ import annotations

import argparse
import itertools
import json
import lzma
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import REAL_ALL, ROOT, write_jsonl  # noqa: E402

WORK = ROOT / "var" / "bench"
RESULTS = WORK / "import_results.jsonl"  # every measured case, appended; run_all.py renders the newest
PG_ADMIN = os.environ.get("IPOPS_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
CASES = {
    "real_100k": "first 100,000 rows of the real CN-BIBS file (CSV)",
    "real_172k": "the real CN-BIBS file, 172,830 rows (CSV, xz)",
    "reimport_172k": "the same file imported a second time (idempotency check)",
    "synthetic_1m": "1,000,000 SYNTHETIC rows (canonical JSON lines)",
}


def case_file(case: str) -> Path:
    WORK.mkdir(parents=True, exist_ok=True)
    if case in ("real_172k", "reimport_172k"):
        return REAL_ALL
    if case == "real_100k":
        target = WORK / "real_100k.csv"
        if not target.exists():
            with lzma.open(REAL_ALL, "rt", encoding="utf-8", newline="") as src:
                target.write_text("".join(itertools.islice(src, 100_001)), encoding="utf-8")
        return target
    target = WORK / "synthetic_1000000.jsonl"
    return target if target.exists() else write_jsonl(target, 1_000_000)


def fresh_url(engine: str, case: str) -> str:
    if engine == "sqlite":
        path = WORK / f"import_{case}.db"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    from sqlalchemy import create_engine, text

    name = f"ipops_bench_import_{case}"
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def run_one(case: str, engine: str) -> dict[str, Any]:
    """Child process: import one case into a fresh database and report as JSON."""
    from ipops.admin.init import initialise
    from ipops.ingest.importer import run_import
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    path = case_file(case)
    db = Database(Settings(database_url=fresh_url(engine, case), demo_on_empty=False, data_dir=WORK))
    initialise(db)
    if case == "reimport_172k":
        run_import(db.sessions, path, read_ahead=True)
    samples: list[tuple[int, float]] = []
    started = time.perf_counter()
    report = run_import(db.sessions, path, read_ahead=True, progress=lambda n: samples.append((n, rss_mb())))
    seconds = time.perf_counter() - started
    db.dispose()
    return {
        "case": case, "engine": engine, "file": path.name, "status": report.status, "read": report.read,
        "inserted": report.inserted, "updated": report.updated, "unchanged": report.unchanged,
        "rejected": report.rejected, "seconds": round(seconds, 1), "rows_per_s": round(report.read / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "reader_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
        "rss_curve_mb": _curve(samples),
        "load_avg_1min_at_end": round(os.getloadavg()[0], 2),  # > 2 means other work shared the cores
    }  # fmt: skip


def _curve(samples: list[tuple[int, float]]) -> list[tuple[int, int]]:
    """RSS at about every tenth of the run: enough to see whether memory grows with rows."""
    if not samples:
        return []
    step = max(1, len(samples) // 10)
    picked = samples[::step] + ([samples[-1]] if (len(samples) - 1) % step else [])
    return [(n, round(mb)) for n, mb in picked]


def measure(case: str, engine: str) -> dict[str, Any]:
    """Run one case in a fresh interpreter (its own peak RSS) and return its result."""
    out = subprocess.run(
        [sys.executable, __file__, "--one", "--case", case, "--engine", engine],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    result = json.loads(out.stdout.strip().splitlines()[-1])
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=list(CASES), action="append")
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], action="append")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.case[0], args.engine[0])))
        return
    for case in args.case or list(CASES):
        for engine in args.engine or ["sqlite", "postgresql"]:
            print(json.dumps(measure(case, engine), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
