"""`ipops grade`: grade every patent (stored for filtering by grade) or explain one."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import typer

from ipops.cli.output import console, fail, print_json, progress_counter


def grade(
    number: Annotated[str | None, typer.Option("--number", help="Explain one patent (any number form) instead of grading all.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=0, help="How many of the highest-scoring patents to list.")] = 20,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Valuation date YYYY-MM-DD (with --number; default today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")] = False,
) -> None:
    """Grade patents A–D (专利分级与价值评估, GB/T 42748 dimensions; weights in data/valuation/weights.toml)."""
    from ipops.domain.errors import IpopsError
    from ipops.store.db import Database
    from ipops.store.settings import Settings
    from ipops.valuation.service import grade_all, value_patent

    db = Database(Settings())
    try:
        with db.session() as session:
            if number:
                day = dt.date.fromisoformat(as_of) if as_of else None
                valuation = value_patent(session, number=number, as_of=day)
                _print_one(valuation.model_dump(mode="json"), as_json)
                return
            with progress_counter("评分", enabled=not as_json) as tick:
                report = grade_all(session, top=limit, progress=tick)
    except (IpopsError, ValueError) as exc:
        fail(str(exc))
        raise typer.Exit(code=1) from None
    if as_json:
        print_json(report.as_dict())
        return
    dist = "，".join(f"{g} 级 {n:,}" for g, n in report.by_grade.items())
    console.print(f"已评分 {report.graded + report.ungraded:,} 件：{dist}；数据不足未定级 {report.ungraded:,}")
    for row in report.top:
        console.print(f"  {row['grade'] or '—'}  {row['score']:>5.1f}  {row['app_number']}  {row['title']}")


def _print_one(v: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print_json(v)
        return
    score = "—" if v["score"] is None else f"{v['score']:.1f}"
    console.print(f"{v['app_number']} {v['title']}：总分 {score}，{v['grade'] or '—'}（{v['grade_label']}）")
    for d in v["dimensions"]:
        console.print(f"  {d['name']}：{'—' if d['score'] is None else d['score']}")
    for i in v["indicators"]:
        score_text = "缺数据" if i["score"] is None else f"{i['score']:.1f} × {i['effective_weight'] * 100:.1f}%"
        console.print(f"    {i['name']}：{i['raw_label']} → {score_text}")
    console.print(v["explanation"])
