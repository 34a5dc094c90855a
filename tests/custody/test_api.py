"""Custody API and pages: authorisation, the calendar as JSON / ICS (RFC 5545) / XLSX, the forms, `ipops fees`."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from io import BytesIO

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from typer.testing import CliRunner

from ipops.accounts.roles import OrgKind
from ipops.cli.main import app
from ipops.store.db import Database
from ipops.web.app import create_app
from tests.custody.conftest import FIRST, ON, SECOND
from tests.web.accounts import csrf_of, sign_in

pytestmark = pytest.mark.usefixtures("patents")


@pytest.fixture
def firm(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings, database=db)) as c:
        sign_in(c, db, "firm-user", kind=OrgKind.enterprise)
        yield c


def _create(client: TestClient) -> int:
    r = client.post("/api/v1/custody", json={"name": "核心专利"})
    assert r.status_code == 201, r.text
    pid = int(r.json()["id"])
    r = client.post(
        f"/api/v1/custody/{pid}/items",
        json={"numbers": [FIRST, "CN103778463B", "CN000"], "reduction_percent": 0},
    )
    assert r.status_code == 200 and r.json()["added"] == 2 and r.json()["rows"][2]["ok"] is False
    return pid


def _unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    physical = text[:-2].split("\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    lines: list[str] = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def test_calendar_json_ics_xlsx(firm: TestClient) -> None:
    pid = _create(firm)
    body = firm.get(f"/api/v1/custody/{pid}/calendar", params={"on": ON.isoformat(), "years": 2}).json()
    assert [(r["app_number"], r["year"]) for r in body["rows"]][:2] == [(FIRST, 11), (SECOND, 14)]
    assert body["rows"][0]["payable"] == 4000 and body["rows"][0]["late_bands"][1]["surcharge"] == 200

    r = firm.get(
        f"/api/v1/custody/{pid}/calendar", params={"on": ON.isoformat(), "years": 2, "format": "ics"}
    )
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    lines = _unfold(r.text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events = [i for i, x in enumerate(lines) if x == "BEGIN:VEVENT"]
    assert len(events) == 2 * len(body["rows"])  # one per due date, one per grace end
    uids = [x for x in lines if x.startswith("UID:")]
    assert len(set(uids)) == len(uids) == len(events)
    assert len([x for x in lines if re.fullmatch(r"DTSTAMP:\d{8}T\d{6}Z", x)]) == len(events)
    assert "DTSTART;VALUE=DATE:20261125" in lines and "DTSTART;VALUE=DATE:20270525" in lines
    assert any(x.startswith("SUMMARY:年费到期 CN201611067191.9 第11年") for x in lines)
    assert lines.count("END:VEVENT") == len(events)
    suffix = firm.get(f"/api/v1/custody/{pid}/calendar.ics", params={"on": ON.isoformat(), "years": 2})
    assert suffix.status_code == 200 and _same_events(suffix.text, r.text)

    r = firm.get(f"/api/v1/custody/{pid}/calendar", params={"on": ON.isoformat(), "format": "xlsx"})
    assert r.status_code == 200
    wb = load_workbook(BytesIO(r.content))
    sheet = wb["年费日历"]
    assert sheet["A1"].value == "申请号" and sheet["A2"].value == FIRST and sheet["G2"].value == 4000
    assert wb["预算"]["A2"].value == 2026


def test_another_firm_gets_404_and_other_roles_403(db: Database, firm: TestClient) -> None:
    pid = _create(firm)
    with TestClient(create_app(db.settings, database=db)) as other:
        sign_in(other, db, "other-firm", kind=OrgKind.university)  # a university of another organisation
        for path in (
            f"/api/v1/custody/{pid}",
            f"/api/v1/custody/{pid}/calendar",
            f"/api/v1/custody/{pid}/alerts",
            f"/custody/{pid}",
        ):
            assert other.get(path).status_code == 404, path
        assert other.post(f"/api/v1/custody/{pid}/items", json={"numbers": [SECOND]}).status_code == 404
        assert other.get("/api/v1/custody").json() == []
    with TestClient(create_app(db.settings, database=db)) as bank:
        sign_in(bank, db, "bank-user", kind=OrgKind.bank)
        assert bank.get("/api/v1/custody").status_code == 403
        assert bank.get(f"/api/v1/custody/{pid}/calendar").status_code == 403
    with TestClient(create_app(db.settings, database=db)) as anonymous:
        assert anonymous.get(f"/api/v1/custody/{pid}/calendar").status_code == 401
    with TestClient(create_app(db.settings, database=db)) as office:
        sign_in(office, db, "office-admin", kind=OrgKind.ip_office)
        assert office.get(f"/api/v1/custody/{pid}/calendar").status_code == 200


def test_alerts_and_payment_api(firm: TestClient) -> None:
    pid = _create(firm)
    alerts = firm.get(f"/api/v1/custody/{pid}/alerts", params={"on": ON.isoformat()}).json()["alerts"]
    assert {(a["app_number"], a["kind"]) for a in alerts} == {(FIRST, "in_grace"), (SECOND, "due_soon")}
    item = next(i for i in firm.get(f"/api/v1/custody/{pid}").json()["items"] if i["app_number"] == FIRST)
    r = firm.post(
        f"/api/v1/custody/{pid}/items/{item['id']}/payments", json={"year": 11, "paid_on": ON.isoformat()}
    )
    assert r.status_code == 200 and r.json()["paid_up_to_year"] == 11
    assert firm.post(f"/api/v1/custody/{pid}/alerts/acknowledge").json() == {"acknowledged": 0}


def test_pages_create_and_add_with_csrf(firm: TestClient) -> None:
    assert firm.post("/custody", data={"name": "无令牌"}, follow_redirects=False).status_code == 403
    token = csrf_of(firm, "/custody")
    r = firm.post("/custody", data={"name": "页面组合", "csrf": token}, follow_redirects=False)
    assert r.status_code == 303
    detail = r.headers["location"]
    r = firm.post(f"{detail}/items", data={"numbers": f"{FIRST}\nCN103778463B\nCN201510584828.0", "csrf": token,
                                           "reduction_percent": "85"})  # fmt: skip
    assert r.status_code == 200
    html = HTMLParser(r.text)
    results = html.css_first("#add-results").text()
    assert "已加入 2 件" in results.replace("\n", "") and "请先导入该专利" in results
    assert len(html.css("#items tbody tr[data-app]")) == 2
    assert html.css_first("#download-ics").attributes["href"].endswith("format=ics")
    twin = firm.get(f"/api/v1{detail}").json()
    shown = [
        (tr.attributes["data-app"], int(tr.attributes["data-year"]))
        for tr in html.css("#calendar tbody tr[data-app]")
    ]
    assert shown == [(r["app_number"], r["year"]) for r in twin["calendar"]["rows"]]
    assert firm.post("/custody", data={"name": "页面组合", "csrf": token}).status_code == 422
    listing = HTMLParser(firm.get("/custody").text)
    assert [a.text() for a in listing.css("#portfolios a")] == ["页面组合"]


def test_cli_fees(db: Database) -> None:
    env = {"IPOPS_DATABASE_URL": db.settings.database_url, "IPOPS_DEMO_ON_EMPTY": "false", "COLUMNS": "160"}
    runner = CliRunner()
    r = runner.invoke(app, ["fees", "CN106557325B", "--json"], env=env)
    assert r.exit_code == 0, r.output
    body = json.loads(r.stdout)
    assert body["app_number"] == FIRST and body["years"][1]["due_date"] == "2017-11-25"
    assert body["years"][1]["late_bands"][1]["surcharge"] == 45.0
    r = runner.invoke(
        app, ["fees", "--type", "invention", "--filed", "2015-03-02", "--granted", "2018-05-04"], env=env
    )
    assert r.exit_code == 0 and "2035-03-01" in r.stdout and "2019-09-02" in r.stdout
    r = runner.invoke(app, ["fees", "CN201510584828.0"], env=env)
    assert r.exit_code == 1 and "未找到专利" in r.output
    assert (
        runner.invoke(
            app, ["fees", "--type", "x", "--filed", "2015-03-02", "--granted", "2018-05-04"], env=env
        ).exit_code
        == 2
    )


def _same_events(a: str, b: str) -> bool:
    """The two calendars differ at most in DTSTAMP (the time they were made)."""
    keep = [[x for x in _unfold(t) if not x.startswith("DTSTAMP:")] for t in (a, b)]
    return keep[0] == keep[1]
