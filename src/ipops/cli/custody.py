"""`ipops fees`: the annual-fee calendar of one patent (专利年费日历) as a Chinese table or JSON."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer
from rich.table import Table

from ipops.cli.output import console, fail, print_json

_TYPES = {"invention": "invention", "utility_model": "utility_model", "utility-model": "utility_model",
          "um": "utility_model", "design": "design", "发明": "invention", "实用新型": "utility_model",
          "外观设计": "design"}  # fmt: skip


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{option} 应为 YYYY-MM-DD 格式的日期，而不是 {value}") from None


def fees(
    number: Annotated[
        str | None, typer.Argument(help="Application, ZL patent or publication number (any form).")
    ] = None,
    patent_type: Annotated[
        str | None,
        typer.Option("--type", help="invention | utility_model | design, for a patent not in the database."),
    ] = None,
    filed: Annotated[
        str | None, typer.Option(help="Filing date YYYY-MM-DD (with --type and --granted).")
    ] = None,
    granted: Annotated[str | None, typer.Option(help="Grant (registration) date YYYY-MM-DD.")] = None,
    reduction: Annotated[int, typer.Option(help="Fee reduction percent: 0, 70 or 85.")] = 0,
    as_json: Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")] = False,
) -> None:
    """Annual-fee calendar of one patent: year, due date, amount, reduction, grace end, late-fee bands."""
    from ipops.custody.service import patent_fee_calendar
    from ipops.domain.errors import IpopsError

    kind = _TYPES.get((patent_type or "").strip().lower()) if patent_type else None
    if patent_type and kind is None:
        raise typer.BadParameter(f"--type 应为 invention、utility_model 或 design，而不是 {patent_type}")
    if reduction not in (0, 70, 85):
        raise typer.BadParameter("--reduction 只能是 0、70 或 85")
    described = dict(
        patent_type=kind, filing_date=_date(filed, "--filed"), grant_date=_date(granted, "--granted")
    )
    try:
        if all(described.values()):
            cal = patent_fee_calendar(None, number=number, reduction_percent=reduction, **described)  # type: ignore[arg-type]
        elif number:
            from ipops.store.db import Database
            from ipops.store.settings import Settings

            with Database(Settings()).session() as s:
                cal = patent_fee_calendar(s, number=number, reduction_percent=reduction)
        else:
            raise IpopsError("请给出专利号，或同时给出 --type、--filed 和 --granted")
    except IpopsError as exc:
        fail(exc.message_zh)
        raise typer.Exit(1) from None
    if as_json:
        print_json(cal.model_dump(mode="json"))
        return
    _print(cal)


def _print(cal: Any) -> None:
    who = f"{cal.app_number} {cal.title or ''}".strip() if cal.app_number else "（未导入的专利）"
    console.print(f"[bold]{who}[/bold]  {cal.patent_type_label}  申请日 {cal.filing_date}  授权 {cal.grant_date}"
                  f"（第 {cal.grant_year} 年度）  期限届满 {cal.expiry}")  # fmt: skip
    table = Table()
    for name in ("年度", "缴费日", "年费", "费减", "应缴", "滞纳期至", "滞纳金5–25%"):
        table.add_column(name, justify="left" if name in ("缴费日", "滞纳期至") else "right")
    for y in cal.years:
        bands = "/".join(f"{b.surcharge:,.0f}" for b in y.late_bands if b.percent) or "无滞纳期"
        reduction = f"{y.reduction_percent:g}%" if y.reduction_percent else "—"
        table.add_row(str(y.year), str(y.due_date), f"{y.amount:,.0f}", reduction, f"{y.payable:,.2f}",
                      str(y.grace_end or "—"), bands)  # fmt: skip
    console.print(table)
    console.print(
        "滞纳金按全额年费计：逾期 1 个月内不收，其后每满 1 个月一档（至缴费日后第 2…6 个月的对应日）；"
        f"授权当年的年费无滞纳期。规则版本 {cal.fee_table_version}（data/fees/annual_fees.toml），"
        "明细见 --json。"
    )
