"""The JSON API and the pages, signed in as firm, bank and office (both engines)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ipops.store.db import Database
from ipops.web.app import create_app
from tests.finance import data
from tests.finance.data import PASSWORD, TODAY, Y4, People
from tests.web.accounts import csrf_of, signed_in


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


@pytest.fixture
def app(db: Database):  # type: ignore[no-untyped-def]
    return create_app(db.settings, database=db)


@pytest.fixture
def clients(app, p: People) -> Iterator[dict[str, TestClient]]:  # type: ignore[no-untyped-def]
    with signed_in(app, ["jerei", "goertek", "icbc", "ccb", "office"], PASSWORD) as out:
        yield out


def _apply(c: TestClient, bank_id: int) -> dict:  # type: ignore[type-arg]
    body = {"bank_org_id": bank_id, "amount": "500", "term_months": 12, "purpose": "研发投入",
            "patents": [{"number": "ZL201510105152.2"}], "submit": True}  # fmt: skip
    resp = c.post("/api/v1/pledges", json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()  # type: ignore[no-any-return]


def test_api_flow_and_visibility(clients: dict[str, TestClient], p: People) -> None:
    firm, bank, other_bank, office = clients["jerei"], clients["icbc"], clients["ccb"], clients["office"]
    created = _apply(firm, p.bank_id)
    pid = created["id"]
    assert created["status"] == "submitted" and created["pledged"][0]["app_number"] == Y4
    assert [x["id"] for x in bank.get("/api/v1/pledges").json()] == [pid]
    assert other_bank.get("/api/v1/pledges").json() == []
    assert other_bank.get(f"/api/v1/pledges/{pid}").status_code == 404
    assert clients["goertek"].get(f"/api/v1/pledges/{pid}").status_code == 404
    assert [x["id"] for x in office.get("/api/v1/pledges").json()] == [pid]
    assert bank.post("/api/v1/pledges", json={"bank_org_id": p.bank_id, "amount": 1, "term_months": 1,
                                              "patents": [{"number": Y4}]}).status_code == 403  # fmt: skip
    wrong = firm.post(f"/api/v1/pledges/{pid}/actions", json={"action": "approve"})
    assert wrong.status_code == 422 and "不能执行「批准」" in wrong.json()["message"]
    assert firm.post(f"/api/v1/pledges/{pid}/actions", json={"action": "accept"}).status_code == 403
    for action in ["accept", "approve"]:
        assert bank.post(f"/api/v1/pledges/{pid}/actions", json={"action": action}).json()["status"] != "submitted"
    checks = bank.get(f"/api/v1/pledges/{pid}/checks", params={"registration_date": TODAY.isoformat()}).json()
    assert checks["errors"] == 0 and checks["warnings"] == 1
    refused = bank.post(f"/api/v1/pledges/{pid}/actions",
                        json={"action": "register", "registration_number": "Y2026370000777"})  # fmt: skip
    assert refused.status_code == 400 and "年费缴纳情况未知" in refused.json()["message"]
    done = bank.post(f"/api/v1/pledges/{pid}/actions", json={"action": "register", "registration_number": "Y2026370000777",
                                                           "registration_date": TODAY.isoformat(), "acknowledge_warnings": True})  # fmt: skip
    assert done.status_code == 200 and done.json()["status"] == "registered"
    risks = bank.get(f"/api/v1/pledges/{pid}/risks", params={"on": "2027-02-01"}).json()
    assert risks["project_id"] == pid and any(a["kind"] == "fee_due" for a in risks["alerts"])
    assert [r["project_id"] for r in bank.get("/api/v1/pledges/risks").json()] == [pid]
    assert other_bank.get("/api/v1/pledges/risks").json() == []


def test_whitelist_and_pool_endpoints(clients: dict[str, TestClient]) -> None:
    bank, office = clients["icbc"], clients["office"]
    wl = bank.get("/api/v1/whitelist", params={"region": "370600"})
    assert wl.status_code == 200 and wl.json()["region"] == "370600" and wl.json()["criteria"]
    xlsx = bank.get("/api/v1/whitelist", params={"region": "370600", "format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert bank.get("/api/v1/finance/pool").status_code == 403
    assert office.post("/api/v1/finance/pool/contributions", json={"amount": "1000", "note": "市财政注资"}).status_code == 201
    assert office.get("/api/v1/finance/pool").json()["balance"] == "1000.0000"


def test_pages_per_role(clients: dict[str, TestClient], p: People) -> None:
    firm, bank, office = clients["jerei"], clients["icbc"], clients["office"]
    assert firm.get("/finance", follow_redirects=False).headers["location"] == "/finance/my"
    assert bank.get("/finance", follow_redirects=False).headers["location"] == "/finance/review"
    form = {"csrf": csrf_of(firm, "/finance/my"), "bank_org_id": str(p.bank_id), "amount": "300", "term_months": "24",
            "patents": f"{Y4}\n", "purpose": "购置设备", "submit": "true"}  # fmt: skip
    resp = firm.post("/finance/pledges", data=form, follow_redirects=False)
    assert resp.status_code == 303
    href = resp.headers["location"]
    bad = firm.post("/finance/pledges", data={**form, "patents": "CN999"}, follow_redirects=False)
    assert bad.status_code == 422 and HTMLParser(bad.text).css_first("#create-error") is not None
    review = HTMLParser(bank.get("/finance/review").text)
    assert review.css_first("#waiting tbody tr[data-status=submitted]") is not None
    page = HTMLParser(bank.get(href).text)
    assert [f.attributes["data-action"] for f in page.css("form.action-form")] == ["accept"]
    assert bank.get("/finance/risks").status_code == 200
    assert office.get("/finance/overview").status_code == 200 and office.get("/finance/pool").status_code == 200
    assert bank.get("/finance/pool").status_code == 403
    assert "质押融资白名单" in bank.get("/finance/whitelist?region=370600").text
