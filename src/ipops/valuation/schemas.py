"""What a valuation returns: the score, the grade and how every indicator contributed."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field


class IndicatorScore(BaseModel):
    id: str
    name: str  # Chinese
    dimension: str  # legal | technical | economic
    raw: float | str | None = Field(description="Raw value; None when the data is missing.")
    raw_label: str = Field(description="The raw value for a reader, e.g. '62.5%' or '授权有效'.")
    score: float | None = Field(description="0–100; None when the indicator is excluded for missing data.")
    weight: float = Field(description="Weight in the data file (points of 100).")
    effective_weight: float = Field(description="Share of the total after renormalisation (0 when excluded).")
    mapping: str = Field(description="How the raw value maps to a score.")
    explanation: str = Field(description="Why this raw value and score, in Chinese.")

    @property
    def missing(self) -> bool:
        return self.score is None


class DimensionScore(BaseModel):
    id: str
    name: str
    score: float | None = Field(description="Weighted mean of the dimension's indicators with data.")
    weight: float = Field(description="Sum of its indicators' weights in the data file.")
    available_weight: float = Field(description="Sum of the weights of its indicators with data.")


class Valuation(BaseModel):
    """A patent's score and grade (专利价值评估) in the three GB/T 42748 dimensions."""

    patent_id: int
    app_number: str
    title: str
    patent_type: str | None
    as_of: dt.date
    score: float | None = Field(description="Total 0–100 over the indicators with data (None: no data at all).")
    grade: str | None = Field(description="A–D by the thresholds of the data file; None when too little data.")
    grade_label: str
    coverage: float = Field(description="Share of the total weight that had data (0–1).")
    dimensions: list[DimensionScore]
    indicators: list[IndicatorScore]
    missing: list[str] = Field(description="Chinese names of the indicators excluded for missing data.")
    explanation: str = Field(description="Summary in Chinese, including the renormalisation note.")
    rules_version: str
    is_demo: bool = False
