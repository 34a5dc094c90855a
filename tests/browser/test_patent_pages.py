"""A person opens the patent list, filters it, and opens a patent's detail page."""

from __future__ import annotations

import datetime as dt

import pytest

from ipops.store.db import Database
from tests.browser.conftest import screenshot
from tests.factories import grant_of, make_record, save

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def patents(browser_db: Database) -> None:
    a = make_record()
    save(browser_db, a, grant_of(a, "CN106557325B", dt.date(2017, 7, 7)))


def test_list_then_detail(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/patents")
    assert page.locator("h1").inner_text() == "专利库"
    assert page.locator("table.patents tbody tr").count() >= 1
    shot = screenshot(page, "patent-list")
    assert shot.stat().st_size > 10_000
    page.fill("input[name=q]", "用户提示")
    page.click("button[type=submit]")
    page.wait_for_url("**/patents?q=*")
    page.click("table.patents tbody tr >> nth=0 >> td >> nth=1 >> a")
    page.wait_for_url("**/patents/CN201611067191.9")
    assert page.locator("#app-number").inner_text() == "CN201611067191.9"
    assert "CN106557325B" in page.locator("#timeline").inner_text()
    assert screenshot(page, "patent-detail").stat().st_size > 10_000
