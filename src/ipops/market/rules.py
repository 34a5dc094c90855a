"""The packaged marketplace rules (data/market/rules.toml) as typed values.

Every threshold, cap, level and source quote lives in the TOML; the checks only read them, so the
IP office can tune a value (or correct an [ASSUMPTION]) without touching code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

LEVELS = ("error", "warning")
CRITERIA = ("remaining_term", "grade", "ipc_breadth", "claims", "patent_type")  # the sleeping-patent screen


@dataclass(frozen=True)
class Rule:
    """One listing check: its level per deal type (absent: skipped), source and quote."""

    id: str
    levels: dict[str, str]
    source: str  # the official text, shown to users
    quote: str
    confidence: str
    ref: str = ""  # where the research note confirmed it
    extra: dict[str, Any] = field(default_factory=dict)

    def level(self, deal_type: str) -> str | None:
        return self.levels.get(deal_type)


@dataclass(frozen=True)
class Royalty:
    lump_sum_max_wan: Decimal
    rate_max_net_sales_percent: Decimal
    rate_max_profit_percent: Decimal
    explanation_max_chars: int
    applies_to: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class SleepingScreen:
    min_remaining_years: float
    grades: tuple[str, ...]
    min_ipc_subclasses: int
    min_claims: int
    patent_types: tuple[str, ...]
    required: tuple[str, ...]
    high_min_points: int
    medium_min_points: int
    source: str


@dataclass(frozen=True)
class ClassifyRules:
    stopwords: frozenset[str]
    max_ipc: int
    max_industries: int
    min_score: float


@dataclass(frozen=True)
class MarketRules:
    version: str
    rules: dict[str, Rule]
    royalty: Royalty
    sleeping: SleepingScreen
    classify: ClassifyRules

    def rule(self, rule_id: str) -> Rule:
        return self.rules[rule_id]


def _rule(rule_id: str, data: dict[str, Any]) -> Rule:
    levels = {str(k): str(v) for k, v in data.get("levels", {}).items()}
    bad = [v for v in levels.values() if v not in LEVELS]
    if bad:
        raise ValueError(f"market rule {rule_id}: level must be one of {LEVELS}, not {bad[0]!r}")
    known = {"levels", "source", "quote", "confidence", "ref"}
    return Rule(rule_id, levels, str(data.get("source", "")), str(data.get("quote", "")),
                str(data.get("confidence", "")), str(data.get("ref", "")),
                {k: v for k, v in data.items() if k not in known})  # fmt: skip


def parse_rules(data: dict[str, Any]) -> MarketRules:
    """Typed rules from the TOML mapping; ValueError names the faulty entry."""
    r, s, c = data["royalty"], data["sleeping"], data["classify"]
    royalty = Royalty(Decimal(str(r["lump_sum_max_wan"])), Decimal(str(r["rate_max_net_sales_percent"])),
                      Decimal(str(r["rate_max_profit_percent"])), int(r["explanation_max_chars"]),
                      tuple(r.get("applies_to", ["open_licence"])), str(r.get("source", "")))  # fmt: skip
    sleeping = SleepingScreen(float(s["min_remaining_years"]), tuple(s["grades"]), int(s["min_ipc_subclasses"]),
                              int(s["min_claims"]), tuple(s["patent_types"]), tuple(s.get("required", [])),
                              int(s["high_min_points"]), int(s["medium_min_points"]), str(s.get("source", "")))  # fmt: skip
    unknown = set(sleeping.required) - set(CRITERIA)
    if unknown:
        raise ValueError(f"sleeping.required: unknown criteria {sorted(unknown)} (known: {CRITERIA})")
    classify = ClassifyRules(frozenset(c.get("stopwords", [])), int(c["max_ipc"]), int(c["max_industries"]),
                             float(c["min_score"]))  # fmt: skip
    rules = {k: _rule(k, v) for k, v in data.get("rules", {}).items()}
    return MarketRules(str(data.get("version", "")), rules, royalty, sleeping, classify)


def load_rules(path: Path | None = None) -> MarketRules:
    if path is not None:
        return parse_rules(tomllib.loads(path.read_text(encoding="utf-8")))
    return _packaged()


@cache
def _packaged() -> MarketRules:
    text = (resources.files("ipops") / "data" / "market" / "rules.toml").read_text(encoding="utf-8")
    return parse_rules(tomllib.loads(text))
