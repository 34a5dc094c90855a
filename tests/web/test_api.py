"""JSON API: health, patent list with filters and cursors, one patent by any number form."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_health_reports_engine_and_current_schema(client: TestClient) -> None:
    body = client.get("/api/v1/health").json()
    assert body["status"] == "ok"
    assert body["schema_current"] is True
    assert body["database"] in ("sqlite", "postgresql")


def test_openapi_lists_the_patent_endpoints(client: TestClient) -> None:
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/health", "/api/v1/patents", "/api/v1/patents/{number}"} <= set(paths)


@pytest.mark.usefixtures("two_patents")
def test_list_filters_and_pages_with_a_cursor(client: TestClient) -> None:
    first = client.get("/api/v1/patents", params={"limit": 1}).json()
    assert first["total"] == 2 and len(first["items"]) == 1 and first["next_cursor"]
    second = client.get("/api/v1/patents", params={"limit": 1, "cursor": first["next_cursor"]}).json()
    assert second["next_cursor"] is None
    numbers = {first["items"][0]["app_number"], second["items"][0]["app_number"]}
    assert numbers == {"CN201611067191.9", "CN201510584828.0"}
    qingdao = client.get("/api/v1/patents", params={"region": "370200"}).json()
    assert [p["title"] for p in qingdao["items"]] == ["一种旅游休闲帐篷"]
    assert client.get("/api/v1/patents", params={"ipc": "G06F"}).json()["total"] == 1
    assert client.get("/api/v1/patents", params={"ipc": "E04H15/00"}).json()["total"] == 1
    assert client.get("/api/v1/patents", params={"status": "granted"}).json()["total"] == 1


@pytest.mark.usefixtures("two_patents")
@pytest.mark.parametrize(
    "number",
    ["CN201611067191.9", "201611067191.9", "ZL201611067191.9", "ZL 2016 1106 7191.9", "CN102016001067191",
     "２０１６１１０６７１９１．９", "201611067191", "CN106557325B", "CN106557325A"],
)  # fmt: skip
def test_one_patent_by_any_number_form(client: TestClient, number: str) -> None:
    body = client.get(f"/api/v1/patents/{number}").json()
    assert body["app_number"] == "CN201611067191.9"
    assert body["patent_number"] == "ZL201611067191.9"
    assert [p["number"] for p in body["publications"]] == ["CN106557325A", "CN106557325B"]
    assert body["region_path"][-1] == {"code": "370103", "name": "市中区", "level": "county"}
    assert body["ipcs"][0]["code"] == "G06F9/44" and body["ipcs"][0]["title_zh"]


def test_wrong_check_character_names_the_expected_one(client: TestClient) -> None:
    resp = client.get("/api/v1/patents/ZL201310699744.5")
    assert resp.status_code == 422
    assert "2" in resp.json()["message"] and "校验位" in resp.json()["message"]


def test_unknown_patent_is_404_in_chinese(client: TestClient) -> None:
    resp = client.get("/api/v1/patents/ZL201310699744.2")
    assert resp.status_code == 404
    assert "未找到" in resp.json()["message"]
