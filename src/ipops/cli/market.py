"""`ipops market …`: the marketplace's periodic work (recommendation digests)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ipops.cli.output import console, fail, print_json

app = typer.Typer(help="Technology marketplace: recommendation digests.", no_args_is_help=True)


@app.command("digest")
def digest(
    org: Annotated[int | None, typer.Option("--org", help="Only this organisation (id).")] = None,
    day: Annotated[str | None, typer.Option("--date", help="Reference day YYYY-MM-DD (default: today).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")] = False,
) -> None:
    """Make this week's recommendation digest for every organisation with something to recommend.

    Run it from cron (weekly or daily: a week's digest is made once). Firms read them in the web
    inbox (/market/inbox) and export them to XLSX.
    """
    from ipops.market.digests import generate, period_of
    from ipops.search.semantic import semantic_for
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    try:
        today = dt.date.fromisoformat(day) if day else dt.date.today()
    except ValueError:
        fail(f"日期格式应为 YYYY-MM-DD：{day}")
    db = Database(Settings())
    semantic = semantic_for(db.settings)
    if semantic is None:
        fail("语义检索已关闭（semantic_search=false），无法生成推荐简报")
    with db.session() as s:
        made = generate(s, semantic=semantic, today=today, org_id=org)
        result = {"period": period_of(today), "digests": [{"org_id": d.org_id, "items": len(d.items)} for d in made]}
    if as_json:
        print_json(result)
        return
    console.print(f"{result['period']}：生成推荐简报 {len(made)} 份"
                  + "".join(f"\n  机构 #{d['org_id']}：{d['items']} 条" for d in result["digests"]))  # fmt: skip
