"""Post-loan monitoring (贷后监测) of registered pledges: alerts for the bank.

Per pledged patent: the annual fee due soon, in its grace period or unknown (patent years from
`domain.terms`, paid-up years from custody when the firm keeps them there), expiry before the loan
ends, lapse or invalidation, and any legal-status change or new legal event since registration.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics import rights
from ipops.domain.legal_events import EVENT_LABELS_ZH, LegalEventKind
from ipops.domain.legal_status import status_label
from ipops.finance.schemas import RiskAlert, RiskReport, Viewer
from ipops.finance.service import _org_names, _scope, _visible
from ipops.store.schema import LegalEvent, PledgeProject

DUE_WITHIN_DAYS = 60
MONITORED = ("registered", "defaulted")
KIND_LABELS_ZH = {
    "fee_due": "年费即将到期", "fee_grace": "年费处于滞纳期", "fee_overdue": "年费逾期未缴",
    "fee_unknown": "年费缴纳情况未知", "expiry_before_loan_end": "专利权先于贷款到期", "lapsed": "专利权已终止",
    "invalidation": "无效宣告", "status_changed": "法律状态变化", "new_event": "登记后新的法律事件",
}  # fmt: skip
_LEVEL_ORDER = {"high": 0, "medium": 1, "low": 2}




def _alerts(session: Session, project: PledgeProject, on: dt.date) -> list[RiskAlert]:
    out: list[RiskAlert] = []
    since = project.registration_date or dt.date.min
    for pp in project.patents:
        p = pp.patent

        def add(kind: str, level: str, message: str, day: dt.date | None = None, number: str = p.app_number) -> None:
            out.append(RiskAlert(kind=kind, kind_label=KIND_LABELS_ZH[kind], level=level, app_number=number,  # type: ignore[arg-type]
                                 message=message, date=day))  # fmt: skip

        ended, why = rights.ended(session, p, on)
        if ended:
            add("lapsed", "high", f"质押专利权已终止：{why}，质物价值落空")
        expiry = rights.expiry_of(p)
        if expiry and project.loan_end_date and expiry < project.loan_end_date:
            add("expiry_before_loan_end", "high", f"专利权 {expiry} 届满，早于贷款到期日 {project.loan_end_date}", expiry)
        if pp.status_at_registration != p.legal_status:
            add("status_changed", "medium", f"法律状态由登记时的「{status_label(pp.status_at_registration, '无')}」变为「{status_label(p.legal_status, '无')}」")
        events = session.execute(sa.select(LegalEvent.kind, LegalEvent.event_date, LegalEvent.raw_text, LegalEvent.details)
                                 .where(LegalEvent.patent_id == p.id, LegalEvent.event_date > since)
                                 .order_by(LegalEvent.event_date)).all()  # fmt: skip
        for kind, day, text, details in events:
            if isinstance(details, dict) and details.get("project_id") == project.id:
                continue
            if kind in ("invalidation", "partial_invalidation") or "无效宣告请求" in (text or ""):
                add("invalidation", "high", f"{day} {text or EVENT_LABELS_ZH[LegalEventKind(kind)]}", day)
            else:
                label = EVENT_LABELS_ZH.get(LegalEventKind(kind), kind) if kind in LegalEventKind.__members__ else kind
                add("new_event", "medium", f"{day} {label}" + (f"：{text}" if text and text != label else ""), day)
        if not ended:
            _fee_alerts(session, p, on, add)
    return sorted(out, key=lambda a: (_LEVEL_ORDER[a.level], a.app_number, a.kind))


def _fee_alerts(session: Session, p, on: dt.date, add) -> None:  # type: ignore[no-untyped-def]
    fee = rights.fee_state(session, p, on)
    if fee.state == "grace":
        add("fee_grace", "high", f"第{fee.year}年度年费 {fee.due_date} 到期未缴，滞纳期至 {fee.grace_end}", fee.grace_end)
    elif fee.state == "overdue":
        add("fee_overdue", "high", f"第{fee.year}年度年费逾期未缴（滞纳期 {fee.grace_end} 届满），专利权可能终止", fee.grace_end)
    elif fee.state == "unknown" and fee.due_date and fee.grace_end and fee.due_date <= on <= fee.grace_end:
        add("fee_unknown", "medium", f"第{fee.year}年度年费 {fee.due_date} 到期，平台无缴费记录，可能处于滞纳期（至 {fee.grace_end}）",
            fee.grace_end)  # fmt: skip
    if fee.next_due and 0 <= (fee.next_due - on).days <= DUE_WITHIN_DAYS:
        add("fee_due", "low", f"第{(fee.year or 0) + 1}年度年费将于 {fee.next_due} 到期", fee.next_due)


def _report(session: Session, project: PledgeProject, on: dt.date) -> RiskReport:
    names = _org_names(session, [project.applicant_org_id, project.bank_org_id])
    return RiskReport(project_id=project.id, applicant=names.get(project.applicant_org_id, ""),
                      bank=names.get(project.bank_org_id, ""), status=project.status,
                      loan_end_date=project.loan_end_date, on=on,
                      alerts=_alerts(session, project, on) if project.status in MONITORED else [])  # fmt: skip


def project_risks(session: Session, *, viewer: Viewer, project_id: int, on: dt.date | None = None) -> RiskReport:
    """The alerts of one project (empty unless registered or defaulted)."""
    return _report(session, _visible(session, viewer, project_id), on or dt.date.today())


def dashboard(session: Session, *, viewer: Viewer, on: dt.date | None = None) -> list[RiskReport]:
    """Every monitored project the viewer sees (a bank: its own), most alarming first."""
    ids = session.scalars(_scope(sa.select(PledgeProject.id), viewer).where(PledgeProject.status.in_(MONITORED))
                          .order_by(PledgeProject.id))  # fmt: skip
    reports = [project_risks(session, viewer=viewer, project_id=i, on=on) for i in list(ids)]
    return sorted(reports, key=lambda r: (-sum(a.level == "high" for a in r.alerts), -len(r.alerts), r.project_id))
