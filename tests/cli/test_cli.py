"""The `ipops` command, driven through Typer's runner against the test databases."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from ipops.cli.main import app
from ipops.store.db import Database
from tests.factories import make_record, save

runner = CliRunner()


def _env(db: Database) -> dict[str, str]:
    return {"IPOPS_DATABASE_URL": db.settings.database_url, "IPOPS_DEMO_ON_EMPTY": "false"}


def test_init_is_repeatable_and_reports_json(db: Database) -> None:
    result = runner.invoke(app, ["init", "--json"], env=_env(db))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["schema"] == body["schema_before"]  # already at head: nothing to apply
    assert body["refdata_loaded"] == {}  # already loaded by the fixture: nothing changed


def test_info_json_counts_tables(db: Database) -> None:
    save(db, make_record())
    result = runner.invoke(app, ["info", "--json"], env=_env(db))
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout)
    assert body["engine"] == db.dialect
    assert body["counts"]["patent"] == 1
    assert body["counts"]["region"] > 3000
    assert body["counts"]["ipc_class"] > 70000
    assert body["newest"]["app_date"] == "2016-11-25"
