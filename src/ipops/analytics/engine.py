"""Evaluate indicators for a region's children (and the region itself) over several periods.

One SQL scan per reference date (stocks), per date column (flows) and one for events, each
GROUP BY the child region and the few attributes definitions filter on; the definitions are
then applied to those small grouped rows in Python. So a 16-city × 6-year table of every
indicator costs a handful of scans over `patent_fact`, whatever the number of indicators.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics.conditions import fact_conditions, years_before
from ipops.analytics.definitions import IndicatorDef
from ipops.analytics.periods import Period
from ipops.analytics.population import PopulationTable
from ipops.analytics.rules import IndicatorRules
from ipops.store.schema import IndicatorInput, LegalEvent, PatentFact, PatentIndustry

LEVEL_COLUMN = {"province": PatentFact.province_code, "city": PatentFact.city_code, "county": PatentFact.county_code}
CHILD_LEVEL = {"province": "city", "city": "county"}
TOTAL = "*"  # key of the parent region's own value


@dataclass
class Value:
    """One indicator for one region and period; `value` None means no data and says why."""

    value: float | None
    missing: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    denominator_year: int | None = None
    breakdown: dict[str, float] = field(default_factory=dict)
    note: str | None = None


@dataclass(frozen=True)
class Scope:
    """A region and the level of its children (None: the region alone)."""

    code: str
    level: str  # province | city | county
    child_level: str | None

    @property
    def column(self) -> Any:
        return LEVEL_COLUMN[self.level]

    @property
    def child_column(self) -> Any:
        return LEVEL_COLUMN[self.child_level] if self.child_level else sa.literal(TOTAL)


def _positions(n: int) -> list[Any]:
    """GROUP BY 1, 2, …: PostgreSQL refuses a CASE with bound values repeated in GROUP BY."""
    return [sa.literal_column(str(i)) for i in range(1, n + 1)]


def _office_matches(d: IndicatorDef, country: str) -> bool:
    for office in d.offices:
        if office == country or (office.startswith("!") and office[1:] != country):
            return True
    return not d.offices


def _matches(d: IndicatorDef, patent_type: str | None, country: str, domestic: bool) -> bool:
    return ((not d.patent_types or patent_type in d.patent_types) and _office_matches(d, country)
            and (domestic or not d.domestic_only))  # fmt: skip


def _first_day(condition: Any, days: Sequence[Any]) -> Any:
    """Index of the first reference day for which `condition(day)` holds (days ascending), else len(days).

    The conditions used are monotonic in the day (once granted, granted for every later day), so
    one index per patent says for which reference days the state holds: one scan for all days.
    """
    return sa.case(*[(condition(day), i) for i, day in enumerate(days)], else_=len(days))


def _stock_rows(session: Session, scope: Scope, days: Sequence[dt.date], rules: IndicatorRules) -> list[Any]:
    f = PatentFact
    cutoffs = [years_before(day, rules.maintained_years) for day in days]
    buckets = [
        _first_day(lambda d: f.grant_date <= d, days),  # granted by day i onwards
        _first_day(lambda d: f.end_date <= d, days),  # ended by day i onwards (NULL: never)
        _first_day(lambda c: f.app_date < c, cutoffs),  # maintained > N years from day i onwards
        _first_day(lambda d: f.pledge_hv_date <= d, days),
        _first_day(lambda d: f.award_date <= d, days),
    ]
    # coalesce(child): an expression no index orders, so SQLite reads rows in table order instead of
    # walking the city index with a random row read each (2.3 s instead of 3.4 s at 10^6)
    child = sa.func.coalesce(scope.child_column, "").label("child")
    keys = [child, f.patent_type, f.country, f.domestic, f.sei, f.granted_abroad, *buckets]
    stmt = (
        sa.select(*keys, sa.func.count().label("n"))
        # coalesce(): most patents qualify, so keep planners off the grant-date index (random reads)
        .where(scope.column == scope.code, sa.func.coalesce(f.grant_date, f.grant_date) <= max(days),
               sa.or_(f.end_date.is_(None), f.end_date > min(days)))
        .group_by(*_positions(len(keys)))
    )  # fmt: skip
    return list(session.execute(stmt))


FLAG_NAMES = ("sei", "abroad", "maintained", "pledge", "award")


def _flags_at(i: int, sei: bool, abroad: bool, maintained: int, pledge: int, award: int,
              in_force: tuple[str, ...]) -> set[str]:  # fmt: skip
    on = (bool(sei), bool(abroad), maintained <= i, pledge <= i, award <= i)
    return {name for name, yes in zip(FLAG_NAMES, on, strict=True) if yes and name in in_force}


def stocks(session: Session, defs: Sequence[IndicatorDef], scope: Scope, periods: Sequence[Period],
           rules: IndicatorRules) -> dict[tuple[str, str, str], Value]:  # fmt: skip
    """Every stock definition at every period end, from one grouped scan."""
    days = sorted({p.end for p in periods})
    rows = _stock_rows(session, scope, days, rules)
    in_force = [rules.categories_for(day.year) for day in days]
    counts: dict[tuple[str, str, int], int] = defaultdict(int)
    parts: dict[tuple[str, str, int], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for child, ptype, country, domestic, sei, abroad, granted, ended, maintained, pledge, award, n in rows:
        matching = [d for d in defs if _matches(d, ptype, country, domestic)]
        keys = (child, TOTAL) if child != TOTAL else (TOTAL,)
        for i in range(granted, min(ended, len(days))):
            flags = _flags_at(i, sei, abroad, maintained, pledge, award, in_force[i])
            for d in matching:
                if d.state == "high_value" and not flags:
                    continue
                for key in keys:
                    counts[(d.id, key or "", i)] += n
                    for part in _parts(d, ptype, flags):
                        parts[(d.id, key or "", i)][part] += n
    out: dict[tuple[str, str, str], Value] = {}
    for p in periods:
        i = days.index(p.end)
        for d in defs:
            out[(d.id, TOTAL, p.key)] = Value(0)
        for (ind, key, at), n in counts.items():
            if at == i:
                out[(ind, key, p.key)] = Value(n, breakdown=dict(parts.get((ind, key, at), {})))
    return out


def _parts(d: IndicatorDef, patent_type: str | None, flags: set[str]) -> Iterable[str]:
    if "patent_type" in d.breakdowns and patent_type:
        yield patent_type
    if "high_value_category" in d.breakdowns:
        yield from flags


def _period_case(column: Any, periods: Sequence[Period]) -> Any:
    return sa.case(*[(column.between(p.start, p.end), i) for i, p in enumerate(periods)], else_=-1)


def disjoint_groups(periods: Sequence[Period]) -> list[list[Period]]:
    """Split periods into groups without overlaps (2017 and 2017Q2 go to different scans).

    A row is bucketed into one period per scan, so overlapping periods need a scan each.
    """
    groups: list[list[Period]] = []
    for p in sorted(periods, key=lambda p: (p.start, p.end)):
        home = next((g for g in groups if all(p.start > q.end or p.end < q.start for q in g)), None)
        if home is None:
            groups.append([p])
        else:
            home.append(p)
    return groups


def flows(session: Session, defs: Sequence[IndicatorDef], scope: Scope, periods: Sequence[Period]
          ) -> dict[tuple[str, str, str], Value]:  # fmt: skip
    """Applications and grants: one grouped range scan per period and date column (indexed dates)."""
    f = PatentFact
    out: dict[tuple[str, str, str], Value] = {}
    for date_name in sorted({d.date for d in defs if d.date}):
        column = getattr(f, date_name)
        keys = [scope.child_column.label("child"), f.patent_type, f.country, f.domestic]
        for p in periods:
            stmt = (
                sa.select(*keys, sa.func.count())
                .where(column >= p.start, column <= p.end, scope.column == scope.code)
                .group_by(*_positions(len(keys)))
            )  # fmt: skip
            rows = [(child, 0, ptype, country, domestic, n) for child, ptype, country, domestic, n in session.execute(stmt)]
            for d in (d for d in defs if d.date == date_name):
                _sum_flow(d, rows, [p], out)
    return out


def _sum_flow(d: IndicatorDef, rows: list[Any], periods: Sequence[Period],
              out: dict[tuple[str, str, str], Value]) -> None:  # fmt: skip
    for child, bucket, ptype, country, domestic, n in rows:
        if bucket < 0 or not _matches(d, ptype, country, domestic):
            continue
        for key in (child, TOTAL) if child != TOTAL else (TOTAL,):
            value = out.setdefault((d.id, key or "", periods[bucket].key), Value(0))
            value.value = (value.value or 0) + n
            if "patent_type" in d.breakdowns and ptype:
                value.breakdown[ptype] = value.breakdown.get(ptype, 0) + n
    for p in periods:
        out.setdefault((d.id, TOTAL, p.key), Value(0))


def events(session: Session, defs: Sequence[IndicatorDef], scope: Scope, periods: Sequence[Period]
           ) -> dict[tuple[str, str, str], Value]:  # fmt: skip
    """Event counts and amounts; a pledge contract (same day, pledgee and amount) counts once per region."""
    out: dict[tuple[str, str, str], Value] = {}
    if not any(d.kinds for d in defs):
        return out
    for group in disjoint_groups(periods):
        rows = _event_rows(session, defs, scope, group)
        for d in defs:
            _sum_events(d, rows, group, out)
    return out


def _event_rows(session: Session, defs: Sequence[IndicatorDef], scope: Scope, periods: Sequence[Period]) -> list[Any]:
    e, f = LegalEvent, PatentFact
    kinds = sorted({k for d in defs for k in d.kinds})
    contract = sa.func.coalesce(e.counterparty, "") + "|" + sa.func.coalesce(sa.cast(e.amount, sa.String), "")
    stmt = (
        sa.select(scope.child_column.label("child"), _period_case(e.event_date, periods).label("bucket"), e.kind,
                  e.event_date, contract.label("contract"), e.amount, e.patent_id)
        .join(f, f.patent_id == e.patent_id)
        .where(scope.column == scope.code, e.kind.in_(kinds), e.event_date >= min(p.start for p in periods),
               e.event_date <= max(p.end for p in periods))
    )  # fmt: skip
    return list(session.execute(stmt))


def _sum_events(d: IndicatorDef, rows: list[Any], periods: Sequence[Period],
                out: dict[tuple[str, str, str], Value]) -> None:  # fmt: skip
    once = d.kinds == ("pledge",)
    seen: set[tuple[str, int, Any]] = set()
    for child, bucket, kind, day, contract, amount, patent_id in rows:
        if bucket < 0 or kind not in d.kinds:
            continue
        identity = (day, contract) if once else (patent_id, kind, day)
        for key in (child, TOTAL) if child != TOTAL else (TOTAL,):
            marker = (key or "", bucket, identity)
            if marker in seen:
                continue
            seen.add(marker)
            value = out.setdefault((d.id, key or "", periods[bucket].key), Value(0))
            value.value = (value.value or 0) + (float(amount or 0) if d.value == "amount" else 1)
    for p in periods:
        out.setdefault((d.id, TOTAL, p.key), Value(0))


def inputs(session: Session, defs: Sequence[IndicatorDef], codes: Sequence[str], parent: str,
           periods: Sequence[Period]) -> dict[tuple[str, str, str], Value]:  # fmt: skip
    """Office-maintained series; a missing parent value of an additive series is the sum of its children."""
    ids = [d.id for d in defs]
    stmt = sa.select(IndicatorInput.indicator_id, IndicatorInput.region_code, IndicatorInput.period,
                     IndicatorInput.value, IndicatorInput.source).where(
        IndicatorInput.indicator_id.in_(ids), IndicatorInput.region_code.in_([parent, *codes]),
        IndicatorInput.period.in_([p.key for p in periods]))  # fmt: skip
    out: dict[tuple[str, str, str], Value] = {}
    for ind, region, period, value, source in session.execute(stmt):
        key = TOTAL if region == parent else region
        out[(ind, key, period)] = Value(float(value), note=f"来源：{source}" if source else None)
    for d in defs:
        for p in periods:
            if (d.id, TOTAL, p.key) in out:
                continue
            children = [out.get((d.id, c, p.key)) for c in codes]
            if d.additive and codes and all(children):
                out[(d.id, TOTAL, p.key)] = Value(sum(v.value or 0 for v in children if v), note="由下级地区合计")
    return out


def ratios(defs: Sequence[IndicatorDef], base: dict[tuple[str, str, str], Value], codes: Sequence[str],
           parent: str, periods: Sequence[Period], population: PopulationTable) -> dict[tuple[str, str, str], Value]:  # fmt: skip
    """Numerator ÷ population (万人); no population → value None with 缺人口数据."""
    out: dict[tuple[str, str, str], Value] = {}
    for d in defs:
        for key in (TOTAL, *codes):
            region = parent if key == TOTAL else key
            for p in periods:
                num = base.get((d.numerator or "", key, p.key))
                pop = population.lookup(region, p.end.year)
                if num is None or num.value is None:
                    out[(d.id, key, p.key)] = Value(None, missing="缺分子数据")
                elif pop is None:
                    out[(d.id, key, p.key)] = Value(None, missing="缺人口数据", numerator=num.value)
                else:
                    note = None if pop.year == p.end.year else f"人口采用{pop.year}年末数据"
                    out[(d.id, key, p.key)] = Value(round(num.value / pop.value, 4), numerator=num.value,
                                                    denominator=pop.value, denominator_year=pop.year, note=note)
    return out


def industry_breakdown(session: Session, d: IndicatorDef, scope: Scope, period: Period,
                       rules: IndicatorRules) -> dict[str, float]:  # fmt: skip
    """Counts by SEI top category (a patent in two industries counts in both: not additive)."""
    f, pi = PatentFact, PatentIndustry
    stmt = (
        sa.select(pi.top_code, sa.func.count(sa.distinct(f.patent_id)))
        .join(pi, pi.patent_id == f.patent_id)
        .where(scope.column == scope.code, *fact_conditions(d, period, rules))
        .group_by(pi.top_code)
    )  # fmt: skip
    return {code: float(n) for code, n in session.execute(stmt)}
