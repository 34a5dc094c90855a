"""`ipops bulletin`: the periodic 知识产权数据通报 as DOCX or PDF."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipops.cli.output import console, fail


def bulletin(
    region: Annotated[str, typer.Option(help="NBS 6-digit region code: 370000 山东省, 370600 烟台市.")],
    period: Annotated[str, typer.Option(help="2025, 2025H1, 2025Q3, 2025-06 or 2025-06-30.")],
    fmt: Annotated[str, typer.Option("--format", help="docx or pdf.")] = "pdf",
    out: Annotated[Path | None, typer.Option(help="Output file (default: the bulletin's name in the current folder).")] = None,
) -> None:
    """Generate a 知识产权数据通报 (tables, charts, 环比/同比, target progress)."""
    from ipops.analytics.periods import parse_period
    from ipops.analytics.rules import IndicatorRules
    from ipops.domain.errors import IpopsError
    from ipops.reports.bulletin import generate_bulletin
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    if fmt not in ("docx", "pdf"):
        fail("--format 只能是 docx 或 pdf")
    db = Database(Settings())
    try:
        with db.session() as session:
            body, name = generate_bulletin(session, rules=IndicatorRules.from_settings(db.settings),
                                           region_code=region, period=parse_period(period), fmt=fmt)  # fmt: skip
    except IpopsError as exc:
        fail(str(exc))
    target = out or Path(name)
    target.write_bytes(body)
    console.print(f"已生成 {target}（{len(body) / 1024:,.0f} KB）")
