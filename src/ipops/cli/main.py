"""The `ipops` command. Each command parses options, calls one admin/ingest function, prints.

Heavy modules are imported inside commands so `ipops --help` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from ipops.cli import custody as custody_cli
from ipops.cli import indicators as indicators_cli
from ipops.cli import inputs, quality, reports, users
from ipops.cli import market as market_cli
from ipops.cli import search as search_cli
from ipops.cli import valuation as valuation_cli
from ipops.cli.output import console, fail, print_json, print_row_errors, progress_counter

app = typer.Typer(help="IPOps 区域知识产权运营公共服务平台 — command line.", no_args_is_help=True, add_completion=False)
demo_app = typer.Typer(help="Demo corpus (real CNIPA records, flagged as demo).", invoke_without_command=True)
app.add_typer(demo_app, name="demo")
app.add_typer(users.app, name="user")
app.add_typer(inputs.app, name="inputs")
app.add_typer(indicators_cli.app, name="indicators")
app.add_typer(market_cli.app, name="market")
app.command("bulletin")(reports.bulletin)
app.command("grade")(valuation_cli.grade)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")]


def _database() -> Any:
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    return Database(Settings())


@app.command()
def init(
    force: Annotated[bool, typer.Option(help="Reload every reference dataset, changed or not.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Create or upgrade the database and load the bundled reference data."""
    from ipops.admin.init import initialise

    db = _database()
    result = initialise(db, force_refdata=force, on_dataset=None if as_json else _say_loading)
    if as_json:
        print_json(result)
    else:
        console.print(f"数据库已就绪 (schema {result['schema']})，参考数据载入：{result['refdata_loaded'] or '无变化'}")


def _refresh_derived(db: Any, *, quiet: bool) -> None:
    """After any import: the search index and the indicator facts (orchestration lives above ingest)."""
    search_cli.refresh_index(db, quiet=quiet)
    indicators_cli.refresh_facts(db, quiet=quiet)


def _say_loading(name: str) -> None:
    console.print(f"载入参考数据 {name} …")


@app.command()
def info(as_json: JsonOpt = False) -> None:
    """Counts per table, newest dates, database location and engine."""
    from ipops.admin.info import collect_info

    data = collect_info(_database())
    if as_json:
        print_json(data)
        return
    console.print(f"数据库 {data['database']}  引擎 {data['engine']}  schema {data['schema_revision']}")
    for name, count in data["counts"].items():
        console.print(f"  {name:<22} {count:>12,}")
    console.print(f"演示专利 {data['demo_patents']:,}；最新日期 {data['newest']}")


@app.command("import")
def import_file(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, readable=True)],
    profile: Annotated[str | None, typer.Option(help="Header profile name (see docs/import-format.md).")] = None,
    mapping: Annotated[Path | None, typer.Option(help="TOML/JSON file mapping fields to column headers.")] = None,
    no_index: Annotated[bool, typer.Option("--no-index", help="Skip updating the search index (run `ipops index` later).")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Import a patent file (canonical CSV/JSONL, vendor exports, CNIPA/USPTO/WIPO XML)."""
    from ipops.ingest.importer import run_import

    db = _database()
    with progress_counter("导入", enabled=not as_json) as tick:
        report = run_import(db.sessions, file, profile=profile, mapping_file=mapping,
                            batch_size=db.settings.import_batch_size, progress=tick,
                            read_ahead=db.settings.import_read_ahead)  # fmt: skip
    if report.changed_ids and not no_index:
        _refresh_derived(db, quiet=as_json)
    if as_json:
        print_json(report.as_dict())
    else:
        _print_report(report)
    if report.status != "finished":
        raise typer.Exit(code=1)


def _print_report(report: Any) -> None:
    console.print(
        f"导入 #{report.run_id} {report.status}: 读取 {report.read:,}，新增 {report.inserted:,}，更新 {report.updated:,}，"
        f"未变 {report.unchanged:,}，拒绝 {report.rejected:,}，警告 {report.warnings:,}（{report.seconds:.1f} 秒）"
    )
    if report.message:
        console.print(f"[red]{report.message}[/red]")
    print_row_errors([(e["row_number"], e["column"], e["value"], e["reason"]) for e in report.errors])


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Listen address (default from settings).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (default from settings).")] = None,
    no_demo: Annotated[bool, typer.Option("--no-demo", help="Do not load the demo corpus into an empty database.")] = False,
) -> None:
    """Initialise if needed, load the demo corpus into an empty database, and serve the web site."""
    import uvicorn

    from ipops.admin.demo import ensure_demo
    from ipops.admin.init import initialise
    from ipops.jobs.imports import start_warm_up
    from ipops.web.app import create_app

    db = _database()
    initialise(db, on_dataset=_say_loading)
    if not no_demo:
        with progress_counter("载入演示数据", enabled=True) as tick:
            demo = ensure_demo(db, progress=tick)
        if demo is not None:
            _print_report(demo)
    _refresh_derived(db, quiet=False)
    _ensure_first_admin(db)
    settings = db.settings
    console.print(f"IPOps 运行于 http://{host or settings.host}:{port or settings.port}")
    start_warm_up(db)  # the indicator cache fills in the background while the server starts
    uvicorn.run(create_app(settings, database=db), host=host or settings.host, port=port or settings.port, log_level="info")


def _ensure_first_admin(db: Any) -> None:
    """A fresh installation gets one IP-office administrator with a random password, shown once."""
    import secrets

    from ipops.accounts.roles import OrgKind
    from ipops.accounts.service import create_user, get_or_create_organisation, has_users

    with db.session() as s:
        if has_users(s):
            return
        password = secrets.token_urlsafe(12)
        org = get_or_create_organisation(s, name="知识产权局（初始管理员）", kind=OrgKind.ip_office)
        create_user(s, username="admin", password=password, organisation=org, display_name="管理员")
    console.print(f"[bold]已创建初始管理员：用户名 admin，密码 {password}[/bold]（仅显示一次，请登录后妥善保管）")


@demo_app.callback()
def demo(
    ctx: typer.Context,
    purge: Annotated[bool, typer.Option("--purge", help="Remove all demo content.")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Load the demo corpus (or remove it with --purge)."""
    if ctx.invoked_subcommand:
        return
    from ipops.admin.demo import load_demo, purge_demo

    db = _database()
    if purge:
        result = purge_demo(db)
        if as_json:
            print_json(result)
        else:
            console.print(f"已删除演示数据：{result}")
        return
    with progress_counter("载入演示数据", enabled=not as_json) as tick:
        report = load_demo(db, progress=tick)
    _refresh_derived(db, quiet=as_json)
    if as_json:
        print_json(report.as_dict())
    else:
        _print_report(report)


app.command("quality")(quality.quality)
app.command("index")(search_cli.index)
app.command("search")(search_cli.search)
app.command("export")(search_cli.export)
app.command("fees")(custody_cli.fees)


def main() -> None:  # pragma: no cover - console entry point
    try:
        app()
    except Exception as exc:  # a clear one-line error, never a traceback for users
        fail(str(exc))
        sys.exit(1)


