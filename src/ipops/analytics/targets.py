"""Plan targets of the policy texts (万人高价值发明专利拥有量达到13.2件 …), as packaged data.

`data/indicators/targets.toml` holds one `[[target]]` per numeric target of the five policy
texts, each with the sentence it was copied from; `data/indicators/SOURCE.md` explains the
conventions. Kinds (how progress is judged):

- ``level``: the indicator's value in year ``by`` (a stock at year end, a flow of that year);
- ``avg_growth``: compound annual growth of at least ``value`` % in each year ``start_year``..``by``,
  i.e. ``(x[by] / x[start_year - 1]) ** (1 / (by - start_year + 1)) - 1``;
- ``yearly``: the value of every year ``start_year``..``by``;
- ``cumulative``: the sum of the yearly values over ``start_year``..``by``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ipops.analytics.definitions import load_definitions
from ipops.analytics.input_series import read_indicator_file
from ipops.refdata.regions_file import load_region_table

SOURCE = "targets.toml"
KINDS = ("level", "avg_growth", "yearly", "cumulative")
COMPARISONS = (">=", ">")
GROWTH_UNIT = "%"
_REQUIRED = {"region_code", "indicator_id", "kind", "value", "unit", "comparison", "start_year", "by",
             "doc", "doc_title", "clause", "quote"}  # fmt: skip
_OPTIONAL = {"base_value", "base_year", "note"}
_YEARS = range(1985, 2101)


@dataclass(frozen=True, slots=True)
class PlanTarget:
    """One numeric target of a policy text, in the unit of its indicator (see module docstring)."""

    region_code: str  # NBS 6-digit code: 370000 山东省, 370100 济南市 …
    indicator_id: str  # computed indicator (indicators.toml) or office input (input_series.toml)
    kind: str  # level | avg_growth | yearly | cumulative
    value: Decimal  # in `unit`; avg_growth in percent (15 = 15 %)
    unit: str
    comparison: str  # ">=" | ">"
    start_year: int
    by: int
    doc: str  # "000" … "004": the policy file id
    doc_title: str
    clause: str
    quote: str  # verbatim from the text
    base_value: Decimal | None = None
    base_year: int | None = None
    note: str | None = None

    def is_met(self, actual: Decimal) -> bool:
        """True when `actual` (computed as the kind says) satisfies the comparison."""
        return actual >= self.value if self.comparison == ">=" else actual > self.value


def indicator_units() -> dict[str, str]:
    """Unit of every indicator a target may name: the computed ones and the office inputs."""
    return _indicator_units()


@functools.cache
def _indicator_units() -> dict[str, str]:
    return {d.id: d.unit for d in load_definitions().values()}


def _number(value: Any, label: str, key: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{label}：{key} 应为数字")
    number = Decimal(str(value))
    if not number.is_finite() or number <= 0:
        raise ValueError(f"{label}：{key} 应为正数")
    return number


def _year(value: Any, label: str, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value not in _YEARS:
        raise ValueError(f"{label}：{key} 应为 1985—2100 的年份")
    return value


def _text(value: Any, label: str, key: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{label}：{key} 应为非空文字")
    return value.strip()


def _target(entry: Any, label: str, units: dict[str, str]) -> PlanTarget:
    if not isinstance(entry, dict):
        raise ValueError(f"{label}：应为表")
    unknown, missing = set(entry) - _REQUIRED - _OPTIONAL, _REQUIRED - set(entry)
    if unknown or missing:
        raise ValueError(f"{label}：未知字段 {sorted(unknown)}，缺少字段 {sorted(missing)}")
    region = entry["region_code"]
    if (
        not isinstance(region, str)
        or not re.fullmatch(r"\d{6}", region)
        or load_region_table().get(region) is None
    ):
        raise ValueError(f"{label}：region_code {region!r} 不是已知的 6 位区划代码")
    indicator = entry["indicator_id"]
    if indicator not in units:
        raise ValueError(f"{label}：未知指标 {indicator!r}（见 indicators.toml、input_series.toml）")
    kind = entry["kind"]
    if kind not in KINDS:
        raise ValueError(f"{label}：kind {kind!r} 无效，应为 {'、'.join(KINDS)}")
    unit = _text(entry["unit"], label, "unit")
    expected_unit = GROWTH_UNIT if kind == "avg_growth" else units[indicator]
    if unit != expected_unit:
        raise ValueError(f"{label}：unit 应为 {expected_unit!r}（指标 {indicator} 的单位），实际为 {unit!r}")
    if entry["comparison"] not in COMPARISONS:
        raise ValueError(f"{label}：comparison 应为 >= 或 >")
    start_year, by = _year(entry["start_year"], label, "start_year"), _year(entry["by"], label, "by")
    if start_year > by:
        raise ValueError(f"{label}：start_year 不能晚于 by")
    has_value, has_year = "base_value" in entry, "base_year" in entry
    if has_value != has_year:
        raise ValueError(f"{label}：base_value 与 base_year 须同时给出")
    base_value = _number(entry["base_value"], label, "base_value") if has_value else None
    base_year = _year(entry["base_year"], label, "base_year") if has_year else None
    if base_year is not None and base_year >= start_year:
        raise ValueError(f"{label}：base_year 应早于 start_year")
    doc = entry["doc"]
    if not isinstance(doc, str) or not re.fullmatch(r"\d{3}", doc):
        raise ValueError(f'{label}：doc 应为 3 位文件编号，如 "000"')
    note = _text(entry["note"], label, "note") if "note" in entry else None
    return PlanTarget(
        region_code=region, indicator_id=indicator, kind=kind, value=_number(entry["value"], label, "value"),
        unit=unit, comparison=entry["comparison"], start_year=start_year, by=by, doc=doc,
        doc_title=_text(entry["doc_title"], label, "doc_title"), clause=_text(entry["clause"], label, "clause"),
        quote=_text(entry["quote"], label, "quote"), base_value=base_value, base_year=base_year, note=note,
    )  # fmt: skip


def parse_targets(data: dict[str, Any], *, source: str = SOURCE) -> tuple[PlanTarget, ...]:
    """Validate the `[[target]]` tables of `data`; ValueError names the faulty entry."""
    entries = data.get("target")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{source}：没有 [[target]] 条目")
    units = _indicator_units()
    out: list[PlanTarget] = []
    seen: dict[tuple[str, str, str, int, int], int] = {}
    for number, entry in enumerate(entries, start=1):
        names = (
            f"{entry.get('region_code', '?')} {entry.get('indicator_id', '?')}"
            if isinstance(entry, dict)
            else "?"
        )
        label = f"{source} 第 {number} 条 [[target]]（{names}）"
        target = _target(entry, label, units)
        key = (target.region_code, target.indicator_id, target.kind, target.start_year, target.by)
        if key in seen:
            raise ValueError(f"{label}：与第 {seen[key]} 条重复（地区、指标、类型、年份相同）")
        seen[key] = number
        out.append(target)
    return tuple(out)


@functools.cache
def load_targets() -> tuple[PlanTarget, ...]:
    """Every packaged plan target, validated (read once per process)."""
    return parse_targets(read_indicator_file(SOURCE))


def targets_for(region_code: str | None = None, indicator_id: str | None = None) -> tuple[PlanTarget, ...]:
    """The packaged targets of one region and/or indicator, in file order."""
    return tuple(
        t for t in load_targets()
        if (region_code is None or t.region_code == region_code)
        and (indicator_id is None or t.indicator_id == indicator_id)
    )  # fmt: skip
