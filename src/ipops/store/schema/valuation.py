"""Stored grades of the valuation layer (`ipops.valuation`), so other packages can filter by grade.

`patent_grade` is derived data written by `ipops.valuation.service.grade_all` / `grades_for`:
one row per patent with the total score and grade, and the data state and rules file (sha256)
it was computed from, so a stale row is recognised and recomputed.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Float, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from ipops.store.db import Base
from ipops.store.schema.mixins import utcnow


class PatentGrade(Base):
    __tablename__ = "patent_grade"

    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), primary_key=True)
    score: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(2))  # A–D; null: too little data to grade
    coverage: Mapped[float] = mapped_column(Float)  # share of the weight that had data
    data_state: Mapped[str] = mapped_column(String(64))  # fingerprint of the data + rules it used
    computed_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_patent_grade_grade", "grade"),)
