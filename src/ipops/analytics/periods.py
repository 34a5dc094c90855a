"""Reporting periods: a year, half, quarter, month or single day, as bulletins name them.

A stock indicator is measured at the period's last day; flows and events count what is dated
inside it. `previous()` and `year_before()` give the periods a bulletin compares with (环比 and
同比).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from ipops.domain.errors import InvalidParameter

_QUARTERS_ZH = ("一", "二", "三", "四")
_FORMS = re.compile(r"^(\d{4})(?:(Q[1-4])|(H[12])|-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class Period:
    kind: str  # year | half | quarter | month | day
    year: int
    index: int  # half 1-2, quarter 1-4, month 1-12; day: day of year; year: 1
    start: dt.date
    end: dt.date

    @property
    def key(self) -> str:
        if self.kind == "year":
            return str(self.year)
        if self.kind == "half":
            return f"{self.year}H{self.index}"
        if self.kind == "quarter":
            return f"{self.year}Q{self.index}"
        if self.kind == "month":
            return f"{self.year}-{self.index:02d}"
        if self.kind == "ytd":
            return f"{self.year}YTD{self.end.month:02d}"
        return self.end.isoformat()

    @property
    def label(self) -> str:
        """Chinese label: 2025年, 2025年上半年, 2025年第三季度, 2025年6月, 2025年6月30日."""
        if self.kind == "year":
            return f"{self.year}年"
        if self.kind == "half":
            return f"{self.year}年{'上' if self.index == 1 else '下'}半年"
        if self.kind == "quarter":
            return f"{self.year}年第{_QUARTERS_ZH[self.index - 1]}季度"
        if self.kind == "month":
            return f"{self.year}年{self.index}月"
        if self.kind == "ytd":
            return f"{self.year}年1—{self.end.month}月" if self.end.month > 1 else f"{self.year}年1月"
        return f"{self.end.year}年{self.end.month}月{self.end.day}日"

    def shifted(self, steps: int) -> Period:
        """The period `steps` units later (negative: earlier) of the same kind."""
        if self.kind == "day":
            return day_period(self.end + dt.timedelta(days=steps))
        per_year = {"year": 1, "half": 2, "quarter": 4, "month": 12}[self.kind]
        flat = self.year * per_year + (self.index - 1) + steps
        return make_period(self.kind, flat // per_year, flat % per_year + 1)

    def previous(self) -> Period:
        return self.shifted(-1)

    def year_before(self) -> Period:
        if self.kind == "day":
            return day_period(_same_day_year_before(self.end))
        if self.kind == "ytd":
            return Period("ytd", self.year - 1, self.index, dt.date(self.year - 1, 1, 1), _same_day_year_before(self.end))
        return make_period(self.kind, self.year - 1, self.index)

    def cumulative(self) -> Period:
        """From 1 January to the period's end (年初至今, how bulletins usually count flows)."""
        return Period("ytd", self.year, self.index, dt.date(self.year, 1, 1), self.end)


def _same_day_year_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def make_period(kind: str, year: int, index: int = 1) -> Period:
    if kind == "year":
        return Period(kind, year, 1, dt.date(year, 1, 1), dt.date(year, 12, 31))
    months = {"half": 6, "quarter": 3, "month": 1}[kind]
    first = (index - 1) * months + 1
    last = first + months - 1
    return Period(kind, year, index, dt.date(year, first, 1), dt.date(year, last, calendar.monthrange(year, last)[1]))


def day_period(day: dt.date) -> Period:
    return Period("day", day.year, day.timetuple().tm_yday, dt.date(day.year, 1, 1), day)


def parse_period(text: str) -> Period:
    """2025, 2025H1, 2025Q3, 2025-06 or 2025-06-30; anything else → InvalidParameter (Chinese)."""
    match = _FORMS.match((text or "").strip().upper())
    if not match:
        raise InvalidParameter(f"期间“{text}”格式有误：应为 2025、2025H1、2025Q3、2025-06 或 2025-06-30")
    year = int(match.group(1))
    if not 1985 <= year <= 2100:
        raise InvalidParameter(f"期间“{text}”的年份超出范围（1985–2100）")
    if match.group(2):
        return make_period("quarter", year, int(match.group(2)[1]))
    if match.group(3):
        return make_period("half", year, int(match.group(3)[1]))
    if match.group(4) and match.group(5):
        try:
            return day_period(dt.date(year, int(match.group(4)), int(match.group(5))))
        except ValueError:
            raise InvalidParameter(f"日期“{text}”不存在") from None
    if match.group(4):
        month = int(match.group(4))
        if not 1 <= month <= 12:
            raise InvalidParameter(f"期间“{text}”的月份应为 01–12")
        return make_period("month", year, month)
    return make_period("year", year)
