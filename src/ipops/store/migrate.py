"""Schema migrations (Alembic) run from code, so `ipops init` needs no alembic.ini."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

MIGRATIONS = Path(__file__).parent / "migrations"


def include_name(name: str | None, type_: str, _parents: object = None) -> bool:
    """Schema comparison filter: the engine-specific full-text tables are derived, not modelled."""
    from ipops.store.schema.search import DERIVED_TABLE_PREFIX

    return not (type_ == "table" and name is not None and name.startswith(DERIVED_TABLE_PREFIX))


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Bring the database schema to `revision` (default: every head).

    Feature areas may add their own migration branch off the same parent; "heads" applies them
    all, so independent work never has to renumber another's revision.
    """
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def current_revision(engine: Engine) -> str | None:
    """The applied revision(s), joined with "+" when several branches are applied."""
    with engine.connect() as conn:
        heads = MigrationContext.configure(conn).get_current_heads()
    return "+".join(sorted(heads)) or None


def head_revision(engine: Engine) -> str | None:
    """The newest revision(s) the code ships, in the same form as `current_revision`."""
    heads = ScriptDirectory.from_config(alembic_config(engine)).get_heads()
    return "+".join(sorted(heads)) or None


def autogenerate(engine: Engine, message: str, *, rev_id: str | None = None, head: str = "head") -> None:
    """Developer helper: write a new revision from the difference between schema and database."""
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True, head=head, rev_id=rev_id)
