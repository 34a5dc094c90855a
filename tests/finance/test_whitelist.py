"""White-list criteria as data, with reasons; the grade criterion uses ipops.valuation."""

from __future__ import annotations

import dataclasses
from io import BytesIO

import pytest
from openpyxl import load_workbook

from ipops.finance.rules import WhitelistCriteria, whitelist_criteria
from ipops.finance.whitelist import whitelist, whitelist_xlsx
from ipops.store.db import Database
from tests.analytics import indicator_data
from tests.finance.data import TODAY

NO_GRADE = dataclasses.replace(whitelist_criteria(), min_grade=None)


@pytest.fixture
def loaded(db: Database) -> None:
    indicator_data.load(db)


def test_packaged_criteria() -> None:
    c = whitelist_criteria()
    assert c.patent_types == ("invention", "utility_model") and c.min_remaining_years == 3 and c.min_grade == "B"
    with pytest.raises(ValueError):
        WhitelistCriteria.from_mapping({"criteria": {"min_grade": "E"}})


def test_sei_in_force_unpledged_patents_with_reasons(db: Database, loaded: None) -> None:
    with db.session() as s:
        page = whitelist(s, on=TODAY, criteria=NO_GRADE)
    numbers = {r.app_number for r in page.rows}
    # SEI per tests/analytics/test_indicators.py: J1 J3 Q1 Q3 Q4 Y2 Y3 Y4 Y9 W1 F1 (+ unpublished A rows)
    assert {"CN201410200985.2", "CN201510105152.2", "CN201110461673.3"} <= numbers  # J1, Y4, Y9
    assert "CN201510434670.9" not in numbers  # Y2: pledged (scenario) without cancellation
    assert "CN201510149706.9" not in numbers  # F1: pledged
    assert "CN201410107695.3" not in numbers  # Y1: lapsed, and not SEI
    assert "CN201510433183.0" not in numbers  # Y3: Hong Kong holder
    assert "CN201510004970.3" not in numbers  # J4: not SEI
    y4 = next(r for r in page.rows if r.app_number == "CN201510105152.2")
    assert y4.holder == "杰瑞环保科技有限公司" and y4.reasons[0] == "已授权（2017-06-23）且有效"
    assert "剩余保护期 8.3 年（2035-03-10 届满）" in y4.reasons and "属于战略性新兴产业" in y4.reasons
    with db.session() as s:
        yantai = whitelist(s, region="370600", on=TODAY, criteria=NO_GRADE)
    assert {r.app_number for r in yantai.rows} == {"CN201510105152.2", "CN201110461673.3"}
    assert [f.holder for f in yantai.firms] == ["中国人民解放军海军航空工程学院", "杰瑞环保科技有限公司"]
    book = load_workbook(BytesIO(whitelist_xlsx(yantai)))
    assert book.sheetnames == ["专利白名单", "企业", "条件"]
    assert book["专利白名单"]["A2"].value in {"CN201510105152.2", "CN201110461673.3"}


def test_remaining_term_and_grade_criteria(db: Database, loaded: None) -> None:
    long_term = dataclasses.replace(NO_GRADE, min_remaining_years=9)
    with db.session() as s:
        assert "CN201510105152.2" not in {r.app_number for r in whitelist(s, on=TODAY, criteria=long_term).rows}
        graded = whitelist(s, on=TODAY)  # min_grade B from the packaged file
    assert graded.rows and all(r.grade in ("A", "B") for r in graded.rows)
    assert all(any(x.startswith("价值评估等级") for x in r.reasons) for r in graded.rows)
    assert graded.grade_criterion.startswith("价值评估等级 ≥ B")
