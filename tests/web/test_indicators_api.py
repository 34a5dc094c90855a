"""Indicator API for an office admin: every route, errors in Chinese, exports, the data-wall contract."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from ipops.accounts.roles import OrgKind
from ipops.store.db import Database
from tests.analytics import indicator_data
from tests.web.accounts import sign_in

API = "/api/v1"


@pytest.fixture
def numbers(db: Database) -> dict[str, str]:
    return indicator_data.load(db)


@pytest.fixture
def admin(client: TestClient, db: Database, numbers: dict[str, str]) -> TestClient:
    sign_in(client, db, "office")
    return client


HIGH_VALUE = "/patents/CN201510434670.9/high-value?date=2017-12-31"  # every signed-in role may ask
ROUTES = ["/indicators", "/indicators/table?years=2017-2017", "/indicators/valid_invention?year=2017",
          "/indicators/valid_invention/records?year=2017", "/targets?year=2017", HIGH_VALUE, "/wall?year=2017"]  # fmt: skip
OFFICE_ONLY = [r for r in ROUTES if r != HIGH_VALUE]


@pytest.mark.parametrize("path", ROUTES)
def test_anonymous_is_401(client: TestClient, path: str) -> None:
    resp = client.get(API + path)
    assert resp.status_code == 401 and resp.json()["message"] == "请先登录"


def test_an_enterprise_user_may_read_a_patents_high_value_reasons(client: TestClient, db: Database,
                                                                numbers: dict[str, str]) -> None:  # fmt: skip
    sign_in(client, db, "firm", kind=OrgKind.enterprise)
    resp = client.get(API + HIGH_VALUE)
    assert resp.status_code == 200 and resp.json()["app_number"] == "CN201510434670.9"


@pytest.mark.parametrize("path", OFFICE_ONLY)
def test_enterprise_user_is_403(client: TestClient, db: Database, path: str) -> None:
    sign_in(client, db, "firm", kind=OrgKind.enterprise)
    resp = client.get(API + path)
    assert resp.status_code == 403 and "权限" in resp.json()["message"]


def test_every_route_answers_an_office_admin(admin: TestClient, numbers: dict[str, str]) -> None:
    listed = admin.get(f"{API}/indicators").json()
    assert {"valid_invention", "hv_invention_per_10k", "pledge_amount", "trademarks_valid"} <= {
        i["id"] for i in listed
    }
    one = admin.get(f"{API}/indicators/hv_invention", params={"year": 2017}).json()
    # 12 by hand (tests/analytics/test_indicators.py); 2016 had none granted → 同比 change None
    assert one["value"] == 12 and one["period"]["label"] == "2017年" and one["region"]["code"] == "370000"
    assert {p["key"] for p in one["breakdown"]} >= {"sei", "abroad", "pledge"}
    assert (
        one["breakdown_note"]
        and len(one["children"]) == 16
        and one["records_href"].startswith("/indicators/")
    )
    assert one["year_before"]["value"] == 0 and one["year_before"]["change"] is None
    quarter = admin.get(
        f"{API}/indicators/patent_grants", params={"period": "2017Q2", "region": "370600"}
    ).json()
    assert quarter["value"] == 6 and quarter["period"]["label"] == "2017年第二季度"
    assert (
        quarter["previous"]["period"]["key"] == "2017Q1" and quarter["previous"]["value"] == 1
    )  # Y1 (03-15)
    records = admin.get(
        f"{API}/indicators/valid_invention/records", params={"year": 2017, "region": "370600"}
    ).json()
    assert records["total"] == 6 and records["counted_as"] == "patents" and len(records["items"]) == 6
    assert all(i["href"].startswith("/patents/CN") for i in records["items"])
    events = admin.get(f"{API}/indicators/pledge_amount/records", params={"year": 2017}).json()
    assert events["counted_as"] == "events" and events["total"] == 5  # 5 pledge rows (F1+F2 one contract)
    hv = admin.get(f"{API}/patents/CN201510434670.9/high-value", params={"date": "2017-12-31"}).json()
    assert hv["high_value"] is True and [c["category"] for c in hv["categories"]] == ["sei", "pledge"]
    targets = admin.get(f"{API}/targets", params={"year": 2017}).json()
    assert isinstance(targets, list) and all(
        {"indicator_id", "status", "source", "href"} <= set(t) for t in targets
    )
    table = admin.get(
        f"{API}/indicators/table", params={"years": "2017-2017", "ids": "valid_invention"}
    ).json()
    assert len(table["rows"]) == 17  # the province and 16 cities × 1 year
    assert {r["region_code"]: r["value"] for r in table["rows"]}["370600"] == 6


def test_unknown_indicator_and_region_are_404_in_chinese(admin: TestClient) -> None:
    resp = admin.get(f"{API}/indicators/no_such_indicator")
    assert resp.status_code == 404 and resp.json()["message"] == "未知指标：no_such_indicator"
    assert admin.get(f"{API}/indicators/no_such_indicator/records").status_code == 404
    assert admin.get(f"{API}/indicators/table", params={"ids": "valid_invention,nope"}).status_code == 404
    assert admin.get(f"{API}/wall", params={"indicator": "nope"}).status_code == 404
    region = admin.get(f"{API}/indicators/valid_invention", params={"region": "379999"})
    assert region.status_code == 404 and "未知地区代码" in region.json()["message"]
    patent = admin.get(f"{API}/patents/CN201611067191.9/high-value")
    assert patent.status_code == 404 and "未找到" in patent.json()["message"]


@pytest.mark.parametrize("period", ["2017Q5", "17", "2017-13", "2017-02-30"])
def test_bad_period_is_400_in_chinese(admin: TestClient, period: str) -> None:
    resp = admin.get(f"{API}/indicators/valid_invention", params={"period": period})
    assert resp.status_code in (400, 422)
    assert any(w in resp.json()["message"] for w in ("格式有误", "月份", "不存在"))


def test_bad_year_range_is_400_in_chinese(admin: TestClient) -> None:
    resp = admin.get(f"{API}/indicators/table", params={"years": "2020-2017"})
    assert resp.status_code == 400 and "年份范围有误" in resp.json()["message"]
    assert admin.get(f"{API}/indicators/valid_invention", params={"region": "37"}).status_code == 422


def test_csv_export(admin: TestClient) -> None:
    resp = admin.get(f"{API}/indicators/table", params={"years": "2016-2017", "format": "csv",
                                                       "ids": "valid_invention,pledge_amount,trademarks_valid"})  # fmt: skip
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/csv")
    assert 'filename="indicators_370000_2016-2017.csv"' in resp.headers["content-disposition"]
    assert resp.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(resp.content.decode("utf-8-sig"))))
    assert rows[0] == ["指标代码", "指标", "单位", "地区代码", "地区", "期间", "数值", "缺失原因", "说明"]
    assert len(rows) - 1 == 3 * 17 * 2  # indicator × (province + 16 cities) × period
    keys = {(r[0], r[3], r[5]) for r in rows[1:]}
    assert len(keys) == 3 * 17 * 2
    by = {(r[0], r[3], r[5]): r for r in rows[1:]}
    assert by[("pledge_amount", "370000", "2017")][6] == "3800.0"
    assert by[("trademarks_valid", "370000", "2017")][7] == "未填报"


def test_xlsx_export_opens(admin: TestClient) -> None:
    resp = admin.get(
        f"{API}/indicators/table", params={"years": "2017-2017", "format": "xlsx", "ids": "hv_invention"}
    )
    assert resp.status_code == 200
    ws = load_workbook(io.BytesIO(resp.content), read_only=True)["指标"]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][:3] == ("指标代码", "指标", "单位") and len(rows) == 1 + 17
    assert {r[3]: r[6] for r in rows[1:]}["370000"] == 12


def test_wall_contract(admin: TestClient) -> None:
    body = admin.get(f"{API}/wall", params={"year": 2017}).json()
    assert {"region", "year", "years", "indicator", "indicators", "map", "ranking", "trend", "gauges", "high_value",
            "tiles", "notes"} <= set(body)  # fmt: skip
    assert (
        body["region"]["code"] == "370000"
        and body["year"] == 2017
        and body["years"] == list(range(2012, 2018))
    )
    assert len(body["map"]) == 16 and all(a["link"].startswith("/indicators/") for a in body["map"])
    assert {a["code"] for a in body["map"]} == {a["code"] for a in body["ranking"]}
    # no 2017 population in the shipped data: every city is missing its denominator, and the notes say so
    assert all(a["value"] is None and a["missing"] == "缺人口数据" for a in body["map"])
    assert any(n.startswith("缺人口数据") for n in body["notes"])
    hv = {h["category"]: h["value"] for h in body["high_value"]}
    assert hv == {"sei": 10, "abroad": 2, "pledge": 2}
    tiles = {t["id"]: t for t in body["tiles"]}
    assert tiles["valid_invention"]["value"] == 20 and tiles["pledge_amount"]["value"] == 3800
    grants = admin.get(f"{API}/wall", params={"year": 2017, "indicator": "invention_grants"}).json()
    assert [a["code"] for a in grants["ranking"]][:2] == ["370600", "370100"]  # 烟台 7, 济南 5
    city = admin.get(
        f"{API}/wall", params={"year": 2017, "region": "370600", "indicator": "valid_invention"}
    ).json()
    assert city["region"]["code"] == "370600" and len(city["map"]) > 0 and city["indicator"]["value"] == 6


def test_the_bulletin_button_downloads_pdf_and_docx(admin: TestClient) -> None:
    pdf = admin.get("/indicators/bulletin", params={"region": "370600", "period": "2017Q4", "format": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF") and "filename*=UTF-8''" in pdf.headers["content-disposition"]
    docx = admin.get("/indicators/bulletin", params={"region": "370600", "period": "2017", "format": "docx"})
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    bad = admin.get("/indicators/bulletin", params={"region": "370600", "period": "2017Q5"})
    assert bad.status_code == 400 and "期间" in bad.text


def test_the_bulletin_button_is_for_the_office(client: TestClient, db: Database) -> None:
    sign_in(client, db, "firm", kind=OrgKind.enterprise)
    assert client.get("/indicators/bulletin", params={"region": "370000", "period": "2017"}).status_code == 403
