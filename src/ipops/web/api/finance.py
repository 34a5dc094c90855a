"""Pledge-finance API (知识产权质押融资): projects and their actions, checks, risks, white list, pool."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ipops.analytics.rules import IndicatorRules
from ipops.finance import pool, risks, service
from ipops.finance.schemas import (
    ActionIn,
    CheckReport,
    Overview,
    PoolEntryIn,
    PoolEntryRead,
    PoolSummary,
    ProjectCreate,
    ProjectRead,
    ProjectSummary,
    RiskReport,
    Viewer,
    WhitelistPage,
)
from ipops.finance.whitelist import whitelist, whitelist_xlsx
from ipops.store.schema import User
from ipops.web.auth import require
from ipops.web.deps import SessionDep, SettingsDep

router = APIRouter(tags=["finance"])
Reader = Annotated[User, require("finance.read")]
Applicant = Annotated[User, require("finance.apply")]
PoolManager = Annotated[User, require("finance.pool")]
OnQuery = Annotated[dt.date | None, Query(description="Reference day (default today).")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/pledges", response_model=list[ProjectSummary])
def pledges(session: SessionDep, user: Reader,
            status: Annotated[list[str] | None, Query(description="Only these statuses.")] = None) -> list[ProjectSummary]:  # fmt: skip
    """Projects the signed-in user may see: a bank those addressed to it, a firm its own, the office all."""
    return service.list_projects(session, viewer=Viewer.of(user), status=status)


@router.post("/pledges", response_model=ProjectRead, status_code=201)
def create(body: ProjectCreate, session: SessionDep, settings: SettingsDep, user: Applicant) -> ProjectRead:
    """A new application (draft, or submitted with ``submit: true``)."""
    return service.create_project(session, viewer=Viewer.of(user), data=body,
                                  rules=IndicatorRules.from_settings(settings))  # fmt: skip


@router.get("/pledges/risks", response_model=list[RiskReport])
def risk_dashboard(session: SessionDep, user: Reader, on: OnQuery = None) -> list[RiskReport]:
    """Alerts of every registered project the user sees (the bank's risk dashboard)."""
    return risks.dashboard(session, viewer=Viewer.of(user), on=on)


@router.get("/pledges/{project_id}", response_model=ProjectRead)
def detail(project_id: int, session: SessionDep, user: Reader) -> ProjectRead:
    return service.get_project(session, viewer=Viewer.of(user), project_id=project_id)


@router.get("/pledges/{project_id}/checks", response_model=CheckReport)
def checks(project_id: int, session: SessionDep, user: Reader, on: OnQuery = None,
           registration_date: Annotated[dt.date | None, Query()] = None) -> CheckReport:  # fmt: skip
    """The pre-registration checks (专利权质押登记办法): errors block, warnings need acknowledging."""
    return service.check(session, viewer=Viewer.of(user), project_id=project_id, on=on,
                         registration_date=registration_date)  # fmt: skip


@router.post("/pledges/{project_id}/actions", response_model=ProjectRead)
def action(project_id: int, body: ActionIn, session: SessionDep, settings: SettingsDep, user: Reader) -> ProjectRead:
    """One workflow step; the transition table decides whether it is allowed and who may take it."""
    return service.act(session, viewer=Viewer.of(user), project_id=project_id, data=body,
                       rules=IndicatorRules.from_settings(settings))  # fmt: skip


@router.get("/pledges/{project_id}/risks", response_model=RiskReport)
def project_risks(project_id: int, session: SessionDep, user: Reader, on: OnQuery = None) -> RiskReport:
    """Post-loan alerts of one project: annual fees, expiry before the loan ends, lapse, status changes."""
    return risks.project_risks(session, viewer=Viewer.of(user), project_id=project_id, on=on)


@router.get("/whitelist", response_model=WhitelistPage)
def white_list(
    session: SessionDep, user: Reader, on: OnQuery = None,
    region: Annotated[str | None, Query(pattern=r"^\d{6}$", description="Province, city or county code.")] = None,
    format: Annotated[Literal["json", "xlsx"], Query()] = "json",
) -> WhitelistPage | Response:  # fmt: skip
    """Patents and firms meeting the white-list criteria (data/finance/whitelist.toml), with reasons."""
    page = whitelist(session, region=region, on=on)
    if format == "xlsx":
        return Response(whitelist_xlsx(page), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="whitelist-{region or "all"}.xlsx"'})  # fmt: skip
    return page


@router.get("/finance/overview", response_model=Overview)
def overview(session: SessionDep, user: PoolManager) -> Overview:
    return service.overview(session, viewer=Viewer.of(user))


@router.get("/finance/pool", response_model=PoolSummary)
def pool_summary(session: SessionDep, user: PoolManager) -> PoolSummary:
    """The risk-compensation pool: balance, entries, defaulted projects."""
    return pool.summary(session, viewer=Viewer.of(user))


@router.post("/finance/pool/contributions", response_model=PoolEntryRead, status_code=201)
def contribute(body: PoolEntryIn, session: SessionDep, user: PoolManager) -> PoolEntryRead:
    return pool.add_contribution(session, viewer=Viewer.of(user), data=body)
