"""Technology-marketplace API (运营交易): listings and their actions, technology needs and their matches,
potential licensees, recommendation digests, sleeping patents."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response

from ipops.analytics.rules import IndicatorRules
from ipops.market import digests, needs, recommend, service, sleeping
from ipops.market.exports import digest_xlsx, sleeping_xlsx
from ipops.market.schemas import (
    CheckReport,
    DigestRead,
    DigestSummary,
    LicenseePage,
    ListingActionIn,
    ListingCreate,
    ListingPage,
    ListingRead,
    ListingUpdate,
    NeedCreate,
    NeedMatches,
    NeedRead,
    NeedStatusIn,
    NeedSummary,
    OutcomeIn,
    SleepingPage,
    SleepingRow,
    Viewer,
)
from ipops.store.schema import User
from ipops.web.auth import require
from ipops.web.deps import LimitQuery, SemanticDep, SessionDep, SettingsDep, page_limit

router = APIRouter(tags=["market"])
Reader = Annotated[User, require("market.read")]
Lister = Annotated[User, require("market.list")]
NeedUser = Annotated[User, require("market.needs")]
SleepUser = Annotated[User, require("market.sleeping")]
TopQuery = Annotated[int, Query(ge=1, le=recommend.MAX_LIMIT, description="How many to return.")]
OnQuery = Annotated[dt.date | None, Query(description="Reference day (default today).")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/listings", response_model=ListingPage)
def listings(
    session: SessionDep, settings: SettingsDep, user: Reader, limit: LimitQuery = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    deal_type: Annotated[Literal["transfer", "licence", "open_licence"] | None, Query()] = None,
    licence_type: Annotated[Literal["exclusive", "sole", "ordinary", "open"] | None, Query()] = None,
    status: Annotated[list[str] | None, Query(description="Default: published and negotiating.")] = None,
    mine: Annotated[bool, Query(description="Every listing of my organisation, drafts included.")] = False,
    q: Annotated[str | None, Query(max_length=100, description="Title or number contains.")] = None,
) -> ListingPage:  # fmt: skip
    """Listings the user may see: published ones for everyone; drafts only for their organisation and the office."""
    return service.list_listings(session, viewer=Viewer.of(user), deal_type=deal_type, licence_type=licence_type,
                                 status=status, mine=mine, q=q, limit=page_limit(settings, limit), offset=offset)  # fmt: skip


@router.post("/listings", response_model=ListingRead, status_code=201)
def create_listing(body: ListingCreate, session: SessionDep, user: Lister) -> ListingRead:
    """A new draft listing of a patent the user's organisation holds; the checks come back with it."""
    return service.create_listing(session, viewer=Viewer.of(user), data=body)


@router.get("/listings/{listing_id}", response_model=ListingRead)
def listing(listing_id: int, session: SessionDep, user: Reader, on: OnQuery = None) -> ListingRead:
    """One listing; the holder and the office also get the rule checks, parties the deal and history."""
    return service.get_listing(session, viewer=Viewer.of(user), listing_id=listing_id, on=on)


@router.patch("/listings/{listing_id}", response_model=ListingRead)
def update_listing(listing_id: int, body: ListingUpdate, session: SessionDep, user: Lister) -> ListingRead:
    """Change a draft's terms (holder only)."""
    return service.update_listing(session, viewer=Viewer.of(user), listing_id=listing_id, data=body)


@router.get("/listings/{listing_id}/checks", response_model=CheckReport)
def listing_checks(listing_id: int, session: SessionDep, user: Reader, on: OnQuery = None) -> CheckReport:
    """The listing checks (data/market/rules.toml): errors block submission, warnings need acknowledging."""
    return service.check(session, viewer=Viewer.of(user), listing_id=listing_id, on=on)


@router.post("/listings/{listing_id}/actions", response_model=ListingRead)
def listing_action(listing_id: int, body: ListingActionIn, session: SessionDep, settings: SettingsDep,
                   user: Reader) -> ListingRead:  # fmt: skip
    """One workflow step; the transition table decides whether it is allowed and who may take it."""
    return service.act(session, viewer=Viewer.of(user), listing_id=listing_id, data=body,
                       indicator_rules=IndicatorRules.from_settings(settings))  # fmt: skip


@router.get("/needs", response_model=list[NeedSummary])
def need_list(session: SessionDep, user: NeedUser,
              status: Annotated[Literal["open", "closed"] | None, Query()] = None) -> list[NeedSummary]:  # fmt: skip
    """The needs of the user's organisation (the office: all)."""
    return needs.list_needs(session, viewer=Viewer.of(user), status=status)


@router.post("/needs", response_model=NeedRead, status_code=201)
def create_need(body: NeedCreate, session: SessionDep, user: NeedUser) -> NeedRead:
    """Post a need; it comes back classified to IPC subclasses and SEI industries."""
    return needs.create_need(session, viewer=Viewer.of(user), data=body)


@router.get("/needs/{need_id}", response_model=NeedRead)
def need(need_id: int, session: SessionDep, user: NeedUser) -> NeedRead:
    return needs.get_need(session, viewer=Viewer.of(user), need_id=need_id)


@router.post("/needs/{need_id}/status", response_model=NeedRead)
def need_status(need_id: int, body: NeedStatusIn, session: SessionDep, user: NeedUser) -> NeedRead:
    return needs.set_status(session, viewer=Viewer.of(user), need_id=need_id, data=body)


@router.get("/needs/{need_id}/matches", response_model=NeedMatches)
def need_matches(need_id: int, session: SessionDep, user: NeedUser, semantic: SemanticDep,
                 limit: TopQuery = 10) -> NeedMatches:  # fmt: skip
    """Patents and listings ranked for the need (semantic similarity, IPC, industry, region, status, value)."""
    return recommend.need_matches(session, viewer=Viewer.of(user), need_id=need_id, semantic=semantic, limit=limit)


@router.get("/patents/{number}/licensees", response_model=LicenseePage)
def licensees(number: str, session: SessionDep, user: Reader, semantic: SemanticDep,
              limit: TopQuery = 10) -> LicenseePage:  # fmt: skip
    """Firms whose patents or open needs are closest to the patent (潜在被许可人); its holders left out."""
    return recommend.licensees(session, viewer=Viewer.of(user), number=number, semantic=semantic, limit=limit)


@router.get("/digests", response_model=list[DigestSummary])
def digest_list(session: SessionDep, user: NeedUser) -> list[DigestSummary]:
    """The organisation's recommendation digests (推荐简报), newest first; the office: all."""
    return recommend.digest_list(session, viewer=Viewer.of(user))


@router.post("/digests", response_model=list[DigestRead], status_code=201)
def digest_generate(session: SessionDep, user: NeedUser, semantic: SemanticDep) -> list[DigestRead]:
    """Make this week's digest now (the organisation's; the office: everyone's) — what `ipops market digest` does."""
    viewer = Viewer.of(user)
    made = digests.generate(session, semantic=recommend.require_semantic(semantic),
                            org_id=None if viewer.sees_all else viewer.organisation_id or -1)  # fmt: skip
    return [recommend.digest_read(session, viewer=viewer, digest_id=d.id) for d in made]


@router.get("/digests/{digest_id}", response_model=DigestRead)
def digest(digest_id: int, session: SessionDep, user: NeedUser,
           format: Annotated[Literal["json", "xlsx"], Query()] = "json") -> DigestRead | Response:  # fmt: skip
    """One digest with its recommendations; ``format=xlsx`` downloads it."""
    d = recommend.digest_read(session, viewer=Viewer.of(user), digest_id=digest_id)
    if format == "xlsx":
        return Response(digest_xlsx(d), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="digest-{d.period}-{d.org_id}.xlsx"'})  # fmt: skip
    return d


@router.get("/sleeping", response_model=SleepingPage)
def sleeping_inventory(
    session: SessionDep, user: SleepUser, on: OnQuery = None,
    org: Annotated[int | None, Query(description="Organisation id (IP office: any university/institute).")] = None,
    format: Annotated[Literal["json", "xlsx"], Query()] = "json",
) -> SleepingPage | Response:  # fmt: skip
    """Valid patents never transferred or licensed, with age, remaining term, grade and market potential."""
    page = sleeping.inventory(session, viewer=Viewer.of(user), org_id=org, on=on)
    if format == "xlsx":
        return Response(sleeping_xlsx(page), media_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="sleeping-{page.org_id}.xlsx"'})  # fmt: skip
    return page


@router.post("/sleeping/outcomes", response_model=SleepingRow | None)
def sleeping_outcome(body: OutcomeIn, session: SessionDep, user: SleepUser,
                     org: Annotated[int | None, Query()] = None) -> SleepingRow | None:  # fmt: skip
    """Record a patent's outcome: listed, matched or licensed."""
    return sleeping.set_outcome(session, viewer=Viewer.of(user), data=body, org_id=org)
