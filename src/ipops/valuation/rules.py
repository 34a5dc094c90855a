"""The valuation rules file (`data/valuation/weights.toml`): indicators, scoring curves, weights, grades.

Everything a score depends on besides the patent's data is in that file, so a score can be
recomputed by hand from it; the file's sha256 goes into every stored grade.
"""

from __future__ import annotations

import hashlib
import tomllib
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ipops.refdata.load import data_file

METHODS = ("piecewise", "categories", "percentile")


@dataclass(frozen=True)
class Indicator:
    id: str
    name: str
    dimension: str
    weight: float
    method: str
    raw: str = ""
    unit: str = ""
    points: tuple[tuple[float, float], ...] = ()
    scores: dict[str, float] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)  # Chinese names of the categories
    cohort: str = ""
    fallback_cohort: str = ""
    min_cohort: int = 1

    def score_of(self, value: float | str) -> float | None:
        """The 0–100 score of a raw value (`percentile` scores are computed from the cohort)."""
        if self.method == "categories":
            return self.scores.get(str(value))
        if self.method == "piecewise":
            return interpolate(self.points, float(value))
        raise ValueError(f"{self.id}: percentile scores come from the cohort")

    def mapping_zh(self) -> str:
        """How the raw value becomes a score, in words for the explanation page."""
        if self.method == "piecewise":
            return "分段线性：" + "，".join(f"{_num(x)}{self.unit}→{_num(s)}" for x, s in self.points)
        if self.method == "categories":
            return "分类取值：" + "，".join(f"{self.labels.get(k, k)}→{_num(v)}" for k, v in self.scores.items())
        return f"同组百分位×100（{COHORT_LABELS.get(self.cohort, self.cohort)}，不足{self.min_cohort}件时按{COHORT_LABELS.get(self.fallback_cohort, self.fallback_cohort)}）"


COHORT_LABELS = {"ipc_subclass_year": "主分类IPC小类×申请年份", "year": "申请年份"}


@dataclass(frozen=True)
class Dimension:
    id: str
    name: str


@dataclass(frozen=True)
class Grade:
    grade: str
    min_score: float
    label: str


@dataclass(frozen=True)
class ValuationRules:
    version: str
    dimensions: tuple[Dimension, ...]
    indicators: tuple[Indicator, ...]
    grades: tuple[Grade, ...]  # highest threshold first
    min_coverage: float
    sha256: str

    def grade_of(self, score: float) -> Grade:
        for g in self.grades:
            if score >= g.min_score:
                return g
        return self.grades[-1]

    def indicator(self, indicator_id: str) -> Indicator:
        return next(i for i in self.indicators if i.id == indicator_id)

    def dimension_name(self, dimension_id: str) -> str:
        return next(d.name for d in self.dimensions if d.id == dimension_id)


def interpolate(points: tuple[tuple[float, float], ...], x: float) -> float:
    """Linear between the points, flat before the first and after the last."""
    xs = [p[0] for p in points]
    if x <= xs[0]:
        return points[0][1]
    if x >= xs[-1]:
        return points[-1][1]
    i = bisect_right(xs, x)
    (x0, y0), (x1, y1) = points[i - 1], points[i]
    return y0 + (y1 - y0) * (x - x0) / (x1 - x0)


def _num(v: float) -> str:
    return f"{v:g}"


def parse_rules(text: str) -> ValuationRules:
    """Rules from the TOML text; raises ValueError on an inconsistent file."""
    data: dict[str, Any] = tomllib.loads(text)
    dimensions = tuple(Dimension(d["id"], d["name"]) for d in data["dimension"])
    known = {d.id for d in dimensions}
    indicators = []
    for raw in data["indicator"]:
        ind = Indicator(
            id=raw["id"], name=raw["name"], dimension=raw["dimension"], weight=float(raw["weight"]),
            method=raw["method"], raw=raw.get("raw", ""), unit=raw.get("unit", ""),
            points=tuple((float(x), float(y)) for x, y in raw.get("points", [])),
            scores={str(k): float(v) for k, v in raw.get("scores", {}).items()},
            labels={str(k): str(v) for k, v in raw.get("labels", {}).items()},
            cohort=raw.get("cohort", ""), fallback_cohort=raw.get("fallback_cohort", ""),
            min_cohort=int(raw.get("min_cohort", 1)),
        )  # fmt: skip
        if ind.dimension not in known or ind.method not in METHODS or ind.weight < 0:
            raise ValueError(f"valuation indicator {ind.id}: unknown dimension/method or negative weight")
        if ind.method == "piecewise" and (len(ind.points) < 2 or [p[0] for p in ind.points] != sorted({p[0] for p in ind.points})):
            raise ValueError(f"valuation indicator {ind.id}: points must have at least two increasing raw values")
        indicators.append(ind)
    grades = tuple(sorted((Grade(g["grade"], float(g["min_score"]), g["label"]) for g in data["grade"]),
                          key=lambda g: -g.min_score))  # fmt: skip
    if not grades or grades[-1].min_score > 0:
        raise ValueError("valuation grades: the lowest grade must start at 0")
    return ValuationRules(version=str(data.get("version", "")), dimensions=dimensions, indicators=tuple(indicators),
                          grades=grades, min_coverage=float(data.get("min_coverage", 0)),
                          sha256=hashlib.sha256(text.encode()).hexdigest())  # fmt: skip


def load_rules(path: Path | None = None) -> ValuationRules:
    """The packaged rules, or those of another file (a test copy, an office's revision)."""
    if path is not None:
        return parse_rules(path.read_text(encoding="utf-8"))
    return _packaged()


@cache
def _packaged() -> ValuationRules:
    text = data_file("valuation/weights.toml").read_text(encoding="utf-8")
    return parse_rules(text)
