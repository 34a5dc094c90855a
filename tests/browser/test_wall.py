"""An IP-office administrator opens the data wall (数据大屏) and follows a number to its records."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.store.db import Database
from tests.browser.conftest import screenshot

pytestmark = pytest.mark.browser
USERNAME = "wall-admin"
PASSWORD = "browser-wall-1"


@pytest.fixture(scope="module", autouse=True)
def office_admin(browser_db: Database) -> None:
    with browser_db.session() as s:
        org = get_or_create_organisation(s, name="山东省知识产权局", kind=OrgKind.ip_office)
        create_user(s, username=USERNAME, password=PASSWORD, organisation=org, display_name="大屏管理员")


@pytest.fixture
def wall_page(browser):  # type: ignore[no-untyped-def]
    """The wall is laid out for a 1920×1080 screen."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
    yield context.new_page()
    context.close()


def test_office_admin_reads_the_wall_and_follows_a_number(server: str, wall_page) -> None:  # type: ignore[no-untyped-def]
    page = wall_page
    page.goto(f"{server}/wall")
    page.wait_for_url("**/login?next=/wall")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/wall")

    # TEMPORARY: the JSON endpoint (ipops.web.api.indicators) is another change; remove this skip
    # once GET /api/v1/wall exists.
    probe = page.request.get(f"{server}/api/v1/wall?region=370000")
    if probe.status == 404:
        pytest.skip("GET /api/v1/wall is not implemented yet (404); the /wall page needs it")
    assert probe.ok, f"/api/v1/wall answered {probe.status}: {probe.text()[:300]}"

    page.wait_for_function(
        "document.body.dataset.state === 'ready' || document.body.dataset.state === 'error'"
    )
    assert page.evaluate("document.body.dataset.state") == "ready", page.locator("#status").inner_text()
    assert page.locator("h1.wall-title").inner_text() == "山东省知识产权数据大屏"
    page.wait_for_selector("#map-chart canvas")
    page.wait_for_selector("#trend-chart canvas")
    page.wait_for_selector("#gauges .gauge canvas")
    assert page.locator("#ranking li").count() == 16  # one row per city of Shandong
    assert page.locator("#tiles .tile").count() >= 1
    assert "山东省" in page.locator("#breadcrumb").inner_text()
    # A value that cannot be computed shows its reason, never a 0.
    for row in page.locator("#ranking li.missing .val").all_inner_texts():
        assert row.strip() and row.strip() != "0"
    page.wait_for_timeout(800)  # ECharts' entry animation
    shot: Path = screenshot(page, "wall")
    assert shot.stat().st_size > 50_000

    first = page.locator("#ranking li >> nth=0")
    code = first.get_attribute("data-code")
    assert code and re.fullmatch(r"37\d{2}00", code)
    first.locator("a").click()
    page.wait_for_url(re.compile(r"/indicators/[a-z0-9_]+/records\?"))
    landed = urlsplit(page.url)
    assert re.fullmatch(r"/indicators/[a-z0-9_]+/records", landed.path)
    assert parse_qs(landed.query)["region"] == [code]
