"""Technology-marketplace pages (运营交易): the listing market, listing detail and workflow with the
patent's potential licensees, technology needs with their classification and matches, the
recommendation inbox, and the sleeping-patent inventory of universities and institutes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError

from ipops.analytics.rules import IndicatorRules
from ipops.domain.errors import IpopsError
from ipops.market import digests, needs, recommend, service, sleeping
from ipops.market.schemas import (
    ListingActionIn,
    ListingCreate,
    ListingUpdate,
    NeedCreate,
    NeedStatusIn,
    OutcomeIn,
    Viewer,
)
from ipops.store.schema import User
from ipops.web.auth import CsrfField, check_csrf, require
from ipops.web.deps import SemanticDep, SessionDep, SettingsDep, get_semantic
from ipops.web.templating import render

router = APIRouter()
Reader = Annotated[User, require("market.read")]
Lister = Annotated[User, require("market.list")]
NeedUser = Annotated[User, require("market.needs")]
SleepUser = Annotated[User, require("market.sleeping")]
Text = Annotated[str, Form()]
Flag = Annotated[bool, Form()]
TERMS = ("deal_type", "licence_type", "lump_sum", "royalty_rate", "royalty_base", "term_months", "royalty_note",
         "description", "contact", "pledgee_consent", "evaluation_report")  # fmt: skip
BAD_FORM = "请检查填写的内容：金额、比例须为数字，期限为整数"


def _terms(form: dict[str, Any]) -> dict[str, Any]:
    """Form strings → listing terms (empty → None); InvalidOperation/ValueError on a bad number."""
    out: dict[str, Any] = {k: (form.get(k) or None) for k in TERMS}
    for key in ("lump_sum", "royalty_rate"):
        out[key] = Decimal(out[key]) if out[key] else None
    out["term_months"] = int(out["term_months"]) if out["term_months"] else None
    out["pledgee_consent"], out["evaluation_report"] = (
        bool(form.get("pledgee_consent")),
        bool(form.get("evaluation_report")),
    )
    return out


@router.get("/market", response_class=HTMLResponse)
def market_home(
    request: Request, session: SessionDep, user: Reader, deal_type: Annotated[str | None, Query()] = None,
    licence_type: Annotated[str | None, Query()] = None, q: Annotated[str | None, Query(max_length=100)] = None,
) -> HTMLResponse:  # fmt: skip
    """专利超市: published listings with filters, plus the organisation's own and the office's review queue."""
    viewer = Viewer.of(user)
    page = service.list_listings(session, viewer=viewer, deal_type=deal_type or None, licence_type=licence_type or None,
                                 q=q or None)  # fmt: skip
    mine = service.list_listings(session, viewer=viewer, mine=True) if viewer.organisation_id else None
    queue = service.list_listings(session, viewer=viewer, status=["review"]) if viewer.sees_all else None
    return render(request, "market/index.html", {"page": page, "mine": mine, "queue": queue})


def _new_form(request: Request, error: str | None = None, form: dict[str, Any] | None = None,
              status_code: int = 200) -> HTMLResponse:  # fmt: skip
    return render(
        request, "market/listing_new.html", {"error": error, "form": form or {}}, status_code=status_code
    )


@router.get("/market/listings/new", response_class=HTMLResponse)
def new_listing(
    request: Request, user: Lister, number: Annotated[str, Query(max_length=40)] = ""
) -> HTMLResponse:
    return _new_form(request, form={"number": number, "deal_type": "licence"})


@router.post("/market/listings")
async def create_listing(request: Request, session: SessionDep, user: Lister) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf"))
    try:
        data = ListingCreate(number=form.get("number", "").strip(), **_terms(form))
        created = service.create_listing(session, viewer=Viewer.of(user), data=data)
    except IpopsError as exc:
        session.rollback()
        return _new_form(request, exc.message_zh, form, 422)
    except (InvalidOperation, ValueError, ValidationError):
        return _new_form(request, BAD_FORM, form, 422)
    return RedirectResponse(created.href, status_code=303)


LICENSEES_SHOWN = 10


def _detail(request: Request, session: SessionDep, user: User, listing_id: int, error: str | None = None,
            status_code: int = 200) -> HTMLResponse:  # fmt: skip
    viewer = Viewer.of(user)
    x = service.get_listing(session, viewer=viewer, listing_id=listing_id)
    owner = user.organisation_id == x.org_id
    semantic = get_semantic(request)
    firms = (recommend.licensees(session, viewer=viewer, number=x.app_number, semantic=semantic, limit=LICENSEES_SHOWN)
             if owner or viewer.sees_all else None)  # fmt: skip
    ctx = {"x": x, "error": error, "today": dt.date.today(), "form": x.model_dump(), "owner": owner, "licensees": firms}
    return render(request, "market/listing_detail.html", ctx, status_code=status_code)


@router.get("/market/listings/{listing_id}", response_class=HTMLResponse)
def listing_detail(listing_id: int, request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    return _detail(request, session, user, listing_id)


@router.post("/market/listings/{listing_id}")
async def edit_listing(listing_id: int, request: Request, session: SessionDep, user: Lister) -> Response:
    """Save a draft's terms from the edit form."""
    form = {k: str(v) for k, v in (await request.form()).items()}
    check_csrf(request, form.get("csrf"))
    try:
        service.update_listing(
            session, viewer=Viewer.of(user), listing_id=listing_id, data=ListingUpdate(**_terms(form))
        )
    except IpopsError as exc:
        session.rollback()
        return _detail(request, session, user, listing_id, exc.message_zh, 422)
    except (InvalidOperation, ValueError, ValidationError):
        return _detail(request, session, user, listing_id, BAD_FORM, 422)
    return RedirectResponse(f"/market/listings/{listing_id}", status_code=303)


@router.post("/market/listings/{listing_id}/actions")
def listing_action(
    listing_id: int, request: Request, session: SessionDep, settings: SettingsDep, user: Reader, action: Text,
    note: Text = "", acknowledge_warnings: Flag = False, counterparty: Text = "", deal_date: Text = "",
    deal_amount: Text = "", csrf: CsrfField = None,
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    try:
        data = ListingActionIn(action=action, note=note or None, acknowledge_warnings=acknowledge_warnings,  # type: ignore[arg-type]
                               counterparty=counterparty or None,
                               deal_date=dt.date.fromisoformat(deal_date) if deal_date else None,
                               deal_amount=Decimal(deal_amount) if deal_amount else None)  # fmt: skip
        service.act(session, viewer=Viewer.of(user), listing_id=listing_id, data=data,
                    indicator_rules=IndicatorRules.from_settings(settings))  # fmt: skip
    except IpopsError as exc:
        session.rollback()
        return _detail(request, session, user, listing_id, exc.message_zh, 422)
    except (InvalidOperation, ValueError, ValidationError):
        return _detail(request, session, user, listing_id, "请填写有效的日期和金额", 422)
    return RedirectResponse(f"/market/listings/{listing_id}", status_code=303)


# --- needs ------------------------------------------------------------------------------------


@router.get("/market/needs", response_class=HTMLResponse)
def need_list(request: Request, session: SessionDep, user: NeedUser) -> HTMLResponse:
    """技术需求: the organisation's needs (the office: all)."""
    return render(request, "market/needs.html", {"needs": needs.list_needs(session, viewer=Viewer.of(user))})


def _need_form(request: Request, session: SessionDep, error: str | None = None, form: dict[str, Any] | None = None,
               status_code: int = 200) -> HTMLResponse:  # fmt: skip
    ctx = {"error": error, "form": form or {}, "industries": needs.industries(session)}
    return render(request, "market/need_new.html", ctx, status_code=status_code)


@router.get("/market/needs/new", response_class=HTMLResponse)
def new_need(request: Request, session: SessionDep, user: NeedUser) -> HTMLResponse:
    return _need_form(request, session)


@router.post("/market/needs")
def create_need(
    request: Request, session: SessionDep, user: NeedUser, title: Text, description: Text, industry_code: Text = "",
    region_code: Text = "", budget: Text = "", deadline: Text = "", csrf: CsrfField = None,
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    form = {"title": title, "description": description, "industry_code": industry_code, "region_code": region_code,
            "budget": budget, "deadline": deadline}  # fmt: skip
    try:
        data = NeedCreate(title=title, description=description, industry_code=industry_code or None,
                          region_code=region_code.strip() or None, budget=Decimal(budget) if budget else None,
                          deadline=dt.date.fromisoformat(deadline) if deadline else None)  # fmt: skip
        created = needs.create_need(session, viewer=Viewer.of(user), data=data)
    except IpopsError as exc:
        session.rollback()
        return _need_form(request, session, exc.message_zh, form, 422)
    except (InvalidOperation, ValueError, ValidationError):
        return _need_form(
            request,
            session,
            "请填写需求名称、不少于 4 个字的需求描述，预算为数字，地区为 6 位代码",
            form,
            422,
        )
    return RedirectResponse(created.href, status_code=303)


MATCHES_SHOWN = 10


@router.get("/market/needs/{need_id}", response_class=HTMLResponse)
def need_detail(need_id: int, request: Request, session: SessionDep, user: NeedUser,
                semantic: SemanticDep) -> HTMLResponse:  # fmt: skip
    """One need with the IPC subclasses and industries IPOps assigned to it, and the patents that answer it."""
    viewer = Viewer.of(user)
    n = needs.get_need(session, viewer=viewer, need_id=need_id)
    found = recommend.need_matches(session, viewer=viewer, need_id=need_id, semantic=semantic, limit=MATCHES_SHOWN)
    return render(request, "market/need_detail.html", {"n": n, "m": found})


@router.post("/market/needs/{need_id}/status")
def need_status(need_id: int, request: Request, session: SessionDep, user: NeedUser, status: Text,
                csrf: CsrfField = None) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    needs.set_status(session, viewer=Viewer.of(user), need_id=need_id, data=NeedStatusIn(status=status))  # type: ignore[arg-type]
    return RedirectResponse(f"/market/needs/{need_id}", status_code=303)


@router.get("/market/licensees/{number}", response_class=HTMLResponse)
def licensees_page(number: str, request: Request, session: SessionDep, user: Reader,
                   semantic: SemanticDep) -> HTMLResponse:  # fmt: skip
    """潜在被许可人 of any patent (linked from the sleeping-patent inventory)."""
    found = recommend.licensees(session, viewer=Viewer.of(user), number=number, semantic=semantic,
                                limit=LICENSEES_SHOWN)  # fmt: skip
    return render(request, "market/licensees.html", {"l": found})


# --- recommendation inbox ----------------------------------------------------------------------


def _inbox(request: Request, session: SessionDep, user: User, error: str | None = None,
           status_code: int = 200) -> HTMLResponse:  # fmt: skip
    found = recommend.digest_list(session, viewer=Viewer.of(user))
    ctx = {"digests": found, "period": digests.period_of(dt.date.today()), "error": error}
    return render(request, "market/inbox.html", ctx, status_code=status_code)


@router.get("/market/inbox", response_class=HTMLResponse)
def inbox(request: Request, session: SessionDep, user: NeedUser) -> HTMLResponse:
    """推荐简报: the organisation's weekly digests, unread ones marked."""
    return _inbox(request, session, user)


@router.post("/market/inbox")
def make_digest(request: Request, session: SessionDep, user: NeedUser, semantic: SemanticDep,
                csrf: CsrfField = None) -> Response:  # fmt: skip
    """生成本周简报 now, instead of waiting for `ipops market digest` from cron."""
    check_csrf(request, csrf)
    viewer = Viewer.of(user)
    try:
        made = digests.generate(session, semantic=recommend.require_semantic(semantic),
                                org_id=None if viewer.sees_all else viewer.organisation_id or -1)  # fmt: skip
    except IpopsError as exc:
        return _inbox(request, session, user, exc.message_zh, 422)
    if not made and not viewer.sees_all:
        return _inbox(request, session, user, "本周简报已生成，或暂无可推荐的内容（发布技术需求或持有专利后可获得推荐）", 200)
    target = f"/market/inbox/{made[0].id}" if len(made) == 1 else "/market/inbox"
    return RedirectResponse(target, status_code=303)


@router.get("/market/inbox/{digest_id}", response_class=HTMLResponse)
def digest_detail(digest_id: int, request: Request, session: SessionDep, user: NeedUser) -> HTMLResponse:
    """One digest; opening it marks it read for its organisation."""
    d = recommend.digest_read(session, viewer=Viewer.of(user), digest_id=digest_id, mark_read=True)
    return render(request, "market/digest.html", {"d": d})


# --- sleeping patents ---------------------------------------------------------------------------


def _sleeping(request: Request, session: SessionDep, user: User, org: int | None, error: str | None = None,
              status_code: int = 200) -> HTMLResponse:  # fmt: skip
    page = sleeping.inventory(session, viewer=Viewer.of(user), org_id=org)
    return render(request, "market/sleeping.html", {"s": page, "error": error}, status_code=status_code)


@router.get("/market/sleeping", response_class=HTMLResponse)
def sleeping_page(request: Request, session: SessionDep, user: SleepUser,
                  org: Annotated[int | None, Query()] = None) -> HTMLResponse:  # fmt: skip
    """沉睡专利盘活: the inventory with its screen, XLSX export and outcome tracking."""
    return _sleeping(request, session, user, org)


@router.post("/market/sleeping/outcomes")
def sleeping_outcome(
    request: Request, session: SessionDep, user: SleepUser, number: Text, outcome: Text, outcome_date: Text = "",
    note: Text = "", org: Annotated[int | None, Query()] = None, csrf: CsrfField = None,
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    try:
        data = OutcomeIn(number=number, outcome=outcome, note=note or None,  # type: ignore[arg-type]
                         outcome_date=dt.date.fromisoformat(outcome_date) if outcome_date else None)  # fmt: skip
        sleeping.set_outcome(session, viewer=Viewer.of(user), data=data, org_id=org)
    except IpopsError as exc:
        session.rollback()
        return _sleeping(request, session, user, org, exc.message_zh, 422)
    except (ValueError, ValidationError):
        return _sleeping(request, session, user, org, "请选择盘活情况并填写有效日期", 422)
    return RedirectResponse("/market/sleeping" + (f"?org={org}" if org else ""), status_code=303)
