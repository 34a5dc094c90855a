"""A bulletin built from the indicator engine on real fixture rows: numbers, comparisons, files."""

from __future__ import annotations

import datetime as dt
import io

from docx import Document

from ipops.analytics.grid import evaluate_grid
from ipops.analytics.periods import parse_period
from ipops.analytics.rules import IndicatorRules
from ipops.reports.bulletin import build_bulletin, generate_bulletin
from ipops.store.db import Database
from tests.analytics import indicator_data

YT = "370600"


def test_bulletin_numbers_are_the_engines(db: Database) -> None:
    indicator_data.load(db)
    period = parse_period("2017Q4")
    with db.session() as s:
        b = build_bulletin(s, rules=IndicatorRules(), region_code=YT, period=period, issued_on=dt.date(2026, 12, 4))
        g = evaluate_grid(s, rules=IndicatorRules(), region_code=YT, periods=[period, period.previous()],
                          indicator_ids=["valid_invention", "patent_grants"])  # fmt: skip
    assert b.title == "烟台市知识产权数据通报（2017年第四季度）"
    main = b.sections[0].tables[0]
    assert main.columns[2:4] == ["2017年第四季度", "2017年第三季度"]  # 本期, 上期 (环比 for a quarter)
    rows = {r[0]: r for r in main.rows}
    assert rows["有效发明专利拥有量"][2] == g.get("valid_invention", YT, period).value
    assert rows["专利授权量"][3] == g.get("patent_grants", YT, period.previous()).value
    assert b.sections[1].heading == "各县（市、区）情况"  # a city's children are its counties
    targets = next(sec for sec in b.sections if sec.heading == "规划目标进度").tables[0]
    assert any(r[0] == "每万人口高价值发明专利拥有量" and r[1] == "≥13.2" and r[2] == "2027" for r in targets.rows)


def test_a_year_bulletin_has_no_period_on_period_column(db: Database) -> None:
    indicator_data.load(db)
    with db.session() as s:
        b = build_bulletin(s, rules=IndicatorRules(), region_code="370000", period=parse_period("2017"))
    assert b.sections[0].tables[0].columns == ["指标", "单位", "2017年", "2016年", "同比"]
    assert b.sections[1].heading == "各市情况" and len(b.sections[1].tables[0].rows) == 16


def test_generated_files_open(db: Database) -> None:
    indicator_data.load(db)
    with db.session() as s:
        pdf, name = generate_bulletin(s, rules=IndicatorRules(), region_code=YT, period=parse_period("2017"), fmt="pdf")
        docx, _ = generate_bulletin(s, rules=IndicatorRules(), region_code=YT, period=parse_period("2017"), fmt="docx")
    assert pdf.startswith(b"%PDF") and name == "知识产权数据通报_烟台市_2017.pdf"
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    assert "烟台市知识产权数据通报（2017年）" in text
