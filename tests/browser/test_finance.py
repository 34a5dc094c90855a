"""The pledge-finance main flow in Chromium: a firm applies, its bank accepts, approves and registers."""

from __future__ import annotations

import pytest

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.analytics import facts
from ipops.analytics.rules import IndicatorRules
from ipops.store.db import Database
from tests.analytics import indicator_data
from tests.browser.conftest import screenshot, sign_in
from tests.factories import save

pytestmark = pytest.mark.browser
PASSWORD = "browser-finance-1"
Y4 = "CN201510105152.2"  # real CNIPA row of tests/fixtures/indicators (杰瑞环保科技有限公司)


@pytest.fixture(scope="module", autouse=True)
def people(browser_db: Database) -> None:
    save(browser_db, indicator_data.records()["Y4"])
    with browser_db.session() as s:
        facts.refresh(s, IndicatorRules())
        for name, kind, user in [("杰瑞环保科技有限公司", OrgKind.enterprise, "fin-firm"),
                                 ("中国工商银行股份有限公司烟台分行", OrgKind.bank, "fin-bank")]:  # fmt: skip
            org = get_or_create_organisation(s, name=name, kind=kind)
            create_user(s, username=user, password=PASSWORD, organisation=org, display_name=f"{name}经办人")


def _sign_in(page, server: str, username: str, target: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, server, username, PASSWORD, target)


def test_firm_applies_bank_approves_and_registers(server: str, page) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page, server, "fin-firm", "/finance/my")
    page.fill("input[name=amount]", "500")
    page.fill("input[name=term_months]", "12")
    page.fill("input[name=purpose]", "环保装备研发流动资金")
    page.fill("textarea[name=patents]", Y4)
    page.click("#new-application button[type=submit]")
    page.wait_for_url("**/finance/pledges/*")
    assert page.locator("#status").get_attribute("data-status") == "submitted"
    pid = page.url.rsplit("/", 1)[1]
    page.click("form[action='/logout'] button")

    _sign_in(page, server, "fin-bank", "/finance/review")
    page.click(f"#waiting tr[data-id='{pid}'] a")
    page.click("form[data-action=accept] button")
    page.wait_for_selector("#status[data-status=bank_review]")
    assert page.locator("#checks tr[data-rule=annual_fee]").inner_text().find("年费缴纳情况未知") >= 0
    page.fill("form[data-action=approve] input[name=note]", "授信审批通过")
    page.click("form[data-action=approve] button")
    page.wait_for_selector("#status[data-status=approved]")
    page.fill("input[name=registration_number]", "Y2026370000888")
    page.click("form[data-action=register] button")  # without acknowledging the warning: refused
    assert "需要确认后才能登记" in page.locator("#action-error").inner_text()
    page.check("input[name=acknowledge_warnings]")
    page.fill("input[name=registration_number]", "Y2026370000888")
    page.click("form[data-action=register] button")
    page.wait_for_selector("#status[data-status=registered]")
    assert "Y2026370000888" in page.locator("#registration").inner_text()
    assert page.locator("#history tr[data-action=register]").count() == 1
    shot = screenshot(page, "finance-registered")
    assert shot.stat().st_size > 20_000
    page.goto(f"{server}/finance/risks")
    assert page.locator(f".risk-report[data-project='{pid}']").count() == 1
    screenshot(page, "finance-risks")
