"""`ipops index`, `ipops search`, `ipops export`, and `ipops import` refreshing the index."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from typer.testing import CliRunner

from ipops.cli.main import app
from ipops.store.db import Database
from tests.fixture_files import EXCERPT

runner = CliRunner()


def _invoke(db: Database, *args: str | Path) -> Any:
    env = {"IPOPS_DATABASE_URL": db.settings.database_url, "IPOPS_DEMO_ON_EMPTY": "false", "COLUMNS": "200"}
    return runner.invoke(app, [str(a) for a in args], env=env)


def test_search_json_and_text(corpus: Database) -> None:
    result = _invoke(corpus, "search", "名称=石墨烯 AND 名称=制备", "--json", "--limit", "3")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["total"] >= 5 and len(body["hits"]) == 3 and body["next_cursor"]
    text = _invoke(corpus, "search", "申请号=201610429360.2")
    assert "燃料电池以及燃料电池的控制方法" in text.stdout and "共 1 件" in text.stdout


def test_search_syntax_error_exits_non_zero_with_the_position(corpus: Database) -> None:
    result = _invoke(corpus, "search", "名称=(石墨烯")
    assert result.exit_code != 0
    assert "检索式第 4 个字符处" in str(result.exception)


def test_export_xlsx_holds_every_hit(corpus: Database, tmp_path: Path) -> None:
    out = tmp_path / "graphene.xlsx"
    result = _invoke(corpus, "export", "石墨烯 OR IPC=H01M", "--out", out, "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout.strip().splitlines()[-1])["rows"]
    total = json.loads(_invoke(corpus, "search", "石墨烯 OR IPC=H01M", "--json").stdout)["total"]
    lines = list(load_workbook(out, read_only=True).active.iter_rows(values_only=True))
    assert rows == total == len(lines) - 1 > 20


def test_import_updates_the_index_unless_told_not_to(db: Database) -> None:
    result = _invoke(db, "import", EXCERPT, "--no-index", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(_invoke(db, "search", "机器人 分拣", "--json").stdout)["total"] == 0
    index = json.loads(_invoke(db, "index", "--json").stdout)
    assert (index["indexed"], index["total_patents"]) == (199, 199)
    assert json.loads(_invoke(db, "search", "机器人 分拣", "--json").stdout)["total"] == 1
    rebuilt = json.loads(_invoke(db, "index", "--rebuild", "--json").stdout)
    assert (rebuilt["indexed"], rebuilt["rebuilt"]) == (199, True)


def test_import_refreshes_the_index(db: Database) -> None:
    assert _invoke(db, "import", EXCERPT).exit_code == 0
    assert json.loads(_invoke(db, "index", "--json").stdout)["indexed"] == 0  # already done by import
    assert json.loads(_invoke(db, "search", "机器人 分拣", "--json").stdout)["total"] == 1
