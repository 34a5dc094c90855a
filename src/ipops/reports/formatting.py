"""How numbers, dates and section numbers read in a bulletin — one place for DOCX, PDF and charts.

The renderers must show exactly the same text, so neither formats a value itself: a table cell that
reads "1,234" in Word must read "1,234" in the PDF, and "—" for no data in both. The few layout
numbers both renderers share (margins, colours, chart width) live here too, for the same reason.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from ipops.reports.model import Cell

NO_DATA = "—"
NOTES_HEADING = "说明："
TABLE_NOTE_PREFIX = "注："
PAGE_MARGINS_CM = (2.8, 2.5, 2.6, 2.6)  # top, bottom, left, right
CHART_WIDTH_CM = 15.5
HEADER_FILL = "D9E2F3"  # table header shading, light blue
RULE_COLOUR = "C00000"  # the red rule under the masthead
FLOAT_DECIMALS = 2
_DIGITS = "零一二三四五六七八九"


def is_number(value: object) -> bool:
    """True for int and float cells (bool is not a number in a table)."""
    return isinstance(value, int | float) and not isinstance(value, bool)


def format_number(value: float | int | None, decimals: int | None = None) -> str:
    """Thousands separators; ints without decimals, floats with `decimals` (default 2); None → —."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NO_DATA
    if isinstance(value, int) and decimals is None:
        return f"{value:,}"
    places = FLOAT_DECIMALS if decimals is None else decimals
    if round(value, places) == 0:
        value = 0.0  # never "-0.00"
    return f"{value:,.{places}f}"


def format_cell(value: Cell) -> str:
    """The text a table cell shows."""
    if value is None or is_number(value):
        return format_number(value)  # type: ignore[arg-type]
    return str(value)


def numeric_columns(rows: Sequence[Sequence[Cell]], width: int) -> list[bool]:
    """Per column: True when every filled cell is a number, so the column is right-aligned."""
    flags = []
    for index in range(width):
        values = [row[index] for row in rows if index < len(row) and row[index] is not None]
        flags.append(bool(values) and all(is_number(value) for value in values))
    return flags


def chinese_numeral(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (section numbers 一、二、…)."""
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    if tens == 0:
        return _DIGITS[ones]
    prefix = "" if tens == 1 else _DIGITS[tens]
    return prefix + "十" + (_DIGITS[ones] if ones else "")


def section_heading(number: int, heading: str) -> str:
    """The numbered heading of the `number`-th section, e.g. "一、专利授权情况"."""
    return f"{chinese_numeral(number)}、{heading}"


def format_date(day: dt.date) -> str:
    """2025-10-15 → 2025年10月15日."""
    return f"{day.year}年{day.month}月{day.day}日"


def issuer_line(issuer: str, issued_on: dt.date) -> str:
    """The line under the title: issuer and date of issue."""
    return f"{issuer}　　{format_date(issued_on)}"


def notes_lines(notes: Sequence[str]) -> list[str]:
    """The closing notes as "1. …", "2. …"; the heading 说明： is shown by the renderer."""
    return [f"{index}. {note}" for index, note in enumerate(notes, start=1)]


def page_footer(page: int, total: int) -> str:
    """The footer text of the PDF; the DOCX builds the same text from PAGE / NUMPAGES fields."""
    return f"第 {page} 页 共 {total} 页"
