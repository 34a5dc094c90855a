"""Derived facts: when a right ended (`right_end`), and incremental refresh."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, update

from ipops.analytics import facts
from ipops.analytics.rules import IndicatorRules
from ipops.ingest.record import EventRecord
from ipops.store.db import Database
from ipops.store.schema import Patent, PatentFact
from tests.analytics import indicator_data
from tests.factories import grant_of, make_record, save

D = dt.date
TODAY = D(2026, 12, 4)
EXPIRY = D(2036, 11, 25)


@pytest.mark.parametrize(("status", "status_date", "expiry", "events", "expected"), [
    ("granted", None, EXPIRY, [], (None, True)),  # alive
    ("lapsed_fee", D(2019, 3, 1), EXPIRY, [("fee_termination", D(2018, 11, 25))], (D(2018, 11, 25), True)),
    ("lapsed_fee", D(2019, 3, 1), EXPIRY, [], (D(2019, 3, 1), True)),  # no event: the status date
    ("lapsed_fee", None, EXPIRY, [], (None, False)),  # ended, nobody knows when
    ("granted", None, EXPIRY, [("fee_termination", D(2018, 11, 25)), ("restoration", D(2019, 4, 2))], (None, True)),
    # lapsed again after the restoration: the last ending counts
    ("lapsed_fee", None, EXPIRY, [("fee_termination", D(2018, 11, 25)), ("restoration", D(2019, 4, 2)),
                                  ("fee_termination", D(2020, 11, 25))], (D(2020, 11, 25), True)),
    ("expired", None, D(2016, 5, 1), [], (D(2016, 5, 1), True)),  # expired status: the expiry date
    ("granted", None, D(2016, 5, 1), [], (D(2016, 5, 1), True)),  # live status, statutory term over
    ("invalidated", D(2021, 1, 8), EXPIRY, [("invalidation", D(2020, 12, 30))], (D(2020, 12, 30), True)),
    ("deemed_withdrawn", None, None, [("deemed_withdrawal", D(2018, 7, 6))], (D(2018, 7, 6), True)),
    ("published", None, None, [("publication", D(2017, 4, 5))], (None, True)),  # not an ending event
    ("lapsed_fee", D(2019, 3, 1), EXPIRY, [("fee_termination", None)], (D(2019, 3, 1), True)),  # undated event
])  # fmt: skip
def test_right_end(status: str, status_date: dt.date | None, expiry: dt.date | None,
                   events: list[tuple[str, dt.date | None]], expected: tuple[dt.date | None, bool]) -> None:  # fmt: skip
    assert facts.right_end(status, status_date, expiry, events, TODAY) == expected


def test_a_lapse_event_ends_a_right_whose_status_was_only_derived(db: Database) -> None:
    a = make_record()
    b = grant_of(a, "CN106557325B", D(2017, 7, 7))
    b.events = [EventRecord("fee_termination", D(2018, 11, 25), "未缴年费专利权终止")]
    save(db, a, b)
    with db.session() as s:
        facts.refresh(s, IndicatorRules(), today=TODAY)
        assert s.scalar(select(Patent.legal_status)) == "granted"  # derived from the B publication
        assert s.scalar(select(PatentFact.end_date)) == D(2018, 11, 25)


def test_unknown_end_date_is_never_counted_valid(db: Database) -> None:
    a = make_record(legal_status="lapsed_fee")
    save(db, a, grant_of(a, "CN106557325B", D(2017, 7, 7)))
    with db.session() as s:
        facts.refresh(s, IndicatorRules(), today=TODAY)
        fact = s.scalar(select(PatentFact))
    assert fact is not None
    assert (fact.end_date, fact.end_date_known) == (D(2017, 7, 7), False)  # grant date: never valid


def test_incremental_refresh_only_rebuilds_changed_patents(db: Database) -> None:
    numbers = indicator_data.load(db)
    rules = IndicatorRules()
    with db.session() as s:
        assert facts.refresh(s, rules, today=TODAY).as_dict() == {
            "built": 0,
            "total_patents": 32,
            "rebuilt": False,
        }
        pid = s.scalar(select(Patent.id).where(Patent.app_number == numbers["W2"]))
        before = {f.patent_id: f.built_at for f in s.scalars(select(PatentFact))}
        s.execute(update(Patent).where(Patent.id == pid).values(updated_at=dt.datetime(2030, 1, 1)))
    with db.session() as s:
        assert facts.stale_ids(s) == [pid]
        report = facts.refresh(s, rules, today=TODAY)
        assert (report.built, report.rebuilt) == (1, False)
        after = {f.patent_id: f.built_at for f in s.scalars(select(PatentFact))}
    changed = {k for k in after if after[k] != before[k]}
    assert changed == {pid}
    # explicit ids are rebuilt whatever their state
    with db.session() as s:
        assert facts.refresh(s, rules, [pid, pid], today=TODAY).built == 1


def test_new_import_is_picked_up(db: Database) -> None:
    indicator_data.load(db)
    a = make_record(app_number="CN201611067191.9")
    save(db, a, grant_of(a, "CN106557325B", D(2017, 7, 7)))
    with db.session() as s:
        report = facts.refresh(s, IndicatorRules(), today=TODAY)
        assert (report.built, report.total_patents, report.rebuilt) == (1, 33, False)
        fact = s.scalar(select(PatentFact).join(Patent, Patent.id == PatentFact.patent_id)
                        .where(Patent.app_number == "CN201611067191.9"))  # fmt: skip
    assert fact is not None
    assert (fact.city_code, fact.county_code, fact.domestic, fact.grant_date) == (
        "370100",
        "370103",
        True,
        D(2017, 7, 7),
    )


def test_fact_fields_of_the_fixture(db: Database) -> None:
    numbers = indicator_data.load(db)
    with db.session() as s:
        rows = {n: f for n, f in s.execute(select(Patent.app_number, PatentFact).join(PatentFact))}
    assert rows[numbers["Y3"]].domestic is False  # HK right holder
    assert rows[numbers["Q1"]].city_code is None and rows[numbers["Q1"]].province_code == "370000"
    assert rows[numbers["Y1"]].end_date == D(2018, 3, 23)
    assert rows[numbers["Q2"]].end_date is None  # restored
    assert rows[numbers["Y2"]].pledge_hv_date == D(2017, 8, 10)
    assert rows[numbers["J5"]].pledge_hv_date is None and float(rows[numbers["J5"]].pledge_max_amount) == 300
    assert rows[numbers["W2"]].award_date == D(2018, 1, 1)
    assert (rows[numbers["J1"]].sei, rows[numbers["J2"]].sei) == (True, False)
    assert rows[numbers["QW"]].country == "WO" and rows[numbers["QU"]].country == "US"
    assert rows[numbers["Y10"]].end_date == D(
        2025, 12, 15
    )  # design filed 2015-12-16: 10-year term ends the day before
