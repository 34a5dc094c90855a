"""The JSON API and the pages, signed in as different organisations and the office (both engines)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ipops.store.db import Database
from ipops.web.app import create_app
from tests.market import data
from tests.market.data import F1, J3, PASSWORD, Y4, People
from tests.web.accounts import csrf_of, signed_in

USERS = ["jerei", "goertek", "office", "sdu", "qust"]


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


@pytest.fixture
def clients(db: Database, p: People) -> Iterator[dict[str, TestClient]]:
    with signed_in(create_app(db.settings, database=db), USERS, PASSWORD) as out:
        yield out


LICENCE = {"number": "ZL201510105152.2", "deal_type": "licence", "licence_type": "ordinary", "lump_sum": "50",
           "term_months": 36, "description": "油田废弃物处理系统进料装置"}  # fmt: skip


def test_listing_api_flow_and_isolation(clients: dict[str, TestClient]) -> None:
    firm, other, office = clients["jerei"], clients["goertek"], clients["office"]
    created = firm.post("/api/v1/listings", json=LICENCE)
    assert created.status_code == 201, created.text
    x = created.json()
    lid = x["id"]
    assert x["status"] == "draft" and x["app_number"] == Y4 and x["checks"]["warnings"] == 1
    assert [a["action"] for a in x["actions"]] == ["submit", "withdraw"]
    # another organisation can neither read nor change the draft
    assert other.get(f"/api/v1/listings/{lid}").status_code == 404
    assert other.patch(f"/api/v1/listings/{lid}", json={"lump_sum": "1"}).status_code == 404
    assert other.post(f"/api/v1/listings/{lid}/actions", json={"action": "withdraw"}).status_code == 404
    assert other.get(f"/api/v1/listings/{lid}/checks").status_code == 404
    assert other.get("/api/v1/listings", params={"mine": True}).json()["total"] == 0
    assert other.get("/api/v1/listings", params={"status": "draft"}).json()["total"] == 0
    assert other.post("/api/v1/listings", json={**LICENCE, "number": Y4}).status_code == 403  # not its patent
    patched = firm.patch(f"/api/v1/listings/{lid}", json={"lump_sum": "80"})
    assert patched.status_code == 200 and float(patched.json()["lump_sum"]) == 80
    refused = firm.post(f"/api/v1/listings/{lid}/actions", json={"action": "submit"})
    assert refused.status_code == 422 and "需要确认后才能提交" in refused.json()["message"]
    assert (
        firm.post(
            f"/api/v1/listings/{lid}/actions", json={"action": "submit", "acknowledge_warnings": True}
        ).json()["status"]
        == "review"
    )
    assert firm.post(f"/api/v1/listings/{lid}/actions", json={"action": "approve"}).status_code == 403
    assert [r["id"] for r in office.get("/api/v1/listings", params={"status": "review"}).json()["rows"]] == [
        lid
    ]
    assert (
        office.post(f"/api/v1/listings/{lid}/actions", json={"action": "approve"}).json()["status"]
        == "published"
    )
    public = other.get(f"/api/v1/listings/{lid}").json()
    assert public["status"] == "published" and public["checks"] is None and public["history"] == []
    assert [r["id"] for r in other.get("/api/v1/listings").json()["rows"]] == [lid]
    mine = firm.get(f"/api/v1/listings/{lid}").json()
    assert [h["action"] for h in mine["history"]] == ["create", "edit", "submit", "approve"]


def test_a_violation_comes_back_in_chinese(clients: dict[str, TestClient]) -> None:
    firm = clients["goertek"]
    body = {"number": F1, "deal_type": "open_licence", "lump_sum": "2500", "royalty_note": "按市场价估算"}
    x = firm.post("/api/v1/listings", json=body).json()
    messages = {i["rule"]: i["message"] for i in x["checks"]["items"] if i["level"] != "ok"}
    assert messages["pledge"].startswith("该专利已质押且未注销")
    assert messages["terms"] == "开放许可声明须写明许可期限：请填写「许可期限（月）」"
    assert (
        messages["royalty_caps"] == "一次性许可使用费 2500 万元超过指导上限 2000 万元，一般应采用普通许可方式"
    )
    refused = firm.post(
        f"/api/v1/listings/{x['id']}/actions", json={"action": "submit", "acknowledge_warnings": True}
    )
    assert refused.status_code == 422 and refused.json()["message"].startswith(
        "不能提交：该专利已质押且未注销"
    )


def test_needs_api_is_private(clients: dict[str, TestClient]) -> None:
    firm, other, office = clients["jerei"], clients["goertek"], clients["office"]
    body = {
        "title": "含油污泥无害化处理",
        "description": "油田含油污泥的无害化处理和资源化利用技术",
        "budget": "100",
    }
    made = firm.post("/api/v1/needs", json=body)
    assert made.status_code == 201 and any(c["code"] == "C02F" for c in made.json()["classes"])
    nid = made.json()["id"]
    assert other.get(f"/api/v1/needs/{nid}").status_code == 404
    assert other.post(f"/api/v1/needs/{nid}/status", json={"status": "closed"}).status_code == 404
    assert other.get("/api/v1/needs").json() == []
    assert [n["id"] for n in office.get("/api/v1/needs").json()] == [nid]
    assert firm.post("/api/v1/needs", json={**body, "region_code": "12"}).status_code == 422


def test_sleeping_api(clients: dict[str, TestClient], p: People) -> None:
    sdu = clients["sdu"]
    page = sdu.get("/api/v1/sleeping").json()
    assert page["org"] == "山东大学" and [r["app_number"] for r in page["rows"]] == [J3]
    xlsx = sdu.get("/api/v1/sleeping", params={"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.headers["content-type"].startswith(
        "application/vnd.openxmlformats"
    )
    assert sdu.get("/api/v1/sleeping", params={"org": p.org_ids["qust"]}).status_code == 404
    assert clients["jerei"].get("/api/v1/sleeping").status_code == 403
    assert (
        clients["office"].get("/api/v1/sleeping", params={"org": p.org_ids["qust"]}).json()["org"]
        == "青岛科技大学"
    )
    done = sdu.post("/api/v1/sleeping/outcomes", json={"number": J3, "outcome": "listed"})
    assert done.status_code == 200 and done.json()["outcome"] == "listed"


def test_pages_and_their_forms(clients: dict[str, TestClient]) -> None:
    firm, office = clients["jerei"], clients["office"]
    home = HTMLParser(firm.get("/market").text)
    assert home.css_first("a[href='/market'].active") is not None  # 运营交易 in the main navigation
    form = {"number": Y4, "deal_type": "open_licence", "lump_sum": "30", "royalty_note": "按市场价估算"}
    assert firm.post("/market/listings", data=form).status_code == 403  # no CSRF token
    made = firm.post(
        "/market/listings",
        data={**form, "csrf": csrf_of(firm, "/market/listings/new")},
        follow_redirects=False,
    )
    assert made.status_code == 303
    detail = HTMLParser(firm.get(made.headers["location"]).text)
    terms = detail.css_first("#checks tr[data-rule=terms]")
    assert terms is not None and "开放许可声明须写明许可期限" in terms.text()
    assert "disabled" in detail.css_first("form[data-action=submit] button").attributes
    bad = firm.post("/market/listings", data={**form, "lump_sum": "很多", "csrf": csrf_of(firm, "/market")})
    assert bad.status_code == 422 and "金额、比例须为数字" in bad.text
    lid = made.headers["location"].rsplit("/", 1)[1]
    edit = {**form, "term_months": "24", "csrf": csrf_of(firm, "/market")}
    assert firm.post(f"/market/listings/{lid}", data=edit, follow_redirects=False).status_code == 303
    act = {"action": "submit", "acknowledge_warnings": "true", "csrf": csrf_of(firm, "/market")}
    assert firm.post(f"/market/listings/{lid}/actions", data=act, follow_redirects=False).status_code == 303
    queue = HTMLParser(office.get("/market").text)
    assert queue.css_first(f"#review-queue tr[data-id='{lid}']") is not None
    need = {
        "title": "标签打印定位",
        "description": "标签打印机的打印控制方法，提高打印定位精度",
        "csrf": csrf_of(firm, "/market/needs/new"),
    }
    posted = firm.post("/market/needs", data=need, follow_redirects=False)
    assert posted.status_code == 303
    shown = HTMLParser(firm.get(posted.headers["location"]).text)
    assert shown.css_first("#classes-ipc tr[data-code]") is not None
    assert clients["sdu"].get("/market/sleeping").status_code == 200
    assert firm.get("/market/sleeping").status_code == 403
