"""The packaged pledge-finance rules: white-list criteria and risk-pool shares (data/finance/*.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

GRADES = ("A", "B", "C", "D")  # ipops.valuation, best first


def _read(name: str, path: Path | None) -> dict[str, Any]:
    if path is not None:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    return tomllib.loads((resources.files("ipops") / "data" / "finance" / name).read_text(encoding="utf-8"))


@dataclass(frozen=True)
class WhitelistCriteria:
    in_force: bool = True
    min_remaining_years: float = 3
    patent_types: tuple[str, ...] = ("invention", "utility_model")
    sei_required: bool = True
    no_active_pledge: bool = True
    min_grade: str | None = "B"
    domestic: bool = True
    version: str = ""

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> WhitelistCriteria:
        c = data.get("criteria", {})
        grade = str(c.get("min_grade", "") or "").strip().upper() or None
        if grade is not None and grade not in GRADES:
            raise ValueError(f"whitelist min_grade must be one of {GRADES} or empty, not {grade!r}")
        return cls(in_force=bool(c.get("in_force", True)), min_remaining_years=float(c.get("min_remaining_years", 0)),
                   patent_types=tuple(c.get("patent_types", cls.patent_types)),
                   sei_required=bool(c.get("sei_required", False)), no_active_pledge=bool(c.get("no_active_pledge", True)),
                   min_grade=grade, domestic=bool(c.get("domestic", False)), version=str(data.get("version", "")))  # fmt: skip


@dataclass(frozen=True)
class PoolShares:
    """Percent of a default's loss borne by the bank, the pool and the guarantor (add up to 100)."""

    bank: Decimal
    pool: Decimal
    guarantor: Decimal
    recovery_shared: bool = True
    version: str = ""

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> PoolShares:
        s = data["shares"]
        shares = cls(Decimal(str(s["bank"])), Decimal(str(s["pool"])), Decimal(str(s["guarantor"])),
                     bool(data.get("recovery", {}).get("shared", True)), str(data.get("version", "")))  # fmt: skip
        if shares.bank + shares.pool + shares.guarantor != 100 or min(shares.bank, shares.pool, shares.guarantor) < 0:
            raise ValueError("risk_pool shares must be non-negative and add up to 100")
        return shares


@cache
def whitelist_criteria(path: Path | None = None) -> WhitelistCriteria:
    return WhitelistCriteria.from_mapping(_read("whitelist.toml", path))


@cache
def pool_shares(path: Path | None = None) -> PoolShares:
    return PoolShares.from_mapping(_read("risk_pool.toml", path))
