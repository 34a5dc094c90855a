"""The rule file: every check has an entry with source, quote and confidence; the values parse."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from ipops.market.checks import CHECKS
from ipops.market.rules import load_rules


def test_every_check_has_a_sourced_entry() -> None:
    rules = load_rules()
    assert set(rules.rules) == set(CHECKS)
    for rule in rules.rules.values():
        assert rule.source.startswith("《") and rule.quote and rule.confidence and rule.ref, rule.id
        assert set(rule.levels) <= {"transfer", "licence", "open_licence"}, rule.id


def test_the_guidance_caps_of_rules_section_4() -> None:
    r = load_rules().royalty
    assert (r.lump_sum_max_wan, r.rate_max_net_sales_percent, r.rate_max_profit_percent) == (
        Decimal(2000),
        20,
        40,
    )
    assert r.explanation_max_chars == 2000 and r.applies_to == ("open_licence",)


def test_a_bad_level_is_refused(tmp_path: Path) -> None:
    text = (Path(__file__).parents[2] / "src/ipops/data/market/rules.toml").read_text(encoding="utf-8")
    bad = tmp_path / "rules.toml"
    old = '[rules.royalty_caps]\nlevels = { open_licence = "warning" }'
    assert old in text
    bad.write_text(
        text.replace(old, '[rules.royalty_caps]\nlevels = { open_licence = "fatal" }'), encoding="utf-8"
    )
    with pytest.raises(ValueError, match="royalty_caps"):
        load_rules(bad)
