"""A read-only database per engine holding the real excerpt, imported and indexed once per session.

It starts as a copy of the session's initialised database (reference data loaded), which is
much cheaper than initialising again: `VACUUM INTO` on SQLite, `CREATE DATABASE … TEMPLATE` on
PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from ipops.ingest.importer import run_import
from ipops.search.indexer import build
from ipops.store.db import Database
from ipops.store.settings import Settings
from tests.conftest import PG_ADMIN_URL
from tests.search.corpus import write_excerpt


def _pg(statement: str) -> None:
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(statement))
    admin.dispose()


def _copy(source: Database, tmp: Path, suffix: str = "search") -> tuple[str, str | None]:
    """(URL of a copy of `source`, PostgreSQL database name to drop afterwards)."""
    url = source.engine.url
    if url.get_backend_name() == "sqlite":
        target = tmp / f"{suffix}.db"
        with source.engine.connect() as conn:
            conn.exec_driver_sql(f"VACUUM INTO '{target}'")
        return f"sqlite:///{target}", None
    name = f"{url.database}_{suffix}"
    source.engine.dispose()  # a template must have no open connections
    _pg(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _pg(f'CREATE DATABASE "{name}" TEMPLATE "{url.database}"')
    return url.set(database=name).render_as_string(hide_password=False), name


@pytest.fixture(scope="session")
def corpus(initialised_db: Database, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    """Tests must not write to it: it is shared by every search test of the session."""
    tmp = tmp_path_factory.mktemp("search")
    url, pg_name = _copy(initialised_db, tmp)
    db = Database(Settings(database_url=url, demo_on_empty=False, data_dir=tmp))
    report = run_import(db.sessions, write_excerpt(tmp / "excerpt.csv"))
    assert report.status == "finished" and report.rejected == 0
    build(db.sessions)
    yield db
    db.dispose()
    if pg_name:
        _pg(f'DROP DATABASE IF EXISTS "{pg_name}" WITH (FORCE)')

