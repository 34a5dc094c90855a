"""An IP-office administrator opens the data wall (数据大屏) and follows a number to its records."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.analytics.facts import refresh
from ipops.analytics.rules import IndicatorRules
from ipops.ingest.importer import run_import
from ipops.store.db import Database
from tests.browser.conftest import screenshot
from tests.search.corpus import write_excerpt

pytestmark = pytest.mark.browser
USERNAME = "wall-admin"
PASSWORD = "browser-wall-1"


@pytest.fixture(scope="module", autouse=True)
def office_admin(browser_db: Database, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Real CNIPA rows (the search excerpt), their indicator facts, and an office administrator."""
    excerpt = write_excerpt(tmp_path_factory.mktemp("wall") / "excerpt.csv")
    assert run_import(browser_db.sessions, excerpt).status == "finished"
    with browser_db.session() as s:
        refresh(s, IndicatorRules.from_settings(browser_db.settings))
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
    page.goto(f"{server}/wall?indicator=hv_invention")
    page.wait_for_url("**/login?next=/wall*")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/wall*")
    if "indicator=" not in page.url:
        page.goto(f"{server}/wall?indicator=hv_invention")

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
    shown = first.locator(".val").inner_text().strip().replace(",", "")
    assert shown.isdigit() and int(shown) > 0, shown  # the real excerpt has high-value patents in the top city
    first.locator("a").click()
    page.wait_for_url(re.compile(r"/indicators/[a-z0-9_]+/records\?"))
    landed = urlsplit(page.url)
    assert landed.path == "/indicators/hv_invention/records"
    assert parse_qs(landed.query)["region"] == [code]
    # the list behind the number holds exactly that many patents
    assert page.locator("#records-total strong").inner_text().replace(",", "") == shown
    assert page.locator("#records tbody tr").count() == min(int(shown), 50)
    screenshot(page, "wall-drilldown")
