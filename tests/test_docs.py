"""Documentation stays true: every setting and every command is documented."""

from __future__ import annotations

from pathlib import Path

import typer.main

from ipops.cli.main import app
from ipops.store.settings import Settings

DOCS = Path(__file__).parents[1] / "docs"


def test_every_setting_has_a_heading() -> None:
    text = (DOCS / "settings.md").read_text(encoding="utf-8")
    missing = [name for name in Settings.model_fields if f"## {name}\n" not in text]
    assert missing == []


def test_every_command_is_in_the_cli_reference() -> None:
    text = (DOCS / "cli.md").read_text(encoding="utf-8")
    group = typer.main.get_group(app)
    missing = [name for name in group.commands if f"## ipops {name}" not in text]
    assert missing == []


def test_readme_names_the_two_commands() -> None:
    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme
    ci = (DOCS.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci
