"""The rule values an evaluation uses: high-value category sets by year and the open thresholds.

Category sets come from `data/indicators/high_value.toml`; thresholds the official texts leave
open are settings (docs/settings.md, `hv_*`). `IndicatorRules` gathers both so that every
function takes one explicit argument, and its fingerprint tells when derived facts are stale.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Any

from ipops.refdata.load import read_toml
from ipops.store.settings import Settings


@dataclass(frozen=True)
class HighValueCategory:
    id: str
    name: str
    reason: str  # template with {detail}, {years}, {threshold}


@dataclass(frozen=True)
class CategoryPeriod:
    from_year: int
    categories: tuple[str, ...]
    source: str


@cache
def _high_value_file() -> dict[str, Any]:
    return read_toml("indicators/high_value.toml")


@cache
def high_value_categories() -> dict[str, HighValueCategory]:
    return {c["id"]: HighValueCategory(c["id"], c["name"], c["reason"]) for c in _high_value_file()["category"]}


def _periods() -> tuple[CategoryPeriod, ...]:
    rows = sorted(_high_value_file()["period"], key=lambda p: p["from_year"])
    return tuple(CategoryPeriod(p["from_year"], tuple(p["categories"]), p.get("source", "")) for p in rows)


@dataclass(frozen=True)
class IndicatorRules:
    pledge_threshold_10k: Decimal = Decimal(1000)
    maintained_years: int = 10
    award_levels_excluded: tuple[str, ...] = ()
    categories_override: tuple[str, ...] | None = None
    sei_keyword_rules: str = "ipc_only"
    population_fallback_years: int = 1
    cache_size: int = 0  # grids kept in memory (0: none); the web app and CLI take it from settings

    @classmethod
    def from_settings(cls, settings: Settings) -> IndicatorRules:
        override = tuple(settings.hv_categories) if settings.hv_categories is not None else None
        rules = cls(
            pledge_threshold_10k=Decimal(str(settings.hv_pledge_threshold_10k)),
            maintained_years=settings.hv_maintained_years,
            award_levels_excluded=tuple(settings.hv_award_levels_excluded),
            categories_override=override,
            sei_keyword_rules=settings.sei_keyword_rules,
            population_fallback_years=settings.population_fallback_years,
            cache_size=settings.indicator_cache_size,
        )
        rules.check()
        return rules

    def check(self) -> None:
        known = high_value_categories()
        for period in _periods():
            unknown = set(period.categories) - set(known)
            if unknown:
                raise ValueError(f"high_value.toml: unknown categories {sorted(unknown)}")
        if self.categories_override is not None and set(self.categories_override) - set(known):
            raise ValueError(f"hv_categories: unknown ids {sorted(set(self.categories_override) - set(known))}")

    def categories_for(self, year: int) -> tuple[str, ...]:
        """The high-value categories in force for a reference year."""
        if self.categories_override is not None:
            return self.categories_override
        applicable = [p for p in _periods() if p.from_year <= year]
        return applicable[-1].categories if applicable else ()

    def facts_fingerprint(self) -> str:
        """What the stored facts depend on (the pledge threshold, award levels, SEI rule choice)."""
        basis = f"{self.pledge_threshold_10k}|{sorted(self.award_levels_excluded)}|{self.sei_keyword_rules}"
        return hashlib.sha256(basis.encode()).hexdigest()[:16]
