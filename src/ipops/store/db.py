"""Engine, sessions and the declarative base shared by every table.

SQLite gets WAL, foreign keys and a busy timeout so the web server and an import can share the
file; PostgreSQL is used as is. Callers own the unit of work: `session_scope()` commits once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Float,
    Integer,
    MetaData,
    String,
    any_,
    bindparam,
    cast,
    create_engine,
    event,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from ipops.store.settings import Settings

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# None is SQL NULL (not JSON null) however a row is written, ORM or Core bulk insert.
JsonType = JSON(none_as_null=True).with_variant(JSONB(none_as_null=True), "postgresql")


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def make_engine(settings: Settings, **kwargs: Any) -> Engine:
    """Create the engine for `settings.database_url`, preparing the SQLite folder if needed."""
    url = make_url(settings.database_url)
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30}, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def in_keys(session: Session, column: Any, values: Iterable[Any]) -> Any:
    """`column IN (values)` for batch look-ups; on PostgreSQL one array parameter (`= ANY`).

    An expanded 2,000-item IN list costs psycopg more to parse on the client than the indexed
    look-up costs the server; SQLite has no arrays and takes the plain list.
    """
    values = list(values)
    if session.get_bind().dialect.name == "postgresql":
        return column == any_(bindparam(None, values, type_=ARRAY(column.type)))
    return column.in_(values)


def scored_rows(session: Session, pairs: Iterable[tuple[int, float]], name: str = "scored") -> Any:
    """A subquery (patent_id, score) from Python pairs, one parameter on either engine.

    Ranked candidates from outside SQL (nearest neighbours, fused rankings) join the patent table
    like any other source; SQLite reads them from one JSON array, PostgreSQL from two arrays.
    """
    pairs = list(pairs)
    if session.get_bind().dialect.name == "postgresql":
        ids = bindparam(None, [p[0] for p in pairs], type_=ARRAY(Integer))
        scores = bindparam(None, [float(p[1]) for p in pairs], type_=ARRAY(Float))
        table = func.unnest(ids, scores).table_valued("patent_id", "score").render_derived(name=f"{name}_u")
        return select(cast(table.c.patent_id, Integer).label("patent_id"),
                      cast(table.c.score, Float).label("score")).subquery(name)  # fmt: skip
    each = func.json_each(bindparam(None, json.dumps([[p[0], float(p[1])] for p in pairs]), type_=String)).table_valued("value")
    return select(cast(func.json_extract(each.c.value, "$[0]"), Integer).label("patent_id"),
                  cast(func.json_extract(each.c.value, "$[1]"), Float).label("score")).subquery(name)  # fmt: skip


def bulk_insert(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert many rows with one driver-level executemany, keeping SQLAlchemy's own conversions.

    Imports write ~10 rows per patent. The ORM's bulk insert splits rows by which values are
    None (and goes row by row for RETURNING on SQLite); even a Core insert spends most of its
    time building per-row parameters. Here the statement is compiled once with named
    parameters, Python-side defaults are evaluated once per call (one `created_at` per batch),
    only columns whose type converts values (dates, JSON) are touched per row, and the driver
    gets plain dicts. Every row must carry the same keys as the first.
    """
    if not rows:
        return
    conn = session.connection()
    table = model.__table__  # type: ignore[attr-defined]
    compiled = table.insert().inline().compile(dialect=_named_dialect(conn.dialect), column_keys=list(rows[0]))
    fixed = {c.key: _default(c.default) for c in compiled.insert_prefetch if c.key not in rows[0]}
    params = [row | fixed for row in rows]
    for name, bind in compiled.binds.items():
        convert = bind.type._cached_bind_processor(conn.dialect)
        if convert is not None:
            for p in params:
                p[name] = convert(p[name])
    if conn.dialect.name == "postgresql":
        _copy_rows(conn, table.name, list(compiled.binds), params)
    else:
        conn.exec_driver_sql(str(compiled), params)


def _copy_rows(conn: Any, table: str, columns: list[str], params: list[dict[str, Any]]) -> None:
    """PostgreSQL: COPY … FROM STDIN in the session's transaction (psycopg's executemany sends
    rows one by one through its pipeline, ~10x slower for import batches)."""
    names = ", ".join(f'"{c}"' for c in columns)
    with conn.connection.cursor() as cur, cur.copy(f'COPY "{table}" ({names}) FROM STDIN') as copy:
        for p in params:
            copy.write_row([p[c] for c in columns])


def _named_dialect(dialect: Any) -> Any:
    """The same dialect with named parameters (SQLite's qmark would need per-row tuples)."""
    if dialect.paramstyle in ("named", "pyformat"):
        return dialect
    named = type(dialect)(paramstyle="named")
    named.server_version_info = dialect.server_version_info
    return named


def _default(default: Any) -> Any:
    """A Python-side column default's value (callables are wrapped by SQLAlchemy to take a context)."""
    if default is None:
        return None
    return default.arg(None) if default.is_callable else default.arg


class Database:
    """The engine and session factory of one deployment, built from settings (never at import)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.engine = make_engine(settings)
        self.sessions = make_sessionmaker(self.engine)

    def session(self) -> Any:
        """`with db.session() as s:` — one committed unit of work."""
        return session_scope(self.sessions)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def dispose(self) -> None:
        self.engine.dispose()
