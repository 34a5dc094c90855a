"""`ipops info`: where the database is, what engine, how many rows, how fresh."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from ipops.store import migrate
from ipops.store.db import Base, Database
from ipops.store.schema import ImportRun, Patent


def collect_info(db: Database) -> dict[str, Any]:
    """Counts per table and newest dates; reads only, so it is safe on a live deployment."""
    url = db.engine.url
    with db.session() as s:
        counts = {name: s.scalar(select(func.count()).select_from(table)) for name, table in sorted(Base.metadata.tables.items())}
        newest = {
            "app_date": s.scalar(select(func.max(Patent.app_date))),
            "pub_date": s.scalar(select(func.max(Patent.pub_date))),
            "grant_date": s.scalar(select(func.max(Patent.grant_date))),
            "last_import": s.scalar(select(func.max(ImportRun.finished_at))),
        }
        demo = s.scalar(select(func.count()).select_from(Patent).where(Patent.is_demo.is_(True)))
    return {
        "database": url.render_as_string(hide_password=True),
        "engine": db.dialect,
        "location": url.database if db.dialect == "sqlite" else f"{url.host}:{url.port or 5432}/{url.database}",
        "schema_revision": migrate.current_revision(db.engine),
        "schema_head": migrate.head_revision(db.engine),
        "counts": counts,
        "demo_patents": demo,
        "newest": {k: (v.isoformat() if v else None) for k, v in newest.items()},
    }
