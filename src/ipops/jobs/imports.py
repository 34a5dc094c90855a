"""Import jobs: store an uploaded file, create its run, import it in the background."""

from __future__ import annotations

import logging
import re
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import BinaryIO

from ipops.analytics.facts import refresh as refresh_facts
from ipops.analytics.rules import IndicatorRules
from ipops.analytics.wall import warm
from ipops.ingest.importer import run_import, start_run
from ipops.search.indexer import refresh
from ipops.search.semantic import save_index, semantic_for
from ipops.store.db import Database

log = logging.getLogger(__name__)
_CHUNK = 1 << 20
_running: dict[int, threading.Thread] = {}


class UploadTooLarge(ValueError):
    pass


def save_upload(db: Database, stream: BinaryIO, filename: str) -> Path:
    """Copy an upload to data_dir/uploads under a unique name, enforcing the size limit."""
    folder = Path(db.settings.data_dir) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^\w.\-\u4e00-\u9fff]+", "_", Path(filename).name)[-120:] or "upload"
    target = folder / f"{uuid.uuid4().hex[:12]}_{safe}"
    limit, written = db.settings.upload_max_mb * 1024 * 1024, 0
    with target.open("wb") as out:
        while chunk := stream.read(_CHUNK):
            written += len(chunk)
            if written > limit:
                out.close()
                target.unlink(missing_ok=True)
                raise UploadTooLarge(f"文件超过 {db.settings.upload_max_mb} MB 的上传上限")
            out.write(chunk)
    return target


def start_import_job(db: Database, path: Path, *, display_name: str, user_id: int | None) -> int:
    """Create the run now (so the caller can link to it) and import in a daemon thread."""
    run_id = start_run(db.sessions, path, display_name=display_name, user_id=user_id)
    thread = threading.Thread(target=_work, args=(db, path, run_id, display_name), daemon=True, name=f"import-{run_id}")
    _running[run_id] = thread
    thread.start()
    return run_id


def _work(db: Database, path: Path, run_id: int, display_name: str) -> None:
    try:
        report = run_import(db.sessions, path, run_id=run_id, display_name=display_name,
                            batch_size=db.settings.import_batch_size)  # fmt: skip
        refresh_search_index(db, report.changed_ids)
        if refresh_indicator_facts(db, report.changed_ids):
            warm_indicators(db)
    except Exception:  # run_import marks its own crash as failed; this logs what follows it for operators
        log.exception("import job %s crashed", run_id)
    finally:
        _running.pop(run_id, None)


def refresh_search_index(db: Database, patent_ids: Iterable[int]) -> int:
    """Index and embed what an import changed (ingest never calls the indexer; orchestration lives
    here), then save the nearest-neighbour file so no process has to catch up on the import."""
    ids = list(patent_ids)
    if not ids:
        return 0
    semantic = semantic_for(db.settings)
    with db.session() as session:
        done = refresh(session, ids, semantic=semantic)
    if semantic is not None:
        with db.session() as session:
            save_index(session, semantic)
    return done


def refresh_indicator_facts(db: Database, patent_ids: Iterable[int]) -> int:
    """Rebuild the indicator facts of what an import changed (all of them if the rules changed)."""
    with db.session() as session:
        return refresh_facts(session, IndicatorRules.from_settings(db.settings), list(patent_ids)).built


def warm_indicators(db: Database) -> float:
    """Fill this process's indicator cache (the wall, the overview) so the first visitor waits not."""
    with db.session() as session:
        return warm(session, rules=IndicatorRules.from_settings(db.settings))


def start_warm_up(db: Database) -> threading.Thread:
    """Warm the indicator cache in the background (the server starts answering at once)."""

    def work() -> None:
        try:
            warm_indicators(db)
        except Exception:  # a cold cache is slower, never wrong: log and carry on
            log.exception("indicator warm-up failed")

    thread = threading.Thread(target=work, daemon=True, name="indicator-warm-up")
    thread.start()
    return thread


def is_running(run_id: int) -> bool:
    thread = _running.get(run_id)
    return thread is not None and thread.is_alive()


def wait(run_id: int, timeout: float | None = None) -> None:
    """Block until a job ends (tests, CLI)."""
    thread = _running.get(run_id)
    if thread is not None:
        thread.join(timeout)
