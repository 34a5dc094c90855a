"""Test fixtures: every database test runs on SQLite and on PostgreSQL.

PostgreSQL is the server on 127.0.0.1:5432 (override with IPOPS_TEST_PG_URL). When it cannot be
reached the PostgreSQL half is skipped with the reason printed — except under CI=true, where
the run fails loudly: CI must prove both engines.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, text

from ipops.admin.init import initialise
from ipops.store.db import Base, Database
from ipops.store.settings import Settings

PG_ADMIN_URL = os.environ.get("IPOPS_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
FIXTURES = Path(__file__).parent / "fixtures"
REFERENCE_TABLES = {"region", "region_alias", "region_population", "ipc_class", "industry", "industry_ipc_rule",
                    "university", "refdata_version", "alembic_version"}  # fmt: skip


def _pg_problem() -> str | None:
    try:
        with create_engine(PG_ADMIN_URL).connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable"
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.__class__.__name__}: {str(exc).splitlines()[0]}"
    return None


def pytest_sessionstart(session: pytest.Session) -> None:
    problem = _pg_problem()
    session.config._ipops_pg_problem = problem  # type: ignore[attr-defined]
    if problem and os.environ.get("CI") == "true":
        raise pytest.UsageError(f"CI=true but {problem}. The suite must run on PostgreSQL too.")
    if problem:
        print(f"\n[ipops] skipping PostgreSQL tests: {problem}")  # noqa: T201


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _admin(statement: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(statement))
    admin.dispose()


def _fresh_pg_url(name: str) -> str:
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}"')
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def make_database_url(engine: str, tmp: Path, name: str) -> str:
    if engine == "sqlite":
        return f"sqlite:///{tmp / (name + '.db')}"
    # the process id keeps two test runs on one server (two engineers, two checkouts) apart
    return _fresh_pg_url(f"ipops_test_{name}_{_worker()}_{os.getpid()}")


def drop_database(url: str) -> None:
    """Drop a database made by `make_database_url` (SQLite files go with tmp_path)."""
    if url.startswith("postgresql"):
        _admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def engine_name(request: pytest.FixtureRequest) -> str:
    if request.param == "postgresql" and request.config._ipops_pg_problem:  # type: ignore[attr-defined]
        pytest.skip(request.config._ipops_pg_problem)  # type: ignore[attr-defined]
    return str(request.param)


@pytest.fixture(scope="session")
def initialised_db(engine_name: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """One migrated database with reference data per engine and test session."""
    url = make_database_url(engine_name, tmp_path_factory.mktemp("db"), "shared")
    db = Database(Settings(database_url=url, demo_on_empty=False))
    initialise(db)
    yield db
    db.dispose()
    drop_database(url)


@pytest.fixture
def db(initialised_db: Database) -> Iterator[Database]:
    """The shared database, emptied of patents, parties and imports after each test."""
    yield initialised_db
    with initialised_db.session() as s:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                s.execute(delete(table))


@pytest.fixture
def settings(db: Database) -> Settings:
    return db.settings


@pytest.fixture(scope="session")
def semantic_corpus(initialised_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """The search excerpt (tests/search/corpus.py, 2,010 real rows) with vectors, the nearest-neighbour
    file and the industry facts, shared by search and marketplace tests: read-only (roll back)."""
    from ipops.analytics.facts import refresh as refresh_facts
    from ipops.analytics.rules import IndicatorRules
    from ipops.ingest.importer import run_import
    from ipops.search.indexer import build
    from ipops.search.semantic import semantic_for
    from tests.search.conftest import _copy, _pg
    from tests.search.corpus import write_excerpt

    tmp = tmp_path_factory.mktemp("semantic")
    url, pg_name = _copy(initialised_db, tmp, "semantic")
    db = Database(Settings(database_url=url, demo_on_empty=False, data_dir=tmp))
    report = run_import(db.sessions, write_excerpt(tmp / "excerpt.csv"))
    assert report.status == "finished" and report.rejected == 0
    build(db.sessions, semantic=semantic_for(db.settings))
    with db.session() as s:
        refresh_facts(s, IndicatorRules.from_settings(db.settings))
    yield db
    db.dispose()
    if pg_name:
        _pg(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')
