"""`ipops inputs …`: import the tables the IP office maintains (series, awards, population)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ipops.cli.output import console, fail, print_json, print_row_errors

app = typer.Typer(
    help="Office-maintained inputs: indicator series, award lists, population.", no_args_is_help=True
)


class InputKind(StrEnum):  # as ipops.analytics.inputs.InputKind, kept here so `--help` stays light
    series = "series"
    awards = "awards"
    population = "population"


_KINDS = {"series": "指标数据", "awards": "获奖专利", "population": "年末常住人口"}
KindOpt = Annotated[
    InputKind, typer.Option("--kind", help="series | awards | population", case_sensitive=False)
]


@app.command("import")
def import_cmd(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, readable=True, help="CSV (UTF-8/GBK), XLSX or XLS.")
    ],
    kind: KindOpt,
    as_json: Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")] = False,
) -> None:
    """Import an office table; bad rows are listed with row, column and reason (exit 1 if all fail)."""
    from ipops.analytics.inputs import InputsFileError, import_inputs
    from ipops.ingest.readers.base import FileRejected
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    try:
        with Database(Settings()).session() as s:
            report = import_inputs(s, file, kind=kind.value)
    except (InputsFileError, FileRejected) as error:
        if as_json:
            print_json({"kind": kind.value, "error": str(error)})
        else:
            fail(str(error))
        raise typer.Exit(code=1) from None
    if as_json:
        print_json(report.as_dict())
    else:
        console.print(
            f"导入{_KINDS[report.kind]}：读取 {report.read:,} 行，新增 {report.inserted:,}，更新 {report.updated:,}，"
            f"未变 {report.unchanged:,}，跳过示例 {report.skipped_examples:,}，拒绝 {report.rejected_rows:,} 行"
        )
        if report.ignored_columns:
            console.print(f"未使用的列：{'、'.join(report.ignored_columns)}")
        print_row_errors([(e.row, e.column, e.value, e.reason_zh) for e in report.rejected])
    if report.all_rejected:
        raise typer.Exit(code=1)


@app.command("template")
def template_cmd(
    kind: KindOpt,
    out: Annotated[
        Path, typer.Option("--out", dir_okay=False, help="Template file to write (.xlsx or .csv).")
    ],
) -> None:
    """Write an import template with the headers and one example row (skipped on import)."""
    from ipops.analytics.inputs import InputsFileError, write_template

    try:
        path = write_template(kind.value, out)
    except InputsFileError as error:
        fail(str(error))
        raise typer.Exit(code=1) from None
    console.print(f"已写入{_KINDS[kind.value]}导入模板：{path}")
