"""Facets partition the hits, cursors visit every hit once, exports hold every hit: real excerpt, both engines."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ipops.domain.errors import InvalidNumber, QuerySyntaxError
from ipops.search.facets import DEFAULT_FACETS
from ipops.search.query import add_clause
from ipops.search.service import export, search
from ipops.store.db import Database

QUERIES = ["", "方法", "IPC=H01M OR 名称=电池", "申请日=[2014 TO 2016] NOT 地区=北京"]


@pytest.mark.parametrize("query", QUERIES)
def test_single_valued_facets_add_up_to_the_total(corpus: Database, query: str) -> None:
    with corpus.session() as s:
        page = search(s, query=query, limit=5)
    assert page.total > 0 and [f.name for f in page.facets] == list(DEFAULT_FACETS)
    for facet in page.facets:
        counted = sum(b.count for b in facet.buckets) + facet.other + facet.missing
        if facet.multi_valued:
            assert counted >= page.total, facet.name
            assert all(b.count <= page.total for b in facet.buckets)
        else:
            assert counted == page.total, facet.name


@pytest.mark.parametrize(
    "facet_name", ["year", "patent_type", "legal_status", "ipc", "city", "applicant_type"]
)
def test_a_bucket_filter_selects_exactly_its_count(corpus: Database, facet_name: str) -> None:
    query = "方法"
    with corpus.session() as s:
        facet = next(f for f in search(s, query=query, limit=1).facets if f.name == facet_name)
        for bucket in facet.buckets[:3]:
            narrowed = search(s, query=add_clause(query, bucket.filter), limit=1, facets=())
            assert narrowed.total == bucket.count, bucket


def test_facet_labels_are_chinese(corpus: Database) -> None:
    with corpus.session() as s:
        facets = {f.name: f for f in search(s, query="名称=电池", limit=1).facets}
    assert {b.label for b in facets["patent_type"].buckets} == {"发明"}
    assert {b.label for b in facets["legal_status"].buckets} <= {"公开", "授权有效"}
    assert any(b.value == "H01M" and b.label.startswith("H01M ") for b in facets["ipc"].buckets)
    city = facets["city"].buckets[0]
    assert city.label.endswith("市") and city.filter == f"地区={city.value}"


def test_unknown_facet_is_an_error(corpus: Database) -> None:
    with corpus.session() as s, pytest.raises(QuerySyntaxError, match="未知的分面"):
        search(s, query="电池", facets=("colour",))


@pytest.mark.parametrize(("query", "limit"), [("方法", 37), ("", 250), ("IPC=G06F OR 系统", 9)])
def test_cursor_pagination_visits_every_hit_exactly_once(corpus: Database, query: str, limit: int) -> None:
    seen: list[str] = []
    cursor = None
    with corpus.session() as s:
        total = search(s, query=query, limit=1, facets=()).total
        while True:
            page = search(s, query=query, cursor=cursor, limit=limit, facets=())
            assert page.total == total and len(page.hits) <= limit
            seen += [h.app_number for h in page.hits]
            if not (cursor := page.next_cursor):
                break
    assert len(seen) == len(set(seen)) == total > limit


def test_a_cursor_of_another_ranking_is_refused(corpus: Database) -> None:
    with corpus.session() as s:
        by_date = search(s, query="IPC=H01M", limit=2, facets=()).next_cursor
        with pytest.raises(InvalidNumber, match="翻页游标无效"):
            search(s, query="电池", cursor=by_date, facets=())
        with pytest.raises(InvalidNumber):
            search(s, query="电池", cursor="not-a-cursor", facets=())


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_writes_exactly_every_hit(corpus: Database, tmp_path: Path, suffix: str) -> None:
    query = "方法 NOT 申请人=大学"
    ticks: list[int] = []
    with corpus.session() as s:
        page = search(s, query=query, limit=10, facets=())
        rows = export(s, query=query, path=tmp_path / f"out{suffix}", progress=ticks.append)
    assert rows == page.total > 500 and ticks[-1] == rows
    if suffix == ".csv":
        with (tmp_path / "out.csv").open(encoding="utf-8-sig", newline="") as fh:
            table = list(csv.reader(fh))
    else:
        table = [
            list(r)
            for r in load_workbook(tmp_path / "out.xlsx", read_only=True).active.iter_rows(values_only=True)
        ]
    assert table[0][:2] == ["申请号", "名称"] and len(table) == rows + 1
    assert [r[0] for r in table[1:11]] == [h.app_number for h in page.hits]  # same order as the page
    assert len({r[0] for r in table[1:]}) == rows


def test_export_refuses_an_unknown_format(corpus: Database, tmp_path: Path) -> None:
    with corpus.session() as s, pytest.raises(Exception, match="不支持的导出格式"):
        export(s, query="电池", path=tmp_path / "out.pdf")
