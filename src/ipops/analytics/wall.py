"""The data wall (数据大屏): one JSON document with everything the full-screen page draws.

Map and ranking of the region's children, six-year trends, target gauges, the high-value
breakdown and headline tiles with 同比. Every number carries the link to its records. Built
from one indicator grid over six years, so the page costs a few scans whatever it shows.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from sqlalchemy.orm import Session

from ipops.analytics.definitions import get_definition, load_definitions
from ipops.analytics.grid import Grid, evaluate_grid
from ipops.analytics.periods import make_period
from ipops.analytics.rules import IndicatorRules
from ipops.analytics.service import (
    default_year,
    indicator_table,
    part_label,
    records_href,
    region_ref,
    relative_change,
    target_progress,
    target_years,
    targets_of,
)

TREND = ("valid_invention", "hv_invention", "invention_grants", "patent_grants")
TILES = ("valid_invention", "hv_invention", "hv_invention_per_10k", "invention_grants", "transfers", "licences",
         "pledge_registrations", "pledge_amount", "pct_applications", "open_licence_declarations")  # fmt: skip
YEARS = 6


def map_indicators() -> list[dict[str, str]]:
    """What the map can be coloured by: everything computed from the records."""
    return [{"id": d.id, "name": d.name, "unit": d.unit} for d in load_definitions().values() if d.measure != "input"]


def build_wall(session: Session, *, rules: IndicatorRules, region_code: str, year: int,
               indicator_id: str) -> dict[str, Any]:  # fmt: skip
    chosen = get_definition(indicator_id)
    periods = [make_period("year", y) for y in range(year - YEARS + 1, year + 1)]
    targets = targets_of(region_code)
    # one grid for everything the page shows, the targets' years and indicators included
    every = sorted(set(periods) | set(target_years(targets, year)), key=lambda p: p.start)
    ids = sorted({chosen.id, *TREND, *TILES, *(t.indicator_id for t in targets)})
    grid = evaluate_grid(session, rules=rules, region_code=region_code, periods=every, indicator_ids=ids)
    now, before = periods[-1], periods[-2]
    code = grid.region.code

    def cell(ind: str, region: str) -> dict[str, Any]:
        v = grid.get(ind, region, now)
        return {"value": v.value, "missing": v.missing, "note": v.note, "link": records_href(ind, region, now)}

    areas = [{"code": c.code, "name": c.name, **cell(chosen.id, c.code)} for c in grid.children]
    ranking = sorted(areas, key=lambda a: (a["value"] is None, -(a["value"] or 0)))
    hv = grid.get("hv_invention", code, now)
    return {
        "region": region_ref(grid.region).model_dump(), "year": year, "years": [p.year for p in periods],
        "indicator": {"id": chosen.id, "name": chosen.name, "unit": chosen.unit, **cell(chosen.id, code)},
        "indicators": map_indicators(), "map": areas, "ranking": ranking,
        "trend": {"years": [p.year for p in periods], "series": [
            {"id": i, "name": get_definition(i).name, "unit": get_definition(i).unit,
             "values": [grid.get(i, code, p).value for p in periods],
             "links": [records_href(i, code, p) for p in periods]} for i in TREND]},
        "gauges": [g.model_dump() | {"link": g.href} for g in _gauges(session, rules, code, year, grid)],
        "high_value": [{"category": k, "name": part_label(k), "value": n, "link": records_href("hv_invention", code, now, k)}
                       for k, n in sorted(hv.breakdown.items(), key=lambda kv: -kv[1])],
        "tiles": [{"id": i, "name": get_definition(i).name, "unit": get_definition(i).unit, **cell(i, code),
                   "yoy": relative_change(grid.get(i, code, now).value, grid.get(i, code, before).value)} for i in TILES],
        "notes": _notes(grid, chosen.id, now),
    }  # fmt: skip


def _gauges(session: Session, rules: IndicatorRules, code: str, year: int, grid: Grid) -> list[Any]:
    """Targets on computed indicators first, then office series that have a value; the rest last."""
    progress = target_progress(session, rules=rules, region_code=code, year=year, grid=grid)
    computed = {d.id for d in load_definitions().values() if d.measure != "input"}
    return sorted(progress, key=lambda t: (t.indicator_id not in computed, t.value is None))


def _notes(grid: Any, indicator_id: str, period: Any) -> list[str]:
    notes = ["专利按第一专利权人地址归属地区；高价值发明专利一件只计一次，各类别可重叠。"]
    missing = [c.name for c in grid.children if grid.get(indicator_id, c.code, period).missing == "缺人口数据"]
    if missing:
        notes.append("缺人口数据（未计算每万人口指标）：" + "、".join(missing))
    fallbacks = {v.note for c in grid.children for v in [grid.get(indicator_id, c.code, period)] if v.note}
    notes.extend(sorted(fallbacks))
    return notes


def warm(session: Session, *, rules: IndicatorRules, region_code: str = "370000") -> float:
    """Compute what the first visitors ask for (the wall, the overview, the six-year table) into the
    cache, after an import or at start-up; returns the seconds spent."""
    started = time.perf_counter()
    year = default_year(session, dt.date.today().year)
    build_wall(session, rules=rules, region_code=region_code, year=year, indicator_id="hv_invention_per_10k")
    overview = [make_period("year", year), make_period("year", year - 1)]  # as /indicators asks
    six_years = [make_period("year", y) for y in range(year - 5, year + 1)]  # as /api/v1/indicators/table
    for periods in (overview, six_years):
        indicator_table(session, rules=rules, region_code=region_code, periods=periods)
    return time.perf_counter() - started
