"""`ipops init`: schema to the newest migration, then reference data that changed."""

from __future__ import annotations

from collections.abc import Callable

from ipops.refdata.load import load_reference_data
from ipops.store import migrate
from ipops.store.db import Database


def initialise(db: Database, *, force_refdata: bool = False, on_dataset: Callable[[str], None] | None = None) -> dict[str, object]:
    """Create or upgrade the database and load reference data; safe to run again."""
    before = migrate.current_revision(db.engine)
    migrate.upgrade(db.engine)
    with db.session() as s:
        loaded = load_reference_data(s, force=force_refdata, on_dataset=on_dataset)
    return {"schema_before": before, "schema": migrate.current_revision(db.engine), "refdata_loaded": loaded}
