"""`ipops index`, `ipops search`, `ipops export`: the full-text index and fielded search from the shell."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ipops.cli.output import console, print_json, progress_counter

JsonOpt = Annotated[bool, typer.Option("--json", help="Print one machine-readable JSON object.")]
QueryArg = Annotated[
    str, typer.Argument(help='Query, e.g. "锂电池 负极" or "名称=电池 AND IPC=H01M AND 申请日=2016".')
]


def _database() -> Any:
    from ipops.store.db import Database
    from ipops.store.settings import Settings

    return Database(Settings())


ModeOpt = Annotated[
    str | None,
    typer.Option("--mode", help="keyword (BM25) | semantic | hybrid (default when vectors exist)."),
]
TextOpt = Annotated[
    str | None,
    typer.Option("--text", help="A paragraph to search by meaning; QUERY (may be \"\") then only filters."),
]


def _semantic(db: Any) -> Any:
    from ipops.search.semantic import semantic_for

    return semantic_for(db.settings)


RANKED_BY_ZH = {"bm25": "按关键词相关度排序", "date": "按申请日排序", "semantic": "按语义相似度排序",
                "hybrid": "按关键词与语义融合排序"}  # fmt: skip


def refresh_index(db: Any, *, quiet: bool) -> Any:
    """Bring the full-text and vector indexes up to date (only new or changed patents); used after imports."""
    from ipops.search.indexer import build

    with progress_counter("更新检索索引", enabled=not quiet) as tick:
        return build(db.sessions, progress=tick, semantic=_semantic(db))


def index(
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Drop the index and rebuild it from every patent.")
    ] = False,
    as_json: JsonOpt = False,
) -> None:
    """Build or update the full-text and semantic indexes (incremental: only new or changed patents)."""
    from ipops.search.indexer import build

    db = _database()
    with progress_counter("重建检索索引" if rebuild else "更新检索索引", enabled=not as_json) as tick:
        report = build(db.sessions, rebuild=rebuild, progress=tick, semantic=_semantic(db))
    if as_json:
        print_json(report.as_dict())
        return
    rate = report.indexed / report.seconds if report.seconds else 0
    console.print(f"已索引 {report.indexed:,} 件（库中共 {report.total_patents:,} 件），用时 {report.seconds:.1f} 秒"
                  + (f"，{rate:,.0f} 件/秒" if report.indexed else "，索引已是最新"))  # fmt: skip
    if report.encoder:
        console.print(f"语义向量：新算 {report.embedded:,} 件，用时 {report.embed_seconds:.1f} 秒；"
                      f"近邻索引 {report.vectors_indexed:,} 件（{report.encoder}）")  # fmt: skip


def search(
    query: QueryArg,
    limit: Annotated[int, typer.Option(help="Hits to show.", min=1, max=1000)] = 20,
    mode: ModeOpt = None,
    text: TextOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Search patents with the fielded query language (see docs/search.md), by keyword, meaning or both."""
    from ipops.search.service import search as run_search

    db = _database()
    with db.session() as s:
        page = run_search(s, query=query, text=text, mode=mode, semantic=_semantic(db), limit=limit,
                          facets=() if not as_json else ("year", "patent_type", "ipc"))  # fmt: skip
    if as_json:
        print_json(page.model_dump(mode="json"))
        return
    console.print(f"共 {page.total:,} 件（{RANKED_BY_ZH.get(page.ranked_by, page.ranked_by)}）")
    for hit in page.hits:
        console.print(
            f"  {hit.app_number}  {hit.app_date or '—'}  {hit.title}  [dim]{hit.applicants or ''}[/dim]"
        )


def export(
    query: QueryArg,
    out: Annotated[Path, typer.Option("--out", help="Target file: .xlsx or .csv.", dir_okay=False)],
    mode: ModeOpt = None,
    text: TextOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export every hit of a query to XLSX or CSV (the whole result set, never cut)."""
    from ipops.search.service import export as run_export

    db = _database()
    with db.session() as s, progress_counter("导出", enabled=not as_json) as tick:
        rows = run_export(s, query=query, text=text, mode=mode, semantic=_semantic(db), path=out, progress=tick)
    if as_json:
        print_json({"rows": rows, "path": str(out)})
    else:
        console.print(f"已导出 {rows:,} 件到 {out}")
