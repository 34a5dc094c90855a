"""One import run: read a file, write its records in batches, report every rejected row.

Each batch, its row errors and the run's counters commit together, so the database is always
consistent with the run record; a re-run of an interrupted import finds the committed rows
unchanged (record hashes) and completes the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import time
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session, sessionmaker

from ipops.ingest.read_ahead import read_ahead as read_items_ahead
from ipops.ingest.readers.base import FileRejected, RowError
from ipops.ingest.record import PatentRecord
from ipops.ingest.sources import SourceFile, open_source
from ipops.ingest.writer import PatentWriter, WriteCounts
from ipops.store.db import session_scope
from ipops.store.schema import ImportError_, ImportRun
from ipops.store.schema.mixins import utcnow

Progress = Callable[[int], None]  # called with the number of rows read so far
_REPORTED_ERRORS = 100  # errors carried in the report object; all are stored in the database


@dataclass
class ImportReport:
    """What an import did; `--json` prints it and the web report page renders it."""

    run_id: int
    file: str
    format: str | None
    profile: str | None
    status: str
    read: int = 0
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    warnings: int = 0
    seconds: float = 0.0
    mapping: dict[str, Any] | None = None
    message: str | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)
    # ids of inserted/updated patents, for index refreshes; 8 bytes each (10^6 rows = 8 MB)
    changed_ids: array[int] = field(default_factory=lambda: array("q"), repr=False)

    def as_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in self.__dict__.items() if k != "changed_ids"}
        data["changed"] = len(self.changed_ids)
        return data


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def run_import(
    factory: sessionmaker[Session],
    path: Path,
    *,
    profile: str | None = None,
    mapping_file: Path | None = None,
    batch_size: int = 2000,
    is_demo: bool = False,
    progress: Progress | None = None,
    run_id: int | None = None,
    display_name: str | None = None,
    read_ahead: bool = False,
) -> ImportReport:
    """Import one file; bad rows and unreadable files end up in the report, never as exceptions.

    `run_id` continues a run created by `start_run` (the web upload creates the run first so the
    page can show its progress); `display_name` is the file name users know (uploads are stored
    under a generated name). `read_ahead` maps rows in a forked second process while this one
    writes (`ingest.read_ahead`); callers in a multi-threaded server leave it off.
    """
    started = time.perf_counter()
    if run_id is None:
        run_id = start_run(factory, path, is_demo=is_demo, display_name=display_name)
    report = ImportReport(run_id=run_id, file=display_name or path.name, format=None, profile=None, status="running")
    try:
        source = open_source(path, profile=profile, mapping_file=mapping_file)
    except FileRejected as exc:
        return _finish(factory, report, status="failed", message=str(exc), started=started)
    report.format, report.profile, report.mapping = source.format, source.profile, source.mapping
    _record_source(factory, report, source)
    items = source.items
    if read_ahead:
        items = read_items_ahead(path, profile=profile, mapping_file=mapping_file)
    try:
        _consume(factory, report, items, batch_size=batch_size, is_demo=is_demo, progress=progress)
    except FileRejected as exc:  # e.g. truncated XML discovered mid-file: committed batches stay
        return _finish(factory, report, status="failed", message=_cut_short(str(exc), report), started=started)
    except Exception as exc:  # a crash must not leave a run "running" for ever (the web report polls it)
        with contextlib.suppress(Exception):  # the database itself may be what failed
            _finish(factory, report, status="failed", message=_crashed(exc, report), started=started)
        raise
    return _finish(factory, report, status="finished", message=None, started=started)


def _crashed(exc: Exception, report: ImportReport) -> str:
    saved = report.inserted + report.updated + report.unchanged + report.rejected
    return (f"导入意外中止（{exc.__class__.__name__}: {exc}）。已提交的 {saved:,} 行保留，"
            "重新导入同一文件即可补全，已保存的记录不会重复。")  # fmt: skip


def _cut_short(message: str, report: ImportReport) -> str:
    """A file that breaks mid-way keeps its committed batches: the message must say so."""
    saved = report.inserted + report.updated + report.unchanged
    if not saved:
        return message
    return f"{message}此前的 {saved:,} 条记录已保存；补全文件后重新导入即可，已保存的记录不会重复。"


def start_run(
    factory: sessionmaker[Session], path: Path, *, is_demo: bool = False, display_name: str | None = None,
    user_id: int | None = None,
) -> int:  # fmt: skip
    """Create the run record (status `running`) and return its id."""
    sha = file_sha256(path)
    with session_scope(factory) as s:
        # a run of the same file that never finished was interrupted: say so, don't leave it "running"
        s.execute(
            update(ImportRun)
            .where(ImportRun.file_sha256 == sha, ImportRun.status == "running")
            .values(status="interrupted")
        )
        run = ImportRun(file_name=display_name or path.name, file_sha256=sha, file_size=path.stat().st_size,
                        is_demo=is_demo, user_id=user_id)  # fmt: skip
        s.add(run)
        s.flush()
        return run.id


def _record_source(factory: sessionmaker[Session], report: ImportReport, source: SourceFile) -> None:
    with session_scope(factory) as s:
        s.execute(
            update(ImportRun)
            .where(ImportRun.id == report.run_id)
            .values(format=source.format, profile=source.profile, mapping=source.mapping)
        )


def _consume(
    factory: sessionmaker[Session],
    report: ImportReport,
    items: Iterable[PatentRecord | RowError],
    *,
    batch_size: int,
    is_demo: bool,
    progress: Progress | None,
) -> None:
    batch: list[PatentRecord] = []
    problems: list[dict[str, Any]] = []
    with factory() as session:
        writer = PatentWriter(session, run_id=report.run_id, is_demo=is_demo)
        try:
            for item in items:
                report.read += 1
                if isinstance(item, RowError):
                    report.rejected += 1
                    problems.append(_error_row(report.run_id, item))
                else:
                    problems.extend(_warning_rows(report.run_id, item))
                    batch.append(item)
                if len(batch) >= batch_size or len(problems) >= batch_size:
                    _commit_batch(session, writer, report, batch, problems)
                    batch, problems = [], []
                    if progress:
                        progress(report.read)
        except FileRejected:  # the file breaks mid-way: what was read before the break is whole, keep it
            _commit_batch(session, writer, report, batch, problems)
            raise
        _commit_batch(session, writer, report, batch, problems)
        if progress:
            progress(report.read)


def _commit_batch(
    session: Session,
    writer: PatentWriter,
    report: ImportReport,
    batch: list[PatentRecord],
    problems: list[dict[str, Any]],
) -> None:
    try:
        counts = writer.write_batch(batch) if batch else WriteCounts()
        if problems:
            session.execute(insert(ImportError_), problems)
        report.inserted += counts.inserted
        report.updated += counts.updated
        report.unchanged += counts.unchanged
        report.warnings += sum(1 for p in problems if p["severity"] == "warning")
        report.changed_ids.extend(counts.changed_ids)
        report.errors.extend(p for p in problems[: _REPORTED_ERRORS - len(report.errors)] if p["severity"] == "error")
        session.execute(update(ImportRun).where(ImportRun.id == report.run_id).values(**_counters(report)))
        session.commit()
    except BaseException:
        session.rollback()
        raise


def _counters(report: ImportReport) -> dict[str, int]:
    return {k: getattr(report, k) for k in ("read", "inserted", "updated", "unchanged", "rejected", "warnings")}


def _error_row(run_id: int, err: RowError) -> dict[str, Any]:
    raw = {k: (v if isinstance(v, str | int | float | bool) or v is None else str(v)) for k, v in (err.raw or {}).items()}
    return {"run_id": run_id, "row_number": err.row, "column": err.column, "value": err.value,
            "reason": err.reason, "severity": "error", "raw": raw or None}  # fmt: skip


def _warning_rows(run_id: int, rec: PatentRecord) -> list[dict[str, Any]]:
    """Values kept in extras that could not be parsed: the row is imported, the value reported."""
    warnings = rec.extras.pop("_warnings", None) if rec.extras else None
    return [
        {"run_id": run_id, "row_number": rec.source_row, "column": w.get("column"), "value": w.get("value"),
         "reason": w.get("reason", ""), "severity": "warning", "raw": None}
        for w in warnings or []
    ]  # fmt: skip


def _finish(
    factory: sessionmaker[Session], report: ImportReport, *, status: str, message: str | None, started: float
) -> ImportReport:
    report.status, report.message = status, message
    report.seconds = round(time.perf_counter() - started, 3)
    with session_scope(factory) as s:
        s.execute(
            update(ImportRun)
            .where(ImportRun.id == report.run_id)
            .values(status=status, message=message, finished_at=utcnow(), **_counters(report))
        )
    return report

