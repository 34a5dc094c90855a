"""Indicator API (IP office): definitions, values with breakdowns, tables and exports, targets,
the records behind every number, per-patent high-value reasons and the data-wall document."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ipops.analytics import export, service
from ipops.analytics.high_value import classify_patent
from ipops.analytics.periods import Period, make_period, parse_period
from ipops.analytics.records import RecordsPage, indicator_records
from ipops.analytics.rules import IndicatorRules
from ipops.analytics.schemas import (
    HighValueResult,
    IndicatorInfo,
    IndicatorResult,
    IndicatorTable,
    TargetProgress,
)
from ipops.analytics.wall import build_wall
from ipops.domain.errors import InvalidParameter
from ipops.store.schema import User
from ipops.store.settings import Settings
from ipops.web.auth import require
from ipops.web.deps import SessionDep, SettingsDep

router = APIRouter(tags=["indicators"])
Reader = Annotated[User, require("indicators.read")]
AnyRole = Annotated[User, require("valuation.read")]  # every signed-in role: a patent's own facts
RegionQuery = Annotated[str, Query(pattern=r"^\d{6}$", description="NBS 6-digit code: 370000 山东省, 370600 烟台市.")]
YearQuery = Annotated[int | None, Query(ge=1985, le=2100, description="Year (stocks at year end).")]
PeriodQuery = Annotated[str | None, Query(description="2025 | 2025H1 | 2025Q3 | 2025-06 | 2025-06-30.")]


def rules_of(settings: Settings) -> IndicatorRules:
    return IndicatorRules.from_settings(settings)


def resolve_period(session: Any, year: int | None, period: str | None) -> Period:
    """`period` wins, then `year`; neither → the latest complete year with data."""
    if period:
        return parse_period(period)
    return make_period("year", year or service.default_year(session, dt.date.today().year))


@router.get("/indicators", response_model=list[IndicatorInfo])
def list_indicators(user: Reader) -> list[IndicatorInfo]:
    """Every indicator definition (what it counts, its unit and scope)."""
    return service.list_indicators()


@router.get("/indicators/table", response_model=IndicatorTable)
def indicator_table(
    session: SessionDep, settings: SettingsDep, user: Reader, region: RegionQuery = "370000",
    years: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{4})?$", description="2020-2025 (default: 6 years).")] = None,
    ids: Annotated[str | None, Query(description="Comma-separated indicator ids (default: all).")] = None,
    format: Annotated[str, Query(pattern="^(json|csv|xlsx)$")] = "json",
) -> IndicatorTable | Response:  # fmt: skip
    """Every indicator for the region and its children over the years; CSV/XLSX with `format`."""
    last = service.default_year(session, dt.date.today().year)
    first, end = (last - 5, last) if not years else (int(years[:4]), int(years[-4:]))
    if end < first or end - first > 30:
        raise InvalidParameter("年份范围有误：应为 2020-2025，且不超过30年")
    periods = [make_period("year", y) for y in range(first, end + 1)]
    table = service.indicator_table(session, rules=rules_of(settings), region_code=region, periods=periods,
                                    indicator_ids=[i for i in (ids or "").split(",") if i] or None)  # fmt: skip
    if format == "json":
        return table
    body, media = ((export.table_csv(table), "text/csv; charset=utf-8") if format == "csv" else
                   (export.table_xlsx(table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))  # fmt: skip
    name = f"indicators_{region}_{first}-{end}.{format}"
    return Response(body, media_type=media, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/indicators/{indicator_id}", response_model=IndicatorResult)
def get_indicator(session: SessionDep, settings: SettingsDep, user: Reader, indicator_id: str,
                  region: RegionQuery = "370000", year: YearQuery = None, period: PeriodQuery = None) -> IndicatorResult:  # fmt: skip
    """Value, numerator, denominator, breakdown, children, 环比/同比 and the link to the records."""
    return service.get_indicator(session, rules=rules_of(settings), indicator_id=indicator_id, region_code=region,
                                 period=resolve_period(session, year, period))  # fmt: skip


@router.get("/indicators/{indicator_id}/records", response_model=RecordsPage)
def records(session: SessionDep, settings: SettingsDep, user: Reader, indicator_id: str,
            region: RegionQuery = "370000", year: YearQuery = None, period: PeriodQuery = None,
            part: str | None = None, page: Annotated[int, Query(ge=1)] = 1,
            limit: Annotated[int, Query(ge=1, le=500)] = 50) -> RecordsPage:  # fmt: skip
    """The patents or events one number counts (paged, with the total)."""
    return indicator_records(session, rules=rules_of(settings), indicator_id=indicator_id, region_code=region,
                             period=resolve_period(session, year, period), part=part, page=page, limit=limit)  # fmt: skip


@router.get("/targets", response_model=list[TargetProgress])
def targets(session: SessionDep, settings: SettingsDep, user: Reader, region: RegionQuery = "370000",
            year: YearQuery = None) -> list[TargetProgress]:  # fmt: skip
    """The region's plan targets with progress, the value needed per year and the projection."""
    the_year = year or service.default_year(session, dt.date.today().year)
    return service.target_progress(session, rules=rules_of(settings), region_code=region, year=the_year)


@router.get("/patents/{number}/high-value", response_model=HighValueResult)
def high_value(session: SessionDep, settings: SettingsDep, user: AnyRole, number: str,
               date: Annotated[dt.date | None, Query(description="Reference date (default today).")] = None) -> HighValueResult:  # fmt: skip
    """Which high-value categories the patent meets at the date, and why."""
    return classify_patent(session, rules=rules_of(settings), number=number, as_of=date)


@router.get("/wall")
def wall(session: SessionDep, settings: SettingsDep, user: Reader, region: RegionQuery = "370000",
         year: YearQuery = None, indicator: str = "hv_invention_per_10k") -> dict[str, Any]:  # fmt: skip
    """Everything the data wall draws (map, ranking, trends, gauges, high-value parts, tiles)."""
    the_year = year or service.default_year(session, dt.date.today().year)
    return build_wall(session, rules=rules_of(settings), region_code=region, year=the_year, indicator_id=indicator)
