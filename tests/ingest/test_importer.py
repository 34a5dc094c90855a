"""`run_import` end to end on real files: run records, row errors, idempotence, interruption."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from ipops.admin.demo import purge_demo
from ipops.ingest.importer import ImportReport, run_import
from ipops.ingest.runs import ImportRunDetail, get_run
from ipops.store.db import Database
from ipops.store.schema import ImportError_, ImportRun, Patent
from tests.fixture_files import (
    CN_BIBS_XML,
    CN_TRUNCATED_XML,
    EXCERPT,
    REJECTED_ROWS,
    US_GRANTS,
    WARNED_ROWS,
    bibs_slice,
    concatenated,
    corrupt_copy,
)

CJK = re.compile(r"[\u4e00-\u9fff]")
COUNTS = ("read", "inserted", "updated", "unchanged", "rejected", "warnings")


def _run(db: Database, run_id: int) -> ImportRunDetail:
    with db.session() as s:
        return get_run(s, run_id)


def _patents(db: Database, *, demo: bool | None = None) -> int:
    stmt = select(func.count()).select_from(Patent)
    if demo is not None:
        stmt = stmt.where(Patent.is_demo.is_(demo))
    with db.session() as s:
        return int(s.scalar(stmt) or 0)


def _counts(report: ImportReport | ImportRunDetail) -> tuple[int, ...]:
    return tuple(getattr(report, k) for k in COUNTS)


def _assert_consistent(db: Database, run_id: int) -> ImportRunDetail:
    """The run's counters agree with each other and with the rows committed under it."""
    run = _run(db, run_id)
    assert run.read == run.inserted + run.updated + run.unchanged + run.rejected
    with db.session() as s:
        stored = s.scalars(select(ImportError_.severity).where(ImportError_.run_id == run_id)).all()
    assert (stored.count("error"), stored.count("warning")) == (run.rejected, run.warnings)
    return run


def test_a_real_excerpt_leaves_a_complete_run_record(db: Database) -> None:
    report = run_import(db.sessions, EXCERPT, batch_size=64)
    assert (report.status, report.format, report.profile, report.message) == ("finished", "csv", "cnipa_bibs", None)
    assert _counts(report) == (200, 199, 1, 0, 0, 0)  # the A/B pair of CN201611067191 merges
    run = _run(db, report.run_id)
    assert (run.file_name, run.format, run.profile, run.status) == ("excerpt_utf8.csv", "csv", "cnipa_bibs", "finished")
    assert _counts(run) == _counts(report) and run.finished_at is not None
    assert run.mapping and run.mapping["profile"] == "cnipa_bibs" and run.mapping["encoding"]
    assert _patents(db) == 199


def test_a_compressed_slice_of_the_real_cn_bibs_file(db: Database, tmp_path: Path) -> None:
    path = bibs_slice(tmp_path / "slice.csv.xz", 300)
    report = run_import(db.sessions, path, batch_size=128)
    assert (report.status, report.profile, report.read, report.rejected) == ("finished", "cnipa_bibs", 300, 0)
    assert report.inserted == _patents(db) == 300
    assert _run(db, report.run_id).file_name == "slice.csv.xz"


@pytest.mark.parametrize("path", [CN_BIBS_XML, *US_GRANTS], ids=lambda p: p.name)
def test_real_xml_documents_import(db: Database, path: Path) -> None:
    report = run_import(db.sessions, path)
    assert (report.status, report.read, report.inserted, report.rejected) == ("finished", 1, 1, 0)
    with db.session() as s:
        number = s.scalar(select(Patent.app_number))
    assert number and number[:2] == ("CN" if path == CN_BIBS_XML else "US")


@pytest.mark.parametrize("ahead", [False, True], ids=["in_process", "read_ahead"])
def test_bad_rows_are_all_reported_and_every_good_row_imported(db: Database, tmp_path: Path, ahead: bool) -> None:
    report = run_import(db.sessions, corrupt_copy(tmp_path / "bad.csv"), batch_size=32, read_ahead=ahead)
    assert report.status == "finished"
    assert _counts(report) == (200, 197, 1, 0, 2, 2)
    assert _patents(db) == 197  # 199 applications less the two without a number
    run = _assert_consistent(db, report.run_id)
    assert run.errors_total == 4
    rejected = {e.row_number: e for e in run.errors if e.severity == "error"}
    assert sorted(rejected) == list(REJECTED_ROWS)
    assert (rejected[20].column, rejected[20].value, rejected[20].reason) == ("申请号", "", "申请号为空")
    assert (rejected[40].column, rejected[40].value) == ("申请号", "CN201610349056.1")
    assert "校验位应为 7" in rejected[40].reason
    assert rejected[40].raw and rejected[40].raw["公开号"] == "CN106560180A"  # raw values kept
    warned = {e.row_number: e for e in run.errors if e.severity == "warning"}
    assert sorted(warned) == list(WARNED_ROWS)
    assert {(e.column, e.value) for e in warned.values()} == {("申请日", "二〇一五年十三月"), ("申请日", "20151345")}
    assert all(CJK.search(e.reason) for e in run.errors)


def test_an_unreadable_date_keeps_the_row_and_its_raw_value(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, corrupt_copy(tmp_path / "bad.csv"))
    with db.session() as s:
        undated = s.scalars(select(Patent).where(Patent.app_date.is_(None))).all()
        assert sorted(p.extras["申请日"] for p in undated) == ["20151345", "二〇一五年十三月"]
        assert all(p.title and p.pub_number for p in undated)


def test_importing_the_same_file_again_changes_nothing(db: Database, tmp_path: Path) -> None:
    path = corrupt_copy(tmp_path / "bad.csv")
    run_import(db.sessions, path, batch_size=50)
    with db.session() as s:
        before = s.execute(select(Patent.app_number, Patent.updated_at).order_by(Patent.id)).all()
    again = run_import(db.sessions, path, batch_size=50)
    assert _counts(again) == (200, 0, 0, 198, 2, 2)  # the bad rows are reported again, per run
    with db.session() as s:
        assert s.execute(select(Patent.app_number, Patent.updated_at).order_by(Patent.id)).all() == before


def _stop_after_first_batch(rows: int) -> None:
    raise KeyboardInterrupt(rows)  # Ctrl-C right after the first batch committed


@pytest.mark.parametrize("ahead", [False, True], ids=["in_process", "read_ahead"])
def test_an_interrupted_import_keeps_whole_batches_and_a_rerun_completes(db: Database, ahead: bool) -> None:
    with pytest.raises(KeyboardInterrupt):
        run_import(db.sessions, EXCERPT, batch_size=50, progress=_stop_after_first_batch, read_ahead=ahead)
    with db.session() as s:
        first = s.scalars(select(ImportRun)).one()
        assert (first.status, first.read, first.inserted) == ("running", 50, 50)
    assert _patents(db) == 50
    _assert_consistent(db, first.id)
    rerun = run_import(db.sessions, EXCERPT, batch_size=50, read_ahead=ahead)
    assert _run(db, first.id).status == "interrupted"
    assert (rerun.status, rerun.read, rerun.unchanged) == ("finished", 200, 50)
    assert (rerun.inserted, rerun.updated) == (149, 1)  # data row 188 is the B row of row 38's patent
    assert _patents(db) == 199


def test_only_unfinished_runs_of_the_same_file_become_interrupted(db: Database, tmp_path: Path) -> None:
    done = run_import(db.sessions, EXCERPT)
    with pytest.raises(KeyboardInterrupt):
        run_import(db.sessions, corrupt_copy(tmp_path / "other.csv"), batch_size=50, progress=_stop_after_first_batch)
    run_import(db.sessions, EXCERPT)
    statuses = {r.file_name: r.status for r in _runs(db) if r.id != done.run_id}
    assert _run(db, done.run_id).status == "finished"
    assert statuses["other.csv"] == "running"  # another file: left for its own re-run


def _runs(db: Database) -> list[ImportRun]:
    with db.session() as s:
        return list(s.scalars(select(ImportRun).order_by(ImportRun.id)))


def test_a_truncated_file_gives_a_failed_run_with_a_chinese_message(db: Database) -> None:
    report = run_import(db.sessions, CN_TRUNCATED_XML)
    assert (report.status, report.read, report.inserted) == ("failed", 0, 0)
    assert report.message and "截断" in report.message and "整个文件未导入" in report.message
    run = _run(db, report.run_id)
    assert (run.status, run.message, run.format) == ("failed", report.message, "cn_patent_document")
    assert run.finished_at is not None and _patents(db) == 0


@pytest.mark.parametrize(("batch_size", "ahead"), [(1, False), (2000, False), (2000, True)])
def test_a_file_cut_mid_way_keeps_its_committed_batches_and_says_so(
    db: Database, tmp_path: Path, batch_size: int, ahead: bool
) -> None:
    path = concatenated(tmp_path / "cut.xml", [CN_BIBS_XML] * 4, cut_last=5000)
    report = run_import(db.sessions, path, batch_size=batch_size, read_ahead=ahead)
    assert (report.status, report.read, report.inserted, report.unchanged) == ("failed", 3, 1, 2)
    assert report.message and "此前已读取 3 篇文献" in report.message and "已保存" in report.message
    assert "整个文件未导入" not in report.message  # it was not: three documents were read and saved
    assert _patents(db) == 1


@pytest.mark.parametrize("ahead", [False, True], ids=["in_process", "read_ahead"])
def test_a_truncated_compressed_table_keeps_the_rows_before_the_break(db: Database, tmp_path: Path, ahead: bool) -> None:
    whole = bibs_slice(tmp_path / "whole.csv.xz", 3000)
    cut = tmp_path / "cut.csv.xz"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])  # a download that stopped half-way
    report = run_import(db.sessions, cut, batch_size=500, read_ahead=ahead)
    assert report.status == "failed" and 500 < report.read < 3000
    assert report.message and "cut.csv.xz 不完整或已损坏" in report.message
    assert f"此前的 {report.read:,} 条记录已保存" in report.message
    _assert_consistent(db, report.run_id)
    assert _patents(db) == report.inserted > 0
    complete = run_import(db.sessions, whole, batch_size=500)
    assert (complete.status, complete.read, complete.unchanged, complete.rejected) == ("finished", 3000, report.read, 0)


def _crash(rows: int) -> None:
    raise RuntimeError("磁盘已满")


def test_an_unexpected_error_fails_the_run_and_is_raised(db: Database) -> None:
    with pytest.raises(RuntimeError, match="磁盘已满"):
        run_import(db.sessions, EXCERPT, batch_size=50, progress=_crash)
    with db.session() as s:
        run_id = s.scalars(select(ImportRun.id)).one()
    run = _assert_consistent(db, run_id)
    assert (run.status, run.read, _patents(db)) == ("failed", 50, 50)  # not "running" for ever
    assert run.finished_at and run.message and "导入意外中止" in run.message and "已提交的 50 行保留" in run.message


def test_a_file_that_is_no_table_fails_with_a_chinese_message(db: Database, tmp_path: Path) -> None:
    junk = tmp_path / "junk.csv"
    junk.write_bytes(bytes(range(256)) * 64)  # bare carriage returns and NULs: no delimiter fits
    report = run_import(db.sessions, junk)
    assert (report.status, report.read) == ("failed", 0)
    assert report.message and "junk.csv 中找不到申请号列" in report.message


def test_a_stray_nul_byte_is_dropped_not_fatal(db: Database, tmp_path: Path) -> None:
    path = corrupt_copy(tmp_path / "nul.csv", {5: ("名称", "一种锂离子\x00电池")})  # PostgreSQL text refuses NUL
    report = run_import(db.sessions, path)
    assert (report.status, report.read, report.rejected) == ("finished", 200, 0)
    with db.session() as s:
        assert s.scalar(select(func.count()).where(Patent.title == "一种锂离子电池")) == 1


def test_a_truncated_last_document_of_a_bulk_file_is_one_rejected_row(db: Database, tmp_path: Path) -> None:
    path = concatenated(tmp_path / "week.xml", [*US_GRANTS, US_GRANTS[0]], cut_last=4000)
    report = run_import(db.sessions, path, batch_size=2)
    assert (report.status, report.read, report.inserted, report.rejected) == ("finished", 4, 3, 1)
    reason = _run(db, report.run_id).errors[0].reason
    assert "第 4 篇文献不完整" in reason and "其余文献照常导入" in reason and "整个文件" not in reason


def test_an_ordinary_import_claims_the_demo_patents_it_contains(db: Database) -> None:
    run_import(db.sessions, EXCERPT, is_demo=True)
    assert _patents(db, demo=True) == 199
    again = run_import(db.sessions, EXCERPT)
    assert (again.unchanged, _patents(db, demo=True)) == (200, 0)
    assert purge_demo(db)["patents"] == 0 and _patents(db) == 199


def test_the_demo_never_flags_patents_a_user_imported(db: Database, tmp_path: Path) -> None:
    run_import(db.sessions, corrupt_copy(tmp_path / "mine.csv", {188: ("公开日", "20170708")}))
    run_import(db.sessions, EXCERPT, is_demo=True)  # row 188 differs: it updates a user's patent
    assert _patents(db, demo=True) == 0
    assert purge_demo(db)["patents"] == 0 and _patents(db) == 199
