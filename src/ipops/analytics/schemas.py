"""What the indicator API returns and the pages render (the JSON twin of every indicator page)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class IndicatorInfo(BaseModel):
    id: str
    name: str
    unit: str
    measure: str
    additive: bool
    note: str | None = None
    definition: dict[str, Any]
    href: str


class RegionRef(BaseModel):
    code: str
    name: str
    level: str


class PeriodRef(BaseModel):
    key: str
    label: str
    start: str
    end: str


class Part(BaseModel):
    """One line of a breakdown (by patent type, high-value category, industry …) or one child region."""

    key: str
    label: str
    value: float | None
    missing: str | None = None
    href: str | None = None


class Comparison(BaseModel):
    period: PeriodRef
    value: float | None
    change: float | None  # relative change, 0.12 = +12 %


class IndicatorResult(BaseModel):
    indicator: IndicatorInfo
    region: RegionRef
    period: PeriodRef
    value: float | None
    missing: str | None = None
    note: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    denominator_year: int | None = None
    denominator_source: str | None = None
    breakdown: list[Part] = []
    breakdown_note: str | None = None
    children: list[Part] = []
    previous: Comparison | None = None
    year_before: Comparison | None = None
    records_href: str | None = None


class TableRow(BaseModel):
    indicator_id: str
    indicator_name: str
    unit: str
    region_code: str
    region_name: str
    period: str
    value: float | None
    missing: str | None = None
    note: str | None = None


class IndicatorTable(BaseModel):
    region: RegionRef
    periods: list[PeriodRef]
    indicators: list[IndicatorInfo]
    rows: list[TableRow]
    seconds: float


class HighValueReason(BaseModel):
    category: str
    name: str
    reason: str


class HighValueResult(BaseModel):
    app_number: str
    title: str
    as_of: str
    is_invention: bool
    is_valid: bool
    domestic: bool
    high_value: bool
    categories: list[HighValueReason]
    categories_in_force: list[str]
    explanation: str


class TargetProgress(BaseModel):
    region: RegionRef
    indicator_id: str
    indicator_name: str
    unit: str
    kind: str
    target: float
    comparison: str
    by: int
    base_value: float | None
    base_year: int | None
    year: int
    value: float | None
    progress: float | None
    needed_per_year: float | None
    projected: float | None
    on_track: bool | None
    status: str
    source: str
    quote: str
    href: str | None
