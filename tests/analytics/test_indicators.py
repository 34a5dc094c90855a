"""Indicator values on the real-record fixture (tests/fixtures/indicators), counted by hand.

Aliases (J = 济南 370100, Q = 青岛 370200, Y = 烟台 370600, W = 威海 371000, F = 潍坊 370700) are
the rows of patents.csv; SOURCE.md there lists which fields are test scenarios. SEI membership
of each row was read off the SEI↔IPC table by its IPC codes: SEI = J1 J3 Q1 Q3 Q4 Y2 Y3 Y4 Y9
W1 F1 (and the unpublished A rows); not SEI = J2 J4 J5 Q2 Q6 Y1 Y5 Y8 W2 F2.
Q1's address resolves only to the province: it is the unattributed "" bucket of 370000.
"""

from __future__ import annotations

import pytest

from ipops.analytics import facts
from ipops.analytics.grid import Grid, evaluate_grid
from ipops.analytics.periods import parse_period
from ipops.analytics.records import indicator_records
from ipops.analytics.rules import IndicatorRules
from ipops.store.db import Database
from ipops.store.settings import Settings
from tests.analytics import indicator_data

SD, JN, QD, YT, WH, WF = "370000", "370100", "370200", "370600", "371000", "370700"


@pytest.fixture
def loaded(db: Database) -> dict[str, str]:
    return indicator_data.load(db)


def grid(
    db: Database, period: str, ids: list[str], region: str = SD, rules: IndicatorRules | None = None
) -> Grid:
    with db.session() as s:
        return evaluate_grid(s, rules=rules or IndicatorRules(), region_code=region, periods=[parse_period(period)],
                             indicator_ids=ids)  # fmt: skip


def value(
    db: Database, indicator: str, period: str, region: str = SD, rules: IndicatorRules | None = None
) -> float | None:
    g = grid(db, period, [indicator], rules=rules)
    return g.get(indicator, region, parse_period(period)).value


# (indicator, period, region, expected, how it was counted)
CASES = [
    # valid_invention: granted CN inventions not ended at the period end, right holder domestic.
    # 2017-12-31: J1-J5 (5) + Q1 ("") + Q2 Q3 Q4 Q6 (4) + Y1 Y2 Y4 Y5 Y8 Y9 (6; Y3 has a HK holder)
    # + W1 W2 (2) + F1 F2 (2) = 20. Y1 lapses only on 2018-03-23.
    ("valid_invention", "2017", SD, 20),
    ("valid_invention", "2017", YT, 6),
    ("valid_invention", "2017", WH, 2),
    # 2017-06-30: not yet granted Y5 (07-18) and F2 (07-04) → 18; 烟台 Y1 Y2 Y4 Y8 Y9 = 5
    ("valid_invention", "2017Q2", SD, 18),
    ("valid_invention", "2017Q2", YT, 5),
    # 2018-12-31: Y1 lapsed 2018-03-23 → 19; Q2 lapsed 2018-05-22 but was restored 2018-10-19 → still counted
    ("valid_invention", "2018", SD, 19),
    ("valid_invention", "2018", YT, 5),
    ("valid_invention", "2018", QD, 4),
    # hv_invention 2017: J1 J3 (SEI) J2 (abroad) J4 (pledge 1200 ≥ 1000 on 09-20) = 4; Q3 Q4 = 2;
    # Y2 Y4 Y9 = 3; W1 = 1; F1 = 1; Q1 ("") = 1 → 12. J5 (300) and F2 (800) are under the threshold.
    ("hv_invention", "2017", SD, 12),
    ("hv_invention", "2017", JN, 4),
    ("hv_invention", "2017", YT, 3),
    ("hv_invention", "2017", WH, 1),
    # 2017-06-30: J4's pledge is later (09-20) → 济南 3; province 12 - J4 = 11
    ("hv_invention", "2017Q2", SD, 11),
    ("hv_invention", "2017Q2", JN, 3),
    # 2017-09-30: J4 in again → 12
    ("hv_invention", "2017Q3", SD, 12),
    # 2018: + W2 (中国专利奖 2018 → award from 2018-01-01) = 13, 威海 W1 W2 = 2 (Y1 was not hv)
    ("hv_invention", "2018", SD, 13),
    ("hv_invention", "2018", WH, 2),
    # 2021: maintained = filed before 2011-12-31: Y8 (2011-10-21) joins, Y9 (2011-12-22) was SEI → 14; 烟台 4
    ("hv_invention", "2021", SD, 14),
    ("hv_invention", "2021", YT, 4),
    # 2022: filed before 2012-12-31 adds Q6 (2012-08-16) → 15; 青岛 Q3 Q4 Q6 = 3
    ("hv_invention", "2022", SD, 15),
    ("hv_invention", "2022", QD, 3),
    # valid_patents 2017: 20 inventions + W5 (utility model) + Y10 (design) = 22; 烟台 6 + Y10 = 7; 威海 2 + W5 = 3
    ("valid_patents", "2017", SD, 22),
    ("valid_patents", "2017", YT, 7),
    ("valid_patents", "2017", WH, 3),
    # 2017-06-30: 18 inventions + W5 (06-13) + Y10 (06-23) = 20
    ("valid_patents", "2017Q2", SD, 20),
    # patent_applications by app_date, CN records of every type (WO/US records excluded):
    # 2017: J7 (01-22) Y7 (03-18) W4 (03-29) W5 (03-18) = 4, all in Q1; 威海 W4 W5 = 2
    ("patent_applications", "2017", SD, 4),
    ("patent_applications", "2017", WH, 2),
    ("patent_applications", "2017Q1", SD, 4),
    ("patent_applications", "2017Q2", SD, 0),
    # 2016: J3 J6 Q4 Q5 Y6 = 5 (QU, filed 2016 at the USPTO, is not a CN application)
    ("patent_applications", "2016", SD, 5),
    ("patent_applications", "2016", QD, 2),
    # 2015: J2 J4 J5 Q2 Q3 Y2 Y3 Y4 Y10 W2 W3 F1 F2 = 13 (Y3's HK holder does not matter for flows)
    ("patent_applications", "2015", SD, 13),
    ("patent_applications", "2015", YT, 4),
    # patent_grants 2017: 21 CN inventions (incl. Y3) + W5 + Y10 = 23; 烟台 Y1-Y5 Y8 Y9 Y10 = 8
    ("patent_grants", "2017", SD, 23),
    ("patent_grants", "2017", YT, 8),
    # Q1 (Jan-Mar): J1 J2 J3 Q1 Q2 Q3 Y1 W1 = 8; Q2: J4 J5 Q4 Q6 Y2 Y3 Y4 Y8 Y9 Y10 W2 W5 F1 = 13; Q3: Y5 F2 = 2
    ("patent_grants", "2017Q1", SD, 8),
    ("patent_grants", "2017Q2", SD, 13),
    ("patent_grants", "2017Q3", SD, 2),
    ("patent_grants", "2017Q2", YT, 6),
    # invention_grants 2017: 23 - W5 - Y10 = 21; 烟台 7; Q2: 13 - Y10 - W5 = 11, 烟台 Y2 Y3 Y4 Y8 Y9 = 5
    ("invention_grants", "2017", SD, 21),
    ("invention_grants", "2017", YT, 7),
    ("invention_grants", "2017Q2", SD, 11),
    ("invention_grants", "2017Q2", YT, 5),
    ("invention_grants", "2017", WH, 2),
    # pct_applications: QW (WO, filed 2017-05-16, 青岛) only
    ("pct_applications", "2017", SD, 1),
    ("pct_applications", "2017", QD, 1),
    ("pct_applications", "2017Q2", SD, 1),
    ("pct_applications", "2017Q1", SD, 0),
    ("pct_applications", "2017", YT, 0),
    # overseas_invention_grants: QU (US grant 2017-10-03, 青岛)
    ("overseas_invention_grants", "2017", SD, 1),
    ("overseas_invention_grants", "2017", QD, 1),
    ("overseas_invention_grants", "2017Q4", SD, 1),
    ("overseas_invention_grants", "2017Q3", SD, 0),
    # transfers 2017: Y3 (08-15) Y5 (10-12) W2 (11-03) = 3; 烟台 2; Q3 = Y3 only
    ("transfers", "2017", SD, 3),
    ("transfers", "2017", YT, 2),
    ("transfers", "2017", WH, 1),
    ("transfers", "2017Q3", SD, 1),
    ("transfers", "2017Q4", YT, 1),
    # licences 2017: W1 (07-20) Y4 (12-05) = 2; 2024: J2's open-licence implementation (08-20) = 1
    ("licences", "2017", SD, 2),
    ("licences", "2017", WH, 1),
    ("licences", "2017Q3", SD, 1),
    ("licences", "2024", JN, 1),
    ("licences", "2024Q3", SD, 1),
    # transfers_licences 2017: 3 + 2 = 5; 烟台 Y3 Y5 Y4 = 3; Q3: Y3 + W1 = 2
    ("transfers_licences", "2017", SD, 5),
    ("transfers_licences", "2017", YT, 3),
    ("transfers_licences", "2017Q3", SD, 2),
    # pledge_registrations 2017: J5 (06-12), F1+F2 one contract (05-18), Y2 (08-10), J4 (09-20) = 4
    ("pledge_registrations", "2017", SD, 4),
    ("pledge_registrations", "2017", JN, 2),
    ("pledge_registrations", "2017", WF, 1),
    ("pledge_registrations", "2017Q2", SD, 2),
    ("pledge_registrations", "2017Q3", SD, 2),
    # pledge_amount 2017: 300 + 800 (F1/F2 contract once) + 1500 + 1200 = 3800; 潍坊 800; Q2 300 + 800 = 1100
    ("pledge_amount", "2017", SD, 3800),
    ("pledge_amount", "2017", WF, 800),
    ("pledge_amount", "2017", JN, 1500),
    ("pledge_amount", "2017Q2", SD, 1100),
    ("pledge_amount", "2017Q3", YT, 1500),
    # open_licence_declarations: J2 declared 2024-05-10
    ("open_licence_declarations", "2024", SD, 1),
    ("open_licence_declarations", "2024", JN, 1),
    ("open_licence_declarations", "2024Q2", SD, 1),
    ("open_licence_declarations", "2017", SD, 0),
]


@pytest.mark.usefixtures("loaded")
def test_hand_counted_values(db: Database) -> None:
    got = {(ind, p, r): value(db, ind, p, r) for ind, p, r, _ in CASES}
    assert got == {(ind, p, r): want for ind, p, r, want in CASES}


@pytest.mark.usefixtures("loaded")
def test_breakdowns(db: Database) -> None:
    year = parse_period("2017")
    g = grid(db, "2017", ["hv_invention", "valid_patents", "patent_grants", "patent_applications"])
    # sei: J1 J3 Q1 Q3 Q4 Y2 Y4 Y9 W1 F1 = 10; abroad J2 J3 = 2; pledge J4 Y2 = 2 → 14 > 12 (J3, Y2 meet two)
    assert g.get("hv_invention", SD, year).breakdown == {"sei": 10, "abroad": 2, "pledge": 2}
    assert g.get("hv_invention", JN, year).breakdown == {"sei": 2, "abroad": 2, "pledge": 1}
    assert g.get("valid_patents", SD, year).breakdown == {"invention": 20, "utility_model": 1, "design": 1}
    assert g.get("patent_grants", SD, year).breakdown == {"invention": 21, "utility_model": 1, "design": 1}
    assert g.get("patent_applications", SD, year).breakdown == {"invention": 3, "utility_model": 1}
    # 2022: maintained Y8 Y9 Q6; award W2 Q3
    later = grid(db, "2022", ["hv_invention"]).get("hv_invention", SD, parse_period("2022"))
    assert later.breakdown == {"sei": 10, "abroad": 2, "pledge": 2, "maintained": 3, "award": 2}


ADDITIVE = ["valid_invention", "hv_invention", "valid_patents", "patent_applications", "patent_grants",
            "invention_grants", "pct_applications", "overseas_invention_grants", "transfers", "licences",
            "transfers_licences", "pledge_registrations", "pledge_amount", "open_licence_declarations"]  # fmt: skip


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize("period", ["2017", "2017Q2", "2022"])
def test_cities_plus_unattributed_add_up_to_the_province(db: Database, period: str) -> None:
    # the pledge contract F1+F2 lies in one city, so pledges add up here too
    g = grid(db, period, ADDITIVE)
    p = parse_period(period)
    children = [c.code for c in g.children]
    assert len(children) == 16
    for ind in ADDITIVE:
        total = sum(g.get(ind, c, p).value or 0 for c in [*children, ""])
        assert total == g.get(ind, SD, p).value, ind


@pytest.mark.usefixtures("loaded")
@pytest.mark.parametrize(("indicator", "period", "region"), [
    ("valid_invention", "2017", SD), ("valid_invention", "2018", YT), ("hv_invention", "2017", SD),
    ("hv_invention", "2022", QD), ("hv_invention", "2017Q2", JN), ("valid_patents", "2017", WH),
    ("patent_applications", "2015", SD), ("patent_grants", "2017Q2", SD), ("invention_grants", "2017", YT),
    ("pct_applications", "2017", SD), ("overseas_invention_grants", "2017", QD),
])  # fmt: skip
def test_records_behind_a_number_are_as_many_as_the_number(
    db: Database, indicator: str, period: str, region: str
) -> None:
    p = parse_period(period)
    with db.session() as s:
        page = indicator_records(
            s, rules=IndicatorRules(), indicator_id=indicator, region_code=region, period=p, limit=500
        )
    assert page.total == value(db, indicator, period, region) == len(page.items)


@pytest.mark.usefixtures("loaded")
def test_records_of_a_breakdown_part(db: Database, loaded: dict[str, str]) -> None:
    with db.session() as s:
        page = indicator_records(s, rules=IndicatorRules(), indicator_id="hv_invention", region_code=SD,
                                 period=parse_period("2017"), part="pledge")  # fmt: skip
    assert {i.app_number for i in page.items} == {loaded["J4"], loaded["Y2"]}


@pytest.mark.usefixtures("loaded")
def test_hk_right_holder_is_neither_valid_nor_high_value_but_a_grant(
    db: Database, loaded: dict[str, str]
) -> None:
    with db.session() as s:
        hv = indicator_records(s, rules=IndicatorRules(), indicator_id="hv_invention", region_code=YT,
                               period=parse_period("2017"), limit=100)  # fmt: skip
        grants = indicator_records(s, rules=IndicatorRules(), indicator_id="patent_grants", region_code=YT,
                                   period=parse_period("2017"), limit=100)  # fmt: skip
    hv_numbers = {i.app_number for i in hv.items}
    # Y3 is SEI (F04D29/28) and granted 2017, but its right holder is in Hong Kong
    assert loaded["Y3"] not in hv_numbers and hv_numbers == {loaded["Y2"], loaded["Y4"], loaded["Y9"]}
    assert loaded["Y3"] in {i.app_number for i in grants.items}


@pytest.mark.usefixtures("loaded")
def test_a_patent_meeting_several_categories_counts_once(db: Database, loaded: dict[str, str]) -> None:
    with db.session() as s:
        page = indicator_records(s, rules=IndicatorRules(), indicator_id="hv_invention", region_code=JN,
                                 period=parse_period("2017"))  # fmt: skip
    numbers = [i.app_number for i in page.items]
    # J3 is SEI and granted abroad: listed once; J1 J2 J3 J4
    assert sorted(numbers) == sorted([loaded["J1"], loaded["J2"], loaded["J3"], loaded["J4"]])


@pytest.mark.usefixtures("loaded")
def test_ratio_is_numerator_over_population(db: Database) -> None:
    year = parse_period("2017")
    with indicator_data.population(db):
        g = grid(db, "2017", ["valid_invention_per_10k", "hv_invention_per_10k"])
    sd = g.get("valid_invention_per_10k", SD, year)
    # 20 valid inventions / 10005.83 万人 = 0.0019988 → 0.002
    assert (sd.numerator, sd.denominator, sd.denominator_year, sd.note) == (20, 10005.83, 2017, None)
    assert sd.value == pytest.approx(0.002, abs=1e-4)
    wh = g.get("valid_invention_per_10k", WH, year)
    assert (wh.numerator, wh.denominator, wh.value) == (2, 280.0, pytest.approx(2 / 280, abs=1e-4))  # 0.0071
    # 烟台 has only a 2016 figure: one year of fallback, and the note says so
    yt = g.get("valid_invention_per_10k", YT, year)
    assert (yt.numerator, yt.denominator, yt.denominator_year) == (6, 700.0, 2016)
    assert yt.value == pytest.approx(6 / 700, abs=1e-4) and yt.note == "人口采用2016年末数据"
    # 青岛 has no population for 2017 or 2016
    qd = g.get("valid_invention_per_10k", QD, year)
    assert (qd.value, qd.missing, qd.numerator) == (None, "缺人口数据", 4)
    hv = g.get("hv_invention_per_10k", SD, year)
    assert hv.numerator == 12 and hv.value == pytest.approx(12 / 10005.83, abs=1e-4)


@pytest.mark.usefixtures("loaded")
def test_input_series_rows(db: Database) -> None:
    indicator_data.add_inputs(db, [("trademarks_valid", YT, "2017", "82000"), ("trademarks_valid", WH, "2017", "31000"),
                                   ("trademarks_valid", YT, "2017Q2", "80500")])  # fmt: skip
    g = grid(db, "2017", ["trademarks_valid"])
    year = parse_period("2017")
    assert g.get("trademarks_valid", YT, year).value == 82000
    assert g.get("trademarks_valid", YT, year).note == "来源：测试情景填报"
    assert g.get("trademarks_valid", WH, year).value == 31000
    # 14 cities did not report: the province is not their sum, and says why
    assert (g.get("trademarks_valid", SD, year).value, g.get("trademarks_valid", SD, year).missing) == (
        None,
        "未填报",
    )
    assert g.get("trademarks_valid", JN, year).missing == "未填报"
    assert value(db, "trademarks_valid", "2017Q2", YT) == 80500
    # a city's own view: the city's value is its own row
    assert grid(db, "2017", ["trademarks_valid"], region=YT).get("trademarks_valid", YT, year).value == 82000


def test_settings_change_rebuilds_the_facts(db: Database, loaded: dict[str, str]) -> None:
    default = IndicatorRules.from_settings(Settings(database_url=db.settings.database_url))
    assert value(db, "hv_invention", "2017", SD, rules=default) == 12
    # threshold 200 万元: J5 (300) and F2 (800) now qualify → 14; the fingerprint forces a full rebuild
    low = IndicatorRules.from_settings(
        Settings(database_url=db.settings.database_url, hv_pledge_threshold_10k=200)
    )
    with db.session() as s:
        report = facts.refresh(s, low, today=indicator_data.TODAY)
    assert report.rebuilt and report.built == report.total_patents == 32
    assert value(db, "hv_invention", "2017", SD, rules=low) == 14
    assert value(db, "hv_invention", "2017", WF, rules=low) == 2
    # without the pledge category: J4 (pledge only) drops out, Y2 stays (SEI) → 11 at the default threshold
    with db.session() as s:
        facts.refresh(s, default, today=indicator_data.TODAY)
    no_pledge = IndicatorRules.from_settings(Settings(database_url=db.settings.database_url,
                                                      hv_categories=["sei", "abroad", "maintained", "award"]))  # fmt: skip
    with db.session() as s:
        assert not facts.refresh(
            s, no_pledge, today=indicator_data.TODAY
        ).rebuilt  # categories are applied at query time
    assert value(db, "hv_invention", "2017", SD, rules=no_pledge) == 11
    assert value(db, "hv_invention", "2017", JN, rules=no_pledge) == 3


@pytest.mark.usefixtures("loaded")
def test_overlapping_periods_in_one_grid(db: Database) -> None:
    year, q2 = parse_period("2017"), parse_period("2017Q2")
    with db.session() as s:
        g = evaluate_grid(s, rules=IndicatorRules(), region_code=SD, periods=[year, q2],
                          indicator_ids=["patent_grants", "pledge_amount"])  # fmt: skip
    assert g.get("patent_grants", SD, year).value == 23
    assert g.get("patent_grants", SD, q2).value == 13  # see CASES
    assert g.get("pledge_amount", SD, q2).value == 1100
