"""HTML pages: parsed with selectolax and compared with their JSON twins."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser


@pytest.mark.usefixtures("two_patents")
def test_home_counts_link_to_the_list(client: TestClient) -> None:
    html = HTMLParser(client.get("/").text)
    assert html.css_first("title").text().startswith("首页")
    links = {a.attributes["href"] for a in html.css("a.stat")}
    assert "/patents?type=invention" in links


@pytest.mark.usefixtures("two_patents")
def test_list_page_matches_its_json_twin(client: TestClient) -> None:
    html = HTMLParser(client.get("/patents", params={"region": "370000"}).text)
    api = client.get("/api/v1/patents", params={"region": "370000"}).json()
    assert html.css_first("#total").text() == str(api["total"])
    rows = [tr.css_first("td a").text() for tr in html.css("table.patents tbody tr")]
    assert rows == [p["app_number"] for p in api["items"]]


@pytest.mark.usefixtures("two_patents")
def test_detail_page_shows_biblio_parties_ipc_and_timeline(client: TestClient) -> None:
    html = HTMLParser(client.get("/patents/ZL201611067191.9").text)
    assert html.css_first("#app-number").text() == "CN201611067191.9"
    assert "魏熙柠" in html.css_first("#parties").text()
    assert "G06F9/44" in html.css_first("#ipcs").text()
    timeline = html.css_first("#timeline").text()
    assert "CN106557325A" in timeline and "CN106557325B" in timeline
    assert "推定" in html.text()  # the derived status says so


def test_error_page_is_chinese(client: TestClient) -> None:
    resp = client.get("/patents/12345")
    assert resp.status_code == 422
    assert "无法识别" in HTMLParser(resp.text).css_first(".error-message").text()
