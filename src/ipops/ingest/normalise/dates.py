"""Parse the date spellings found in Chinese patent exports into `datetime.date`.

Vendor files mix ISO dates, dotted dates ("2021.03.05"), compact CNIPA dates ("20210305"),
Chinese dates ("2021年3月5日"), Excel cells that arrive as datetime objects or as serial
numbers, and placeholders for "no date" ("0", "-", "无"). One function handles them all so a
reader never has to guess; anything unrecognisable raises `ValueError` with a Chinese message
the import report can show verbatim.

Excel serial numbers use the 1900 date system: serial 1 = 1900-01-01. Excel (copying Lotus
1-2-3) counts a non-existent 1900-02-29 as serial 60, so serials ≥ 61 are offset by one day
and serial 60 itself is rejected. Only serials for 1950-01-01 … 2099-12-31 (18264 … 73050)
are accepted as dates; other bare numbers are errors, not silently shifted dates.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

EMPTY_MARKERS = frozenset({"", "0", "-", "--", "—", "/", "无", "暂无", "null", "none", "nan", "n/a", "na"})

SERIAL_MIN = 18264  # 1950-01-01
SERIAL_MAX = 73050  # 2099-12-31
_EXCEL_EPOCH = dt.date(1899, 12, 31)  # serial 0

_YMD = re.compile(
    r"^(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?"
    r"(?:[\sT]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:\.0+)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def _error(value: object) -> ValueError:
    return ValueError(f"无法识别的日期：{value}")


def excel_serial_to_date(serial: float) -> dt.date:
    """Convert an Excel 1900-system serial (fraction = time of day, ignored) to a date."""
    whole = math.floor(serial)
    if whole == 60:
        raise ValueError("无法识别的日期：Excel 序列号 60（1900-02-29 不存在）")
    if whole < 1:
        raise _error(serial)
    return _EXCEL_EPOCH + dt.timedelta(days=whole - 1 if whole > 60 else whole)


def _build(year: str | int, month: str | int, day: str | int, original: object) -> dt.date:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        raise _error(original) from None


def _from_number(value: float, original: object) -> dt.date | None:
    if math.isnan(value) or value == 0:
        return None
    if SERIAL_MIN <= value <= SERIAL_MAX:
        return excel_serial_to_date(value)
    if value == int(value) and 10_000_000 <= value <= 99_999_999:
        text = str(int(value))
        return _build(text[:4], text[4:6], text[6:], original)
    raise _error(original)


def parse_date(value: object) -> dt.date | None:
    """Return the date in `value`, None for empty/placeholder values, else raise ValueError."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):
        raise _error(value)
    if isinstance(value, int | float):
        return _from_number(float(value), value)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.lower() in EMPTY_MARKERS:
        return None
    if match := _YMD.match(text) or _COMPACT.match(text):
        return _build(*match.groups(), value)
    if _SERIAL.match(text):
        serial = float(text)
        if SERIAL_MIN <= serial <= SERIAL_MAX:
            return excel_serial_to_date(serial)
    raise _error(value)
