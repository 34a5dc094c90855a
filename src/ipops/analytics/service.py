"""Use cases of the indicator engine: one indicator with its breakdowns, tables, targets, records.

Thin over `grid.evaluate_grid`: these functions pick the periods to compare, attach labels and
links (every number links to the records behind it) and return the pydantic page objects the
API serialises and the pages render.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics.definitions import IndicatorDef, get_definition, load_definitions
from ipops.analytics.engine import Scope, industry_breakdown
from ipops.analytics.grid import Grid, evaluate_grid, resolve_region
from ipops.analytics.periods import Period, make_period
from ipops.analytics.progress import assess
from ipops.analytics.rules import IndicatorRules, high_value_categories
from ipops.analytics.schemas import (
    Comparison,
    IndicatorInfo,
    IndicatorResult,
    IndicatorTable,
    Part,
    PeriodRef,
    RegionRef,
    TableRow,
    TargetProgress,
)
from ipops.analytics.targets import targets_for
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.refdata.load import load_region_table
from ipops.refdata.regions_file import Region
from ipops.store.schema import Industry, PatentFact


def indicator_info(d: IndicatorDef) -> IndicatorInfo:
    return IndicatorInfo(id=d.id, name=d.name, unit=d.unit, measure=d.measure, additive=d.additive, note=d.note,
                         definition=d.as_dict(), href=f"/api/v1/indicators/{d.id}")  # fmt: skip


def list_indicators() -> list[IndicatorInfo]:
    """Every definition, patent-based first, then the office's input series."""
    return [indicator_info(d) for d in load_definitions().values()]


def region_ref(region: Region) -> RegionRef:
    return RegionRef(code=region.code, name=region.name, level=region.level)


def period_ref(period: Period) -> PeriodRef:
    return PeriodRef(key=period.key, label=period.label, start=period.start.isoformat(), end=period.end.isoformat())


def records_href(indicator_id: str, region_code: str, period: Period, part: str | None = None) -> str:
    query = {"region": region_code, "period": period.key} | ({"part": part} if part else {})
    return f"/indicators/{indicator_id}/records?{urlencode(query)}"


def relative_change(now: float | None, before: float | None) -> float | None:
    if now is None or before is None or before == 0:
        return None
    return round((now - before) / before, 4)


def part_label(key: str) -> str:
    if key in high_value_categories():
        return high_value_categories()[key].name
    if key in PatentType.__members__:
        return PATENT_TYPE_LABELS_ZH[PatentType(key)]
    return key


def get_indicator(session: Session, *, rules: IndicatorRules, indicator_id: str, region_code: str,
                  period: Period) -> IndicatorResult:  # fmt: skip
    """One indicator for a region and period, with its parts, children, 环比 and 同比."""
    d = get_definition(indicator_id)
    before, year_before = period.previous() if period.kind != "ytd" else None, period.year_before()
    periods = [p for p in (period, before, year_before) if p is not None]
    grid = evaluate_grid(session, rules=rules, region_code=region_code, periods=periods, indicator_ids=[d.id])
    value = grid.get(d.id, grid.region.code, period)
    result = IndicatorResult(
        indicator=indicator_info(d), region=region_ref(grid.region), period=period_ref(period),
        value=value.value, missing=value.missing, note=value.note, numerator=value.numerator,
        denominator=value.denominator, denominator_year=value.denominator_year,
        breakdown=_breakdown(session, d, grid, period, rules),
        children=_children(grid, d, period),
        records_href=records_href(d.id, grid.region.code, period),
    )  # fmt: skip
    if "high_value_category" in d.breakdowns:
        result.breakdown_note = "一件专利可同时满足多个类别，各类别之和可大于总数"
    for attr, other in (("previous", before), ("year_before", year_before)):
        if other is not None:
            then = grid.get(d.id, grid.region.code, other).value
            setattr(result, attr, Comparison(period=period_ref(other), value=then, change=relative_change(value.value, then)))
    return result


def _breakdown(session: Session, d: IndicatorDef, grid: Grid, period: Period, rules: IndicatorRules) -> list[Part]:
    value = grid.get(d.id, grid.region.code, period)
    parts = [Part(key=k, label=part_label(k), value=v, href=records_href(d.id, grid.region.code, period, k))
             for k, v in sorted(value.breakdown.items(), key=lambda kv: -kv[1])]  # fmt: skip
    if "industry" in d.breakdowns:
        scope = Scope(grid.region.code, grid.region.level, None)
        names = dict(session.execute(sa.select(Industry.code, Industry.name).where(Industry.level == 1)).all())
        for code, n in sorted(industry_breakdown(session, d, scope, period, rules).items()):
            parts.append(Part(key=f"industry:{code}", label=names.get(code, code), value=n,
                              href=records_href(d.id, grid.region.code, period, f"industry:{code}")))  # fmt: skip
    return parts


def _children(grid: Grid, d: IndicatorDef, period: Period) -> list[Part]:
    out = []
    for child in grid.children:
        v = grid.get(d.id, child.code, period)
        out.append(Part(key=child.code, label=child.name, value=v.value, missing=v.missing,
                        href=records_href(d.id, child.code, period)))  # fmt: skip
    return out


def indicator_table(session: Session, *, rules: IndicatorRules, region_code: str, periods: Sequence[Period],
                    indicator_ids: Sequence[str] | None = None) -> IndicatorTable:  # fmt: skip
    """The full table: every indicator × the region and its children × every period."""
    started = time.perf_counter()
    grid = evaluate_grid(session, rules=rules, region_code=region_code, periods=periods, indicator_ids=indicator_ids)
    rows = [
        TableRow(indicator_id=d.id, indicator_name=d.name, unit=d.unit, region_code=r.code, region_name=r.name,
                 period=p.key, value=v.value, missing=v.missing, note=v.note)
        for d in grid.defs for r in (grid.region, *grid.children) for p in grid.periods
        for v in (grid.get(d.id, r.code, p),)
    ]  # fmt: skip
    return IndicatorTable(region=region_ref(grid.region), periods=[period_ref(p) for p in grid.periods],
                          indicators=[indicator_info(d) for d in grid.defs], rows=rows,
                          seconds=round(time.perf_counter() - started, 3))  # fmt: skip


def default_year(session: Session, today_year: int) -> int:
    """The latest complete year with granted patents (the demo corpus ends in 2017)."""
    latest = session.scalar(sa.select(sa.func.max(PatentFact.grant_date)))
    if latest is None:
        return today_year - 1
    return min(today_year - 1, latest.year)


def region_or_404(code: str) -> Region:
    return resolve_region(code)


def target_years(targets: Sequence[Any], year: int) -> list[Period]:
    """The year-ends a set of targets needs: from the earliest base or start year to `year`."""
    if not targets:
        return []
    first = min(min(t.start_year - 1, t.base_year or t.start_year) for t in targets)
    return [make_period("year", y) for y in range(min(first, year), year + 1)]


def targets_of(region_code: str) -> list[Any]:
    """The region's targets on indicators IPOps knows."""
    return [t for t in targets_for(region_code=region_code) if t.indicator_id in load_definitions()]


def target_progress(session: Session, *, rules: IndicatorRules, region_code: str, year: int,
                    grid: Grid | None = None) -> list[TargetProgress]:  # fmt: skip
    """Every plan target of the region, assessed at year-end `year`."""
    region = resolve_region(region_code)
    targets = targets_of(region.code)
    if not targets:
        return []
    years = target_years(targets, year)
    if (grid is None or not {t.indicator_id for t in targets} <= {d.id for d in grid.defs}
            or not set(years) <= set(grid.periods)):  # fmt: skip
        grid = evaluate_grid(session, rules=rules, region_code=region.code, periods=years,
                             indicator_ids=sorted({t.indicator_id for t in targets}), with_children=False)  # fmt: skip
    out = []
    for t in targets:
        d = get_definition(t.indicator_id)
        series = {p.year: grid.get(d.id, region.code, p).value for p in years}
        a = assess(t, series, year)
        out.append(TargetProgress(
            region=region_ref(region), indicator_id=d.id, indicator_name=d.name, unit=t.unit, kind=t.kind,
            target=float(t.value), comparison=t.comparison, by=t.by,
            base_value=None if t.base_value is None else float(t.base_value), base_year=t.base_year, year=year,
            value=a.value, progress=None if a.progress is None else round(a.progress, 4),
            needed_per_year=None if a.needed_per_year is None else round(a.needed_per_year, 4),
            projected=None if a.projected is None else round(a.projected, 4), on_track=a.on_track, status=a.status_zh,
            source=f"{t.doc_title}（{t.clause}）", quote=t.quote,
            href=records_href(d.id, region.code, make_period("year", year)),
        ))  # fmt: skip
    return out


def child_regions(code: str) -> list[RegionRef]:
    """The region's children (cities of a province, counties of a city), for selectors."""
    return [region_ref(r) for r in load_region_table().children(code)]
