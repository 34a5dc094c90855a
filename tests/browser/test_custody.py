"""An enterprise user creates a custody portfolio, adds two real patents, reads the fee calendar, downloads ICS."""

from __future__ import annotations

import pytest

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.store.db import Database
from tests.browser.conftest import screenshot
from tests.custody.conftest import FIRST, SECOND, save_real_patents

pytestmark = pytest.mark.browser
USERNAME = "custody-firm"
PASSWORD = "browser-custody-1"


@pytest.fixture(scope="module", autouse=True)
def enterprise_user(browser_db: Database) -> None:
    save_real_patents(browser_db)
    with browser_db.session() as s:
        org = get_or_create_organisation(s, name="青岛黎马敦包装有限公司", kind=OrgKind.enterprise)
        create_user(s, username=USERNAME, password=PASSWORD, organisation=org, display_name="企业专利管理员")


def test_enterprise_user_builds_a_portfolio_and_downloads_the_calendar(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/custody")
    page.wait_for_url("**/login?next=/custody")
    page.fill("input[name=username]", USERNAME)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"{server}/custody")
    page.goto(f"{server}/")
    page.click("nav.mainnav >> text=专利托管")  # the navigation entry is a real link now
    page.wait_for_url(f"{server}/custody")
    page.fill("#create-portfolio input[name=name]", "年费托管组合")
    page.click("#create-portfolio button[type=submit]")
    page.wait_for_url("**/custody/*")
    assert page.locator("h1").inner_text() == "年费托管组合"

    page.fill("#add-patents textarea[name=numbers]", f"{FIRST}\nCN103778463B\nCN201510584828.0")
    page.select_option("#add-patents select[name=reduction_percent]", "85")
    page.click("#add-patents button[type=submit]")
    page.wait_for_selector("#add-results")
    results = page.locator("#add-results").inner_text()
    assert "已加入 2 件" in results and "请先导入该专利" in results
    assert page.locator("#items tbody tr[data-app]").count() == 2
    apps = set(
        page.locator("#calendar tbody tr[data-app]").evaluate_all("rows => rows.map(r => r.dataset.app)")
    )
    assert apps == {FIRST, SECOND}
    assert page.locator("#calendar tbody tr").first.locator("td").nth(1).inner_text().startswith("CN")

    with page.expect_download() as info:
        page.click("#download-ics")
    download = info.value
    text = open(download.path(), encoding="utf-8", newline="").read()
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.count("BEGIN:VEVENT") >= 4
    assert download.suggested_filename.endswith(".ics")
    shot = screenshot(page, "custody")
    assert shot.stat().st_size > 30_000
