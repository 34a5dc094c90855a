"""Office inputs import (series, awards, population) on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import delete, func, select

from ipops.analytics.inputs import (
    EXAMPLE_NOTE,
    InputKind,
    InputsFileError,
    import_inputs,
    parse_period,
    write_template,
)
from ipops.store.db import Database
from ipops.store.schema.analytics import IndicatorInput, PatentAward
from ipops.store.schema.reference import RegionPopulation

SERIES_HEADER = "指标,地区,期间,数值,来源,备注\n"


@pytest.fixture
def office_db(db: Database) -> Iterator[Database]:
    """`db`, plus removal of imported population rows (region_population is a reference table)."""
    yield db
    with db.session() as s:
        s.execute(delete(RegionPopulation).where(RegionPopulation.source_kind == "office_input"))


def _csv(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _import(db: Database, path: Path, kind: str):  # noqa: ANN202
    with db.session() as s:
        return import_inputs(s, path, kind=kind)


def _reasons(report) -> set[tuple[int, str | None, str]]:  # noqa: ANN001
    return {(e.row, e.column, e.reason_zh) for e in report.rejected}


def test_series_insert_then_update_not_duplicate(office_db: Database, tmp_path: Path) -> None:
    body = (
        SERIES_HEADER
        + "有效注册商标量,烟台市,2025,180000,市场监管局,\ntrademarks_valid,370100,2025Q3,400000,,\n贯标企业,威海,2025H1,200,,\n"
    )
    report = _import(office_db, _csv(tmp_path / "a.csv", body), "series")
    assert (report.read, report.inserted, report.updated, report.rejected) == (3, 3, 0, [])
    again = _import(office_db, _csv(tmp_path / "a.csv", body), "series")
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 3)
    changed = _import(
        office_db, _csv(tmp_path / "b.csv", SERIES_HEADER + "有效注册商标量,370600,2025,181000,,\n"), "series"
    )
    assert (changed.inserted, changed.updated) == (0, 1)
    with office_db.session() as s:
        assert s.scalar(select(func.count()).select_from(IndicatorInput)) == 3
        row = s.scalars(select(IndicatorInput).where(IndicatorInput.region_code == "370600")).one()
        assert (row.indicator_id, row.period, row.year, row.value) == (
            "trademarks_valid",
            "2025",
            2025,
            Decimal(181000),
        )
        q3 = s.scalars(select(IndicatorInput).where(IndicatorInput.period == "2025Q3")).one()
        assert (q3.region_code, q3.year) == ("370100", 2025)


def test_series_bad_rows_are_reported_and_good_rows_kept(office_db: Database, tmp_path: Path) -> None:
    body = (
        SERIES_HEADER
        + "有效注册商标量,烟台市,2025,180000,,\n"  # row 2: good
        + "不存在的指标,烟台市,2025,1,,\n"  # row 3
        + "有效注册商标量,火星市,2025,1,,\n"  # row 4
        + "有效注册商标量,烟台市,2025年第五季度,1,,\n"  # row 5
        + "有效注册商标量,济南市,2025,很多,,\n"  # row 6
        + "有效注册商标量,烟台市,2025,5,,\n"  # row 7: same key as row 2
        + "知识产权质押融资金额,威海市,2025,85,,\n"  # row 8: good
    )
    report = _import(office_db, _csv(tmp_path / "mixed.csv", body), "series")
    assert report.read == 7 and report.inserted == 2 and report.rejected_rows == 5
    assert _reasons(report) == {
        (3, "指标", "未知指标（请使用模板“说明”页中的指标名称或代码）"),
        (4, "地区", "无法识别的地区"),
        (5, "期间", "期间格式应为 2025、2025Q3、2025H1 或 2025-06"),
        (6, "数值", "数值不是数字"),
        (7, "期间", "与第 2 行重复（指标、地区、期间相同），请只保留一行"),
    }
    assert [e.value for e in report.rejected if e.row == 6] == ["很多"]
    with office_db.session() as s:
        assert s.scalar(select(func.count()).select_from(IndicatorInput)) == 2


def test_series_units_in_header_are_converted(office_db: Database, tmp_path: Path) -> None:
    body = "指标,地区,期间,数值（亿元）\n知识产权质押融资金额,威海市,2024,33\n"
    report = _import(office_db, _csv(tmp_path / "u.csv", body), "series")
    assert report.inserted == 1
    with office_db.session() as s:
        assert s.scalars(select(IndicatorInput.value)).one() == Decimal(330000)


def test_gbk_csv_with_title_line(office_db: Database, tmp_path: Path) -> None:
    body = "2025年知识产权指标\n指标名称,地区名称,统计期间,指标值,数据来源,说明\n专利代理机构,威海市,2025-06,18,威海市市场监管局,年中\n"
    path = _csv(tmp_path / "gbk.csv", body, "gbk")
    report = _import(office_db, path, "series")
    assert (report.inserted, report.rejected) == (1, [])
    with office_db.session() as s:
        row = s.scalars(select(IndicatorInput)).one()
        assert (row.indicator_id, row.region_code, row.period, row.source, row.note) == (
            "patent_agencies", "371000", "2025-06", "威海市市场监管局", "年中")  # fmt: skip


def test_xlsx_series_and_awards(office_db: Database, tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标", "地区", "期间", "数值", "来源", "备注"])
    sheet.append(["有效注册商标量", "烟台市", dt.datetime(2025, 6, 1), 180000, None, None])
    sheet.append(["有效注册商标量", "370600", 2024, "abc", None, None])
    book.save(tmp_path / "s.xlsx")
    report = _import(office_db, tmp_path / "s.xlsx", "series")
    assert report.inserted == 1 and _reasons(report) == {(3, "数值", "数值不是数字")}

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["申请号", "奖项", "等级", "年度", "名称", "来源"])
    sheet.append([201410000511.3, "中国专利奖", "金奖", 2023, "一种方法", "第二十四届中国专利奖"])
    sheet.append(["ZL 2014 1 0000511.3", "国家技术发明奖", "二等奖", 2020, None, None])
    book.save(tmp_path / "a.xlsx")
    awards = _import(office_db, tmp_path / "a.xlsx", "awards")
    assert (awards.inserted, awards.rejected) == (2, [])
    with office_db.session() as s:
        rows = {(a.award, a.level, a.year): a for a in s.scalars(select(PatentAward))}
    assert set(rows) == {("china_patent_award", "金奖", 2023), ("state_sci_tech_award", "二等奖", 2020)}
    assert {a.app_number for a in rows.values()} == {"CN201410000511.3"}
    assert rows["state_sci_tech_award", "二等奖", 2020].source == "奖项：国家技术发明奖"


def test_awards_bad_rows_and_reimport(office_db: Database, tmp_path: Path) -> None:
    body = (
        "专利号,奖项名称,获奖等级,年度,专利名称,来源\n"
        "CN201410000511.3,中国专利奖,银奖,2022,名称甲,公告\n"  # row 2: good
        "CN201410000511.4,中国专利奖,银奖,2022,,\n"  # row 3: wrong check character
        "CN201410000511.3,山东省专利奖,一等奖,2022,,\n"  # row 4
        "CN201410000511.3,中国专利奖,一等奖,2021,,\n"  # row 5: level of another award
        "CN201410000511.3,中国专利奖,金奖,第二十四届,,\n"  # row 6
        "不是号码,中国专利奖,,2022,,\n"  # row 7
    )
    path = _csv(tmp_path / "awards.csv", body)
    report = _import(office_db, path, "awards")
    assert report.inserted == 1 and report.rejected_rows == 5
    by_row = {e.row: e for e in report.rejected}
    assert by_row[3].column == "专利号" and by_row[3].reason_zh.startswith("申请号无效")
    assert by_row[4].column == "奖项名称" and by_row[4].reason_zh.startswith("未知奖项")
    assert by_row[5].column == "获奖等级" and "中国专利奖的等级应为" in by_row[5].reason_zh
    assert (by_row[6].column, by_row[6].reason_zh) == ("年度", "年度应为四位年份，如 2024")
    assert by_row[7].reason_zh.startswith("申请号无效")
    again = _import(office_db, path, "awards")
    assert (again.inserted, again.unchanged) == (0, 1)
    with office_db.session() as s:
        assert s.scalar(select(func.count()).select_from(PatentAward)) == 1


def test_population_units_and_errors(office_db: Database, tmp_path: Path) -> None:
    body = "地区,年份,年末常住人口（万人）,来源,备注\n烟台市,2031,704.2,统计公报,\n威海市,2031年,,,\n"
    report = _import(office_db, _csv(tmp_path / "p.csv", body), "population")
    assert report.inserted == 1 and _reasons(report) == {(3, "年末常住人口（万人）", "人口为空")}
    persons = "地区,年份,年末常住人口（人）\n370600,2031,7050000\n济南市,2031,9432000\n"
    report = _import(office_db, _csv(tmp_path / "p2.csv", persons), "population")
    assert (report.inserted, report.updated) == (1, 1)
    unit_column = (
        "地区,年份,常住人口,单位\n威海市,2031,2910000,人\n潍坊市,2031,941.8,万人\n青岛市,2031,10342100,\n"
    )
    report = _import(office_db, _csv(tmp_path / "p3.csv", unit_column), "population")
    assert report.inserted == 2
    assert [(e.row, e.column) for e in report.rejected] == [(4, "常住人口")]
    assert "超出合理范围" in report.rejected[0].reason_zh
    with office_db.session() as s:
        got = dict(s.execute(select(RegionPopulation.region_code, RegionPopulation.population_10k)
                             .where(RegionPopulation.year == 2031, RegionPopulation.kind == "yearend_resident")).all())  # fmt: skip
    assert got == {"370600": Decimal("705.0000"), "370100": Decimal("943.2000"), "371000": Decimal("291.0000"),
                   "370700": Decimal("941.8000")}  # fmt: skip


@pytest.mark.parametrize("kind", list(InputKind))
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_template_round_trip(office_db: Database, tmp_path: Path, kind: InputKind, suffix: str) -> None:
    path = write_template(kind, tmp_path / f"template{suffix}")
    report = _import(office_db, path, kind.value)
    assert (report.read, report.skipped_examples, report.accepted, report.rejected) == (1, 1, 0, [])
    assert not report.all_rejected
    # the example row itself is importable once its 备注 is changed
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        sheet = book.worksheets[0]
        assert sheet.cell(2, sheet.max_column).value == EXAMPLE_NOTE
        sheet.cell(2, sheet.max_column).value = "正式数据"
        if kind is InputKind.population:
            sheet.cell(2, 2).value = 2031
        book.save(path)
        report = _import(office_db, path, kind.value)
        assert (report.accepted, report.rejected) == (1, [])


def test_missing_required_column_rejects_the_file(office_db: Database, tmp_path: Path) -> None:
    with pytest.raises(InputsFileError, match="数值"):
        _import(office_db, _csv(tmp_path / "x.csv", "指标,地区,期间\n有效注册商标量,烟台市,2025\n"), "series")


@pytest.mark.parametrize(
    ("text", "expected"),
    [(2025, ("2025", 2025)), ("2025年", ("2025", 2025)), ("2025q3", ("2025Q3", 2025)), ("2025-Q1", ("2025Q1", 2025)),
     ("2025年第三季度", ("2025Q3", 2025)), ("2025H1", ("2025H1", 2025)), ("2025年上半年", ("2025H1", 2025)),
     ("2025-06", ("2025-06", 2025)), ("2025/6", ("2025-06", 2025)), ("2025年6月", ("2025-06", 2025)),
     (dt.date(2024, 12, 1), ("2024-12", 2024))],
)  # fmt: skip
def test_periods(text: object, expected: tuple[str, int]) -> None:
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["2025Q5", "2025H3", "2025-13", "25", "去年", ""])
def test_bad_periods(text: str) -> None:
    from ipops.analytics.inputs import _Bad

    with pytest.raises(_Bad, match="期间格式应为"):
        parse_period(text)
