"""The data-quality page and its JSON twin, for a signed-in IP-office administrator only."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ipops.accounts.roles import OrgKind
from ipops.store.db import Database
from tests.quality.corpus import load_corpus
from tests.web.accounts import sign_in


def _number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def test_page_matches_its_json_twin(client: TestClient, db: Database, tmp_path: Path) -> None:
    load_corpus(db, tmp_path)
    sign_in(client, db)
    api = client.get("/api/v1/quality").json()
    html = HTMLParser(client.get("/quality").text)
    assert html.css_first("title").text().startswith("数据质量")
    assert _number(html.css_first("#total-patents").text()) == api["total_patents"] == 490
    rows = {tr.attributes["data-key"]: tr for tr in html.css("#fill-rates tbody tr")}
    assert list(rows) == [f["key"] for f in api["fields"]]
    for f in api["fields"]:
        cells = [td.text() for td in rows[f["key"]].css("td")]
        assert (cells[0], _number(cells[1]), cells[2]) == (f["label"], f["filled"], f"{f['percent']:.1f}%")
    assert rows["abstract"].css_first(".bar span").attributes["style"] == "width: 0.0%"
    buckets = {
        tr.attributes["data-key"]: _number(tr.css("td")[1].text())
        for tr in html.css("#address-buckets tbody tr")
    }
    assert buckets == {b["key"]: b["count"] for b in api["address"]["buckets"]}
    assert html.css_first("#home-province").attributes["href"] == "/patents?region=370000"
    warnings = [[td.text() for td in tr.css("td")][:4] for tr in html.css("#warning-groups tbody tr")]
    assert warnings == [
        [g["column"], g["reason"], "警告", str(g["count"])] for g in api["unparsed"]["groups"]
    ]
    groups = [
        [a.text() for a in tb.css("td:first-child a")] for tb in html.css("#duplicate-groups tbody.group")
    ]
    assert groups == [[v["name"] for v in g["parties"]] for g in api["parties"]["groups"]]
    assert ["西门子股份公司", "西门子（中国）有限公司"] in [sorted(g) for g in groups]


def test_links_lead_to_the_patent_list_filtered(client: TestClient, db: Database, tmp_path: Path) -> None:
    load_corpus(db, tmp_path)
    sign_in(client, db)
    html = HTMLParser(client.get("/quality").text)
    link = html.css_first("#duplicate-groups tbody.group a").attributes["href"]
    listed = client.get("/api/v1/patents", params={"applicant": "中国石油化工股份有限公司"}).json()
    assert (
        link
        == "/patents?applicant=%E4%B8%AD%E5%9B%BD%E7%9F%B3%E6%B2%B9%E5%8C%96%E5%B7%A5%E8%82%A1%E4%BB%BD%E6%9C%89%E9%99%90%E5%85%AC%E5%8F%B8"
    )
    assert listed["total"] == 17  # the count shown next to the name


def test_only_the_ip_office_may_look(client: TestClient, db: Database) -> None:
    assert client.get("/api/v1/quality").status_code == 401
    resp = client.get("/quality", follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/login?next=/quality"
    sign_in(client, db, username="bank", kind=OrgKind.bank)
    assert client.get("/api/v1/quality").status_code == 403
    page = client.get("/quality")
    assert page.status_code == 403
    assert "无权" in page.text or "权限" in page.text
    assert HTMLParser(page.text).css_first(".who") is not None  # still shows who is signed in


@pytest.mark.usefixtures("two_patents")
def test_nav_links_the_page(client: TestClient) -> None:
    html = HTMLParser(client.get("/").text)
    assert "/quality" in {a.attributes["href"] for a in html.css(".mainnav a")}
