"""Benchmark databases: n SYNTHETIC patents imported through the real importer, built once.

SQLite files live in var/bench/; PostgreSQL databases are named ipops_bench_<n> on the local
server. A database is reused when it already holds exactly n patents.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

from benchmarks.synthetic import ROOT, write_jsonl
from ipops.admin.init import initialise
from ipops.ingest.importer import run_import
from ipops.store.db import Database
from ipops.store.schema import Patent
from ipops.store.settings import Settings

BENCH_DIR = ROOT / "var" / "bench"
PG_ADMIN_URL = os.environ.get("IPOPS_BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def database_url(n: int, engine: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{BENCH_DIR / f'ipops_{n}.db'}"
    name = f"ipops_bench_{n}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        if not conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}):
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def patent_count(db: Database) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Patent)) or 0


def benchmark_database(n: int, engine: str = "sqlite") -> Database:
    """A database with exactly n synthetic patents (built on first use, then reused)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    db = Database(Settings(database_url=database_url(n, engine), demo_on_empty=False, data_dir=BENCH_DIR / f"data_{engine}_{n}"))
    initialise(db)
    if patent_count(db) != n:
        source = synthetic_file(n)
        report = run_import(db.sessions, source, batch_size=5000)
        if report.status != "finished" or patent_count(db) != n:
            raise RuntimeError(f"benchmark import incomplete: {report.as_dict()}")
    return db


def synthetic_file(n: int) -> Path:
    path = BENCH_DIR / f"synthetic_{n}.jsonl"
    return path if path.exists() else write_jsonl(path, n)
