"""Each pre-registration check (专利权质押登记办法, rules §8.1) on real fixture patents, both engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from ipops.domain.numbers import check_character
from ipops.finance import checks, service
from ipops.finance.schemas import CheckReport
from ipops.ingest.record import PartyRecord
from ipops.store.db import Database
from ipops.store.schema import CustodyItem, CustodyPortfolio, LegalEvent, Organisation, Patent, PledgeProject
from tests.factories import make_record, save
from tests.finance import data
from tests.finance.data import F1, J1, J6, TODAY, W2, W5, Y1, Y4, People


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


def report(db: Database, viewer, pid: int, on: dt.date = TODAY) -> CheckReport:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return service.check(s, viewer=viewer, project_id=pid, on=on)


def rule(r: CheckReport, name: str, number: str | None = None) -> tuple[str, str]:
    found = [i for i in r.items if i.rule == name and (number is None or i.app_number == number)]
    assert found, f"no {name} item in {r.items}"
    return found[0].level, found[0].message


def test_a_clean_patent_passes_but_unknown_fees_warn(db: Database, p: People) -> None:
    r = report(db, p.bank, data.create(db, p.firm, p.bank_id, [Y4]))
    assert rule(r, "holder") == ("ok", "出质人「杰瑞环保科技有限公司」为登记的专利权人")
    assert rule(r, "in_force")[0] == "ok"
    assert rule(r, "not_pledged")[0] == "ok"
    assert rule(r, "term") == ("ok", "债务履行期限（至 2027-12-04）在专利权有效期（2035-03-10 届满）内")
    level, message = rule(r, "annual_fee")
    assert level == "warning" and message.startswith("年费缴纳情况未知")  # missing fee data is no pass
    assert r.errors == 0 and r.warnings == 1 and r.can_register


def test_pledgor_must_be_the_registered_holder(db: Database, p: People) -> None:
    r = report(db, p.bank, data.create(db, p.firm, p.bank_id, [J1]))
    assert rule(r, "holder") == ("error", "出质人「杰瑞环保科技有限公司」不是登记的专利权人（专利权人：济南市儿童医院）")
    assert not r.can_register


@pytest.mark.parametrize(("number", "spelling"), [(Y4, "杰瑞环保科技有限责任公司"), (W2, "山东大学(威海)")])
def test_holder_names_are_compared_normalised(db: Database, p: People, number: str, spelling: str) -> None:
    r = report(db, p.bank, data.create(db, p.firm, p.bank_id, [number], pledgor=spelling))
    assert rule(r, "holder")[0] == "ok"


def test_not_granted_and_lapsed_patents_are_refused(db: Database, p: People) -> None:
    r = report(db, p.bank, data.create(db, p.firm, p.bank_id, [J6, Y1], pledgor=None))
    assert rule(r, "in_force", J6) == ("error", "专利尚未授权，不能办理专利权质押登记")
    level, message = rule(r, "in_force", Y1)
    assert level == "error" and "2018-03-23" in message


def test_an_imported_pledge_without_cancellation_blocks(db: Database, p: People) -> None:
    pid = data.create(db, p.other_firm, p.bank_id, [F1])
    level, message = rule(report(db, p.bank, pid), "not_pledged")
    assert level == "error" and "已经质押且未注销（2017-05-18" in message and "导入的法律事件" in message
    with db.session() as s:  # the 2019 cancellation registration frees it
        patent = s.scalar(select(Patent).where(Patent.app_number == F1))
        s.add(LegalEvent(patent_id=patent.id, kind="pledge_cancel", event_date=dt.date(2019, 5, 20),
                         raw_text="专利权质押合同登记的注销（情景）"))  # fmt: skip
    assert rule(report(db, p.bank, pid), "not_pledged")[0] == "ok"


def test_debt_term_beyond_expiry_is_refused(db: Database, p: People) -> None:
    pid = data.create(db, p.firm, p.bank_id, [W5], pledgor="山东嵘野房车制造服务有限公司")
    assert rule(report(db, p.bank, pid), "term") == (
        "error", "债务履行期限（至 2027-12-04）超过专利权有效期（2027-03-17 届满）")


def test_loan_end_uses_the_calendar_month_rule() -> None:
    project = PledgeProject(term_months=6)
    assert checks.loan_end(project, dt.date(2026, 8, 31)) == dt.date(2027, 2, 28)


def _co_owned(db: Database) -> str:
    # scenario: the real application CN201611067191 with a second (invented) co-applicant
    rec = make_record(parties=[PartyRecord("魏熙柠", "applicant"), PartyRecord("济南科研测试有限公司", "applicant")],
                      grant_number="CN106557325B", grant_date=dt.date(2017, 7, 7))
    save(db, rec)
    return rec.app_number


def test_co_owned_patents_need_consent(db: Database, p: People) -> None:
    number = _co_owned(db)
    r = report(db, p.bank, data.create(db, p.firm, p.bank_id, [number], pledgor="魏熙柠"))
    level, message = rule(r, "co_owners")
    assert level == "error" and "需取得其他共有人同意" in message and "魏熙柠、济南科研测试有限公司" in message
    r = report(db, p.bank, data.create(db, p.firm, p.bank_id, [number], pledgor="魏熙柠", consent=True))
    assert rule(r, "co_owners")[0] == "ok"


def test_utility_model_with_same_day_invention_warns(db: Database, p: People) -> None:
    # scenario: a utility model filed the same day by the same applicant as the real invention CN201611067191
    serial = "201621067191"
    um = make_record(app_number=f"CN{serial}.{check_character(serial)}", patent_type="utility_model",
                     title="一种可扩展的用户提示信息定义系统", pub_number=None, pub_date=None,
                     grant_number="CN206000001U", grant_date=dt.date(2017, 6, 1))  # fmt: skip
    invention = make_record()
    save(db, invention, um)
    pid = data.create(db, p.firm, p.bank_id, [um.app_number], pledgor="魏熙柠")
    r = report(db, p.bank, pid, on=dt.date(2017, 7, 1))  # the utility model's 10-year term ended in 2026
    level, message = rule(r, "utility_model")
    assert level == "warning" and invention.app_number in message
    assert r.can_register  # parties may insist after the notice


def test_invalidation_pending_warns(db: Database, p: People) -> None:
    with db.session() as s:
        org = s.scalar(select(Organisation).where(Organisation.name == data.FIRM))
        patent = s.scalar(select(Patent).where(Patent.app_number == Y4))
        s.add(LegalEvent(patent_id=patent.id, kind="other", event_date=dt.date(2026, 6, 1),
                         raw_text="专利权无效宣告请求（情景）"))  # fmt: skip
        assert org is not None
    r = report(db, p.bank, data.create(db, p.firm, p.bank_id, [Y4]))
    assert rule(r, "invalidation")[0] == "warning"


def _custody(db: Database, paid_up_to: int) -> None:
    with db.session() as s:
        org = s.scalar(select(Organisation).where(Organisation.name == data.FIRM))
        patent = s.scalar(select(Patent).where(Patent.app_number == Y4))
        portfolio = CustodyPortfolio(organisation_id=org.id, name="托管组合")  # type: ignore[union-attr]
        s.add(portfolio)
        s.flush()
        s.add(CustodyItem(portfolio_id=portfolio.id, patent_id=patent.id, paid_up_to_year=paid_up_to,  # type: ignore[union-attr]
                          reduction_percent=Decimal(0)))  # fmt: skip


@pytest.mark.parametrize(("paid_up_to", "on", "level", "text"), [
    (12, dt.date(2026, 4, 1), "ok", "第12年度年费已缴纳"),
    (11, dt.date(2026, 4, 1), "warning", "第12年度年费已于 2026-03-11 到期未缴，处于滞纳期（至 2026-09-11）"),
    (11, dt.date(2026, 10, 1), "error", "第12年度年费逾期未缴（滞纳期已于 2026-09-11 届满）"),
])  # fmt: skip
def test_annual_fee_from_custody_records(db: Database, p: People, paid_up_to: int, on: dt.date, level: str,
                                         text: str) -> None:  # fmt: skip
    _custody(db, paid_up_to)
    pid = data.create(db, p.firm, p.bank_id, [Y4])
    got = rule(report(db, p.bank, pid, on=on), "annual_fee")
    assert got[0] == level and got[1].startswith(text)


def test_registration_refuses_errors_and_unacknowledged_warnings(db: Database, p: People) -> None:
    pid = data.approved(db, p, [Y4])
    with pytest.raises(service.CheckFailed, match="有 1 条提示需要确认后才能登记：.*年费缴纳情况未知"):
        data.act(db, p.bank, pid, "register", registration_number="Y2026370000001", registration_date=TODAY)
    bad = data.approved(db, p, [J1])
    with pytest.raises(service.CheckFailed, match="不能登记：.*不是登记的专利权人"):
        data.register(db, p, bad, TODAY)
    assert data.register(db, p, pid, TODAY) == "registered"
