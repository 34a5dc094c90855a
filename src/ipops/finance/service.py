"""Pledge-project use cases (质押融资项目库): create, list, read, check, and take workflow actions.

Every function takes the `Viewer`: a bank sees only projects addressed to it, a firm only its
own (another's project is NotFound, so ids cannot be probed), the IP office all. No commit here:
the request or command owns the unit of work, so a registration, its legal events, its log and
audit rows and the refreshed indicator facts commit together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ipops.analytics import facts
from ipops.analytics.rules import IndicatorRules
from ipops.domain.errors import Forbidden, IpopsError, NotFound
from ipops.domain.legal_status import status_label
from ipops.finance import pool
from ipops.finance.checks import check_project, loan_end
from ipops.finance.rules import pool_shares
from ipops.finance.schemas import (
    ActionIn,
    ActionRead,
    CheckReport,
    LogRead,
    Overview,
    ProjectCreate,
    ProjectPatentRead,
    ProjectRead,
    ProjectSummary,
    Viewer,
)
from ipops.finance.workflow import (
    ACTION_LABELS_ZH,
    ACTORS,
    STATUS_LABELS_ZH,
    Party,
    PledgeStatus,
    actions_from,
    apply,
)
from ipops.store.repos.patents import find_patent
from ipops.store.schema import (
    AuditLog,
    LegalEvent,
    Organisation,
    PledgeProject,
    PledgeProjectLog,
    PledgeProjectPatent,
    User,
)
from ipops.store.schema.mixins import utcnow

APPLICANT_KINDS = {"enterprise", "university", "institute"}
PLEDGE_TEXT = "专利权质押合同登记的生效（IPOps 平台登记）"
CANCEL_TEXT = {"repay": "专利权质押合同登记的注销（还款，IPOps 平台登记）",
               "dispose": "专利权质押合同登记的注销（质物处置，IPOps 平台登记）"}  # fmt: skip


class CheckFailed(IpopsError):
    """Registration refused by the pre-registration checks (§8.1)."""

    default_message_zh = "质押登记前审查未通过"


# --- access -----------------------------------------------------------------------------------


def parts_of(viewer: Viewer, project: PledgeProject) -> set[Party]:
    """The parts the viewer plays in the project (a firm may be neither)."""
    out: set[Party] = set()
    if viewer.organisation_id is not None and viewer.organisation_id == project.applicant_org_id:
        out.add(Party.applicant)
    if viewer.organisation_id is not None and viewer.organisation_id == project.bank_org_id and viewer.role == "bank":
        out.add(Party.bank)
    if viewer.sees_all:
        out.add(Party.office)
    return out


def _visible(session: Session, viewer: Viewer, project_id: int) -> PledgeProject:
    project = session.get(PledgeProject, project_id, options=[selectinload(PledgeProject.patents)
                                                              .selectinload(PledgeProjectPatent.patent)])  # fmt: skip
    if project is None or not parts_of(viewer, project):
        raise NotFound(f"未找到质押融资项目 #{project_id}")
    return project


def _scope(stmt: sa.Select, viewer: Viewer) -> sa.Select:  # type: ignore[type-arg]
    if viewer.sees_all:
        return stmt
    org = viewer.organisation_id or -1
    if viewer.role == "bank":
        return stmt.where(PledgeProject.bank_org_id == org)
    return stmt.where(PledgeProject.applicant_org_id == org)


# --- reading ----------------------------------------------------------------------------------


def _org_names(session: Session, ids: Sequence[int]) -> dict[int, str]:
    return dict(session.execute(sa.select(Organisation.id, Organisation.name).where(Organisation.id.in_(set(ids)))).all())


def _summary(p: PledgeProject, names: dict[int, str], count: int) -> ProjectSummary:
    return ProjectSummary(id=p.id, applicant=names.get(p.applicant_org_id, ""), bank=names.get(p.bank_org_id, ""),
                          amount=p.amount, term_months=p.term_months, status=p.status,
                          status_label=STATUS_LABELS_ZH[p.status], patents=count,
                          registration_number=p.registration_number, registration_date=p.registration_date,
                          updated_at=p.updated_at, href=f"/finance/pledges/{p.id}")  # fmt: skip


def list_projects(session: Session, *, viewer: Viewer, status: Sequence[str] | None = None) -> list[ProjectSummary]:
    """The projects the viewer may see, newest first, optionally of some statuses."""
    count = (sa.select(sa.func.count(PledgeProjectPatent.id))
             .where(PledgeProjectPatent.project_id == PledgeProject.id).scalar_subquery())  # fmt: skip
    stmt = _scope(sa.select(PledgeProject, count), viewer).order_by(PledgeProject.updated_at.desc(),
                                                                      PledgeProject.id.desc())  # fmt: skip
    if status:
        stmt = stmt.where(PledgeProject.status.in_(list(status)))
    rows = session.execute(stmt).all()
    names = _org_names(session, [i for p, _ in rows for i in (p.applicant_org_id, p.bank_org_id)])
    return [_summary(p, names, n) for p, n in rows]


def get_project(session: Session, *, viewer: Viewer, project_id: int) -> ProjectRead:
    return _read(session, viewer, _visible(session, viewer, project_id))




def _read(session: Session, viewer: Viewer, p: PledgeProject) -> ProjectRead:
    names = _org_names(session, [p.applicant_org_id, p.bank_org_id])
    logs = session.execute(sa.select(PledgeProjectLog, User.display_name)
                           .outerjoin(User, User.id == PledgeProjectLog.user_id)
                           .where(PledgeProjectLog.project_id == p.id).order_by(PledgeProjectLog.id)).all()  # fmt: skip
    parts = parts_of(viewer, p)
    base = _summary(p, names, len(p.patents)).model_dump()
    return ProjectRead(
        **base, applicant_org_id=p.applicant_org_id, bank_org_id=p.bank_org_id, purpose=p.purpose,
        co_owner_consent=p.co_owner_consent, warnings_acknowledged=p.warnings_acknowledged,
        submitted_at=p.submitted_at, decided_at=p.decided_at, loan_end_date=p.loan_end_date,
        closed_date=p.closed_date, disposed_date=p.disposed_date, bank_share=p.bank_share, pool_share=p.pool_share,
        guarantor_share=p.guarantor_share, loss_amount=p.loss_amount, recovered_amount=p.recovered_amount,
        pledged=[ProjectPatentRead(app_number=pp.patent.app_number, title=pp.patent.title,
                                   patent_type=pp.patent.patent_type, pledgor=pp.pledgor,
                                   legal_status=pp.patent.legal_status,
                                   legal_status_label=status_label(pp.patent.legal_status, "未知"),
                                   invalidation_pending=pp.invalidation_pending,
                                   href=f"/patents/{pp.patent.app_number}") for pp in p.patents],
        history=[LogRead(at=log.at, user=who, action=log.action, action_label=ACTION_LABELS_ZH.get(log.action, log.action),
                         from_status=log.from_status, to_status=log.to_status,
                         to_status_label=STATUS_LABELS_ZH.get(log.to_status, log.to_status), note=log.note) for log, who in logs],
        actions=[ActionRead(action=a, label=ACTION_LABELS_ZH[a]) for a in actions_from(p.status) if ACTORS[a] & parts],
    )  # fmt: skip


def check(session: Session, *, viewer: Viewer, project_id: int, on: dt.date | None = None,
          registration_date: dt.date | None = None) -> CheckReport:  # fmt: skip
    """The pre-registration checks of a project (errors block registration, warnings need a confirmation)."""
    return check_project(session, _visible(session, viewer, project_id), on=on, registration_date=registration_date)


def overview(session: Session, *, viewer: Viewer) -> Overview:
    """The office's view of the project library: projects by status and the amount registered."""
    if not viewer.sees_all:
        raise Forbidden("项目库总览仅供知识产权局使用")
    projects = list_projects(session, viewer=viewer)
    by_status = {s.value: 0 for s in PledgeStatus}
    for p in projects:
        by_status[p.status] += 1
    registered = sum((p.amount for p in projects if p.registration_date), Decimal(0))
    return Overview(by_status=by_status, status_labels=STATUS_LABELS_ZH, registered_amount=registered, projects=projects)


# --- writing ----------------------------------------------------------------------------------


def _log(session: Session, viewer: Viewer, project: PledgeProject, action: str, before: str | None,
         note: str | None, details: dict[str, object] | None = None) -> None:  # fmt: skip
    session.add(PledgeProjectLog(project_id=project.id, user_id=viewer.user_id, action=action, from_status=before,
                                 to_status=project.status, note=note))  # fmt: skip
    session.add(AuditLog(user_id=viewer.user_id, action=f"pledge.{action}", object_type="pledge_project",
                         object_id=str(project.id), note=note,
                         details={"from": before, "to": project.status, **(details or {})}))  # fmt: skip


def create_project(session: Session, *, viewer: Viewer, data: ProjectCreate, rules: IndicatorRules | None = None
                   ) -> ProjectRead:  # fmt: skip
    """A new application of the viewer's organisation (the office may file for another), as a draft or submitted."""
    if viewer.sees_all and data.applicant_org_id is not None:
        applicant_id = data.applicant_org_id
    elif viewer.role in {"enterprise", "university"}:
        applicant_id = viewer.organisation_id  # type: ignore[assignment]
    else:
        raise Forbidden("只有企业、高校院所用户（或知识产权局代为）可以提交质押融资申请")
    applicant = session.get(Organisation, applicant_id) if applicant_id is not None else None
    if applicant is None or applicant.kind not in APPLICANT_KINDS:
        raise Forbidden("账号未关联企业或高校院所，不能提交质押融资申请")
    bank = session.get(Organisation, data.bank_org_id)
    if bank is None or bank.kind != "bank":
        raise IpopsError("请选择受理银行（机构类型须为银行）")
    shares = pool_shares()
    project = PledgeProject(applicant_org_id=applicant.id, bank_org_id=bank.id, amount=data.amount,
                            term_months=data.term_months, purpose=(data.purpose or "").strip() or None,
                            status=PledgeStatus.draft.value, co_owner_consent=data.co_owner_consent,
                            bank_share=shares.bank, pool_share=shares.pool, guarantor_share=shares.guarantor,
                            created_by=viewer.user_id)  # fmt: skip
    seen: set[int] = set()
    for item in data.patents:
        patent = find_patent(session, item.number)
        if patent.id in seen:
            raise IpopsError(f"专利 {patent.app_number} 重复列出")
        seen.add(patent.id)
        project.patents.append(PledgeProjectPatent(patent_id=patent.id, patent=patent,
                                                   pledgor=(item.pledgor or applicant.name).strip(),
                                                   invalidation_pending=item.invalidation_pending))  # fmt: skip
    session.add(project)
    session.flush()
    _log(session, viewer, project, "create", None, None, {"amount": str(data.amount), "patents": len(seen)})
    if data.submit:
        return act(session, viewer=viewer, project_id=project.id, data=ActionIn(action="submit"), rules=rules)
    return _read(session, viewer, project)


def act(session: Session, *, viewer: Viewer, project_id: int, data: ActionIn, rules: IndicatorRules | None = None,
        on: dt.date | None = None) -> ProjectRead:  # fmt: skip
    """Take one workflow step (transition table in `workflow`), with its side effects, log and audit rows."""
    project = _visible(session, viewer, project_id)
    before = project.status
    new = apply(before, data.action, actors=parts_of(viewer, project))
    today = on or dt.date.today()
    details: dict[str, object] = {}
    if data.action == "register":
        details = _register(session, project, data, rules or IndicatorRules())
    elif data.action in ("repay", "default", "dispose"):
        details = _close(session, viewer, project, data, data.date or today, rules or IndicatorRules())
    now = utcnow()
    if data.action == "submit":
        project.submitted_at = now
    elif data.action in ("approve", "reject"):
        project.decided_at = now
    project.status = new.value
    project.updated_at = now
    session.flush()
    _log(session, viewer, project, data.action, before, (data.note or "").strip() or None, details)
    session.flush()
    return _read(session, viewer, project)


def _register(session: Session, project: PledgeProject, data: ActionIn, rules: IndicatorRules) -> dict[str, object]:
    """Enter the CNIPA registration: checks, one platform pledge event per patent, indicator facts refreshed."""
    number = (data.registration_number or "").strip()
    if not number:
        raise IpopsError("请填写国家知识产权局专利权质押登记号")
    day = data.registration_date or dt.date.today()
    report = check_project(session, project, on=day, registration_date=day)
    if report.errors:
        raise CheckFailed("不能登记：" + "；".join(f"{i.app_number} {i.message}" for i in report.items if i.level == "error"))
    if report.warnings and not data.acknowledge_warnings:
        raise CheckFailed(f"有 {report.warnings} 条提示需要确认后才能登记：" +
                          "；".join(f"{i.app_number} {i.message}" for i in report.items if i.level == "warning"))  # fmt: skip
    bank = session.get(Organisation, project.bank_org_id)
    project.registration_number, project.registration_date = number, day
    project.loan_end_date = loan_end(project, day)
    project.warnings_acknowledged = bool(report.warnings)
    project.check_summary = report.model_dump(mode="json")
    now = utcnow()
    for pp in project.patents:
        pp.status_at_registration = pp.patent.legal_status
        session.add(LegalEvent(patent_id=pp.patent_id, kind="pledge", origin="platform", event_date=day,
                               amount=project.amount, counterparty=bank.name if bank else None, raw_text=PLEDGE_TEXT,
                               details={"project_id": project.id, "registration_number": number,
                                        "pledgor": pp.pledgor}))  # fmt: skip
        pp.patent.updated_at = now  # the facts (and the search index) see the patent changed
    session.flush()
    facts.refresh(session, rules, [pp.patent_id for pp in project.patents])
    return {"registration_number": number, "registration_date": day.isoformat(), "warnings": report.warnings}


def _close(session: Session, viewer: Viewer, project: PledgeProject, data: ActionIn, day: dt.date,
           rules: IndicatorRules) -> dict[str, object]:  # fmt: skip
    """Repayment or disposal cancels the pledge (pledge_cancel events); a default books the loss split."""
    details: dict[str, object] = {"date": day.isoformat()}
    if data.action == "default":
        project.closed_date = day
        project.loss_amount = data.loss_amount if data.loss_amount is not None else project.amount
        split = pool.book_default(session, viewer=viewer, project=project, on=day)
        details["split"] = split.model_dump(mode="json")
        return details
    if data.action == "repay":
        project.closed_date = day
    else:
        project.disposed_date = day
        project.recovered_amount = data.recovered_amount or Decimal(0)
        pool.book_recovery(session, viewer=viewer, project=project, on=day)
        details["recovered"] = str(project.recovered_amount)
    now = utcnow()
    for pp in project.patents:
        session.add(LegalEvent(patent_id=pp.patent_id, kind="pledge_cancel", origin="platform", event_date=day,
                               raw_text=CANCEL_TEXT[data.action],
                               details={"project_id": project.id, "registration_number": project.registration_number}))  # fmt: skip
        pp.patent.updated_at = now
    session.flush()
    facts.refresh(session, rules, [pp.patent_id for pp in project.patents])
    return details


def banks(session: Session) -> list[tuple[int, str]]:
    """Approved bank organisations, for the application form."""
    return [(i, n) for i, n in session.execute(sa.select(Organisation.id, Organisation.name)
                                               .where(Organisation.kind == "bank", Organisation.status == "approved")
                                               .order_by(Organisation.name))]  # fmt: skip
