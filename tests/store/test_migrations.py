"""The migrations build exactly the schema the models describe, on both engines."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from ipops.store import migrate
from ipops.store.db import Base, Database


def test_migrations_match_models(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True, "include_name": migrate.include_name}), Base.metadata)
    assert diff == []


def test_schema_is_at_head(db: Database) -> None:
    assert migrate.current_revision(db.engine) == migrate.head_revision(db.engine)
