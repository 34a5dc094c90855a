"""`ipops quality`: Chinese tables for people, one JSON object with --json."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from ipops.cli.main import app
from ipops.store.db import Database
from tests.quality.corpus import load_corpus

runner = CliRunner()


def _env(db: Database) -> dict[str, str]:
    return {"IPOPS_DATABASE_URL": db.settings.database_url, "IPOPS_DEMO_ON_EMPTY": "false", "COLUMNS": "140"}


def test_quality_json_and_tables(db: Database, tmp_path: Path) -> None:
    load_corpus(db, tmp_path)
    result = runner.invoke(app, ["quality", "--json"], env=_env(db))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["total_patents"] == 490
    assert body["fields"][0] == {
        "key": "title",
        "label": "名称",
        "filled": 490,
        "total": 490,
        "percent": 100.0,
    }
    assert body["address"]["home"]["percent"] == 98.2
    text = runner.invoke(app, ["quality"], env=_env(db)).stdout
    assert "字段填充率" in text and "100.0%" in text
    assert "山东省：56 件，解析到地市 55 件（98.2%）" in text
    assert "邮编应为 6 位数字" in text and "西门子（中国）有限公司" in text
