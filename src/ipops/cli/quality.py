"""`ipops quality`: the data-quality view of the loaded corpus as Chinese tables (or one JSON object)."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from ipops.cli.output import console, print_json


def quality(
    as_json: Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")] = False,
    top: Annotated[int, typer.Option(help="Unresolved addresses and prefixes to list.")] = 10,
    groups: Annotated[int, typer.Option(help="Warning groups and duplicate-party groups to list.")] = 20,
) -> None:
    """Fill rates, unresolved addresses, unparsed values, likely duplicate parties, status basis."""
    from ipops.quality.service import quality_report
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    with Database(Settings()).session() as s:
        report = quality_report(s, top=top, group_limit=groups)
    if as_json:
        print_json(report.model_dump(mode="json"))
        return
    _print_report(report)


_TEXT_COLUMNS = {"字段", "类别", "来源", "地址", "列", "原因", "级别", "示例", "名称"}


def _table(title: str, *columns: str) -> Table:
    """A table whose title is printed on its own line (rich would wrap it to the table's width)."""
    console.print(f"\n[bold]{title}[/bold]")
    table = Table()
    for name in columns:
        table.add_column(name, justify="left" if name in _TEXT_COLUMNS else "right")
    return table


def _print_report(r: Any) -> None:
    console.print(f"[bold]数据质量[/bold]：专利 {r.total_patents:,} 件")
    fills = _table("字段填充率", "字段", "已填", "占比")
    for f in r.fields:
        fills.add_row(f.label, f"{f.filled:,}", f"{f.percent:.1f}%")
    console.print(fills)
    _print_address(r.address)
    _print_unparsed(r.unparsed)
    _print_parties(r.parties)
    basis = _table(
        f"法律状态来源（演示数据 {r.status.demo:,} 件，{r.status.demo_percent:.1f}%）",
        "来源",
        "件数",
        "占比",
        "其中演示",
    )
    for b in r.status.by_basis:
        basis.add_row(b.label, f"{b.count:,}", f"{b.percent:.1f}%", f"{b.demo:,}")
    console.print(basis)


def _print_address(a: Any) -> None:
    title = (
        f"地址解析（未到地市 {a.unresolved_city:,} 件，{a.unresolved_percent:.1f}%；其中国外 {a.foreign:,}）"
    )
    buckets = _table(title, "类别", "件数", "占比")
    for b in a.buckets:
        buckets.add_row(b.label, f"{b.count:,}", f"{b.percent:.1f}%")
    console.print(buckets)
    if a.home:
        console.print(
            f"{a.home.name}：{a.home.total:,} 件，解析到地市 {a.home.resolved_city:,} 件（{a.home.percent:.1f}%）"
        )
    if a.top_addresses:
        samples = _table("未解析到地市的国内地址（最常见）", "地址", "件数")
        for s in a.top_addresses:
            samples.add_row(s.text, f"{s.count:,}")
        console.print(samples)
    prefixes = "、".join(f"{p.text}（{p.count:,}）" for p in a.top_prefixes)
    console.print(f"未到地市的地址开头：{prefixes or '无'}")


def _print_unparsed(u: Any) -> None:
    table = _table(f"未能解析的值（警告 {u.warnings:,}，拒绝 {u.errors:,}，{u.runs} 个文件的最新导入）",
                   "列", "原因", "级别", "次数", "示例")  # fmt: skip
    for g in u.groups:
        table.add_row(
            g.column or "-",
            g.reason,
            "拒绝" if g.severity == "error" else "警告",
            f"{g.count:,}",
            "、".join(g.examples),
        )
    console.print(table if u.groups else "无")


def _print_parties(p: Any) -> None:
    title = f"疑似重复的申请人（{p.total_groups:,} 组，涉及 {p.parties_involved:,} 个机构；共检查 {p.scanned:,} 个机构）"
    table = _table(title, "名称", "专利", "原因")
    for g in p.groups:
        for i, v in enumerate(g.parties):
            table.add_row(
                ("" if i == 0 else "  ") + v.name,
                f"{v.patents:,}",
                "、".join(g.reason_labels) if i == 0 else "",
            )
        table.add_section()
    console.print(table if p.groups else "无")
