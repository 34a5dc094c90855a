"""Project library on both engines: the whole chain, audit rows, who sees what, the indicator feed."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipops.analytics.grid import evaluate_grid
from ipops.analytics.periods import parse_period
from ipops.analytics.rules import IndicatorRules
from ipops.domain.errors import Forbidden, InvalidTransition, IpopsError, NotFound
from ipops.finance import service
from ipops.store.db import Database
from ipops.store.schema import AuditLog, LegalEvent, Patent, PledgeProjectLog
from tests.analytics import indicator_data
from tests.factories import save
from tests.finance import data
from tests.finance.data import TODAY, Y4, People

SD, YT = "370000", "370600"


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


def test_full_chain_is_logged_and_audited(db: Database, p: People) -> None:
    pid = data.create(db, p.firm, p.bank_id, [Y4], submit=False)
    assert data.act(db, p.firm, pid, "submit") == "submitted"
    assert data.act(db, p.bank, pid, "accept") == "bank_review"
    assert data.act(db, p.bank, pid, "approve", note="授信审批通过") == "approved"
    assert data.register(db, p, pid, TODAY) == "registered"
    assert data.act(db, p.office, pid, "repay", date=dt.date(2027, 11, 30)) == "repaid"
    with db.session() as s:
        logs = s.execute(select(PledgeProjectLog.action, PledgeProjectLog.from_status, PledgeProjectLog.to_status,
                                PledgeProjectLog.user_id).order_by(PledgeProjectLog.id)).all()  # fmt: skip
        audit = s.scalars(select(AuditLog.action).where(AuditLog.object_type == "pledge_project")).all()
        read = service.get_project(s, viewer=p.office, project_id=pid)
    assert [(a, f, t) for a, f, t, _ in logs] == [
        ("create", None, "draft"), ("submit", "draft", "submitted"), ("accept", "submitted", "bank_review"),
        ("approve", "bank_review", "approved"), ("register", "approved", "registered"), ("repay", "registered", "repaid"),
    ]  # fmt: skip
    assert [u for *_, u in logs] == [p.firm.user_id] * 2 + [p.bank.user_id] * 3 + [p.office.user_id]
    assert audit == ["pledge.create", "pledge.submit", "pledge.accept", "pledge.approve", "pledge.register", "pledge.repay"]
    assert read.history[3].note == "授信审批通过" and read.history[3].user == f"{data.BANK}经办人"
    assert read.registration_number == "Y2017370000456" and read.loan_end_date == dt.date(2027, 12, 4)
    assert read.closed_date == dt.date(2027, 11, 30) and read.actions == []


def test_invalid_step_on_a_stored_project(db: Database, p: People) -> None:
    pid = data.create(db, p.firm, p.bank_id, [Y4])
    with pytest.raises(InvalidTransition, match="项目当前状态为「已提交」，不能执行「录入质押登记」"):
        data.register(db, p, pid, TODAY)
    with pytest.raises(Forbidden, match="「受理审查」只能由受理银行操作"):
        data.act(db, p.firm, pid, "accept")
    with pytest.raises(Forbidden):  # the office enters registrations but does not take the credit decision
        data.act(db, p.office, pid, "accept")


def test_each_party_sees_only_its_projects(db: Database, p: People) -> None:
    mine = data.create(db, p.firm, p.bank_id, [Y4])
    theirs = data.create(db, p.other_firm, p.other_bank_id, [data.F1])
    with db.session() as s:
        def ids(v):  # type: ignore[no-untyped-def]
            return {x.id for x in service.list_projects(s, viewer=v)}

        assert ids(p.firm) == {mine} and ids(p.other_firm) == {theirs}
        assert ids(p.bank) == {mine} and ids(p.other_bank) == {theirs}
        assert ids(p.office) == {mine, theirs}
        for viewer, hidden in [(p.firm, theirs), (p.bank, theirs), (p.other_bank, mine)]:
            with pytest.raises(NotFound):
                service.get_project(s, viewer=viewer, project_id=hidden)
        with pytest.raises(Forbidden):
            service.overview(s, viewer=p.bank)
    with pytest.raises(NotFound):  # a bank cannot act on another bank's project either
        data.act(db, p.other_bank, mine, "accept")


def test_banks_cannot_file_and_the_bank_must_be_a_bank(db: Database, p: People) -> None:
    with pytest.raises(Forbidden):
        data.create(db, p.bank, p.bank_id, [Y4])
    with pytest.raises(IpopsError, match="请选择受理银行"):  # a firm is not a bank
        data.create(db, p.firm, p.firm.organisation_id, [Y4])  # type: ignore[arg-type]


def _grid(db: Database, period: str, ids: list[str], region: str = SD):  # type: ignore[no-untyped-def]
    with db.session() as s:
        g = evaluate_grid(s, rules=IndicatorRules(), region_code=region, periods=[parse_period(period)], indicator_ids=ids)
    return {i: g.get(i, region, parse_period(period)).value for i in ids}


def test_registration_feeds_the_pledge_indicators(db: Database, p: People) -> None:
    ids = ["pledge_registrations", "pledge_amount"]
    # fixture 2017: 4 registrations, 3800 万元 in the province; 烟台 1 (Y2), 1500 (tests/analytics/test_indicators.py)
    assert _grid(db, "2017", ids) == {"pledge_registrations": 4, "pledge_amount": 3800}
    pid = data.approved(db, p, [Y4], amount="500")
    data.register(db, p, pid, dt.date(2017, 11, 15))
    assert _grid(db, "2017", ids) == {"pledge_registrations": 5, "pledge_amount": 4300}
    assert _grid(db, "2017", ids, YT) == {"pledge_registrations": 2, "pledge_amount": 2000}
    with db.session() as s:
        event = s.scalar(select(LegalEvent).where(LegalEvent.origin == "platform"))
        assert event is not None and event.kind == "pledge" and event.counterparty == data.BANK
        assert event.details == {"project_id": pid, "registration_number": "Y2017370000456", "pledgor": data.FIRM}
    data.act(db, p.bank, pid, "repay", date=dt.date(2018, 11, 1))
    with db.session() as s:
        kinds = s.scalars(select(LegalEvent.kind).where(LegalEvent.origin == "platform").order_by(LegalEvent.id)).all()
    assert kinds == ["pledge", "pledge_cancel"]
    assert _grid(db, "2017", ids)["pledge_registrations"] == 5  # a cancellation does not undo the registration count


def test_two_patents_of_one_contract_count_once(db: Database, p: People) -> None:
    # Y8 and Y9 (烟台) share their holder; a third-party pledgor (not the borrowing firm) is allowed
    pid = data.approved(db, p, ["CN201110337710.X", "CN201110461673.3"], amount="800", pledgor="中国人民解放军海军航空工程学院")
    data.act(db, p.bank, pid, "register", registration_number="Y2026370000009", registration_date=TODAY,
             acknowledge_warnings=True)  # fmt: skip
    assert _grid(db, "2026", ["pledge_registrations", "pledge_amount"]) == {"pledge_registrations": 1, "pledge_amount": 800}


def test_platform_events_survive_a_reimport_and_block_a_second_pledge(db: Database, p: People) -> None:
    pid = data.approved(db, p, [Y4])
    data.register(db, p, pid, TODAY)
    save(db, indicator_data.records()["Y4"])  # the vendor file comes again
    with db.session() as s:
        patent = s.scalar(select(Patent).where(Patent.app_number == Y4))
        kinds = s.scalars(select(LegalEvent.origin).where(LegalEvent.patent_id == patent.id, LegalEvent.kind == "pledge"))
        assert list(kinds) == ["platform"]
    second = data.create(db, p.firm, p.other_bank_id, [Y4])
    with db.session() as s:
        r = service.check(s, viewer=p.firm, project_id=second, on=TODAY)
    item = next(i for i in r.items if i.rule == "not_pledged")
    assert item.level == "error" and f"平台项目 #{pid}" in item.message
