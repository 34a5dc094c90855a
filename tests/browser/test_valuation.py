"""A bank user opens a patent's valuation explanation page and downloads the summary."""

from __future__ import annotations

import pytest

from ipops.accounts.roles import OrgKind
from ipops.store.db import Database
from tests.analytics import indicator_data
from tests.browser.conftest import screenshot
from tests.web.accounts import PASSWORD, make_user

pytestmark = pytest.mark.browser
J2 = "CN201510438704.1"  # real CNIPA row with scenario events (tests/fixtures/indicators/SOURCE.md)


@pytest.fixture(scope="module", autouse=True)
def patents(browser_db: Database) -> None:
    indicator_data.load(browser_db)
    make_user(browser_db, "valuation_bank", kind=OrgKind.bank)


def test_valuation_explanation_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/patents/{J2}/valuation?as_of=2026-12-04")
    page.wait_for_url("**/login**")  # signed out: the login form first
    page.fill("input[name=username]", "valuation_bank")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"**/patents/{J2}/valuation")  # back to the page (the login keeps the path)
    page.goto(f"{server}/patents/{J2}/valuation?as_of=2026-12-04")
    assert page.locator("h1").inner_text() == "专利价值评估"
    assert page.locator("#total-score .num").inner_text() == "58.7"
    assert page.locator("#grade .grade-badge").inner_text() == "C"
    assert page.locator("#indicators tbody tr").count() == 14
    assert "权利要求数量" in page.locator("#missing").inner_text()
    widths = [page.locator("#dimensions .bar > span").nth(i).evaluate("e => e.getBoundingClientRect().width") for i in range(3)]
    assert widths[0] > widths[2] > 0  # 法律 89.1 is drawn longer than 经济 40.5
    shot = screenshot(page, "valuation-explanation")
    assert shot.stat().st_size > 20_000
    with page.expect_download() as download:
        page.click("#download-pdf")
    assert download.value.suggested_filename == f"专利价值评估_{J2}.pdf"
