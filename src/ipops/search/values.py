"""Read one field value into a leaf: dates and years, IPC symbols, numbers in any form, codes.

Everything here is pure; numbers and IPC symbols go through `ipops.domain` so a query finds
the same keys the importers stored (CN201410000511.3 whether typed as 201410000511.3,
CN102014000000511 or ZL201410000511.3).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ipops.domain.errors import InvalidIpc, InvalidNumber, QuerySyntaxError
from ipops.domain.ipc import parse_ipc
from ipops.domain.numbers import parse_application_number, parse_publication_number
from ipops.search.fields import Field, choice_labels, choice_values
from ipops.search.industries import resolve as resolve_industry
from ipops.search.nodes import Choice, DateRange, Industry, Ipc, Leaf, Like, Number, Region, Text

_DATE = re.compile(r"(\d{4})(?:[-./年]?(\d{1,2})(?:[-./月]?(\d{1,2})日?)?月?)?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})?")
_DIGITS = re.compile(r"[\s.\-]")


def make_leaf(field: Field, text: str, *, phrase: bool, pos: int) -> Leaf:
    """The leaf for `field=text`; raises QuerySyntaxError pointing at the value."""
    if field.kind == "text":
        return Text(field.key, text, phrase, pos)
    if field.kind == "like":
        return Like(field.key, text, pos)
    if field.kind == "ipc":
        return _ipc(text, pos)
    if field.kind == "date":
        start, end = date_bounds(text, pos)
        return DateRange(field.key, start, end, pos)
    if field.kind == "number":
        return _app_number(text, pos) if field.key == "app_number" else _pub_number(text, pos)
    if field.kind == "choice":
        values = choice_values(field.key, text)
        if values is None:
            raise QuerySyntaxError(
                f"{field.name_zh}不能取“{text}”，可用：{choice_labels(field.key)}", position=pos
            )
        return Choice(field.key, values, pos)
    if field.kind == "industry":
        return Industry(resolve_industry(text, pos), pos)
    return Region(text, pos)


def _ipc(text: str, pos: int) -> Ipc:
    try:
        code = parse_ipc(text.rstrip("*").rstrip("/"))
    except InvalidIpc as exc:
        raise QuerySyntaxError(f"{exc.message_zh}（示例：H01M、H01M10/0525）", position=pos) from None
    return Ipc(code.code, code.level, pos)


def date_bounds(text: str, pos: int) -> tuple[dt.date, dt.date]:
    """First and last day meant by a year (2016), a month (2016-05, 201605) or a day (20160501)."""
    match = _COMPACT.fullmatch(text) if text.isdigit() and len(text) in (6, 8) else _DATE.fullmatch(text)
    if match is None:
        raise QuerySyntaxError(f"无法识别的日期“{text}”（示例：2016、2016-05、2016-05-01）", position=pos)
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
        return dt.date(year, month, day), dt.date(year, month, day)
    except ValueError:
        raise QuerySyntaxError(f"日期不存在：“{text}”", position=pos) from None


def _app_number(text: str, pos: int) -> Number:
    try:
        return Number("app_number", parse_application_number(text).canonical, False, pos)
    except InvalidNumber as exc:
        digits = _DIGITS.sub("", text.upper()).removeprefix("CN").removeprefix("ZL")
        if digits.isdigit() and 4 <= len(digits) < 12:  # the start of a number: prefix search
            return Number("app_number", "CN" + digits, True, pos)
        raise QuerySyntaxError(exc.message_zh, position=pos) from None


def _pub_number(text: str, pos: int) -> Number:
    try:
        pub = parse_publication_number("CN" + text if text[:1].isdigit() else text)
    except InvalidNumber as exc:
        raise QuerySyntaxError(f"{exc.message_zh}（示例：CN106557325A、CN106557325）", position=pos) from None
    return Number("pub_number", pub.canonical, not pub.kind, pos)
