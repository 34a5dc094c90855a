"""The marketplace in Chromium: a firm lists a patent, sees a rule violation in Chinese, fixes it and
submits; the IP office approves and the listing is published; a firm posts a need, sees its
classification and the patents that answer it, and makes this week's digest; a university opens its
sleeping-patent inventory."""

from __future__ import annotations

import pytest

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.analytics import facts
from ipops.analytics.rules import IndicatorRules
from ipops.search.indexer import build
from ipops.search.semantic import semantic_for
from ipops.store.db import Database
from tests.analytics import indicator_data
from tests.browser.conftest import screenshot, sign_in
from tests.factories import save

pytestmark = pytest.mark.browser
PASSWORD = "browser-market-1"
# Real CNIPA rows of tests/fixtures/indicators that no other browser test pledges, licenses or transfers
# (the browser database is shared by the session: test_finance registers a pledge on Y4).
Q6 = "CN201210292734.2"  # 集热器安装支架组件与集热器安装结构 (青岛经济技术开发区海尔热水器有限公司)
FIRM = "青岛经济技术开发区海尔热水器有限公司"
J3 = "CN201610072622.4"  # real CNIPA row (山东大学), granted, never transferred or licensed
Y4 = "CN201510105152.2"  # 用于油田废弃物处理系统的进料装置及其工作方法 (the need's best answer)


@pytest.fixture(scope="module", autouse=True)
def people(browser_db: Database) -> None:
    recs = indicator_data.records()
    save(browser_db, recs["Q6"], recs["J3"], recs["Y4"])
    build(browser_db.sessions, semantic=semantic_for(browser_db.settings))  # vectors for the need's matches
    with browser_db.session() as s:
        facts.refresh(s, IndicatorRules())
        for name, kind, user in [(FIRM, OrgKind.enterprise, "mkt-firm"),
                                 ("山东省知识产权局", OrgKind.ip_office, "mkt-office"),
                                 ("山东大学", OrgKind.university, "mkt-univ")]:  # fmt: skip
            org = get_or_create_organisation(s, name=name, kind=kind)
            create_user(s, username=user, password=PASSWORD, organisation=org, display_name=f"{name}经办人")


def _sign_in(page, server: str, username: str, target: str) -> None:  # type: ignore[no-untyped-def]
    sign_in(page, server, username, PASSWORD, target)


def test_list_fix_submit_approve_publish(server: str, page) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page, server, "mkt-firm", "/market/listings/new")
    page.fill("input[name=number]", Q6)
    page.select_option("select[name=deal_type]", "open_licence")
    page.fill("input[name=lump_sum]", "30")
    page.fill("textarea[name=royalty_note]", "参照同类太阳能热水器部件技术许可价格估算。")
    page.fill("textarea[name=description]", "集热器安装支架组件，适用于平板和真空管集热器的屋顶安装。")
    page.click("#new-listing button[type=submit]")
    page.wait_for_url("**/market/listings/*")
    assert page.locator("#status").get_attribute("data-status") == "draft"
    assert "开放许可声明须写明许可期限" in page.locator("#checks tr[data-rule=terms]").inner_text()
    assert page.locator("form[data-action=submit] button").is_disabled()
    screenshot(page, "market-listing-violation")
    page.fill("#edit-listing input[name=term_months]", "36")
    page.click("#edit-listing button[type=submit]")
    page.wait_for_selector("#checks tr[data-rule=terms][data-level=ok]")
    errors = page.locator("#checks tr[data-level=error]").all_inner_texts()
    assert errors == [], errors
    page.check("form[data-action=submit] input[name=acknowledge_warnings]")
    page.click("form[data-action=submit] button")
    page.wait_for_selector("#status[data-status=review]")
    lid = page.url.rsplit("/", 1)[1]
    page.click("form[action='/logout'] button")

    _sign_in(page, server, "mkt-office", "/market")
    page.click(f"#review-queue tr[data-id='{lid}'] a")
    page.fill("form[data-action=approve] input[name=note]", "材料齐全，同意发布")
    page.click("form[data-action=approve] button")
    page.wait_for_selector("#status[data-status=published]")
    assert page.locator("#history tr[data-action=approve]").count() == 1
    screenshot(page, "market-listing-published")
    page.goto(f"{server}/market?licence_type=open")
    assert page.locator(f"#listings tr[data-id='{lid}'] .open-licence").count() == 1
    screenshot(page, "market-home")


def test_post_a_need_see_its_classification_matches_and_digest(server: str, page) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page, server, "mkt-firm", "/market/needs/new")
    page.fill("input[name=title]", "含油污泥无害化处理技术")
    page.fill(
        "textarea[name=description]",
        "需要一种油田含油污泥、钻井废弃物的无害化处理与资源化利用技术，处理后含油率低于2%。",
    )
    page.select_option("select[name=industry_code]", "7.2")
    page.fill("input[name=region_code]", "370613")
    page.fill("input[name=budget]", "200")
    page.click("#new-need button[type=submit]")
    page.wait_for_url("**/market/needs/*")
    assert page.locator("#classes-ipc tr[data-code=C02F]").count() == 1
    assert page.locator("#classes-industry tr[data-code]").count() >= 1
    first = page.locator("#matches tr[data-number]").first
    assert first.get_attribute("data-number") == Y4
    assert "语义相似度" in first.locator("td.reasons").inner_text()
    screenshot(page, "market-need-classified")
    page.click("#market-nav a[href='/market/inbox']")
    page.click("#make-digest button[type=submit]")
    page.wait_for_url("**/market/inbox/*")
    assert page.locator(f"#entries-need tr[data-number='{Y4}']").count() == 1
    with page.expect_download() as download:
        page.click("#digest-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    screenshot(page, "market-digest")


def test_university_sleeping_inventory(server: str, page) -> None:  # type: ignore[no-untyped-def]
    _sign_in(page, server, "mkt-univ", "/market/sleeping")
    assert page.locator(f"#sleeping tr[data-number='{J3}']").count() == 1
    page.select_option("#outcome-form select[name=outcome]", "listed")
    page.click("#outcome-form button[type=submit]")
    page.wait_for_url("**/market/sleeping")
    assert "已挂牌" in page.locator(f"#sleeping tr[data-number='{J3}'] .outcome").inner_text()
    screenshot(page, "market-sleeping")
    page.click(f"#sleeping tr[data-number='{J3}'] a.licensees-link")
    page.wait_for_selector("#licensees")
    screenshot(page, "market-licensees")
