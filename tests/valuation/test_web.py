"""Valuation API and pages: every signed-in role reads them; 401 signed out, 404 for unknown numbers."""

from __future__ import annotations

import io

import pytest
from docx import Document
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ipops.accounts.roles import OrgKind
from ipops.store.db import Database
from tests.analytics import indicator_data
from tests.web.accounts import sign_in

API = "/api/v1"


@pytest.fixture
def numbers(db: Database) -> dict[str, str]:
    return indicator_data.load(db)


def test_anonymous_is_401_and_the_page_asks_to_sign_in(client: TestClient, numbers: dict[str, str]) -> None:
    resp = client.get(f"{API}/patents/{numbers['J2']}/valuation")
    assert resp.status_code == 401 and resp.json()["message"] == "请先登录"
    page = client.get(f"/patents/{numbers['J2']}/valuation", follow_redirects=False)
    assert page.status_code == 303 and page.headers["location"].startswith("/login")


@pytest.mark.parametrize("kind", [OrgKind.ip_office, OrgKind.enterprise, OrgKind.university, OrgKind.bank, OrgKind.agency])
def test_every_role_reads_a_valuation(client: TestClient, db: Database, numbers: dict[str, str], kind: OrgKind) -> None:
    sign_in(client, db, f"user_{kind.value}", kind=kind)
    resp = client.get(f"{API}/patents/{numbers['J2']}/valuation", params={"as_of": "2026-12-04"})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["score"] == 58.7 and body["grade"] == "C"  # by hand in test_service.py
    assert [d["name"] for d in body["dimensions"]] == ["法律价值度", "技术价值度", "经济价值度"]
    first = body["indicators"][0]
    assert {"raw", "raw_label", "score", "weight", "effective_weight", "mapping", "explanation"} <= set(first)


def test_unknown_patent_is_404(client: TestClient, db: Database, numbers: dict[str, str]) -> None:
    sign_in(client, db, "office")
    resp = client.get(f"{API}/patents/CN201799999999.X/valuation")
    assert resp.status_code == 404 and "未找到专利" in resp.json()["message"]
    assert client.get("/patents/CN201799999999.X/valuation").status_code == 404


def test_the_page_matches_its_json_twin(client: TestClient, db: Database, numbers: dict[str, str]) -> None:
    sign_in(client, db, "firm", kind=OrgKind.enterprise)
    twin = client.get(f"{API}/patents/{numbers['J2']}/valuation", params={"as_of": "2026-12-04"}).json()
    html = HTMLParser(client.get(f"/patents/{numbers['J2']}/valuation", params={"as_of": "2026-12-04"}).text)
    assert html.css_first("#total-score .num").text() == "58.7"
    assert html.css_first("#grade .grade-badge").text() == "C"
    rows = html.css("#indicators tbody tr")
    assert [r.attributes["data-indicator"] for r in rows] == [i["id"] for i in twin["indicators"]]
    claims = html.css_first("tr[data-indicator=claims_count]")
    assert "缺数据" in claims.text() and "不计" in claims.text()
    assert "权利要求数量" in html.css_first("#missing").text()
    assert len(html.css("#dimensions .bar")) == 3
    assert html.css_first("#download-pdf").attributes["href"].endswith("format=pdf&as_of=2026-12-04")


def test_summary_downloads_as_pdf_and_docx(client: TestClient, db: Database, numbers: dict[str, str]) -> None:
    sign_in(client, db, "bank", kind=OrgKind.bank)
    pdf = client.get(f"/patents/{numbers['J2']}/valuation/summary", params={"format": "pdf", "as_of": "2026-12-04"})
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF") and pdf.headers["content-type"] == "application/pdf"
    assert "filename*=UTF-8''" in pdf.headers["content-disposition"]
    docx = client.get(f"/patents/{numbers['J2']}/valuation/summary", params={"format": "docx", "as_of": "2026-12-04"})
    assert docx.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "专利价值评估摘要" in text and "总分 58.7，C 级" in text and "GB/T 42748" in text
    assert client.get(f"/patents/{numbers['J2']}/valuation/summary", params={"format": "xlsx"}).status_code == 422
