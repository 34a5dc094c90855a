"""Date spellings from real exports, Excel cells and placeholders."""

from __future__ import annotations

import datetime as dt

import pytest

from ipops.ingest.normalise.dates import excel_serial_to_date, parse_date

D = dt.date(2021, 3, 5)


@pytest.mark.parametrize(
    "value",
    [
        "2021-03-05",
        "2021.03.05",
        "20210305",
        "2021/3/5",
        "2021年3月5日",
        "2021-03-05 00:00:00",
        "2021-03-05T08:30:00",
        "２０２１年３月５日",
        " 2021.3.5 ",
        dt.datetime(2021, 3, 5, 9, 0),
        D,
        44260,
        44260.75,
        "44260",
        20210305,
    ],
)
def test_accepted_forms(value: object) -> None:
    assert parse_date(value) == D


@pytest.mark.parametrize("value", [None, "", "0", 0, "-", "无", "--", "null", float("nan")])
def test_empty_markers(value: object) -> None:
    assert parse_date(value) is None


def test_cnipa_compact_dates_from_real_rows() -> None:
    assert parse_date("20150916") == dt.date(2015, 9, 16)  # 申请日 of CN102015000584828
    assert parse_date("20170329") == dt.date(2017, 3, 29)


@pytest.mark.parametrize("value", ["2021-13-45", "20210230", "abc", "2021-02-29", "12345", 61, True, 1.5])
def test_invalid_raise_chinese_message(value: object) -> None:
    with pytest.raises(ValueError, match="无法识别的日期"):
        parse_date(value)


def test_error_message_names_the_value() -> None:
    with pytest.raises(ValueError) as info:
        parse_date("2021-13-45")
    assert str(info.value) == "无法识别的日期：2021-13-45"


def test_excel_1900_system_and_lotus_bug() -> None:
    assert excel_serial_to_date(1) == dt.date(1900, 1, 1)
    assert excel_serial_to_date(59) == dt.date(1900, 2, 28)
    assert excel_serial_to_date(61) == dt.date(1900, 3, 1)
    with pytest.raises(ValueError):
        excel_serial_to_date(60)  # the non-existent 1900-02-29
    assert excel_serial_to_date(43831) == dt.date(2020, 1, 1)
