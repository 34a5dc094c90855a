"""Console output shared by commands: JSON, errors, progress."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False)


def print_json(data: Any) -> None:
    """One JSON object on stdout (dates ISO, Decimals as strings)."""
    sys.stdout.write(orjson.dumps(data, default=str, option=orjson.OPT_NON_STR_KEYS).decode() + "\n")


def fail(message: str) -> None:
    err_console.print(f"[red]错误：[/red]{message}")


@contextmanager
def progress_counter(label: str, *, enabled: bool) -> Iterator[Callable[[int], None]]:
    """A progress display fed with 'rows so far' (totals are unknown while streaming)."""
    if not enabled:
        yield lambda _n: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
               TextColumn("{task.completed:,} 行"), TimeElapsedColumn())  # fmt: skip
    with Progress(*columns, console=err_console, transient=False) as progress:
        task = progress.add_task(label, total=None)
        yield lambda n: progress.update(task, completed=n)


def print_row_errors(errors: list[tuple[object, object, object, object]], *, limit: int = 20) -> None:
    """Rejected rows as users see them in Excel: 第 N 行 [列] 值：原因 (the first `limit`, then a count)."""
    for row, column, value, reason in errors[:limit]:
        console.print(f"  第 {row} 行 [{column or '-'}] {value or ''}：{reason}")
    if len(errors) > limit:
        console.print(f"  …… 另有 {len(errors) - limit} 处错误（--json 列出全部）")
