"""Custody services on both engines, with real patent rows: portfolios, adds, calendar, budget, alerts, payments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import update

from ipops.custody import service
from ipops.custody.schemas import Viewer
from ipops.domain.errors import Conflict, Forbidden, NotFound
from ipops.store.db import Database
from ipops.store.schema import Patent
from tests.custody.conftest import FIRST, ON, SECOND

pytestmark = pytest.mark.usefixtures("patents")


def _portfolio(db: Database, viewer: Viewer, *numbers: str, reduction: int = 0, on: dt.date = ON) -> int:
    with db.session() as s:
        pid = service.create_portfolio(s, viewer=viewer, name="核心专利", note="测试").id
        if numbers:
            result = service.add_patents(s, viewer=viewer, portfolio_id=pid, numbers=numbers,
                                         reduction_percent=reduction, on=on)  # fmt: skip
            assert result.added == len(numbers), result.rows
    return pid


def test_add_by_any_number_form_reports_each_row(db: Database, viewers: dict[str, Viewer]) -> None:
    pid = _portfolio(db, viewers["firm"])
    rows = [
        "ZL 2016 1 1067191.9",
        "CN103778463B",
        "CN201510584828.0",
        "CN201611067191.8",
        "CN201611067191.9",
        "abc",
        "",
    ]
    with db.session() as s:
        result = service.add_patents(s, viewer=viewers["firm"], portfolio_id=pid, numbers=rows, on=ON)
    assert (result.added, result.rejected) == (2, 5)
    by_row = {r.row: r for r in result.rows}
    assert by_row[1].ok and by_row[1].app_number == FIRST
    assert by_row[2].ok and by_row[2].app_number == SECOND  # grant publication number
    assert by_row[3].message == "数据库中没有专利 CN201510584828.0，请先导入该专利"
    assert "校验位应为 9" in by_row[4].message
    assert by_row[5].message == f"{FIRST} 已在本组合中"
    assert not by_row[6].ok and by_row[6].message
    assert by_row[7].message == "号码为空"
    with db.session() as s:
        assert service.get_portfolio(s, viewer=viewers["firm"], portfolio_id=pid).items == 2


def test_not_granted_patent_is_rejected(db: Database, viewers: dict[str, Viewer]) -> None:
    pid = _portfolio(db, viewers["firm"])
    with db.session() as s:
        s.execute(update(Patent).where(Patent.app_number == FIRST).values(grant_date=None))
        result = service.add_patents(s, viewer=viewers["firm"], portfolio_id=pid, numbers=[FIRST], on=ON)
    assert result.rows[0].message == f"{FIRST} 尚未授权，授权后才缴纳年费"


def test_default_paid_up_to_and_calendar(db: Database, viewers: dict[str, Viewer]) -> None:
    pid = _portfolio(db, viewers["firm"], FIRST, SECOND)
    with db.session() as s:
        detail = service.portfolio_detail(s, viewer=viewers["firm"], portfolio_id=pid, on=ON, years=2)
    items = {i.app_number: i for i in detail.items}
    # FIRST: year 11 fell due 2026-11-25 and is still in grace on ON → assumed unpaid
    assert (items[FIRST].paid_up_to_year, items[FIRST].next_year, items[FIRST].next_due_date) == (
        10,
        11,
        dt.date(2026, 11, 25),
    )
    # SECOND: year 13 (due 2026-02-09) is past its grace, so it was paid; year 14 is next
    assert (items[SECOND].paid_up_to_year, items[SECOND].next_due_date, items[SECOND].next_payable) == (
        13,
        dt.date(2027, 2, 9),
        6000,
    )
    assert items[SECOND].expiry == dt.date(2034, 2, 8)
    rows = [(r.app_number, r.year, r.due_date, r.status) for r in detail.calendar.rows]
    assert rows == [
        (FIRST, 11, dt.date(2026, 11, 25), "in_grace"),
        (SECOND, 14, dt.date(2027, 2, 9), "upcoming"),
        (FIRST, 12, dt.date(2027, 11, 25), "upcoming"),
        (SECOND, 15, dt.date(2028, 2, 9), "upcoming"),
        (FIRST, 13, dt.date(2028, 11, 25), "upcoming"),
    ]
    assert detail.calendar.rows[0].owed_today == 4000  # 20 days late: the 0 % band
    budget = {b.year: (b.fees, b.amount) for b in detail.calendar.budget}
    assert budget == {2026: (1, 4000), 2027: (2, 10000), 2028: (2, 12000)}


def test_reduction_applies_in_the_first_ten_years_from_grant(
    db: Database, viewers: dict[str, Viewer]
) -> None:
    pid = _portfolio(db, viewers["firm"], SECOND, reduction=85, on=dt.date(2022, 1, 1))
    with db.session() as s:
        cal = service.portfolio_calendar(
            s, viewer=viewers["firm"], portfolio_id=pid, on=dt.date(2022, 1, 1), years=1
        )
    # grant year 4 → reduced years 4…13; 2022-02-09 starts year 9 (2,000 → 300)
    row = next(r for r in cal.rows if r.year == 9)
    assert (row.amount, row.reduction_percent, row.payable) == (2000, 85, 300)


def test_alerts_and_acknowledge(db: Database, viewers: dict[str, Viewer]) -> None:
    pid = _portfolio(db, viewers["firm"], FIRST, SECOND)
    with db.session() as s:
        alerts = service.portfolio_alerts(s, viewer=viewers["firm"], portfolio_id=pid, on=ON).alerts
    assert {(a.app_number, a.kind) for a in alerts} == {(FIRST, "in_grace"), (SECOND, "due_soon")}
    grace = next(a for a in alerts if a.kind == "in_grace")
    assert "滞纳期至 2027-05-25" in grace.message and grace.amount == 4000
    with db.session() as s:  # a lapse recorded by a later import
        s.execute(update(Patent).where(Patent.app_number == SECOND)
                  .values(legal_status="lapsed_fee", legal_status_date=dt.date(2026, 12, 1)))  # fmt: skip
    with db.session() as s:
        kinds = {a.kind for a in service.portfolio_alerts(s, viewer=viewers["firm"], portfolio_id=pid, on=ON).alerts
                 if a.app_number == SECOND}  # fmt: skip
        assert kinds == {"status_changed", "lapsed"}
        assert all(
            r.app_number != SECOND
            for r in service.portfolio_calendar(s, viewer=viewers["firm"], portfolio_id=pid, on=ON).rows
        )
        assert service.acknowledge_alerts(s, viewer=viewers["firm"], portfolio_id=pid) == 1
    with db.session() as s:
        kinds = {
            a.kind
            for a in service.portfolio_alerts(s, viewer=viewers["firm"], portfolio_id=pid, on=ON).alerts
        }
    assert "status_changed" not in kinds and "lapsed" in kinds


def test_overdue_and_expiring_alerts(db: Database, viewers: dict[str, Viewer]) -> None:
    pid = _portfolio(db, viewers["firm"], SECOND)
    with db.session() as s:
        late = service.portfolio_alerts(
            s, viewer=viewers["firm"], portfolio_id=pid, on=dt.date(2027, 8, 10)
        ).alerts
        assert [a.kind for a in late] == ["overdue"]
        assert late[0].amount == 6000 + 1500 + 1000  # fee + 25 % + restoration
        end = service.portfolio_alerts(
            s, viewer=viewers["firm"], portfolio_id=pid, on=dt.date(2033, 6, 1)
        ).alerts
    assert "expiring" in {a.kind for a in end}


def test_mark_paid_moves_the_calendar(db: Database, viewers: dict[str, Viewer]) -> None:
    pid = _portfolio(db, viewers["firm"], FIRST)
    with db.session() as s:
        item_id = service.portfolio_detail(s, viewer=viewers["firm"], portfolio_id=pid, on=ON).items[0].id
        read = service.mark_paid(
            s, viewer=viewers["firm"], portfolio_id=pid, item_id=item_id, year=11, paid_on=ON
        )
        assert (read.paid_up_to_year, read.next_year) == (11, 12)
    with db.session() as s:
        cal = service.portfolio_calendar(s, viewer=viewers["firm"], portfolio_id=pid, on=ON, years=1)
        assert [r.year for r in cal.rows] == [12]
        with pytest.raises(NotFound):
            service.mark_paid(
                s, viewer=viewers["firm"], portfolio_id=pid, item_id=item_id + 999, year=12, paid_on=ON
            )


def test_a_firm_sees_only_its_own_portfolios(db: Database, viewers: dict[str, Viewer]) -> None:
    pid = _portfolio(db, viewers["firm"], FIRST)
    with db.session() as s:
        with pytest.raises(NotFound):
            service.portfolio_calendar(s, viewer=viewers["other"], portfolio_id=pid)
        with pytest.raises(NotFound):
            service.add_patents(s, viewer=viewers["other"], portfolio_id=pid, numbers=[SECOND])
        with pytest.raises(NotFound):
            service.portfolio_alerts(s, viewer=viewers["other"], portfolio_id=pid)
        assert service.list_portfolios(s, viewer=viewers["other"]) == []
        with pytest.raises(Forbidden):
            service.create_portfolio(
                s, viewer=viewers["other"], name="越权", organisation_id=viewers["firm"].organisation_id
            )
        with pytest.raises(Forbidden):
            service.create_portfolio(s, viewer=Viewer(None, None), name="无机构")
        office = service.list_portfolios(s, viewer=viewers["office"])
        assert [p.id for p in office] == [pid] and office[0].organisation_name == "青岛黎马敦包装有限公司"
        assert service.portfolio_calendar(s, viewer=viewers["office"], portfolio_id=pid, on=ON).rows
        with pytest.raises(Conflict):
            service.create_portfolio(s, viewer=viewers["firm"], name="核心专利")


def test_patent_fee_calendar_by_number_or_dates(db: Database) -> None:
    with db.session() as s:
        cal = service.patent_fee_calendar(s, number="CN106557325B", reduction_percent=Decimal(70))
    assert (cal.app_number, cal.grant_year, cal.years[0].due_date) == (FIRST, 1, dt.date(2017, 9, 7))
    assert cal.years[1].payable == 270 and cal.years[-1].year == 20
    described = service.patent_fee_calendar(None, patent_type="utility_model", filing_date=dt.date(1999, 9, 6),
                                            grant_date=dt.date(2000, 5, 1))  # fmt: skip
    assert described.expiry == dt.date(2009, 9, 5)
