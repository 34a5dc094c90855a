"""Checks before a pledge is registered (质押登记前审查), after 专利权质押登记办法 (CNIPA 公告第461号).

The refusal cases of the 办法 (cn-patent-rules.md §8.1) become one rule each. An error blocks the
registration; a warning (the 办法 lets parties insist after notice, or the data cannot tell) is
shown and has to be acknowledged.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics import rights
from ipops.domain.fees import add_months
from ipops.finance import patent_state
from ipops.finance.schemas import CheckItem, CheckReport
from ipops.finance.workflow import ACTIVE
from ipops.store.schema import LegalEvent, Patent, PatentParty, PledgeProject, PledgeProjectPatent

SOURCE = "专利权质押登记办法（国家知识产权局公告第461号）"


def loan_end(project: PledgeProject, start: dt.date) -> dt.date:
    return add_months(start, project.term_months)


def check_project(session: Session, project: PledgeProject, *, on: dt.date | None = None,
                  registration_date: dt.date | None = None) -> CheckReport:  # fmt: skip
    """Every rule for every pledged patent of the project, as of ``on`` (default today)."""
    today = on or dt.date.today()
    start = registration_date or project.registration_date or today
    items: list[CheckItem] = []
    if not project.patents:
        items.append(CheckItem(rule="patents", level="error", app_number="", message="项目未列出质押专利"))
    ids = [pp.patent_id for pp in project.patents]
    holders = patent_state.holders(session, ids)
    pledged = patent_state.active_pledges(session, ids, exclude_project=project.id)
    for pp in project.patents:
        p = pp.patent
        add = _adder(items, p.app_number)
        _holder(add, pp, holders.get(p.id, []))
        _in_force(session, add, p, today)
        _fee(session, add, p, today)
        _not_pledged(session, add, project, pp, pledged.get(p.id))
        _term(add, p, loan_end(project, start))
        _co_owners(add, project, holders.get(p.id, []))
        _utility_model(session, add, p)
        _invalidation(session, add, pp)
    errors = sum(1 for i in items if i.level == "error")
    warnings = sum(1 for i in items if i.level == "warning")
    return CheckReport(on=today, loan_end=loan_end(project, start), items=items, errors=errors, warnings=warnings,
                       can_register=errors == 0)  # fmt: skip


def _adder(items: list[CheckItem], number: str):  # type: ignore[no-untyped-def]
    def add(rule: str, level: str, message: str) -> None:
        items.append(CheckItem(rule=rule, level=level, app_number=number, message=message, source=SOURCE))

    return add


def _holder(add, pp: PledgeProjectPatent, registered: list[str]) -> None:  # type: ignore[no-untyped-def]
    if not registered:
        add("holder", "error", f"未查到该专利的专利权人，无法核对出质人「{pp.pledgor}」")
    elif patent_state.same_holder(pp.pledgor, registered):
        add("holder", "ok", f"出质人「{pp.pledgor}」为登记的专利权人")
    else:
        add("holder", "error", f"出质人「{pp.pledgor}」不是登记的专利权人（专利权人：{'、'.join(registered)}）")


def _in_force(session: Session, add, p: Patent, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    if p.grant_date is None:
        add("in_force", "error", "专利尚未授权，不能办理专利权质押登记")
        return
    ended, why = rights.ended(session, p, today)
    if ended:
        add("in_force", "error", f"专利权已终止或无效：{why}")
    else:
        add("in_force", "ok", f"专利已于 {p.grant_date} 授权，目前有效")


def _fee(session: Session, add, p: Patent, today: dt.date) -> None:  # type: ignore[no-untyped-def]
    fee = rights.fee_state(session, p, today)
    if fee.state == "unknown":
        add("annual_fee", "warning", f"年费缴纳情况未知（第{fee.year}年度年费缴费日 {fee.due_date}，滞纳期至 {fee.grace_end}；平台无缴费记录，"
                                     "请核对缴费凭证或将专利加入托管）")
    elif fee.state == "grace":
        add("annual_fee", "warning", f"第{fee.year}年度年费已于 {fee.due_date} 到期未缴，处于滞纳期（至 {fee.grace_end}），"
                                     "应先补缴年费及滞纳金")
    elif fee.state == "overdue":
        add("annual_fee", "error", f"第{fee.year}年度年费逾期未缴（滞纳期已于 {fee.grace_end} 届满）")
    elif fee.state == "paid":
        add("annual_fee", "ok", f"第{fee.year}年度年费已缴纳")


def _not_pledged(session: Session, add, project: PledgeProject, pp: PledgeProjectPatent,  # type: ignore[no-untyped-def]
                 pledge: patent_state.ActivePledge | None) -> None:  # fmt: skip
    if pledge is not None:
        where = f"平台项目 #{pledge.project_id}" if pledge.project_id else "导入的法律事件"
        add("not_pledged", "error", f"该专利已经质押且未注销（{pledge.event_date}，质权人：{pledge.counterparty or '未知'}，"
                                    f"来源：{where}），不能重复出质")
        return
    other = session.scalar(sa.select(PledgeProject.id).join(PledgeProjectPatent)
                           .where(PledgeProjectPatent.patent_id == pp.patent_id, PledgeProject.id != project.id,
                                  PledgeProject.status.in_([*ACTIVE, "approved"])).limit(1))  # fmt: skip
    if other:
        add("not_pledged", "warning", f"该专利已列入另一已批准或在押的项目 #{other}")
    else:
        add("not_pledged", "ok", "未查到有效的质押登记")


def _term(add, p: Patent, end: dt.date) -> None:  # type: ignore[no-untyped-def]
    expiry = rights.expiry_of(p)
    if expiry is None:
        add("term", "warning", "缺少申请日或专利类型，无法核对债务履行期限是否超过专利权期限")
    elif end > expiry:
        add("term", "error", f"债务履行期限（至 {end}）超过专利权有效期（{expiry} 届满）")
    else:
        add("term", "ok", f"债务履行期限（至 {end}）在专利权有效期（{expiry} 届满）内")


def _co_owners(add, project: PledgeProject, registered: list[str]) -> None:  # type: ignore[no-untyped-def]
    owners = list(dict.fromkeys(registered))
    if len({patent_state.name_key(n) for n in owners}) <= 1:
        return
    if project.co_owner_consent:
        add("co_owners", "ok", f"专利权共有（{'、'.join(owners)}），已确认全体共有人同意出质")
    else:
        add("co_owners", "error", f"专利权共有（{'、'.join(owners)}），需取得其他共有人同意出质的书面意见")


def _utility_model(session: Session, add, p: Patent) -> None:  # type: ignore[no-untyped-def]
    if p.patent_type != "utility_model" or p.app_date is None:
        return
    parties = sa.select(PatentParty.party_id).where(PatentParty.patent_id == p.id,
                                                   PatentParty.role.in_(("applicant", "holder")))  # fmt: skip
    twin = session.scalar(sa.select(Patent.app_number).join(PatentParty, PatentParty.patent_id == Patent.id)
                          .where(Patent.id != p.id, Patent.patent_type == "invention", Patent.app_date == p.app_date,
                                 PatentParty.party_id.in_(parties)).limit(1))  # fmt: skip
    if twin:
        add("utility_model", "warning", f"实用新型存在同日申请的发明专利 {twin}（同样的发明创造），"
                                        "登记机关将告知风险，当事人坚持的可以登记")


def _invalidation(session: Session, add, pp: PledgeProjectPatent) -> None:  # type: ignore[no-untyped-def]
    texts = session.scalars(sa.select(LegalEvent.raw_text).where(LegalEvent.patent_id == pp.patent_id,
                                                                 LegalEvent.raw_text.like("%无效宣告请求%")))  # fmt: skip
    if pp.invalidation_pending or any(texts):
        add("invalidation", "warning", "专利权处于无效宣告程序中，登记机关将告知风险，当事人坚持的可以登记")
