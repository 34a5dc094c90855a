"""An IP-office administrator signs in and reads the data-quality page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.store.db import Database
from tests.browser.conftest import screenshot
from tests.quality.corpus import load_corpus

pytestmark = pytest.mark.browser
PASSWORD = "browser-quality-1"


@pytest.fixture(scope="module", autouse=True)
def corpus(browser_db: Database, tmp_path_factory: pytest.TempPathFactory) -> None:
    load_corpus(browser_db, tmp_path_factory.mktemp("quality"))
    with browser_db.session() as s:
        org = get_or_create_organisation(s, name="市知识产权局", kind=OrgKind.ip_office)
        create_user(
            s, username="quality-admin", password=PASSWORD, organisation=org, display_name="质量管理员"
        )


def test_admin_reads_the_quality_page(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/quality")
    page.wait_for_url("**/login?next=/quality")
    page.fill("input[name=username]", "quality-admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url("**/quality")
    assert page.locator("h1").inner_text() == "数据质量"
    assert page.locator("#fill-rates tbody tr[data-key=title] .bar span").evaluate("e => e.offsetWidth") > 100
    assert (
        page.locator("#fill-rates tbody tr[data-key=abstract] .bar span").evaluate("e => e.offsetWidth") == 0
    )
    assert "西门子（中国）有限公司" in page.locator("#duplicate-groups").inner_text()
    shot: Path = screenshot(page, "quality")
    assert shot.stat().st_size > 20_000
