"""Year-end resident population (年末常住人口, 万人): the denominator of per-10k indicators.

Loaded from `region_population` (the published Shandong figures shipped with IPOps, each with
its source, plus whatever the office imports). A year without a figure may fall back to an
older one within `population_fallback_years`; otherwise there is no denominator — never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.store.schema import RegionPopulation

KIND = "yearend_resident"


@dataclass(frozen=True)
class PopulationFigure:
    region_code: str
    year: int
    value: float  # 万人
    source: str | None


class PopulationTable:
    def __init__(self, figures: list[PopulationFigure], fallback_years: int) -> None:
        self._by_key = {(f.region_code, f.year): f for f in figures}
        self._fallback = fallback_years

    def lookup(self, region_code: str, year: int) -> PopulationFigure | None:
        for back in range(self._fallback + 1):
            figure = self._by_key.get((region_code, year - back))
            if figure is not None:
                return figure
        return None


def load_population(session: Session, region_codes: list[str], *, fallback_years: int) -> PopulationTable:
    stmt = sa.select(RegionPopulation).where(RegionPopulation.kind == KIND,
                                             RegionPopulation.region_code.in_(region_codes))  # fmt: skip
    figures = [
        PopulationFigure(r.region_code, r.year, float(r.population_10k), r.source_title or r.source_url)
        for r in session.scalars(stmt)
    ]
    return PopulationTable(figures, fallback_years)
