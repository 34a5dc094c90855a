"""Progress against a plan target: share achieved, what is needed per year, and a projection.

Targets are data (`data/indicators/targets.toml`, quoted from the policy texts). Four kinds:
`level` (reach a value by year-end `by`), `avg_growth` (average annual growth ≥ r % over
start..by, measured from the year before start), `yearly` (at least the value every year) and
`cumulative` (sum over start..by). The projection of a level is the linear trend of the last
three years with data; it is a guide for the office, labelled as such, not a forecast.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Assessment:
    value: float | None  # the current value (level, rate or running sum)
    progress: float | None  # 1.0 = target reached
    needed_per_year: float | None  # increase (or growth rate, for avg_growth) still needed each year
    projected: float | None  # projected value (or rate) at the target year
    on_track: bool | None
    status_zh: str


@dataclass(frozen=True)
class _Plain:
    """A target's numbers as floats (the data file keeps exact decimals)."""

    kind: str
    value: float
    base_value: float | None
    base_year: int | None
    start_year: int
    by: int


def _trend(series: dict[int, float | None], year: int, by: int) -> float | None:
    points = sorted((y, v) for y, v in series.items() if v is not None and y <= year)[-3:]
    if len(points) < 2:
        return None
    n = len(points)
    mean_x = sum(y for y, _ in points) / n
    mean_y = sum(v for _, v in points) / n
    denom = sum((y - mean_x) ** 2 for y, _ in points)
    slope = sum((y - mean_x) * (v - mean_y) for y, v in points) / denom
    return mean_y + slope * (by - mean_x)


def _status(on_track: bool | None, reached: bool) -> str:
    if reached:
        return "已达成"
    return {True: "按当前趋势可达成", False: "按当前趋势难以达成", None: "数据不足，无法判断"}[on_track]


def assess(target: Any, series: dict[int, float | None], year: int) -> Assessment:
    """Assess one target (a PlanTarget) at `year` from the indicator's yearly values."""
    target = _Plain(target.kind, float(target.value), None if target.base_value is None else float(target.base_value),
                    target.base_year, target.start_year, target.by)
    kind = target.kind
    if kind == "level":
        return _level(target, series, year)
    if kind == "avg_growth":
        return _growth(target, series, year)
    if kind == "yearly":
        value = series.get(year)
        ok = None if value is None else value >= target.value
        return Assessment(value, None if value is None else value / target.value, None, None, ok,
                          "数据不足，无法判断" if ok is None else ("已达成" if ok else "未达到年度目标"))  # fmt: skip
    return _cumulative(target, series, year)


def _level(target: Any, series: dict[int, float | None], year: int) -> Assessment:
    value = series.get(year)
    if value is None:
        return Assessment(None, None, None, None, None, "数据不足，无法判断")
    base = target.base_value
    progress = (value - base) / (target.value - base) if base is not None and target.value != base else value / target.value
    remaining = max(target.by - year, 0)
    needed = (target.value - value) / remaining if remaining and value < target.value else None
    known = dict(series)
    if base is not None and target.base_year is not None:
        known.setdefault(target.base_year, base)
    projected = _trend(known, year, target.by)
    reached = value >= target.value
    on_track = True if reached else (None if projected is None else projected >= target.value)
    return Assessment(value, progress, needed, projected, on_track, _status(on_track, reached))


def _growth(target: Any, series: dict[int, float | None], year: int) -> Assessment:
    start = target.start_year - 1
    first, value = series.get(start), series.get(year)
    if not first or value is None or year <= start:
        return Assessment(None, None, None, None, None, "数据不足，无法判断")
    rate = round(((value / first) ** (1 / (year - start)) - 1) * 100, 6)  # 100 → 144 in 2 years is 20 %, not 19.99…
    goal = target.value
    end_needed = first * (1 + goal / 100) ** (target.by - start)
    remaining = target.by - year
    needed = ((end_needed / value) ** (1 / remaining) - 1) * 100 if remaining > 0 and value > 0 else None
    on_track = rate >= goal
    return Assessment(round(rate, 2), rate / goal if goal else None, needed, round(rate, 2), on_track,
                      _status(on_track, on_track and year >= target.by))  # fmt: skip


def _cumulative(target: Any, series: dict[int, float | None], year: int) -> Assessment:
    values = [series.get(y) for y in range(target.start_year, min(year, target.by) + 1)]
    if not values or any(v is None for v in values):
        return Assessment(None, None, None, None, None, "数据不足，无法判断")
    total = sum(v for v in values if v is not None)
    remaining = max(target.by - year, 0)
    needed = (target.value - total) / remaining if remaining and total < target.value else None
    projected = total + total / len(values) * remaining
    reached = total >= target.value
    on_track = reached or projected >= target.value
    return Assessment(total, total / target.value, needed, projected, on_track, _status(on_track, reached))
