"""The index follows the patents: incremental refresh touches only what changed; rebuild and deletes."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from ipops.jobs.imports import start_import_job, wait
from ipops.search import indexer
from ipops.search.service import search
from ipops.store.db import Database
from ipops.store.schema import Patent, SearchDoc
from tests.factories import make_record, save
from tests.fixture_files import EXCERPT

# real CN-BIBS rows (tests/fixtures/tabular/excerpt_utf8.csv and the 2017 slice)
TENT = {"app_number": "CN201510584828.0", "title": "一种旅游休闲帐篷", "app_date": dt.date(2015, 9, 16),
        "pub_number": "CN106545214A", "pub_date": dt.date(2017, 3, 29), "ipc": ["E04H15/00"]}  # fmt: skip


def titles(db: Database, query: str) -> list[str]:
    with db.session() as s:
        return [h.title for h in search(s, query=query, facets=()).hits]


def fts_rows(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(sa.text("SELECT count(*) FROM search_fts")) or 0)


def test_refresh_indexes_new_patents_then_nothing(db: Database) -> None:
    save(db, make_record(), make_record(**TENT))
    assert titles(db, "帐篷") == []  # not indexed yet
    report = indexer.build(db.sessions)
    assert (report.indexed, report.pending_before, report.total_patents) == (2, 2, 2)
    assert titles(db, "帐篷") == ["一种旅游休闲帐篷"]
    assert titles(db, "用户提示信息") == ["一种可扩展的用户提示信息定义方法及系统"]
    assert indexer.build(db.sessions).indexed == 0


def test_only_changed_patents_are_reindexed(db: Database) -> None:
    save(db, make_record(), make_record(**TENT))
    indexer.build(db.sessions)
    with db.session() as s:
        before = dict(s.execute(sa.select(SearchDoc.patent_id, SearchDoc.indexed_at)).all())
        tent_id = s.scalar(sa.select(Patent.id).where(Patent.app_number == TENT["app_number"]))
    save(
        db, make_record(**{**TENT, "title": "一种旅游休闲帐篷及其支架"})
    )  # a corrected row of the same application
    with db.session() as s:
        assert indexer.stale_ids(s) == [tent_id]
    assert indexer.build(db.sessions).indexed == 1
    with db.session() as s:
        after = dict(s.execute(sa.select(SearchDoc.patent_id, SearchDoc.indexed_at)).all())
    assert [pid for pid in after if after[pid] != before[pid]] == [tent_id]
    assert titles(db, "支架") == ["一种旅游休闲帐篷及其支架"]
    assert fts_rows(db) == 2


def test_re_saving_the_same_rows_changes_nothing(db: Database) -> None:
    save(db, make_record(**TENT))
    indexer.build(db.sessions)
    save(db, make_record(**TENT))  # the same source row: writer sees its hash, patent untouched
    with db.session() as s:
        assert indexer.stale_ids(s) == []


def test_deleted_patents_leave_the_index(db: Database) -> None:
    save(db, make_record(), make_record(**TENT))
    indexer.build(db.sessions)
    with db.session() as s:
        s.execute(sa.delete(Patent).where(Patent.app_number == TENT["app_number"]))
    assert fts_rows(db) == 1
    assert titles(db, "帐篷") == []


def test_rebuild_reindexes_everything(db: Database) -> None:
    save(db, make_record(), make_record(**TENT))
    indexer.build(db.sessions)
    report = indexer.build(db.sessions, rebuild=True, batch_size=1)
    assert (report.indexed, report.rebuilt) == (2, True)
    assert fts_rows(db) == 2 and titles(db, "帐篷") == ["一种旅游休闲帐篷"]


def test_refresh_in_the_callers_transaction_with_given_ids(db: Database) -> None:
    save(db, make_record(), make_record(**TENT))
    with db.session() as s:
        tent_id = s.scalar(sa.select(Patent.id).where(Patent.app_number == TENT["app_number"]))
        ticks: list[int] = []
        assert indexer.refresh(s, [tent_id, tent_id, 999_999], progress=ticks.append) == 1
        assert ticks == [1] and indexer.pending(s) == 1


def test_the_import_job_refreshes_the_index(db: Database) -> None:
    run_id = start_import_job(db, EXCERPT, display_name="excerpt_utf8.csv", user_id=None)
    wait(run_id, timeout=120)
    with db.session() as s:
        assert indexer.pending(s) == 0
        total = s.scalar(sa.select(sa.func.count()).select_from(Patent))
    assert total == 199 and fts_rows(db) == 199
    assert titles(db, "名称=机器人 AND 名称=分拣") == [
        "建筑垃圾智能机器人分拣系统及方法"
    ]  # row 1 of the excerpt
