"""The bulletin renderers on a hand-made SAMPLE bulletin: DOCX, PDF and chart PNG all carry the content.

The numbers below are invented (示例数据) and only exercise the layout: a 16-city bar chart, a line
chart over years, a table with gaps (None) and ratios, and a table long enough to split across PDF
pages. The rendered PDF's pages are written to test-artifacts/bulletin/ as PNG for a person to look at.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document

from ipops.reports import formatting
from ipops.reports.charts import chart_width_px, render_chart_png
from ipops.reports.model import Bulletin, Chart, Section, Series, Table
from ipops.reports.render_docx import render_docx
from ipops.reports.render_pdf import render_pdf

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "bulletin"
CITIES = "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽".split()
TITLE = "山东省知识产权数据通报（2025年第三季度·示例）"
GRANTS = [9821, 12450, 3012, 1120, 2233, 5876, 6120, 3390, 2015, 2604, 1287, 3122, 1876, 1545, 1432, 1710]
GRANTS_2024 = [
    8710,
    11002,
    2890,
    None,
    2011,
    5230,
    5541,
    3107,
    1950,
    2388,
    1190,
    2876,
    1701,
    1388,
    1301,
    1522,
]


def sample_bulletin() -> Bulletin:
    """A SAMPLE bulletin with invented numbers (not real statistics)."""
    return Bulletin(
        title=TITLE,
        region_name="山东省",
        period_label="2025年第三季度",
        issued_on=dt.date(2025, 10, 15),
        issuer="山东省知识产权局（IPOps 生成·示例数据）",
        summary=[
            "2025年前三季度，全省发明专利授权量55,613件，同比增长11.35%；每万人口高价值发明专利拥有量"
            "达到14.27件，较上年末提高1.82件。各市发明专利授权量保持增长，济南、青岛两市合计占全省的"
            "40.05%。",
            "本通报为示例，所有数字均为虚构，仅用于检查版式。",
        ],
        sections=_sections(),
        notes=[
            "数据来源：国家知识产权局专利数据（示例）；统计截止日期为2025年9月30日。",
            "“—”表示无数据；同比增速按上年同期可比口径计算。",
            "本通报数据均为模拟数据，不代表真实统计结果。",
        ],
    )


def _sections() -> list[Section]:
    return [
        Section(
            heading="发明专利授权情况",
            paragraphs=["前三季度，青岛市发明专利授权量居全省首位，济南市次之；枣庄市上年同期数据缺失。"],
            tables=[_grants_table()],
            charts=[
                Chart(
                    "2025年前三季度各市发明专利授权量",
                    "bar",
                    CITIES,
                    [Series("2025年", GRANTS), Series("2024年", GRANTS_2024)],
                    unit="件",
                ),
            ],
        ),
        Section(
            heading="有效发明专利拥有量变化趋势",
            paragraphs=["2019年以来，全省有效发明专利拥有量年均增长约17%。"],
            charts=[
                Chart(
                    "全省有效发明专利拥有量",
                    "line",
                    [f"{year}年" for year in range(2019, 2026)],
                    [Series("有效发明专利", [52013, 61420, 74388, 89102, 103560, 121344, 136020])],
                    unit="件",
                ),
            ],
        ),
        Section(
            heading="重点企业专利明细",
            paragraphs=["下表列出发明专利授权量居前的企业（示例）。"],
            tables=[_companies_table()],
        ),
    ]


def _grants_table() -> Table:
    rows = []
    for city, now, before in zip(CITIES, GRANTS, GRANTS_2024, strict=True):
        growth = None if before is None else round((now - before) / before * 100, 2)
        rows.append([city, now, before, growth, round(now / sum(GRANTS), 4)])
    return Table(
        title="表1 2025年前三季度各市发明专利授权情况",
        columns=["城市", "授权量（件）", "上年同期（件）", "同比增长（%）", "占全省比重"],
        rows=rows,
        note="占全省比重为比值，保留两位小数。",
    )


def _companies_table() -> Table:
    rows: list[list[str | int | float | None]] = [
        [
            index,
            f"示例企业{index:02d}有限公司",
            CITIES[index % 16],
            400 - index * 5,
            round(0.9 - index * 0.011, 2),
        ]
        for index in range(1, 61)
    ]
    rows[6][4] = None
    return Table(
        title="表2 发明专利授权量前60位企业（示例）",
        columns=["序号", "企业名称", "所在市", "授权量（件）", "有效率"],
        rows=rows,
    )


@pytest.fixture(scope="module")
def bulletin() -> Bulletin:
    return sample_bulletin()


@pytest.fixture(scope="module")
def pdf_path(bulletin: Bulletin, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Rendered into a private folder: xdist workers may each render it at the same time."""
    path = tmp_path_factory.mktemp("bulletin") / "sample-bulletin.pdf"
    path.write_bytes(render_pdf(bulletin))
    return path


def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: bash scripts/system-deps.sh")
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_formatting_is_shared_and_readable() -> None:
    assert formatting.format_cell(1234567) == "1,234,567"
    assert formatting.format_cell(0.4005) == "0.40"
    assert formatting.format_cell(-0.001) == "0.00"
    assert formatting.format_cell(None) == "—"
    assert [formatting.chinese_numeral(n) for n in (1, 3, 10, 12, 20, 35)] == [
        "一",
        "三",
        "十",
        "十二",
        "二十",
        "三十五",
    ]


def test_docx_reopens_with_title_headings_tables_and_image(bulletin: Bulletin) -> None:
    data = render_docx(bulletin)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "sample-bulletin.docx").write_bytes(data)
    document = Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    assert texts[0] == TITLE
    assert "一、发明专利授权情况" in texts and "三、重点企业专利明细" in texts
    assert "说明：" in texts and any(text.startswith("3. 本通报数据均为模拟数据") for text in texts)
    grants = document.tables[0]
    assert [cell.text for cell in grants.rows[0].cells][:2] == ["城市", "授权量（件）"]
    share = f"{12450 / sum(GRANTS):.2f}"
    assert [cell.text for cell in grants.rows[2].cells] == ["青岛", "12,450", "11,002", "13.16", share]
    assert grants.rows[4].cells[2].text == "—"  # 枣庄 has no 2024 figure
    assert any(part.partname.startswith("/word/media/") for part in document.part.package.parts)


def test_docx_sets_east_asian_fonts_and_page_fields(bulletin: Bulletin) -> None:
    document = Document(io.BytesIO(render_docx(bulletin)))
    title_run = document.paragraphs[0].runs[0]._r
    assert 'w:eastAsia="宋体"' in title_run.xml
    footer = document.sections[0].footer.paragraphs[0]._p.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    assert "第 " in footer and " 页 共 " in footer


def test_pdf_has_text_pages_and_footer(pdf_path: Path) -> None:
    assert pdf_path.read_bytes().startswith(b"%PDF")
    text = _pdftotext(pdf_path)
    compact = "".join(text.split(" "))  # pdftotext may drop or add spaces around CJK text
    assert TITLE in compact
    assert "12,450" in text and "示例企业60有限公司" in text
    pages = text.count("\f")
    assert pages >= 2
    assert f"第1页共{pages}页" in compact and f"第{pages}页共{pages}页" in compact
    assert "一、发明专利授权情况" in compact and "说明：" in compact


def test_pdf_table_header_repeats_on_the_next_page(pdf_path: Path) -> None:
    pages = _pdftotext(pdf_path).split("\f")
    with_company_rows = [page for page in pages if "示例企业" in page]
    assert len(with_company_rows) >= 2, "the 60-row table should split across pages"
    assert all("企业名称" in page for page in with_company_rows)


def test_pdf_pages_as_png_for_review(pdf_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed: bash scripts/system-deps.sh")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in ARTIFACTS.glob("page-*.png"):
        stale.unlink()
    shutil.copyfile(pdf_path, ARTIFACTS / "sample-bulletin.pdf")
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf_path), str(ARTIFACTS / "page")], check=True)
    assert len(list(ARTIFACTS.glob("page-*.png"))) >= 2


@pytest.mark.parametrize("kind", ["bar", "barh", "line"])
def test_chart_png_decodes_at_requested_width(kind: str) -> None:
    from matplotlib.image import imread

    chart = Chart(
        "各市发明专利授权量",
        kind,
        CITIES,
        [Series("2025年", GRANTS), Series("2024年", GRANTS_2024)],
        unit="件",
    )  # type: ignore[arg-type]
    png = render_chart_png(chart, width_cm=12)
    assert png.startswith(b"\x89PNG")
    height, width = imread(io.BytesIO(png), format="png").shape[:2]
    assert width == chart_width_px(12) == 945
    assert height > 100


def test_missing_cjk_font_fails_with_a_chinese_message(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipops.reports import fonts

    monkeypatch.setattr(fonts, "_packaged_fonts", lambda: None)
    monkeypatch.setattr(fonts, "_fontconfig_faces", lambda: [])
    fonts.find_cjk_fonts.cache_clear()
    try:
        with pytest.raises(fonts.CjkFontNotFoundError, match="未找到简体中文字体"):
            fonts.find_cjk_fonts()
    finally:
        fonts.find_cjk_fonts.cache_clear()


def test_a_second_pdf_with_other_characters_keeps_all_its_glyphs(tmp_path: Path) -> None:
    """Regression: ReportLab keeps faces by PostScript name; two subsets once shared one (字 went missing)."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    other = Bulletin(title="专利价值评估摘要", region_name="—", period_label="—", issued_on=dt.date(2026, 1, 1),
                     issuer="某银行", summary=["总分 58.7"], sections=[Section(heading="维度得分")])  # fmt: skip
    render_pdf(other)
    path = tmp_path / "second.pdf"
    path.write_bytes(render_pdf(sample_bulletin()))
    assert sample_bulletin().title in _pdftotext(path)
