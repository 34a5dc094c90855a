"""Annual fees, late-fee bands, reductions and the top-up rule against rules §3.3–§3.6 and §4."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from ipops.analytics.rights import fee_data, fee_table
from ipops.domain.fees import FeeTable, OpenLicencePeriod, add_months, amount_owed, fee_calendar

TABLE = fee_table()
D = Decimal


# rules §3.3 table, every row
@pytest.mark.parametrize(
    ("patent_type", "years", "amount"),
    [
        ("invention", range(1, 4), 900), ("invention", range(4, 7), 1200), ("invention", range(7, 10), 2000),
        ("invention", range(10, 13), 4000), ("invention", range(13, 16), 6000), ("invention", range(16, 21), 8000),
        ("utility_model", range(1, 4), 600), ("utility_model", range(4, 6), 900), ("utility_model", range(6, 9), 1200),
        ("utility_model", range(9, 11), 2000),
        ("design", range(1, 4), 600), ("design", range(4, 6), 900), ("design", range(6, 9), 1200),
        ("design", range(9, 11), 2000), ("design", range(11, 16), 3000),
    ],
)  # fmt: skip
def test_annual_fee_table(patent_type: str, years: range, amount: int) -> None:
    for year in years:
        assert TABLE.annual_fee(patent_type, year) == amount


def test_no_fee_beyond_the_table() -> None:
    with pytest.raises(ValueError):
        TABLE.annual_fee("utility_model", 11)


def test_every_number_in_the_data_file_has_source_and_confidence() -> None:
    data = fee_data()
    rows = [*data["annual_fee"], *data["late_fee"]["band"], *data["reduction"]["rate"]]
    for row in rows:
        assert row["source"] and row["confidence"] in {"CONFIRMED", "PARTLY CONFIRMED", "OPEN", "MEMORY"}
    for section, keys in {"late_fee": ["grace", "exact_month", "top_up", "base"], "restoration": ["fee", "surcharge"],
                          "open_licence": ["cumulative", "applies_to"], "deadlines": ["grant_year"]}.items():  # fmt: skip
        for key in keys:
            assert data[section][f"{key}_source"] and data[section][f"{key}_confidence"]
    assert data["late_fee"]["exact_month_confidence"] == "OPEN"


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2015, 8, 31), 6, date(2016, 2, 29)),  # month end, leap year
        (date(2017, 8, 31), 6, date(2018, 2, 28)),
        (date(2019, 1, 31), 1, date(2019, 2, 28)),
        (date(2019, 3, 31), 1, date(2019, 4, 30)),
        (date(2019, 12, 15), 2, date(2020, 2, 15)),
        (date(2020, 2, 29), 12, date(2021, 2, 28)),
    ],
)
def test_add_months_ends_on_the_corresponding_day_or_the_month_end(
    start: date, months: int, expected: date
) -> None:
    assert add_months(start, months) == expected


def _calendar(**kw: object) -> object:
    args = {
        "patent_type": "invention",
        "filing_date": date(2015, 3, 2),
        "grant_date": date(2018, 5, 4),
        "table": TABLE,
    }
    return fee_calendar(**{**args, **kw})  # type: ignore[arg-type]


def test_calendar_from_grant_year_to_expiry() -> None:
    cal = _calendar()
    assert cal.grant_year == 4  # 2018-05-04 is in the year starting 2018-03-02
    assert [y.year for y in cal.years] == list(range(4, 21))
    grant = cal.year(4)
    assert (
        grant.is_grant_year
        and grant.due_date == date(2018, 7, 4)
        and grant.grace_end is None
        and not grant.late_bands
    )
    y5 = cal.year(5)
    assert (y5.due_date, y5.amount, y5.payable, y5.grace_end) == (
        date(2019, 3, 2),
        1200,
        1200,
        date(2019, 9, 2),
    )
    assert cal.year(20).due_date == date(2034, 3, 2)
    assert cal.expiry == date(2035, 3, 1)  # the day before the 20th anniversary


def test_grant_notice_date_moves_the_grant_year_due_date() -> None:
    assert _calendar(grant_notice_date=date(2018, 3, 31)).year(4).due_date == date(2018, 5, 31)


def test_utility_model_expiry_example_of_the_guidelines() -> None:
    # rules §3.1: a UM filed 1999-09-06 runs to 2009-09-05
    cal = fee_calendar(
        patent_type="utility_model", filing_date=date(1999, 9, 6), grant_date=date(2000, 7, 1), table=TABLE
    )
    assert cal.expiry == date(2009, 9, 5)
    assert cal.years[-1].year == 10 and cal.years[-1].due_date == date(2008, 9, 6)
    assert cal.years[-1].year_end == date(2009, 9, 5)


def test_leap_day_filing() -> None:
    cal = fee_calendar(
        patent_type="invention", filing_date=date(2016, 2, 29), grant_date=date(2019, 6, 10), table=TABLE
    )
    assert cal.year(4).is_grant_year
    y5 = cal.year(5)
    assert y5.due_date == date(2020, 2, 29) and y5.grace_end == date(2020, 8, 29)
    y6 = cal.year(6)
    assert y6.due_date == date(2021, 2, 28) and y6.grace_end == date(2021, 8, 28)
    assert cal.expiry == date(2036, 2, 28)  # 2036 is a leap year: the term ends the day before 29 February
    assert cal.year(5).year_end == date(2021, 2, 27)


def test_late_fee_bands_on_month_ends() -> None:
    cal = fee_calendar(
        patent_type="invention", filing_date=date(2014, 8, 31), grant_date=date(2017, 1, 10), table=TABLE
    )
    y4 = cal.year(4)
    assert y4.due_date == date(2017, 8, 31) and y4.grace_end == date(2018, 2, 28)
    bands = [(b.start, b.end, b.percent, b.surcharge, b.total) for b in y4.late_bands]
    assert bands == [
        (date(2017, 9, 1), date(2017, 9, 30), 0, 0, 1200),
        (date(2017, 10, 1), date(2017, 10, 31), 5, 60, 1260),
        (date(2017, 11, 1), date(2017, 11, 30), 10, 120, 1320),
        (date(2017, 12, 1), date(2017, 12, 31), 15, 180, 1380),
        (date(2018, 1, 1), date(2018, 1, 31), 20, 240, 1440),
        (date(2018, 2, 1), date(2018, 2, 28), 25, 300, 1500),
    ]


@pytest.mark.parametrize(
    ("paid_on", "boundary", "percent", "status"),
    [
        (date(2019, 3, 2), "lower", 0, "on_time"),  # on the due date
        (date(2019, 3, 3), "lower", 0, "late"),
        (date(2019, 4, 2), "lower", 0, "late"),  # exactly one month late: [OPEN], default lower band
        (date(2019, 4, 2), "upper", 5, "late"),  # the other reading, as a data switch
        (date(2019, 4, 3), "lower", 5, "late"),
        (date(2019, 5, 2), "lower", 5, "late"),
        (date(2019, 5, 3), "lower", 10, "late"),
        (date(2019, 8, 3), "lower", 25, "late"),
        (date(2019, 9, 2), "lower", 25, "late"),  # last day of grace
        (date(2019, 9, 2), "upper", 25, "late"),
        (date(2019, 9, 3), "lower", 25, "lapsed"),  # restoration: the full 25 % plus the restoration fee
    ],
)
def test_band_on_payment_day(paid_on: date, boundary: str, percent: int, status: str) -> None:
    table = dataclasses.replace(TABLE, exact_month_boundary=boundary)
    entry = _calendar(table=table).year(5)
    owed = amount_owed(entry, on=paid_on, table=table)
    assert (owed.status, owed.late_percent) == (status, percent)
    assert owed.late_fee == D(1200) * percent / 100
    assert owed.restoration_fee == (1000 if status == "lapsed" else 0)


def test_top_up_example_of_the_guidelines() -> None:
    """rules §3.5: 5 % band = 45 on 900, paid 25; topping up in the 10 % band requires 90, i.e. 65 more."""
    cal = fee_calendar(
        patent_type="invention", filing_date=date(2016, 11, 25), grant_date=date(2017, 7, 7), table=TABLE
    )
    y2 = cal.year(2)
    assert (y2.amount, y2.due_date) == (900, date(2017, 11, 25))
    five = amount_owed(y2, on=date(2018, 1, 10), table=TABLE)
    assert (five.late_percent, five.late_fee, five.remaining) == (5, 45, 945)
    after_short_payment = D(900 + 25)
    ten = amount_owed(y2, on=date(2018, 2, 10), table=TABLE, paid=after_short_payment)
    assert (ten.late_percent, ten.late_fee, ten.remaining) == (10, 90, 65)


def test_reduction_first_ten_years_from_grant_year() -> None:
    cal = _calendar(reduction_percent=85)
    reduced = [y.year for y in cal.years if y.reduction_basis == "fee_reduction"]
    assert reduced == list(range(4, 14))  # grant year 4 + 9 more years
    assert cal.year(4).payable == 180 and cal.year(13).payable == D(6000) * D("0.15")
    assert cal.year(14).payable == 6000
    # late fee is on the full fee, added to the reduced fee
    band5 = cal.year(5).late_bands[1]
    assert (band5.surcharge, band5.total) == (60, 240)
    assert _calendar(reduction_percent=70).year(7).payable == 600


def test_open_licence_is_not_cumulative_and_the_better_one_applies() -> None:
    licence = [OpenLicencePeriod(date(2024, 1, 1), date(2027, 6, 30))]
    cal = _calendar(reduction_percent=85, open_licences=licence)
    assert (cal.year(13).reduction_basis, cal.year(13).payable) == (
        "fee_reduction",
        900,
    )  # 2027-03-02: 85 % is better
    assert (cal.year(14).reduction_basis, cal.year(14).payable) == (
        "",
        6000,
    )  # 2028-03-02: withdrawn → next year full
    plain = _calendar(open_licences=licence)
    assert [y.year for y in plain.years if y.reduction_basis == "open_licence"] == [10, 11, 12, 13]
    assert plain.year(10).payable == 3400  # 4000 × 85 %
    open_ended = _calendar(open_licences=[OpenLicencePeriod(date(2030, 3, 2))])
    assert open_ended.year(16).reduction_basis == "open_licence" and open_ended.year(20).payable == 6800


def test_grant_year_has_no_grace_period() -> None:
    entry = _calendar().year(4)
    assert amount_owed(entry, on=date(2018, 7, 4), table=TABLE).status == "on_time"
    assert amount_owed(entry, on=date(2018, 7, 5), table=TABLE).status == "lapsed"


def test_design_term_and_table_from_mapping() -> None:
    cal = fee_calendar(
        patent_type="design", filing_date=date(2021, 6, 1), grant_date=date(2021, 12, 3), table=TABLE
    )
    assert cal.years[-1].year == 15 and cal.expiry == date(2036, 5, 31)
    with pytest.raises(ValueError):
        FeeTable.from_mapping(
            {**fee_data(), "late_fee": {**fee_data()["late_fee"], "exact_month_boundary": "x"}}
        )
