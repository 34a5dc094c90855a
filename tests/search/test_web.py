"""/search page and /api/v1/search over the real excerpt (kept beside the search corpus fixture)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ipops.store.db import Database
from ipops.web.app import create_app


@pytest.fixture(scope="module")
def search_client(corpus: Database) -> Iterator[TestClient]:
    with TestClient(create_app(corpus.settings, database=corpus)) as c:
        yield c


def test_api_returns_hits_scores_highlights_facets_and_cursor(search_client: TestClient) -> None:
    body = search_client.get("/api/v1/search", params={"q": "名称=石墨烯", "limit": 5}).json()
    assert body["total"] >= 10 and len(body["hits"]) == 5 and body["ranked_by"] == "bm25"
    assert all("<mark>石墨烯</mark>" in h["highlights"]["title"] and h["score"] > 0 for h in body["hits"])
    assert {f["name"] for f in body["facets"]} >= {"year", "ipc", "city", "applicant_type"}
    again = search_client.get(
        "/api/v1/search", params={"q": "名称=石墨烯", "limit": 5, "cursor": body["next_cursor"]}
    )
    assert {h["app_number"] for h in again.json()["hits"]}.isdisjoint({h["app_number"] for h in body["hits"]})


def test_api_facets_parameter(search_client: TestClient) -> None:
    body = search_client.get("/api/v1/search", params={"q": "电池", "facets": "year,city"}).json()
    assert [f["name"] for f in body["facets"]] == ["year", "city"]
    assert search_client.get("/api/v1/search", params={"q": "电池", "facets": "-"}).json()["facets"] == []


def test_api_syntax_error_is_422_with_position_and_chinese_message(search_client: TestClient) -> None:
    resp = search_client.get("/api/v1/search", params={"q": "名称=(石墨烯 AND"})
    assert resp.status_code == 422
    body = resp.json()
    assert body["error"] == "QuerySyntaxError" and body["position"] == 11
    assert body["reason"] == "检索式不完整：末尾缺少检索词" and body["message"].startswith(
        "检索式第 12 个字符处"
    )


def test_api_export_csv_holds_every_hit(search_client: TestClient) -> None:
    total = search_client.get("/api/v1/search", params={"q": "IPC=H01M", "facets": "-"}).json()["total"]
    resp = search_client.get("/api/v1/search/export", params={"q": "IPC=H01M", "format": "csv"})
    assert resp.status_code == 200 and resp.headers["x-rows"] == str(total)
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert len(rows) == total + 1 and rows[0][0] == "申请号"


def test_api_export_xlsx(search_client: TestClient) -> None:
    resp = search_client.get("/api/v1/search/export", params={"q": "名称=石墨烯"})
    assert resp.status_code == 200 and resp.content[:2] == b"PK"
    assert "attachment" in resp.headers["content-disposition"]


def test_page_renders_hits_facets_and_export(search_client: TestClient) -> None:
    api = search_client.get("/api/v1/search", params={"q": "石墨烯"}).json()
    resp = search_client.get("/search", params={"q": "石墨烯"})
    assert resp.status_code == 200
    html = HTMLParser(resp.text)
    assert html.css_first("h1").text() == "专利检索"
    assert html.css_first("#total").text() == f"{api['total']:,}"
    marks = [m.text() for m in html.css("article.hit h3 mark")]
    assert marks and set(marks) == {"石墨烯"}
    assert html.css_first("#export-xlsx").attributes["href"].startswith("/api/v1/search/export?q=")
    year = html.css_first("section.facet[data-facet=year] a")
    assert (
        year is not None
        and "%E7%9F%B3%E5%A2%A8%E7%83%AF+AND+%E7%94%B3%E8%AF%B7%E6%97%A5%3D" in year.attributes["href"]
    )
    assert html.css_first("details#syntax-help") is not None
    nav = [a.text() for a in html.css("nav.mainnav a")]
    assert "专利检索" in nav


def test_page_renders_subscripts_in_titles(search_client: TestClient) -> None:
    """CNIPA writes NOx as NO<sub>x</sub>: shown as a subscript; any other tag stays escaped
    (web.templating.inline_markup, tests/web/test_templating.py)."""
    resp = search_client.get("/search", params={"q": "名称=烟气"})
    assert "NO<sub>x</sub>" in resp.text and "NO&lt;sub&gt;x" not in resp.text


def test_page_shows_a_syntax_error_where_it_is(search_client: TestClient) -> None:
    resp = search_client.get("/search", params={"q": "作者=张三"})
    assert resp.status_code == 422
    box = HTMLParser(resp.text).css_first("#query-error")
    assert "未知字段“作者”" in box.text() and "第 1 个字符" in box.text()


def test_page_paginates(search_client: TestClient) -> None:
    first = HTMLParser(search_client.get("/search", params={"q": "方法", "limit": 10}).text)
    link = first.css_first("#next-page").attributes["href"]
    second = HTMLParser(search_client.get(link + "&limit=10").text)
    one = {a.attributes["href"] for a in first.css("article.hit h3 a")}
    two = {a.attributes["href"] for a in second.css("article.hit h3 a")}
    assert len(one) == len(two) == 10 and one.isdisjoint(two)


def test_blank_page_lists_everything_newest_first(search_client: TestClient) -> None:
    html = HTMLParser(search_client.get("/search").text)
    assert html.css_first("#total").text() == "2,009"
