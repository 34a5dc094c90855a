"""The demo corpus: real Shandong CNIPA records so a newcomer meets a living platform.

The records themselves are real (CN-BIBS-ABSS 2017 slice, see data/demo/SOURCE.md); they are
flagged `is_demo` so `ipops demo --purge` removes exactly them. Anything simulated on top of
them is flagged again (`legal_status_basis = simulated`, `legal_event.is_simulated`) and shown
as 模拟数据.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from sqlalchemy import delete, exists, func, select

from ipops.ingest.importer import ImportReport, Progress, run_import
from ipops.store.db import Database
from ipops.store.schema import ImportRun, Party, PartyName, Patent, PatentParty

DEMO_FILE = "patents_shandong_dev.csv.xz"


def has_patents(db: Database) -> bool:
    with db.session() as s:
        return s.scalar(select(exists().where(Patent.id.isnot(None)))) or False


def load_demo(db: Database, *, progress: Progress | None = None) -> ImportReport:
    """Import the packaged demo file through the ordinary importer, flagged as demo."""
    source = resources.files("ipops") / "data" / "demo" / DEMO_FILE
    with resources.as_file(source) as path:
        return run_import(
            db.sessions, path, batch_size=db.settings.import_batch_size, is_demo=True, progress=progress,
            read_ahead=db.settings.import_read_ahead,
        )


def ensure_demo(db: Database, *, progress: Progress | None = None) -> ImportReport | None:
    """Load the demo corpus when the database holds no patents and the setting allows it."""
    if not db.settings.demo_on_empty or has_patents(db):
        return None
    return load_demo(db, progress=progress)


def purge_demo(db: Database) -> dict[str, Any]:
    """Remove every demo patent, the parties only they used, and the demo import runs."""
    with db.session() as s:
        patents = s.scalar(select(func.count()).select_from(Patent).where(Patent.is_demo.is_(True))) or 0
        s.execute(delete(Patent).where(Patent.is_demo.is_(True)))
        orphan = ~exists().where(PatentParty.party_id == Party.id)
        orphans = s.scalars(select(Party.id).where(orphan)).all()
        for chunk in range(0, len(orphans), 5000):
            ids = orphans[chunk : chunk + 5000]
            s.execute(delete(PartyName).where(PartyName.party_id.in_(ids)))
            s.execute(delete(Party).where(Party.id.in_(ids)))
        runs = s.execute(delete(ImportRun).where(ImportRun.is_demo.is_(True))).rowcount
    return {"patents": patents, "parties": len(orphans), "import_runs": runs}
