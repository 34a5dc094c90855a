"""`ipops indicators`: indicator values for a region from the shell, and the facts they count."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from ipops.cli.output import console, fail, print_json, progress_counter

app = typer.Typer(help="Indicators (每万人口高价值发明专利拥有量 …) for a region; `refresh` rebuilds their facts.",
                  invoke_without_command=True)  # fmt: skip
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")]


def _database() -> Any:
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    return Database(Settings())


def refresh_facts(db: Any, *, quiet: bool) -> Any:
    """Bring the indicator facts up to date (only new or changed patents unless the rules changed)."""
    from ipops.analytics.facts import refresh
    from ipops.analytics.rules import IndicatorRules

    rules = IndicatorRules.from_settings(db.settings)
    with progress_counter("更新指标数据", enabled=not quiet) as tick, db.session() as session:
        return refresh(session, rules, progress=tick)


def _period(year: int | None, date: str | None, period: str | None, session: Any) -> Any:
    from ipops.analytics.periods import make_period, parse_period
    from ipops.analytics.service import default_year

    if sum(x is not None for x in (year, date, period)) > 1:
        fail("--year、--date、--period 只能选一个")
    if date or period:
        return parse_period(date or period or "")
    return make_period("year", year or default_year(session, dt.date.today().year))


@app.callback()
def indicators(
    ctx: typer.Context,
    region: Annotated[str, typer.Option(help="NBS 6-digit region code: 370000 山东省, 370600 烟台市.")] = "370000",
    year: Annotated[int | None, typer.Option(help="Year (stocks at 31 December).")] = None,
    date: Annotated[str | None, typer.Option(help="Reference date YYYY-MM-DD (stocks on that day).")] = None,
    period: Annotated[str | None, typer.Option(help="2025Q3, 2025H1, 2025-06 …")] = None,
    as_json: JsonOpt = False,
) -> None:
    """Every indicator for the region: value, unit, same period last year, change."""
    if ctx.invoked_subcommand:
        return
    from ipops.analytics.rules import IndicatorRules
    from ipops.analytics.service import indicator_table, relative_change
    from ipops.domain.errors import IpopsError

    db = _database()
    try:
        with db.session() as session:
            p = _period(year, date, period, session)
            rules = IndicatorRules.from_settings(db.settings)
            table = indicator_table(session, rules=rules, region_code=region, periods=[p, p.year_before()])
    except IpopsError as exc:
        fail(str(exc))
    rows = [r for r in table.rows if r.region_code == region]
    now = {r.indicator_id: r for r in rows if r.period == p.key}
    before = {r.indicator_id: r for r in rows if r.period != p.key}
    if as_json:
        print_json({"region": table.region.model_dump(), "period": p.key, "seconds": table.seconds,
                    "indicators": [now[i.id].model_dump() | {"year_before": before[i.id].value} for i in table.indicators]})  # fmt: skip
        return
    console.print(f"{table.region.name} {p.label}（{table.seconds:.2f} 秒）")
    for info in table.indicators:
        r, b = now[info.id], before[info.id]
        change = relative_change(r.value, b.value)
        shown = f"{r.value:,.2f}".rstrip("0").rstrip(".") if r.value is not None else (r.missing or "—")
        extra = f"  同比 {change:+.1%}" if change is not None else ""
        console.print(f"  {info.name:<24} {shown:>14} {info.unit}{extra}")


@app.command()
def refresh(as_json: JsonOpt = False) -> None:
    """Rebuild the per-patent facts indicators count (after changing hv_* settings or the award list)."""
    report = refresh_facts(_database(), quiet=as_json)
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(f"已更新 {report.built:,} 件（库中共 {report.total_patents:,} 件）" + ("，规则变化已全部重建" if report.rebuilt else ""))
