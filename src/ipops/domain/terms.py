"""Statutory terms, expiry dates and patent years (rules §3.1, §3.4; Guidelines V-9 §4).

All terms run from the filing date (申请日), not from grant or priority. Patent years, which
fix the annual fee due, run from the filing date too (Guidelines V-9 §4.2.1.1).
"""

from __future__ import annotations

from datetime import date, timedelta

from ipops.domain.numbers import PatentType

INVENTION_TERM_YEARS = 20
UTILITY_MODEL_TERM_YEARS = 10
DESIGN_TERM_YEARS_BEFORE_2021 = 10
DESIGN_TERM_YEARS = 15
# The 2020 amendment of the Patent Law (art. 42: design term 10 → 15 years) entered into force
# on 2021-06-01; applying it to designs *filed* on or after that day follows rules §3.1, where
# the transitional rule is marked MEMORY-UNVERIFIED.
DESIGN_15_YEAR_TERM_FROM = date(2021, 6, 1)


def statutory_term_years(patent_type: PatentType | str, app_date: date) -> int:
    """Length of the term from the filing date: invention 20, utility model 10, design 10 or 15.

    Designs filed on or after DESIGN_15_YEAR_TERM_FROM get 15 years (Patent Law art. 42 as
    amended in 2020). That transitional reading is MEMORY-UNVERIFIED in rules §3.1.
    """
    kind = PatentType(patent_type)
    if kind is PatentType.invention:
        return INVENTION_TERM_YEARS
    if kind is PatentType.utility_model:
        return UTILITY_MODEL_TERM_YEARS
    return DESIGN_TERM_YEARS if app_date >= DESIGN_15_YEAR_TERM_FROM else DESIGN_TERM_YEARS_BEFORE_2021


def anniversary(start: date, years: int) -> date:
    """Same month and day ``years`` later; 29 February becomes 28 February in common years.

    The anniversary is the fee due date and the start of the next patent year
    ("申请日在该年的相应日", Guidelines V-9 §4.2.1). A year counted from 29 February cannot run
    past the last day of February, so in a common year the corresponding day is the 28th.
    """
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February in a common year
        return date(start.year + years, 2, 28)


def expiry_date(patent_type: PatentType | str, app_date: date, *, extension_days: int = 0) -> date:
    """Last day of the term: the day before the last anniversary, plus any term compensation.

    Guidelines V-9 §4.1: a utility model filed 1999-09-06 runs to 2009-09-05 and the right
    ends on 2009-09-06; no extension for holidays. ``extension_days`` is the patent term
    adjustment or drug term compensation granted (rules §3.2). For a 29 February filing the
    last anniversary falls on 28 February in a common year, so the term ends on the 27th,
    consistent with patent_year().
    """
    years = statutory_term_years(patent_type, app_date)
    return anniversary(app_date, years) - timedelta(days=1) + timedelta(days=extension_days)


def patent_year(app_date: date, on: date) -> int:
    """Patent year (专利年度) that ``on`` falls in: 1 from the filing date, 2 from the first anniversary.

    Guidelines V-9 §4.2.1.1: filed 1999-06-01 → year 1 is 1999-06-01 … 2000-05-31. The annual
    fee of year N is the one due at the start of year N.
    """
    if on < app_date:
        raise ValueError(f"date {on} is before the filing date {app_date}")
    elapsed = on.year - app_date.year
    if anniversary(app_date, elapsed) > on:
        elapsed -= 1
    return elapsed + 1


def remaining_term_days(
    patent_type: PatentType | str, app_date: date, on: date, *, extension_days: int = 0
) -> int:
    """Days of term left on ``on``, that day included (1 on the last day); 0 once expired."""
    last_day = expiry_date(patent_type, app_date, extension_days=extension_days)
    return max((last_day - on).days + 1, 0)
