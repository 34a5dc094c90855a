"""Pledge-finance pages (知识产权质押融资): firm applications, bank review and risks, office overview, pool."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ipops.analytics.rules import IndicatorRules
from ipops.domain.errors import IpopsError
from ipops.finance import pool, risks, service
from ipops.finance.schemas import ActionIn, PatentIn, PoolEntryIn, ProjectCreate, Viewer
from ipops.finance.whitelist import whitelist
from ipops.store.schema import User
from ipops.web.auth import CsrfField, check_csrf, require
from ipops.web.deps import SessionDep, SettingsDep
from ipops.web.templating import render

router = APIRouter()
Reader = Annotated[User, require("finance.read")]
Applicant = Annotated[User, require("finance.apply")]
Office = Annotated[User, require("finance.pool")]
OptDate = Annotated[dt.date | None, Form()]
HOME = {"bank": "/finance/review", "office_admin": "/finance/overview"}


@router.get("/finance")
def finance_home(user: Reader) -> Response:
    """Each role lands on its own list: a firm its applications, a bank its review queue, the office the overview."""
    return RedirectResponse(HOME.get(user.role, "/finance/my"), status_code=303)


def _my(request: Request, session: SessionDep, user: User, error: str | None = None, form: dict | None = None,  # type: ignore[type-arg]
        status_code: int = 200) -> HTMLResponse:  # fmt: skip
    ctx = {"projects": service.list_projects(session, viewer=Viewer.of(user)), "banks": service.banks(session),
           "error": error, "form": form or {}}  # fmt: skip
    return render(request, "finance/my.html", ctx, status_code=status_code)


@router.get("/finance/my", response_class=HTMLResponse)
def my_applications(request: Request, session: SessionDep, user: Applicant) -> HTMLResponse:
    """我的质押融资申请 and the form for a new one."""
    return _my(request, session, user)


def _patents(text: str) -> list[PatentIn]:
    out = []
    for line in text.splitlines():
        number, _, pledgor = line.strip().replace("，", ",").partition(",")
        if number.strip():
            out.append(PatentIn(number=number.strip(), pledgor=pledgor.strip() or None))
    return out


@router.post("/finance/pledges")
def create_application(
    request: Request, session: SessionDep, settings: SettingsDep, user: Applicant,
    bank_org_id: Annotated[int, Form()], amount: Annotated[str, Form()], term_months: Annotated[int, Form()],
    patents: Annotated[str, Form()], purpose: Annotated[str, Form()] = "", co_owner_consent: Annotated[bool, Form()] = False,
    submit: Annotated[bool, Form()] = False, csrf: CsrfField = None,
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    form = {"bank_org_id": bank_org_id, "amount": amount, "term_months": term_months, "patents": patents, "purpose": purpose}
    try:
        data = ProjectCreate(bank_org_id=bank_org_id, amount=Decimal(amount), term_months=term_months, purpose=purpose,
                             patents=_patents(patents), co_owner_consent=co_owner_consent, submit=submit)  # fmt: skip
        created = service.create_project(session, viewer=Viewer.of(user), data=data,
                                         rules=IndicatorRules.from_settings(settings))  # fmt: skip
    except (InvalidOperation, ValueError) as exc:
        message = exc.message_zh if isinstance(exc, IpopsError) else "请填写有效的金额、期限和至少一件专利"
        return _my(request, session, user, message, form, 422)
    except IpopsError as exc:
        session.rollback()
        return _my(request, session, user, exc.message_zh, form, 422)
    return RedirectResponse(created.href, status_code=303)


@router.get("/finance/review", response_class=HTMLResponse)
def bank_review(request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    """The applications addressed to the bank (the office: all), waiting ones first."""
    projects = service.list_projects(session, viewer=Viewer.of(user))
    waiting = [p for p in projects if p.status in ("submitted", "bank_review", "approved")]
    return render(request, "finance/review.html", {"waiting": waiting, "projects": projects})


@router.get("/finance/risks", response_class=HTMLResponse)
def risk_dashboard(request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    """贷后风险监测: alerts of the registered pledges the user sees."""
    return render(request, "finance/risks.html", {"reports": risks.dashboard(session, viewer=Viewer.of(user))})


@router.get("/finance/overview", response_class=HTMLResponse)
def office_overview(request: Request, session: SessionDep, user: Office) -> HTMLResponse:
    return render(request, "finance/overview.html", {"o": service.overview(session, viewer=Viewer.of(user))})


def _detail(request: Request, session: SessionDep, user: User, project_id: int, error: str | None = None,
            status_code: int = 200) -> HTMLResponse:  # fmt: skip
    viewer = Viewer.of(user)
    p = service.get_project(session, viewer=viewer, project_id=project_id)
    check = service.check(session, viewer=viewer, project_id=project_id) if p.status in ("bank_review", "approved") else None
    report = risks.project_risks(session, viewer=viewer, project_id=project_id) if p.registration_date else None
    ctx = {"p": p, "check": check, "risks": report, "error": error, "today": dt.date.today()}
    return render(request, "finance/detail.html", ctx, status_code=status_code)


@router.get("/finance/pledges/{project_id}", response_class=HTMLResponse)
def project_detail(project_id: int, request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    return _detail(request, session, user, project_id)


@router.post("/finance/pledges/{project_id}/actions")
def project_action(
    project_id: int, request: Request, session: SessionDep, settings: SettingsDep, user: Reader,
    action: Annotated[str, Form()], note: Annotated[str, Form()] = "", registration_number: Annotated[str, Form()] = "",
    registration_date: OptDate = None, acknowledge_warnings: Annotated[bool, Form()] = False, date: OptDate = None,
    loss_amount: Annotated[str, Form()] = "", recovered_amount: Annotated[str, Form()] = "", csrf: CsrfField = None,
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    try:
        data = ActionIn(action=action, note=note or None, registration_number=registration_number or None,  # type: ignore[arg-type]
                        registration_date=registration_date, acknowledge_warnings=acknowledge_warnings, date=date,
                        loss_amount=Decimal(loss_amount) if loss_amount else None,
                        recovered_amount=Decimal(recovered_amount) if recovered_amount else None)  # fmt: skip
        service.act(session, viewer=Viewer.of(user), project_id=project_id, data=data,
                    rules=IndicatorRules.from_settings(settings))  # fmt: skip
    except (InvalidOperation, ValueError):
        return _detail(request, session, user, project_id, "请填写有效的日期和金额", 422)
    except IpopsError as exc:
        session.rollback()
        return _detail(request, session, user, project_id, exc.message_zh, 422)
    return RedirectResponse(f"/finance/pledges/{project_id}", status_code=303)


@router.get("/finance/whitelist", response_class=HTMLResponse)
def white_list(request: Request, session: SessionDep, user: Reader,
               region: Annotated[str | None, Query(pattern=r"^(\d{6})?$")] = None) -> HTMLResponse:  # fmt: skip
    """质押融资白名单 for a region, with the reasons and an XLSX download."""
    return render(request, "finance/whitelist.html", {"w": whitelist(session, region=region or None)})


@router.get("/finance/pool", response_class=HTMLResponse)
def pool_page(request: Request, session: SessionDep, user: Office, error: str | None = None) -> HTMLResponse:
    return render(request, "finance/pool.html", {"s": pool.summary(session, viewer=Viewer.of(user)), "error": error})


@router.post("/finance/pool")
def pool_contribute(request: Request, session: SessionDep, user: Office, amount: Annotated[str, Form()],
                    entry_date: OptDate = None, note: Annotated[str, Form()] = "", csrf: CsrfField = None) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    try:
        pool.add_contribution(session, viewer=Viewer.of(user),
                              data=PoolEntryIn(amount=Decimal(amount), entry_date=entry_date, note=note))  # fmt: skip
    except (InvalidOperation, ValueError):
        return render(request, "finance/pool.html", {"s": pool.summary(session, viewer=Viewer.of(user)),
                                                     "error": "请填写大于 0 的金额（万元）"}, status_code=422)  # fmt: skip
    return RedirectResponse("/finance/pool", status_code=303)
