"""The data-quality view over a small real corpus (tests/quality/corpus.py), on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipops.ingest.importer import run_import
from ipops.quality.schemas import QualityReport
from ipops.quality.service import quality_report
from ipops.store.db import Database
from tests.factories import make_record, save
from tests.quality.corpus import corpus_report, load_corpus, write_files


@pytest.fixture(scope="module")
def report(initialised_db: Database, tmp_path_factory: pytest.TempPathFactory) -> QualityReport:
    """Computed once per engine; the database is empty again before the next test."""
    return corpus_report(initialised_db, tmp_path_factory.mktemp("corpus"))


def test_fill_rates_of_the_cn_bibs_product(report: QualityReport) -> None:
    fills = {f.key: f for f in report.fields}
    assert report.total_patents == 490  # 300 + 200 − 15 shared + 5
    assert (fills["title"].filled, fills["title"].percent) == (490, 100.0)
    assert (fills["abstract"].filled, fills["abstract"].percent) == (0, 0.0)  # CN-BIBS has no abstracts
    assert fills["app_date"].filled == 489  # the one "2015-13-45"
    assert fills["grant_date"].filled == 33 and fills["ipc_main"].percent == 100.0
    assert fills["party_applicant"].percent == 100.0 and fills["party_holder"].filled == 0
    assert fills["party_applicant_2plus"].filled == 0  # the product names the first applicant only


def test_addresses_by_bucket_with_the_shandong_share(report: QualityReport) -> None:
    a = report.address
    buckets = {b.key: b.count for b in a.buckets}
    assert buckets == {
        "city": 465,
        "sar": 13,
        "province_only": 1,
        "unresolved": 0,
        "no_address": 0,
        "foreign": 11,
    }
    assert (a.unresolved_city, a.foreign, a.domestic_unresolved, a.unresolved_percent) == (25, 11, 14, 5.1)
    assert [(s.text, s.count) for s in a.top_addresses] == [
        ("山东省", 1)
    ]  # Taiwan has no NBS cities: not listed
    assert (a.top_prefixes[0].text, a.top_prefixes[0].count) == ("中国", 13)  # 中国台湾…
    assert a.home is not None
    assert (a.home.name, a.home.total, a.home.resolved_city, a.home.percent) == ("山东省", 56, 55, 98.2)


def test_unparsed_values_grouped_by_column_and_kind(report: QualityReport) -> None:
    u = report.unparsed
    assert (u.warnings, u.errors, u.runs) == (4, 0, 3)
    postcode = u.groups[0]
    assert (postcode.column, postcode.reason, postcode.count, postcode.distinct_values) == (
        "申请人邮编", "邮编应为 6 位数字", 2, 2)  # fmt: skip
    assert postcode.examples == ["22100", "2661"]
    others = {(g.column, g.reason): g.examples for g in u.groups[1:]}
    assert others == {
        ("IPC分类号", "无法识别的分类号"): ["B07C5/342;XYZ;"],
        ("申请日", "无法识别的日期"): ["2015-13-45"],
    }


def test_reimporting_a_file_does_not_count_its_warnings_twice(db: Database, tmp_path: Path) -> None:
    load_corpus(db, tmp_path)
    again = run_import(db.sessions, write_files(tmp_path)[1])
    assert again.warnings == 4  # the importer reports them again …
    with db.session() as s:
        u = quality_report(s).unparsed
    assert (u.warnings, u.runs) == (4, 3)  # … the view counts the latest run of each file once
    assert {g.latest_run_id for g in u.groups} == {again.run_id}


def test_likely_duplicate_parties(report: QualityReport) -> None:
    p = report.parties
    assert (p.total_groups, p.parties_involved) == (2, 4)
    first, second = p.groups
    assert [(v.name, v.patents) for v in first.parties] == [
        ("中国石油化工股份有限公司", 17),
        ("中国石油化工集团公司", 1),
    ]
    assert first.reason_labels == ["公司形式不同"]
    assert {v.name for v in second.parties} == {"西门子（中国）有限公司", "西门子股份公司"}
    assert second.reasons == ["region_bracket", "company_form"]
    assert second.parties[0].href.startswith("/patents?applicant=%E8%A5%BF")


def test_status_basis_of_the_corpus(report: QualityReport) -> None:
    basis = {b.basis: b for b in report.status.by_basis}
    assert (basis["derived"].count, basis["derived"].percent, basis["source"].count) == (490, 100.0, 0)
    assert (report.status.demo, report.status.demo_percent) == (0, 0.0)


def test_demo_rows_and_simulated_statuses_are_counted(db: Database) -> None:
    save(db, make_record())  # the real A publication: status derived from it
    save(db, make_record(app_number="CN201510584828.0", title="一种旅游休闲帐篷", legal_status="granted",
                         legal_status_basis="simulated"), is_demo=True)  # fmt: skip
    with db.session() as s:
        status = quality_report(s).status
    assert (status.total, status.demo, status.demo_percent) == (2, 1, 50.0)
    counts = {b.basis: (b.count, b.demo) for b in status.by_basis}
    assert counts["simulated"] == (1, 1) and counts["derived"] == (1, 0)


def test_an_empty_database_reports_zeros(db: Database) -> None:
    with db.session() as s:
        r = quality_report(s)
    assert r.total_patents == 0 and r.fields[0].percent == 0.0 and r.parties.groups == []
    assert r.address.home is not None and r.address.home.total == 0
