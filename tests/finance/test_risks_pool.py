"""Post-loan risk alerts and the risk-compensation pool, on both engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from ipops.domain.errors import Forbidden
from ipops.finance import pool, risks
from ipops.finance.schemas import PoolEntryIn
from ipops.store.db import Database
from ipops.store.schema import LegalEvent, Patent, RiskPoolEntry
from tests.finance import data
from tests.finance.data import Y4, People


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


def _registered(db: Database, p: People, day: dt.date = dt.date(2017, 11, 15), term: int = 12) -> int:
    pid = data.approved(db, p, [Y4], term=term)
    data.register(db, p, pid, day)
    return pid


def kinds(db: Database, viewer, pid: int, on: dt.date) -> dict[str, str]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return {a.kind: a.message for a in risks.project_risks(s, viewer=viewer, project_id=pid, on=on).alerts}


def test_fee_due_and_events_since_registration(db: Database, p: People) -> None:
    pid = _registered(db, p)
    got = kinds(db, p.bank, pid, dt.date(2018, 1, 10))
    # Y4 was filed 2015-03-11: the 4th-year fee falls due on 2018-03-11, 60 days ahead
    assert got["fee_due"] == "第4年度年费将于 2018-03-11 到期"
    assert "2017-12-05" in got["new_event"]  # the licence recorded after the registration (fixture scenario)
    assert "lapsed" not in got and "status_changed" not in got
    got = kinds(db, p.bank, pid, dt.date(2018, 4, 1))  # no fee record: maybe in the grace period
    assert got["fee_unknown"].startswith("第4年度年费 2018-03-11 到期，平台无缴费记录")


def test_lapse_status_change_and_expiry_before_loan_end(db: Database, p: People) -> None:
    pid = _registered(db, p)
    with db.session() as s:
        patent = s.scalar(select(Patent).where(Patent.app_number == Y4))
        assert patent is not None
        patent.legal_status, patent.legal_status_date = "lapsed_fee", dt.date(2018, 9, 11)
        patent.expiry_date = dt.date(2018, 6, 30)  # scenario: a corrected term, ending before the loan
        s.add(LegalEvent(patent_id=patent.id, kind="fee_termination", event_date=dt.date(2018, 9, 11),
                         raw_text="未缴年费专利权终止（情景）"))  # fmt: skip
    got = kinds(db, p.bank, pid, dt.date(2018, 10, 1))
    assert {"lapsed", "status_changed", "expiry_before_loan_end"} <= set(got)
    assert got["status_changed"] == "法律状态由登记时的「授权有效」变为「未缴年费终止」"
    assert got["expiry_before_loan_end"] == "专利权 2018-06-30 届满，早于贷款到期日 2018-11-15"


def test_dashboard_is_the_banks_own(db: Database, p: People) -> None:
    pid = _registered(db, p)
    with db.session() as s:
        assert [r.project_id for r in risks.dashboard(s, viewer=p.bank, on=dt.date(2018, 1, 10))] == [pid]
        assert risks.dashboard(s, viewer=p.other_bank) == []
        assert [r.project_id for r in risks.dashboard(s, viewer=p.office)] == [pid]


def test_default_splits_the_loss_and_disposal_returns_the_pool_share(db: Database, p: People) -> None:
    with db.session() as s:
        with pytest.raises(Forbidden):
            pool.add_contribution(s, viewer=p.bank, data=PoolEntryIn(amount=Decimal(1)))
        pool.add_contribution(s, viewer=p.office, data=PoolEntryIn(amount=Decimal(2000), entry_date=dt.date(2017, 1, 1),
                                                                   note="市财政注资"))  # fmt: skip
    pid = _registered(db, p, dt.date(2017, 11, 15))
    data.act(db, p.bank, pid, "default", date=dt.date(2018, 12, 1), loss_amount=Decimal(400))
    with db.session() as s:
        summary = pool.summary(s, viewer=p.office)
        from ipops.store.schema import PledgeProject

        split = pool.loss_split(s.get(PledgeProject, pid))  # type: ignore[arg-type]
    assert (split.loss, split.bank, split.pool, split.guarantor) == (400, 120, 200, 80)  # 30 / 50 / 20 %
    assert summary.balance == 1800 and summary.compensations == 200
    assert [d.id for d in summary.defaulted] == [pid]
    data.act(db, p.bank, pid, "dispose", date=dt.date(2019, 3, 1), recovered_amount=Decimal(100))
    with db.session() as s:
        summary = pool.summary(s, viewer=p.office)
        entries = s.execute(select(RiskPoolEntry.kind, RiskPoolEntry.amount).order_by(RiskPoolEntry.id)).all()
        cancels = s.scalars(select(LegalEvent.event_date).where(LegalEvent.kind == "pledge_cancel",
                                                                LegalEvent.origin == "platform")).all()  # fmt: skip
    assert [(k, float(a)) for k, a in entries] == [("contribution", 2000), ("compensation", 200), ("recovery", 50)]
    assert summary.balance == 1850 and cancels == [dt.date(2019, 3, 1)]
