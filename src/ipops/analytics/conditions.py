"""The SQL form of a definition: which `patent_fact` rows make up one indicator cell.

The engine counts grouped rows in Python for speed; the records list behind every number and
the industry breakdown filter in SQL with these conditions. Tests check that both agree (the
records behind a number are exactly as many as the number says).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from ipops.analytics.definitions import IndicatorDef
from ipops.analytics.periods import Period
from ipops.analytics.rules import IndicatorRules
from ipops.store.schema import LegalEvent, PatentFact, PatentIndustry


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def high_value_flags(day: dt.date, rules: IndicatorRules) -> dict[str, Any]:
    """Each category's condition at a reference date (validity is checked separately)."""
    f = PatentFact
    return {
        "sei": f.sei.is_(True),
        "abroad": f.granted_abroad.is_(True),
        "maintained": f.app_date < years_before(day, rules.maintained_years),
        "pledge": f.pledge_hv_date <= day,
        "award": f.award_date <= day,
    }


def valid_at(day: dt.date) -> Any:
    f = PatentFact
    return sa.and_(f.grant_date <= day, sa.or_(f.end_date.is_(None), f.end_date > day))


def office_condition(offices: tuple[str, ...]) -> Any:
    parts = [PatentFact.country != o[1:] if o.startswith("!") else PatentFact.country == o for o in offices]
    return sa.or_(*parts) if parts else sa.true()


def fact_conditions(d: IndicatorDef, period: Period, rules: IndicatorRules, part: str | None = None) -> list[Any]:
    """Conditions on `patent_fact` for a stock or flow definition in a period (and one breakdown part)."""
    f = PatentFact
    conds: list[Any] = []
    if d.patent_types:
        conds.append(f.patent_type.in_(d.patent_types))
    if d.offices:
        conds.append(office_condition(d.offices))
    if d.domestic_only:
        conds.append(f.domestic.is_(True))
    flags = high_value_flags(period.end, rules)
    in_force = rules.categories_for(period.end.year)
    if d.measure == "stock":
        conds.append(valid_at(period.end))
        if d.state == "high_value":
            conds.append(sa.or_(*[flags[c] for c in in_force]) if in_force else sa.false())
    elif d.measure == "flow":
        column = getattr(f, d.date or "app_date")
        conds.append(column.between(period.start, period.end))
    if part:
        conds.append(_part_condition(part, flags, in_force))
    return conds


def _part_condition(part: str, flags: dict[str, Any], in_force: tuple[str, ...]) -> Any:
    if part in flags:
        return flags[part] if part in in_force else sa.false()
    if part.startswith("industry:"):
        code = part.removeprefix("industry:")
        return sa.exists().where(PatentIndustry.patent_id == PatentFact.patent_id, PatentIndustry.top_code == code)
    return PatentFact.patent_type == part


def event_conditions(d: IndicatorDef, period: Period) -> list[Any]:
    return [LegalEvent.kind.in_(d.kinds), LegalEvent.event_date.between(period.start, period.end)]
