"""Statutory terms and patent years (rules §3.1; Guidelines V-9 §4)."""

from __future__ import annotations

from datetime import date

import pytest

from ipops.domain.numbers import PatentType
from ipops.domain.terms import (
    DESIGN_15_YEAR_TERM_FROM,
    anniversary,
    expiry_date,
    patent_year,
    remaining_term_days,
    statutory_term_years,
)


@pytest.mark.parametrize(
    ("patent_type", "app_date", "years"),
    [
        (PatentType.invention, date(2013, 12, 18), 20),
        (PatentType.invention, date(2021, 6, 1), 20),
        (PatentType.utility_model, date(1999, 9, 6), 10),
        (PatentType.utility_model, date(2022, 1, 1), 10),
        (PatentType.design, date(2021, 5, 31), 10),  # filed the day before the 2020 amendment applied
        (PatentType.design, date(2021, 6, 1), 15),
        (PatentType.design, date(2010, 3, 3), 10),
        ("design", date(2024, 2, 29), 15),
        ("invention", date(1995, 5, 1), 20),
    ],
)
def test_statutory_term_years(patent_type: PatentType | str, app_date: date, years: int) -> None:
    assert statutory_term_years(patent_type, app_date) == years


def test_design_cut_over_constant() -> None:
    assert DESIGN_15_YEAR_TERM_FROM == date(2021, 6, 1)


def test_unknown_patent_type_is_rejected() -> None:
    with pytest.raises(ValueError):
        statutory_term_years("trademark", date(2020, 1, 1))


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(1999, 9, 6), 10, date(2009, 9, 6)),
        (date(2000, 2, 29), 1, date(2001, 2, 28)),  # no 29 February in 2001
        (date(2000, 2, 29), 4, date(2004, 2, 29)),
        (date(2000, 2, 29), 10, date(2010, 2, 28)),
        (date(2000, 2, 29), 100, date(2100, 2, 28)),  # 2100 is not a leap year
        (date(2001, 2, 28), 3, date(2004, 2, 28)),
        (date(2013, 12, 31), 0, date(2013, 12, 31)),
    ],
)
def test_anniversary(start: date, years: int, expected: date) -> None:
    assert anniversary(start, years) == expected


@pytest.mark.parametrize(
    ("patent_type", "app_date", "expected"),
    [
        (PatentType.utility_model, date(1999, 9, 6), date(2009, 9, 5)),  # Guidelines V-9 §4.1
        (PatentType.invention, date(2021, 9, 6), date(2041, 9, 5)),  # Guidelines V-9 §4.1
        (PatentType.invention, date(2013, 12, 18), date(2033, 12, 17)),
        (PatentType.design, date(2021, 5, 31), date(2031, 5, 30)),
        (PatentType.design, date(2021, 6, 1), date(2036, 5, 31)),
        (PatentType.invention, date(2000, 2, 29), date(2020, 2, 28)),  # 2020 has a 29 February
        (PatentType.utility_model, date(2000, 2, 29), date(2010, 2, 27)),  # anniversary 28 Feb
        (PatentType.invention, date(2000, 3, 1), date(2020, 2, 29)),
    ],
)
def test_expiry_date(patent_type: PatentType, app_date: date, expected: date) -> None:
    assert expiry_date(patent_type, app_date) == expected


def test_expiry_with_term_compensation() -> None:
    # Guidelines V-9 §4.1: filed 2021-09-06, compensated term ends 2041-12-01 (87 days later)
    assert expiry_date(PatentType.invention, date(2021, 9, 6), extension_days=87) == date(2041, 12, 1)


@pytest.mark.parametrize(
    ("app_date", "on", "year"),
    [
        (date(1999, 6, 1), date(1999, 6, 1), 1),  # Guidelines V-9 §4.2.1.1
        (date(1999, 6, 1), date(2000, 5, 31), 1),
        (date(1999, 6, 1), date(2000, 6, 1), 2),
        (date(1997, 6, 3), date(2002, 6, 2), 5),  # Guidelines V-9 §4.2.1.2: year 6 due 2002-06-03
        (date(1997, 6, 3), date(2002, 6, 3), 6),
        (date(2000, 2, 29), date(2001, 2, 27), 1),
        (date(2000, 2, 29), date(2001, 2, 28), 2),
        (date(2000, 2, 29), date(2004, 2, 28), 4),
        (date(2000, 2, 29), date(2004, 2, 29), 5),
    ],
)
def test_patent_year(app_date: date, on: date, year: int) -> None:
    assert patent_year(app_date, on) == year


def test_patent_year_before_filing_is_an_error() -> None:
    with pytest.raises(ValueError):
        patent_year(date(2020, 1, 2), date(2020, 1, 1))


def test_last_day_of_term_is_in_the_last_patent_year() -> None:
    app_date = date(2000, 2, 29)
    last_day = expiry_date(PatentType.utility_model, app_date)
    assert patent_year(app_date, last_day) == 10
    assert patent_year(app_date, date.fromordinal(last_day.toordinal() + 1)) == 11


@pytest.mark.parametrize(
    ("on", "days"),
    [
        (date(2009, 9, 5), 1),  # last day of the term
        (date(2009, 9, 6), 0),  # the right ended on this day
        (date(2020, 1, 1), 0),
        (date(2009, 8, 6), 31),
        (date(1999, 9, 6), 3653),  # the whole term: ten years with three 29 Februaries
    ],
)
def test_remaining_term_days(on: date, days: int) -> None:
    assert remaining_term_days(PatentType.utility_model, date(1999, 9, 6), on) == days


def test_remaining_term_days_counts_compensation() -> None:
    on = date(2041, 9, 6)
    assert remaining_term_days(PatentType.invention, date(2021, 9, 6), on) == 0
    assert remaining_term_days(PatentType.invention, date(2021, 9, 6), on, extension_days=87) == 87
