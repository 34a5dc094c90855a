"""The content of a bulletin, independent of its file format.

Everything here is already formatted for a reader: labels are Chinese, numbers are final (the
renderers only format them), and `None` means "no data" (shown as —). Keeping the model plain
lets DOCX and PDF show exactly the same tables and charts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Cell = str | int | float | None


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Cell]]
    note: str | None = None


@dataclass
class Series:
    name: str
    values: list[float | None]


@dataclass
class Chart:
    """A bar or line chart; `categories` label the x axis (cities, years, quarters)."""

    title: str
    kind: Literal["bar", "line", "barh"]
    categories: list[str]
    series: list[Series]
    unit: str = ""


@dataclass
class Section:
    heading: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Bulletin:
    """A 知识产权数据通报 for one region and period."""

    title: str  # e.g. 烟台市知识产权数据通报（2025年第三季度）
    region_name: str
    period_label: str  # e.g. 2025年第三季度
    issued_on: dt.date
    issuer: str  # e.g. 烟台市知识产权局（IPOps 生成）
    summary: list[str]  # the opening paragraphs: headline numbers and changes
    sections: list[Section]
    notes: list[str] = field(default_factory=list)  # data basis, sources, 模拟数据 warnings
