"""`ipops inputs import|template`: counts, first errors, exit code 1 when every row fails."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from ipops.cli.main import app
from ipops.store.db import Database
from ipops.store.schema.analytics import IndicatorInput

runner = CliRunner()


def _env(db: Database) -> dict[str, str]:
    return {"IPOPS_DATABASE_URL": db.settings.database_url, "IPOPS_DEMO_ON_EMPTY": "false", "COLUMNS": "160"}


def test_template_then_import(db: Database, tmp_path: Path) -> None:
    out = tmp_path / "series.xlsx"
    result = runner.invoke(app, ["inputs", "template", "--kind", "series", "--out", str(out)], env=_env(db))
    assert result.exit_code == 0, result.output
    assert out.is_file() and "导入模板" in result.stdout
    result = runner.invoke(app, ["inputs", "import", str(out), "--kind", "series", "--json"], env=_env(db))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["read"], body["skipped_examples"], body["rejected"]) == (1, 1, [])


def test_import_prints_counts_and_errors(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "s.csv"
    path.write_text(
        "指标,地区,期间,数值\n有效注册商标量,烟台市,2025,180000\n有效注册商标量,烟台市,2025Q9,1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["inputs", "import", str(path), "--kind", "series"], env=_env(db))
    assert result.exit_code == 0, result.output
    assert "新增 1" in result.stdout and "拒绝 1 行" in result.stdout
    assert "第 3 行 [期间] 2025Q9：期间格式应为 2025、2025Q3、2025H1 或 2025-06" in result.stdout
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(IndicatorInput)) == 1


def test_every_row_rejected_exits_1(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "申请号,奖项,年度\n123,中国专利奖,2024\nCN201410000511.3,省专利奖,2024\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["inputs", "import", str(path), "--kind", "awards", "--json"], env=_env(db))
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["rejected_rows"] == 2 and {e["row"] for e in body["rejected"]} == {2, 3}


def test_missing_column_and_bad_kind(db: Database, tmp_path: Path) -> None:
    path = tmp_path / "p.csv"
    path.write_text("地区,年份\n烟台市,2024\n", encoding="utf-8")
    result = runner.invoke(app, ["inputs", "import", str(path), "--kind", "population"], env=_env(db))
    assert result.exit_code == 1 and "找不到表头" in result.output
    result = runner.invoke(app, ["inputs", "import", str(path), "--kind", "patents"], env=_env(db))
    assert result.exit_code == 2
