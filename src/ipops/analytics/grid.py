"""Evaluate many indicators for a region, its children and several periods in one go.

The entry point behind the indicator API, the data wall and bulletins: it resolves the region,
splits the definitions by measure, runs each measure's grouped scans once and fills in zeros
for children without records, so every (indicator, region, period) cell has a `Value`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ipops.analytics import engine
from ipops.analytics.cache import cached
from ipops.analytics.definitions import MEASURES, IndicatorDef, load_definitions
from ipops.analytics.engine import TOTAL, Scope, Value
from ipops.analytics.periods import Period
from ipops.analytics.population import load_population
from ipops.analytics.rules import IndicatorRules
from ipops.domain.errors import NotFound
from ipops.refdata.load import load_region_table
from ipops.refdata.regions_file import Region


@dataclass
class Grid:
    region: Region
    children: list[Region]
    periods: list[Period]
    defs: list[IndicatorDef]
    values: dict[tuple[str, str, str], Value]

    def get(self, indicator_id: str, region_code: str, period: Period) -> Value:
        key = TOTAL if region_code == self.region.code else region_code
        return self.values.get((indicator_id, key, period.key)) or Value(None, missing="无数据")


def resolve_region(code: str) -> Region:
    region = load_region_table().get(code)
    if region is None:
        raise NotFound(f"未知地区代码：{code}（应为6位统计用区划代码，如 370000 山东省、370600 烟台市）")
    return region


def _with_numerators(defs: Sequence[IndicatorDef]) -> list[IndicatorDef]:
    known = load_definitions()
    wanted = {d.id: d for d in defs}
    for d in defs:
        if d.numerator and d.numerator not in wanted:
            wanted[d.numerator] = known[d.numerator]
    return list(wanted.values())


def evaluate_grid(session: Session, *, rules: IndicatorRules, region_code: str, periods: Sequence[Period],
                  indicator_ids: Sequence[str] | None = None, with_children: bool = True) -> Grid:  # fmt: skip
    """Every requested indicator for the region (and its children) in every period (cached, see cache.py)."""
    key = ("grid", region_code, tuple(p.key for p in periods), tuple(indicator_ids or ()), with_children, rules)
    return cached(session, key, lambda: compute_grid(session, rules=rules, region_code=region_code, periods=periods,
                                                     indicator_ids=indicator_ids, with_children=with_children),
                  size=rules.cache_size)  # fmt: skip


def compute_grid(session: Session, *, rules: IndicatorRules, region_code: str, periods: Sequence[Period],
                 indicator_ids: Sequence[str] | None = None, with_children: bool = True) -> Grid:  # fmt: skip
    """`evaluate_grid` without the cache: the scans themselves."""
    region = resolve_region(region_code)
    table = load_region_table()
    child_level = engine.CHILD_LEVEL.get(region.level) if with_children else None
    children = [c for c in table.children(region.code) if c.level == child_level] if child_level else []
    known = load_definitions()
    asked = [known[i] if i in known else _unknown(i) for i in indicator_ids] if indicator_ids else list(known.values())
    defs = _with_numerators(asked)
    scope = Scope(region.code, region.level, child_level)
    codes = [c.code for c in children]
    periods = list(dict.fromkeys(periods))
    by = {m: [d for d in defs if d.measure == m] for m in MEASURES}
    values: dict[tuple[str, str, str], Value] = {}
    if by["stock"]:
        values.update(engine.stocks(session, by["stock"], scope, periods, rules))
    if by["flow"]:
        values.update(engine.flows(session, by["flow"], scope, periods))
    if by["event"]:
        values.update(engine.events(session, by["event"], scope, periods))
    if by["input"]:
        values.update(engine.inputs(session, by["input"], codes, region.code, periods))
    _fill_zeros(values, [d for d in defs if d.measure in ("stock", "flow", "event")], codes, periods)
    if by["ratio"]:
        population = load_population(session, [region.code, *codes], fallback_years=rules.population_fallback_years)
        values.update(engine.ratios(by["ratio"], values, codes, region.code, periods, population))
    _mark_missing_inputs(values, by["input"], codes, periods)
    return Grid(region, children, periods, [d for d in asked], values)



def _unknown(indicator_id: str) -> IndicatorDef:
    raise NotFound(f"未知指标：{indicator_id}")


def _fill_zeros(values: dict[tuple[str, str, str], Value], defs: Sequence[IndicatorDef], codes: Sequence[str],
                periods: Sequence[Period]) -> None:  # fmt: skip
    for d in defs:
        for code in (TOTAL, *codes):
            for p in periods:
                values.setdefault((d.id, code, p.key), Value(0))


def _mark_missing_inputs(values: dict[tuple[str, str, str], Value], defs: Sequence[IndicatorDef],
                         codes: Sequence[str], periods: Sequence[Period]) -> None:  # fmt: skip
    for d in defs:
        for code in (TOTAL, *codes):
            for p in periods:
                values.setdefault((d.id, code, p.key), Value(None, missing="未填报"))
