"""Reporting periods: parsing, keys, Chinese labels, 环比 (previous) and 同比 (year_before)."""

from __future__ import annotations

import datetime as dt

import pytest

from ipops.analytics.periods import make_period, parse_period
from ipops.domain.errors import InvalidParameter


@pytest.mark.parametrize(("text", "kind", "key", "label", "start", "end"), [
    ("2025", "year", "2025", "2025年", "2025-01-01", "2025-12-31"),
    ("2025H1", "half", "2025H1", "2025年上半年", "2025-01-01", "2025-06-30"),
    ("2025h2", "half", "2025H2", "2025年下半年", "2025-07-01", "2025-12-31"),
    ("2025Q3", "quarter", "2025Q3", "2025年第三季度", "2025-07-01", "2025-09-30"),
    (" 2024q1 ", "quarter", "2024Q1", "2024年第一季度", "2024-01-01", "2024-03-31"),
    ("2024-02", "month", "2024-02", "2024年2月", "2024-02-01", "2024-02-29"),
    ("2025-06-30", "day", "2025-06-30", "2025年6月30日", "2025-01-01", "2025-06-30"),
])  # fmt: skip
def test_parse(text: str, kind: str, key: str, label: str, start: str, end: str) -> None:
    p = parse_period(text)
    assert (p.kind, p.key, p.label, p.start.isoformat(), p.end.isoformat()) == (kind, key, label, start, end)


@pytest.mark.parametrize(("text", "previous", "year_before"), [
    ("2025", "2024", "2024"),
    ("2025Q1", "2024Q4", "2024Q1"),
    ("2025Q3", "2025Q2", "2024Q3"),
    ("2025H1", "2024H2", "2024H1"),
    ("2025-01", "2024-12", "2024-01"),
    ("2025-03-01", "2025-02-28", "2024-03-01"),
    ("2024-02-29", "2024-02-28", "2023-02-28"),
])  # fmt: skip
def test_previous_and_year_before(text: str, previous: str, year_before: str) -> None:
    p = parse_period(text)
    assert (p.previous().key, p.year_before().key) == (previous, year_before)


def test_quarter_four_then_next_year() -> None:
    assert make_period("quarter", 2024, 4).shifted(1).key == "2025Q1"
    assert make_period("year", 2017).end == dt.date(2017, 12, 31)


def test_cumulative_is_year_to_date() -> None:
    ytd = parse_period("2025Q3").cumulative()
    assert (ytd.key, ytd.label, ytd.start, ytd.end) == (
        "2025YTD09",
        "2025年1—9月",
        dt.date(2025, 1, 1),
        dt.date(2025, 9, 30),
    )
    assert ytd.year_before().end == dt.date(2024, 9, 30)


@pytest.mark.parametrize(("text", "fragment"), [
    ("2025Q5", "格式有误"), ("25", "格式有误"), ("", "格式有误"), ("二〇二五", "格式有误"), ("2025-6", "格式有误"),
    ("1984", "年份超出范围"), ("2101Q1", "年份超出范围"), ("2025-13", "月份应为"), ("2025-02-30", "不存在"),
])  # fmt: skip
def test_bad_inputs_raise_in_chinese(text: str, fragment: str) -> None:
    with pytest.raises(InvalidParameter) as info:
        parse_period(text)
    assert fragment in str(info.value)
