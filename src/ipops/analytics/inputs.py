"""Import what the IP office maintains by hand: indicator series, award lists, population.

Three kinds of table (CSV in UTF-8 or GBK, XLSX, XLS), with Chinese headers (a few synonyms each):

- ``series``: 指标 (Chinese name or id of `input_series.toml`), 地区 (烟台市 or a 6-digit code),
  期间 (2025 | 2025Q3 | 2025H1 | 2025-06), 数值, 来源, 备注 → `indicator_input`;
- ``awards``: 申请号 (any form; stored canonical), 奖项 (中国专利奖 | 国家科学技术奖 / 国家技术发明奖 /
  国家科技进步奖), 等级, 年度, 名称, 来源 → `patent_award`;
- ``population``: 地区, 年份, 年末常住人口（万人） (or （人）, or a 单位 column), 来源, 备注 →
  `region_population` (kind ``yearend_resident``).

Rows are upserted on their natural key. Every bad row is reported with the row number the user
sees in Excel (header = row 1), the column and a Chinese reason, and never stops the other rows;
rows whose 备注 is exactly ``示例（导入时忽略）`` (the template's example) are counted and skipped.
The caller commits. `write_template` writes the matching XLSX or CSV template.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ipops.analytics.input_series import InputSeries, load_input_series
from ipops.domain.errors import InvalidNumber, IpopsError
from ipops.domain.numbers import parse_application_number
from ipops.ingest.readers.tabular import read_table
from ipops.ingest.readers.tabular_csv import iter_csv_rows
from ipops.ingest.readers.tabular_excel import xls_rows, xlsx_rows
from ipops.refdata.load import OFFICE_INPUT
from ipops.store.schema.analytics import IndicatorInput, PatentAward
from ipops.store.schema.reference import Region, RegionAlias, RegionPopulation

EXAMPLE_NOTE = "示例（导入时忽略）"
PERIOD_FORMAT_HINT = "期间格式应为 2025、2025Q3、2025H1 或 2025-06"
POPULATION_KIND = "yearend_resident"
HEADER_SCAN_ROWS = 10
_YEARS = range(1985, 2101)
_MAX_VALUE = Decimal("1e14")  # indicator_input.value is NUMERIC(18, 4)
# 万人: above these a value is a unit mistake (China ≈ 141,000; largest province ≈ 12,700)
_POPULATION_LIMITS = {"province": Decimal(20000), "city": Decimal(5000), "county": Decimal(1000)}


class InputKind(StrEnum):
    series = "series"
    awards = "awards"
    population = "population"


class InputsFileError(IpopsError, ValueError):
    """The whole file cannot be imported (a required column is missing …); message is Chinese."""

    default_message_zh = "文件无法导入"


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad cell of one row: `row` as numbered in Excel (header = row 1)."""

    row: int
    column: str | None
    value: str | None
    reason_zh: str


@dataclass
class InputsReport:
    kind: str
    read: int = 0  # non-blank data rows, examples included
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped_examples: int = 0
    rejected: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def rejected_rows(self) -> int:
        return len({e.row for e in self.rejected})

    @property
    def accepted(self) -> int:
        return self.inserted + self.updated + self.unchanged

    @property
    def all_rejected(self) -> bool:
        """Rows to import existed and none of them could be imported."""
        return self.read - self.skipped_examples > 0 and self.accepted == 0

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rejected_rows"] = self.rejected_rows
        return data


# ── headers ────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class _Column:
    key: str
    header: str  # as written in the template
    synonyms: tuple[str, ...]  # normalised (see _header_key), without a unit in parentheses
    required: bool = False


_SOURCE = _Column("source", "来源", ("来源", "数据来源", "出处", "source"))
_NOTE = _Column("note", "备注", ("备注", "说明", "note", "remark"))
_REGION = _Column("region", "地区", ("地区", "地区名称", "区域", "行政区划", "地区代码", "区划代码", "行政区划代码",
                                   "地市", "region", "region_code"), required=True)  # fmt: skip
_UNIT = _Column("unit", "单位", ("单位", "计量单位", "unit"))

COLUMNS: dict[InputKind, tuple[_Column, ...]] = {
    InputKind.series: (
        _Column(
            "indicator", "指标", ("指标", "指标名称", "指标代码", "指标id", "indicator", "indicator_id"), True
        ),
        _REGION,
        _Column(
            "period", "期间", ("期间", "统计期间", "时间", "期别", "统计期", "年度", "年份", "period"), True
        ),
        _Column("value", "数值", ("数值", "值", "指标值", "数量", "value"), True),
        _SOURCE,
        _NOTE,
        _UNIT,
    ),
    InputKind.awards: (
        _Column(
            "app_number", "申请号", ("申请号", "专利号", "申请号/专利号", "专利申请号", "app_number"), True
        ),
        _Column("award", "奖项", ("奖项", "奖项名称", "奖励", "奖种", "奖励名称", "award"), True),
        _Column("level", "等级", ("等级", "奖励等级", "获奖等级", "级别", "level")),
        _Column("year", "年度", ("年度", "年份", "获奖年度", "评选年度", "year"), True),
        _Column("title", "名称", ("名称", "专利名称", "项目名称", "发明名称", "title")),
        _SOURCE,
        _NOTE,
    ),
    InputKind.population: (
        _REGION,
        _Column("year", "年份", ("年份", "年度", "年", "year"), True),
        _Column(
            "population",
            "年末常住人口（万人）",
            ("年末常住人口", "常住人口", "年末人口", "人口", "population"),
            True,
        ),  # fmt: skip
        _SOURCE,
        _NOTE,
        _UNIT,
    ),
}
_TEMPLATE_COLUMNS = {
    InputKind.series: ("指标", "地区", "期间", "数值", "来源", "备注"),
    InputKind.awards: ("申请号", "奖项", "等级", "年度", "名称", "来源", "备注"),
    InputKind.population: ("地区", "年份", "年末常住人口（万人）", "来源", "备注"),
}
_EXAMPLES = {
    InputKind.series: ("有效注册商标量", "烟台市", "2025", 180000, "烟台市市场监督管理局", EXAMPLE_NOTE),
    InputKind.awards: (
        "CN201410000511.3",
        "中国专利奖",
        "金奖",
        2024,
        "（专利名称）",
        "国家知识产权局公告",
        EXAMPLE_NOTE,
    ),
    InputKind.population: ("烟台市", 2024, 704.2, "烟台市国民经济和社会发展统计公报", EXAMPLE_NOTE),
}
_HEADER_SPLIT = re.compile(r"^(?P<base>.*?)\((?P<unit>[^()]*)\)$")


def _nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def _header_key(header: str) -> tuple[str, str | None]:
    """(name without unit, unit in parentheses) of a header: "年末常住人口（万人）" → (年末常住人口, 万人)."""
    text = re.sub(r"\s+", "", _nfkc(str(header))).strip("*").lower()
    match = _HEADER_SPLIT.match(text)
    if match and match["base"]:
        return match["base"], match["unit"]
    return text, None


def _match_header(
    kind: InputKind, header: Sequence[object]
) -> tuple[dict[str, int], dict[str, str | None], list[str]]:
    """Column index and header unit per field; headers used by no field."""
    index: dict[str, int] = {}
    units: dict[str, str | None] = {}
    ignored: list[str] = []
    for position, raw in enumerate(header):
        name = str(raw).strip()
        if not name:
            continue
        base, unit = _header_key(name)
        column = next((c for c in COLUMNS[kind] if base in c.synonyms and c.key not in index), None)
        if column is None:
            ignored.append(name)
            continue
        index[column.key] = position
        units[column.key] = unit
    return index, units, ignored


def _missing(kind: InputKind, index: dict[str, int]) -> list[str]:
    return [c.header for c in COLUMNS[kind] if c.required and c.key not in index]


# ── cell values ────────────────────────────────────────────────────────────────────────────


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, dt.datetime | dt.date):
        return cell.isoformat()
    return str(cell).strip()


class _Bad(Exception):
    """A cell that cannot be used; the message is the Chinese reason."""


def _decimal(cell: object, *, empty: str = "数值为空") -> Decimal:
    if isinstance(cell, bool):
        raise _Bad("数值不是数字")
    if isinstance(cell, int | float):
        number = Decimal(str(cell))
    else:
        text = re.sub(r"[\s,]", "", _nfkc(_text(cell))).removesuffix("%")
        if not text:
            raise _Bad(empty)
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise _Bad("数值不是数字") from None
    if not number.is_finite():
        raise _Bad("数值不是数字")
    if number < 0:
        raise _Bad("数值不能为负数")
    if number >= _MAX_VALUE:
        raise _Bad("数值过大")
    return number


def _year(cell: object, what: str) -> int:
    text = _nfkc(_text(cell)).replace(" ", "").removesuffix("年")
    if isinstance(cell, bool) or not re.fullmatch(r"\d{4}", text):
        raise _Bad(f"{what}应为四位年份，如 2024")
    year = int(text)
    if year not in _YEARS:
        raise _Bad(f"{what} {year} 超出范围（1985—2100）")
    return year


_QUARTERS = {"一": "1", "二": "2", "三": "3", "四": "4"}


def parse_period(cell: object) -> tuple[str, int]:
    """(period, year) of a period cell: 2025 | 2025Q3 | 2025H1 | 2025-06 and Chinese spellings."""
    if isinstance(cell, dt.datetime | dt.date):  # Excel turned "2025-06" into a date
        period, year = f"{cell.year}-{cell.month:02d}", cell.year
    else:
        text = re.sub(r"\s", "", _nfkc(_text(cell))).upper()
        text = text.replace("上半年", "H1").replace("下半年", "H2")
        text = re.sub(r"第?([1-4一二三四])季度", lambda m: "Q" + _QUARTERS.get(m[1], m[1]), text)
        if m := re.fullmatch(r"(\d{4})年?", text):
            period, year = m[1], int(m[1])
        elif m := re.fullmatch(r"(\d{4})[-/.年]?([QH])(\d)", text):
            if m[3] not in ("1234" if m[2] == "Q" else "12"):
                raise _Bad(PERIOD_FORMAT_HINT)
            period, year = f"{m[1]}{m[2]}{m[3]}", int(m[1])
        elif m := re.fullmatch(r"(\d{4})(?:[-/.年](\d{1,2})月?|(\d{2}))", text):
            month = int(m[2] or m[3])
            if not 1 <= month <= 12:
                raise _Bad(PERIOD_FORMAT_HINT)
            period, year = f"{m[1]}-{month:02d}", int(m[1])
        else:
            raise _Bad(PERIOD_FORMAT_HINT)
    if year not in _YEARS:
        raise _Bad(f"{PERIOD_FORMAT_HINT}（年份 {year} 超出范围）")
    return period, year


class _Regions:
    """Region names, short names, aliases and codes of the database's reference tables."""

    def __init__(self, session: Session) -> None:
        self.levels: dict[str, str] = {}
        self.names: dict[str, dict[str, str]] = {}  # code → name, for messages
        self._by_name: dict[str, list[str]] = {}
        self._by_short: dict[str, list[str]] = {}
        for code, name, short, level in session.execute(
            select(Region.code, Region.name, Region.short_name, Region.level)
        ):
            self.levels[code] = level
            self.names.setdefault(code, {"name": name})
            self._by_name.setdefault(_nfkc(name), []).append(code)
            if short and short != name:
                self._by_short.setdefault(_nfkc(short), []).append(code)
        self._alias = {
            _nfkc(a): c for a, c in session.execute(select(RegionAlias.alias, RegionAlias.region_code))
        }

    def resolve(self, cell: object) -> str:
        text = re.sub(r"\s", "", _nfkc(_text(cell)))
        if not text:
            raise _Bad("地区为空")
        if re.fullmatch(r"\d{12}", text) and text.endswith("000000"):  # 12-digit 统计用区划代码
            text = text[:6]
        if re.fullmatch(r"\d{6}", text):
            if text not in self.levels:
                raise _Bad(f"无法识别的地区：区划代码 {text} 不存在")
            return text
        if text in ("全省", "山东"):
            return "370000"
        for candidates in (self._by_name.get(text), self._by_short.get(text)):
            if candidates:
                return self._one(text, candidates)
        if text in self._alias:
            return self._alias[text]
        raise _Bad("无法识别的地区")

    def _one(self, text: str, candidates: list[str]) -> str:
        if len(candidates) > 1:  # the platform is Shandong's: prefer its own divisions
            candidates = [c for c in candidates if c.startswith("37")] or candidates
        if len(candidates) > 1:
            listed = "、".join(candidates[:5])
            raise _Bad(f"地区名称“{text}”对应多个地区（{listed}），请填写 6 位区划代码")
        return candidates[0]


class _Series:
    def __init__(self) -> None:
        self.by_key: dict[str, InputSeries] = {}
        for s in load_input_series():
            self.by_key[s.id.lower()] = s
            self.by_key[_series_key(s.name)] = s

    def resolve(self, cell: object) -> InputSeries:
        text = _text(cell)
        if not text:
            raise _Bad("指标为空")
        found = self.by_key.get(text.lower()) or self.by_key.get(_series_key(text))
        if found is None:
            raise _Bad("未知指标（请使用模板“说明”页中的指标名称或代码）")
        return found


def _series_key(name: str) -> str:
    base, _unit = _header_key(name)  # "有效注册商标量（件）" → 有效注册商标量
    return base


_UNIT_FACTORS = {("亿元", "万元"): Decimal(10000), ("元", "万元"): Decimal("0.0001"), ("万件", "件"): Decimal(10000),
                 ("万人", "人"): Decimal(10000)}  # fmt: skip


def _convert(value: Decimal, given: str | None, unit: str) -> Decimal:
    """`value` in `given` (a unit written in the file) converted to the series' `unit`."""
    if not given or _nfkc(given) == _nfkc(unit):
        return value
    factor = _UNIT_FACTORS.get((_nfkc(given), unit))
    if factor is None:
        raise _Bad(f"单位应为“{unit}”，实际为“{given}”")
    return value * factor


# ── reading rows ───────────────────────────────────────────────────────────────────────────


@dataclass
class _Row:
    number: int  # as in Excel
    cells: list[object]
    index: dict[str, int]
    header: list[str]
    errors: list[RowError] = field(default_factory=list)

    def get(self, key: str) -> object:
        position = self.index.get(key)
        if position is None or position >= len(self.cells):
            return ""
        return self.cells[position]

    def column(self, key: str) -> str:
        position = self.index.get(key)
        return self.header[position] if position is not None else key

    def fail(self, key: str, reason: str) -> None:
        value = _text(self.get(key)) or None
        self.errors.append(RowError(self.number, self.column(key), value, reason))

    def attempt(self, key: str, parse: Callable[[object], Any]) -> Any:
        try:
            return parse(self.get(key))
        except _Bad as bad:
            self.fail(key, str(bad))
            return None


def _physical_rows(path: Path) -> Iterator[tuple[int, list[object]]]:
    """(row number as the user sees it, cells) of the file's first sheet; format sniffed by read_table."""
    source = read_table(path)  # rejects unreadable and empty files, detects encoding and delimiter
    source.close()
    if source.format == "csv":
        rows = iter_csv_rows(path, source.encoding or "utf-8", source.delimiter or ",")
        return ((number, [cell.strip() for cell in row]) for number, row in enumerate(rows, start=1))
    if source.format == "xlsx":
        return xlsx_rows(path, None)
    return xls_rows(path, None)


def _rows(path: Path, kind: InputKind) -> tuple[Iterator[_Row], dict[str, str | None], list[str]]:
    """Rows of the file mapped to the kind's fields; the header may follow a few title lines."""
    stream = _physical_rows(path)
    first: list[str] | None = None
    for _ in range(HEADER_SCAN_ROWS):
        item = next(stream, None)
        if item is None:
            break
        cells = [_text(c) for c in item[1]]
        if not any(cells):
            continue
        first = first or cells
        index, units, ignored = _match_header(kind, cells)
        if not _missing(kind, index):
            header = cells
            break
    else:
        item = None
    if item is None or _missing(kind, index):
        close = getattr(stream, "close", None)
        if close:
            close()
        found = "、".join(h for h in (first or []) if h) or "无"
        missing = "、".join(_missing(kind, _match_header(kind, first or [])[0]))
        raise InputsFileError(
            f"找不到表头：前 {HEADER_SCAN_ROWS} 行中没有包含全部必需列的行；缺少必需的列：{missing}（第一行为：{found}）"
        )

    def generate() -> Iterator[_Row]:
        for number, cells in stream:
            if any(_text(c) for c in cells):
                yield _Row(number, list(cells), index, header)

    return generate(), units, ignored


def _is_example(row: _Row) -> bool:
    note = _text(row.get("note"))
    return note in (EXAMPLE_NOTE, _nfkc(EXAMPLE_NOTE))


# ── the three kinds ────────────────────────────────────────────────────────────────────────


class _Upserter:
    """Existing rows of one table by natural key; rows are added or changed, never committed."""

    def __init__(
        self, session: Session, report: InputsReport, existing: dict[tuple[Any, ...], Any], model: type
    ):
        self.session, self.report, self.existing, self.model = session, report, existing, model
        self.first_row: dict[tuple[Any, ...], int] = {}

    def duplicate(self, key: tuple[Any, ...], row: _Row, column: str, what: str) -> bool:
        earlier = self.first_row.get(key)
        if earlier is not None:
            row.errors.append(RowError(row.number, row.column(column), _text(row.get(column)) or None,
                                       f"与第 {earlier} 行重复（{what}相同），请只保留一行"))  # fmt: skip
            return True
        return False

    def put(self, key: tuple[Any, ...], row: _Row, values: dict[str, Any]) -> None:
        self.first_row[key] = row.number
        current = self.existing.get(key)
        if current is None:
            obj = self.model(**values)
            self.session.add(obj)
            self.existing[key] = obj
            self.report.inserted += 1
            return
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        if changed:
            for name, value in changed.items():
                setattr(current, name, value)
            self.report.updated += 1
        else:
            self.report.unchanged += 1


def _import_series(
    session: Session, rows: Iterator[_Row], units: dict[str, str | None], report: InputsReport
) -> None:
    regions, series = _Regions(session), _Series()
    existing = {(r.indicator_id, r.region_code, r.period): r for r in session.scalars(select(IndicatorInput))}
    upsert = _Upserter(session, report, existing, IndicatorInput)
    for row in _counted(rows, report):
        found = row.attempt("indicator", series.resolve)
        region = row.attempt("region", regions.resolve)
        period = row.attempt("period", parse_period)
        value = row.attempt("value", _decimal)
        if found is not None and value is not None:
            given = _text(row.get("unit")) or units.get("value")
            try:
                value = _convert(value, given, found.unit)
            except _Bad as bad:
                row.fail("unit" if _text(row.get("unit")) else "value", str(bad))
        if row.errors:
            report.rejected.extend(row.errors)
            continue
        key = (found.id, region, period[0])
        if upsert.duplicate(key, row, "period", "指标、地区、期间"):
            report.rejected.extend(row.errors)
            continue
        upsert.put(key, row, {"indicator_id": found.id, "region_code": region, "period": period[0], "year": period[1],
                              "value": value, "source": _text(row.get("source")) or None,
                              "note": _text(row.get("note")) or None})  # fmt: skip


_CHINA_AWARD, _STATE_AWARD = "china_patent_award", "state_sci_tech_award"
_AWARD_NAMES: dict[str, tuple[str, str | None]] = {  # normalised text → (award, level implied)
    "中国专利奖": (_CHINA_AWARD, None), "china_patent_award": (_CHINA_AWARD, None),
    "中国专利金奖": (_CHINA_AWARD, "金奖"), "中国专利银奖": (_CHINA_AWARD, "银奖"),
    "中国专利优秀奖": (_CHINA_AWARD, "优秀奖"), "中国外观设计金奖": (_CHINA_AWARD, "外观设计金奖"),
    "中国外观设计银奖": (_CHINA_AWARD, "外观设计银奖"), "中国外观设计优秀奖": (_CHINA_AWARD, "外观设计优秀奖"),
    "国家科学技术奖": (_STATE_AWARD, None), "state_sci_tech_award": (_STATE_AWARD, None),
    "国家技术发明奖": (_STATE_AWARD, None), "国家科技进步奖": (_STATE_AWARD, None),
    "国家科学技术进步奖": (_STATE_AWARD, None),
}  # fmt: skip
_LEVELS = {
    _CHINA_AWARD: ("金奖", "银奖", "优秀奖", "外观设计金奖", "外观设计银奖", "外观设计优秀奖"),
    _STATE_AWARD: ("特等奖", "一等奖", "二等奖"),
}
_AWARD_LABELS = {_CHINA_AWARD: "中国专利奖", _STATE_AWARD: "国家科学技术奖"}


def _award(cell: object) -> tuple[str, str | None, str]:
    text = re.sub(r"\s", "", _nfkc(_text(cell)))
    if not text:
        raise _Bad("奖项为空")
    found = _AWARD_NAMES.get(text) or _AWARD_NAMES.get(text.lower())
    if found is None:
        raise _Bad("未知奖项（应为 中国专利奖、国家科学技术奖、国家技术发明奖 或 国家科技进步奖）")
    return found[0], found[1], text


def _app_number(cell: object) -> str:
    text = _text(cell)
    if not text:
        raise _Bad("申请号为空")
    try:
        return parse_application_number(text).canonical
    except InvalidNumber as error:
        raise _Bad(f"申请号无效：{error.message_zh}") from None


def _import_awards(
    session: Session, rows: Iterator[_Row], _units: dict[str, str | None], report: InputsReport
) -> None:
    existing = {(a.app_number, a.award, a.year): a for a in session.scalars(select(PatentAward))}
    upsert = _Upserter(session, report, existing, PatentAward)
    for row in _counted(rows, report):
        number = row.attempt("app_number", _app_number)
        award = row.attempt("award", _award)
        year = row.attempt("year", lambda c: _year(c, "年度"))
        level = re.sub(r"\s", "", _nfkc(_text(row.get("level")))) or None
        if award is not None:
            implied = award[1]
            if level is None:
                level = implied
            elif implied is not None and level != implied and implied.removesuffix("奖") not in level:
                row.fail("level", f"等级与奖项“{award[2]}”不符")
            if level is not None and level not in _LEVELS[award[0]]:
                allowed = "、".join(_LEVELS[award[0]])
                row.fail("level", f"未知等级（{_AWARD_LABELS[award[0]]}的等级应为 {allowed}）")
        if row.errors:
            report.rejected.extend(row.errors)
            continue
        key = (number, award[0], year)
        if upsert.duplicate(key, row, "app_number", "申请号、奖项、年度"):
            report.rejected.extend(row.errors)
            continue
        source = _text(row.get("source")) or None
        extras = (
            [f"奖项：{award[2]}"] if award[2] not in ("中国专利奖", "国家科学技术奖", *_AWARD_LABELS) else []
        )
        note = _text(row.get("note"))
        if note:
            extras.append(f"备注：{note}")
        if extras:  # patent_award has no column for these: keep them with the source
            source = "；".join([source, *extras] if source else extras)
        upsert.put(key, row, {"app_number": number, "award": award[0], "level": level, "year": year,
                              "title": _text(row.get("title")) or None, "source": source})  # fmt: skip


_PERSON_UNITS = {"万人": Decimal(1), "人": Decimal("0.0001")}


def _import_population(
    session: Session, rows: Iterator[_Row], units: dict[str, str | None], report: InputsReport
) -> None:
    regions = _Regions(session)
    existing = {(p.region_code, p.year, p.kind): p for p in
                session.scalars(select(RegionPopulation).where(RegionPopulation.kind == POPULATION_KIND))}  # fmt: skip
    upsert = _Upserter(session, report, existing, RegionPopulation)
    header_unit = units.get("population")
    for row in _counted(rows, report):
        region = row.attempt("region", regions.resolve)
        year = row.attempt("year", lambda c: _year(c, "年份"))
        value = row.attempt("population", lambda c: _decimal(c, empty="人口为空"))
        unit_text = _nfkc(_text(row.get("unit"))).replace(" ", "") or header_unit or "万人"
        factor = _PERSON_UNITS.get(unit_text)
        if factor is None:
            row.fail("unit" if _text(row.get("unit")) else "population", "单位应为“万人”或“人”")
        elif value is not None:
            value = (value * factor).quantize(Decimal("0.0001"))
            limit = _POPULATION_LIMITS.get(
                regions.levels.get(region or "", ""), _POPULATION_LIMITS["province"]
            )
            if value == 0:
                row.fail("population", "人口不能为 0")
            elif value > limit:
                row.fail(
                    "population",
                    f"按{unit_text}计人口为 {value} 万人，超出合理范围；以人为单位时请在表头写“（人）”或填写单位列",
                )
        if row.errors:
            report.rejected.extend(row.errors)
            continue
        key = (region, year, POPULATION_KIND)
        if upsert.duplicate(key, row, "year", "地区、年份"):
            report.rejected.extend(row.errors)
            continue
        upsert.put(key, row, {"region_code": region, "year": year, "kind": POPULATION_KIND, "population_10k": value,
                              "period": f"{year}-12-31", "source_kind": OFFICE_INPUT,
                              "source_title": _text(row.get("source")) or None, "source_url": None,
                              "quoted_text": None, "note": _text(row.get("note")) or None})  # fmt: skip


def _counted(rows: Iterator[_Row], report: InputsReport) -> Iterator[_Row]:
    for row in rows:
        report.read += 1
        if _is_example(row):
            report.skipped_examples += 1
            continue
        yield row


_IMPORTERS = {InputKind.series: _import_series, InputKind.awards: _import_awards,
              InputKind.population: _import_population}  # fmt: skip


def import_inputs(session: Session, path: Path | str, *, kind: InputKind | str) -> InputsReport:
    """Upsert the rows of an office table into `session` (the caller commits); see module docstring.

    Raises `InputsFileError` (a required column is missing) or the readers' `FileRejected` (not
    a readable table) in Chinese; bad rows never raise, they are listed in the report.
    """
    try:
        kind = InputKind(kind)
    except ValueError:
        raise InputsFileError(f"未知的导入类型“{kind}”，应为 series、awards 或 population") from None
    rows, units, ignored = _rows(Path(path), kind)
    report = InputsReport(kind=kind.value, ignored_columns=ignored)
    _IMPORTERS[kind](session, rows, units, report)
    session.flush()
    return report


# ── templates ──────────────────────────────────────────────────────────────────────────────


def _help_rows(kind: InputKind) -> list[tuple[object, ...]]:
    if kind is InputKind.series:
        head: list[tuple[object, ...]] = [
            ("说明", "每行一个指标在一个地区一个期间的数值；同一指标、地区、期间再次导入时更新原值。"),
            ("期间", "2025（全年）、2025Q3（季度）、2025H1（半年）或 2025-06（月）"),
            ("地区", "地区名称（如 烟台市）或 6 位区划代码（如 370600）"),
            ("备注", f"“{EXAMPLE_NOTE}”的行不导入（模板示例）"),
            (),
            ("指标代码", "指标名称", "单位", "城市数可相加", "含义"),
        ]
        return head + [
            (s.id, s.name, s.unit, "是" if s.additive else "否", s.note) for s in load_input_series()
        ]
    if kind is InputKind.awards:
        return [
            ("说明", "每行一件专利获得的一个奖项；同一申请号、奖项、年度再次导入时更新原值。"),
            ("申请号", "任意写法（CN201410000511.3、201410000511、ZL…、15 位标准申请号），导入时统一为标准写法"),
            ("奖项", "中国专利奖，或 国家科学技术奖（国家技术发明奖、国家科技进步奖）"),
            ("等级", "中国专利奖：金奖、银奖、优秀奖、外观设计金奖、外观设计银奖、外观设计优秀奖；"
                     "国家科学技术奖：特等奖、一等奖、二等奖"),
            ("年度", "四位年份，如 2024"),
            ("备注", f"“{EXAMPLE_NOTE}”的行不导入（模板示例）；其他备注与来源一并保存"),
        ]  # fmt: skip
    return [
        ("说明", "每行一个地区一年的年末常住人口；同一地区、年份再次导入时更新原值。"),
        ("人口", "默认单位万人；以人为单位时把表头改为“年末常住人口（人）”，或加一列“单位”填写 人"),
        ("地区", "地区名称（如 烟台市）或 6 位区划代码（如 370600）"),
        ("备注", f"“{EXAMPLE_NOTE}”的行不导入（模板示例）"),
    ]


def write_template(kind: InputKind | str, path: Path | str) -> Path:
    """Write an import template (headers + one example row) as XLSX or CSV, by the file suffix."""
    kind = InputKind(kind)
    path = Path(path)
    header, example = _TEMPLATE_COLUMNS[kind], _EXAMPLES[kind]
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerow(example)
        return path
    if suffix != ".xlsx":
        raise InputsFileError(f"模板文件名应以 .xlsx 或 .csv 结尾：{path.name}")
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "导入数据"
    sheet.append(list(header))
    sheet.append(list(example))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[2]:
        if isinstance(cell.value, str):
            cell.number_format = "@"  # periods and numbers typed as text stay text
    for letter, name in zip("ABCDEFG", header, strict=False):
        sheet.column_dimensions[letter].width = max(12, len(name) * 2 + 4)
    notes = workbook.create_sheet("说明")
    for line in _help_rows(kind):
        notes.append(list(line))
    notes.column_dimensions["A"].width = 36
    notes.column_dimensions["B"].width = 60
    workbook.save(path)
    return path
