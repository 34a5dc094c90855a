"""Alembic environment: the connection is handed over by `ipops.store.migrate`."""

from __future__ import annotations

from alembic import context

from ipops.store import schema  # noqa: F401  (registers every table)
from ipops.store.db import Base
from ipops.store.migrate import include_name

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when alembic is run by hand
    from sqlalchemy import create_engine

    connection = create_engine(context.config.get_main_option("sqlalchemy.url")).connect()

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()
