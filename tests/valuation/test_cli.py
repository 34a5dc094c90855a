"""`ipops grade`: grading every patent, and explaining one."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ipops.cli.main import app
from ipops.store.db import Database
from tests.analytics import indicator_data

runner = CliRunner()


def _env(db: Database) -> dict[str, str]:
    return {"IPOPS_DATABASE_URL": db.settings.database_url, "IPOPS_DEMO_ON_EMPTY": "false"}


def test_grade_all_as_json(db: Database) -> None:
    indicator_data.load(db)
    result = runner.invoke(app, ["grade", "--json", "--limit", "3"], env=_env(db))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["graded"] + body["ungraded"] == 32 and set(body["by_grade"]) == {"A", "B", "C", "D"}
    assert len(body["top"]) == 3 and body["top"][0]["score"] >= body["top"][-1]["score"]


def test_grade_one_patent(db: Database) -> None:
    numbers = indicator_data.load(db)
    result = runner.invoke(app, ["grade", "--number", numbers["J2"], "--as-of", "2026-12-04", "--json"], env=_env(db))
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["grade"] == "C"
    text = runner.invoke(app, ["grade", "--number", numbers["J2"], "--as-of", "2026-12-04"], env=_env(db))
    assert text.exit_code == 0 and "总分 58.7" in text.stdout and "许可次数" in text.stdout


def test_unknown_patent_fails_in_chinese(db: Database) -> None:
    result = runner.invoke(app, ["grade", "--number", "CN201799999999.X"], env=_env(db))
    assert result.exit_code == 1 and "未找到专利" in result.output
