"""`ipops import` and `ipops demo` through Typer's runner, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from ipops.cli.main import app
from ipops.store.db import Database
from ipops.store.schema import ImportRun, Patent
from tests.fixture_files import CN_BIBS_XML, CN_TRUNCATED_XML, EXCERPT, bibs_slice, corrupt_copy

runner = CliRunner()
# an in-house header no vendor profile knows, for --mapping
IN_HOUSE = {"申请号": "档案编码", "申请日": "受理时间点", "名称": "案卷题目", "申请人(第一)": "委托方"}


def _env(db: Database) -> dict[str, str]:
    return {"IPOPS_DATABASE_URL": db.settings.database_url, "IPOPS_DEMO_ON_EMPTY": "false", "COLUMNS": "200"}


def _invoke(db: Database, *args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args], env=_env(db))


def _count(db: Database, *where: Any) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(Patent).where(*where)) or 0)


def test_import_json_is_one_object_with_the_counts_and_run_id(db: Database) -> None:
    result = _invoke(db, "import", EXCERPT, "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)  # the whole of stdout: exactly one JSON object
    counts = {k: body[k] for k in ("read", "inserted", "updated", "unchanged", "rejected")}
    assert counts == {"read": 200, "inserted": 199, "updated": 1, "unchanged": 0, "rejected": 0}
    with db.session() as s:
        assert s.get(ImportRun, body["run_id"]).status == body["status"] == "finished"
    again = json.loads(_invoke(db, "import", EXCERPT, "--json").stdout)
    assert (again["inserted"], again["updated"], again["unchanged"]) == (0, 0, 200)


def test_rejected_rows_are_listed_and_do_not_fail_the_command(db: Database, tmp_path: Path) -> None:
    result = _invoke(db, "import", corrupt_copy(tmp_path / "bad.csv"))
    assert result.exit_code == 0, result.output
    assert "拒绝 2" in result.stdout and "警告 2" in result.stdout
    assert "第 20 行 [申请号]" in result.stdout and "校验位应为 7" in result.stdout
    body = json.loads(_invoke(db, "import", tmp_path / "bad.csv", "--json").stdout)
    assert [(e["row_number"], e["column"]) for e in body["errors"]] == [(20, "申请号"), (40, "申请号")]


@pytest.mark.parametrize("path", [EXCERPT, CN_BIBS_XML], ids=["csv", "xml"])
def test_an_unknown_profile_is_a_clear_error(db: Database, path: Path) -> None:
    result = _invoke(db, "import", path, "--profile", "vendorx")
    assert result.exit_code == 1
    assert "未知的表头配置“vendorx”" in result.stdout and "patsnap" in result.stdout
    assert _count(db) == 0


def test_a_truncated_file_fails_with_its_reason(db: Database) -> None:
    result = _invoke(db, "import", CN_TRUNCATED_XML, "--json")
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["status"] == "failed" and "截断" in body["message"] and body["read"] == 0


def test_a_download_cut_short_keeps_what_was_read_and_exits_non_zero(db: Database, tmp_path: Path) -> None:
    whole = bibs_slice(tmp_path / "whole.csv.xz", 3000).read_bytes()
    cut = tmp_path / "cut.csv.xz"
    cut.write_bytes(whole[: len(whole) // 2])
    result = _invoke(db, "import", cut, "--json")  # the command reads ahead in a second process
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert body["status"] == "failed" and body["read"] > 0 and "不完整或已损坏" in body["message"]
    assert _count(db) == body["inserted"] > 0  # the rows before the break are saved, as the message says


def _in_house_copy(target: Path) -> Path:
    with EXCERPT.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    rows[0] = [IN_HOUSE.get(h, h) for h in rows[0]]
    with target.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return target


def test_a_mapping_file_names_the_columns(db: Database, tmp_path: Path) -> None:
    data = _in_house_copy(tmp_path / "in_house.csv")
    assert "找不到申请号列" in _invoke(db, "import", data).stdout  # no profile knows these headers
    mapping = tmp_path / "mapping.toml"
    mapping.write_text("\n".join(f'{f} = "{h}"' for f, h in [("app_number", "档案编码"), ("app_date", "受理时间点"),
                       ("title", "案卷题目"), ("applicants", "委托方")]), encoding="utf-8")  # fmt: skip
    result = _invoke(db, "import", data, "--mapping", mapping, "--json")
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert (body["read"], body["inserted"], body["rejected"]) == (200, 199, 0)  # the A/B pair merges by number
    assert {c["header"]: c["field"] for c in body["mapping"]["columns"]}["档案编码"] == "app_number"
    with db.session() as s:
        title = s.scalar(select(Patent.title).where(Patent.app_number == "CN201611067191.9"))
    assert title == "一种可扩展的用户提示信息定义方法及系统"


def test_demo_loads_and_purge_removes_only_demo_content(db: Database) -> None:
    loaded = json.loads(_invoke(db, "demo", "--json").stdout)
    assert loaded["status"] == "finished" and loaded["rejected"] == 0
    assert _count(db, Patent.is_demo.is_(True)) == _count(db) == loaded["inserted"] > 10_000
    mine = json.loads(_invoke(db, "import", EXCERPT, "--json").stdout)
    assert mine["unchanged"] > 0  # Shandong rows of the excerpt are demo rows too: now they are the user's
    demo_left = _count(db, Patent.is_demo.is_(True))
    assert demo_left < loaded["inserted"]
    purged = json.loads(_invoke(db, "demo", "--purge", "--json").stdout)
    assert (purged["patents"], purged["import_runs"]) == (demo_left, 1)
    assert _count(db) == 199 and _count(db, Patent.is_demo.is_(True)) == 0
    with db.session() as s:
        assert s.scalars(select(ImportRun.file_name)).all() == ["excerpt_utf8.csv"]
