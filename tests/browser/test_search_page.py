"""A person searches the real excerpt, narrows by a facet, pages on, and exports the hits."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ipops.ingest.importer import run_import
from ipops.search.indexer import build
from ipops.search.semantic import semantic_for
from ipops.store.db import Database
from tests.browser.conftest import screenshot
from tests.search.corpus import write_excerpt

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", autouse=True)
def corpus(browser_db: Database, tmp_path_factory: pytest.TempPathFactory) -> None:
    excerpt = write_excerpt(tmp_path_factory.mktemp("search") / "excerpt.csv")
    assert run_import(browser_db.sessions, excerpt).status == "finished"
    build(browser_db.sessions, semantic=semantic_for(browser_db.settings))


def test_search_facet_click_and_export(server: str, page, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/search")
    assert page.locator("h1").inner_text() == "专利检索"
    page.fill("input[name=q]", "电池 OR 石墨烯")
    page.click("#search-button")
    page.wait_for_url("**/search?q=*")
    total = int(page.locator("#total").inner_text().replace(",", ""))
    assert total > 20
    assert page.locator("article.hit h3 mark").first.inner_text() in ("电池", "石墨烯")
    shot = screenshot(page, "search")
    assert shot.stat().st_size > 20_000

    facet = page.locator("section.facet[data-facet=city] li a").first
    expected = int(facet.locator("xpath=following-sibling::span").inner_text().replace(",", ""))
    city = facet.inner_text()
    facet.click()
    page.wait_for_url("**/search?q=*%E5%9C%B0%E5%8C%BA*")  # 地区=… added to the query
    assert int(page.locator("#total").inner_text().replace(",", "")) == expected < total
    assert "AND 地区=" in page.locator("input[name=q]").input_value()
    assert page.locator("section.facet[data-facet=city] .on").first.inner_text() == f"✓ {city}"
    assert screenshot(page, "search-facet").stat().st_size > 20_000

    with page.expect_download() as info:
        page.click("#export-csv")
    target = tmp_path / "hits.csv"
    info.value.save_as(target)
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0][0] == "申请号" and len(rows) == expected + 1


def test_syntax_help_and_error(server: str, page) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{server}/search?q=" + "名称%3D(电池")
    assert "括号未闭合" in page.locator("#query-error").inner_text()
    page.click("#syntax-help summary")
    assert page.locator("#syntax-help table tbody tr").count() >= 16
    screenshot(page, "search-error")


def test_paragraph_search_and_similar_patents(server: str, page) -> None:  # type: ignore[no-untyped-def]
    """A need typed as a sentence finds patents by meaning; a patent page lists its neighbours."""
    page.goto(f"{server}/search")
    page.click("details.paragraph summary")
    page.fill("#search-text", "希望找到利用卷积神经网络对医学或遥感图像进行分割、分类和识别的方法")
    page.fill("input[name=q]", "申请日=[2015 TO 2017]")
    page.click("#search-button")
    page.wait_for_url("**/search?*text=*")
    assert "语义相似度" in page.locator("#ranked-by").inner_text()
    titles = page.locator("article.hit h3 a").all_inner_texts()
    assert len(titles) >= 10 and sum("图像" in t for t in titles[:5]) >= 3
    assert screenshot(page, "search-paragraph").stat().st_size > 20_000

    page.locator("article.hit h3 a").first.click()
    page.wait_for_url("**/patents/*")
    rows = page.locator("#similar tbody tr")
    assert rows.count() == 8
    first_score = float(rows.first.locator("td.num").inner_text())
    assert 0 < first_score <= 1
    page.locator("#similar").scroll_into_view_if_needed()
    assert screenshot(page, "patent-similar").stat().st_size > 20_000
