"""Listing use cases (专利挂牌): create, edit, list, read, check and take workflow actions.

Isolation: drafts and listings under review or withdrawn are seen by their holder organisation and
the IP office only (another organisation gets NotFound, so ids cannot be probed); published,
negotiating and concluded listings are seen by every signed-in user, but the deal itself
(counterparty, amount, history) only by the holder, the counterparty organisation and the office.
No commit here: the request owns the unit of work, so a concluded deal, its legal event, its log and
audit rows and the refreshed indicator facts commit together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ipops.analytics import facts
from ipops.analytics.rules import IndicatorRules
from ipops.domain.errors import Conflict, Forbidden, InvalidTransition, IpopsError, NotFound
from ipops.domain.fees import add_months
from ipops.market import patent_state
from ipops.market.checks import check_listing
from ipops.market.rules import MarketRules
from ipops.market.schemas import (
    DEAL_LABELS_ZH,
    LICENCE_LABELS_ZH,
    ActionRead,
    CheckReport,
    ListingActionIn,
    ListingCreate,
    ListingPage,
    ListingRead,
    ListingSummary,
    ListingUpdate,
    LogRead,
    Viewer,
)
from ipops.market.workflow import (
    ACTION_LABELS_ZH,
    ACTORS,
    PUBLIC,
    STATUS_LABELS_ZH,
    Actor,
    ListingStatus,
    actions_from,
    apply,
)
from ipops.store.repos.patents import find_patent
from ipops.store.schema import (
    AuditLog,
    LegalEvent,
    MarketListing,
    MarketListingLog,
    Organisation,
    Patent,
    User,
)
from ipops.store.schema.mixins import utcnow

LISTING_KINDS = {"enterprise", "university", "institute", "agency"}
OPEN = frozenset(
    {ListingStatus.draft, ListingStatus.review, ListingStatus.published, ListingStatus.negotiating}
)
DEAL_TEXT = {"transfer": "专利权的转移（IPOps 运营交易平台成交）",
             "licence": "专利实施许可合同备案的生效（IPOps 运营交易平台成交）",
             "open_licence": "专利实施许可合同备案的生效（开放许可实施，IPOps 运营交易平台成交）"}  # fmt: skip


class ChecksFailed(InvalidTransition):
    """Submission or approval refused by the listing checks (data/market/rules.toml)."""

    default_message_zh = "挂牌审查未通过"


# --- access -----------------------------------------------------------------------------------


def viewer_org(session: Session, viewer: Viewer) -> Organisation:
    """The viewer's organisation; listings and needs belong to one."""
    org = session.get(Organisation, viewer.organisation_id) if viewer.organisation_id is not None else None
    if org is None or org.status != "approved":
        raise Forbidden("账号未关联已审核通过的机构，不能使用运营交易功能")
    return org


def parts_of(viewer: Viewer, listing: MarketListing) -> set[Actor]:
    """The parts the viewer plays for a listing: its holder, an interested organisation, the office."""
    out: set[Actor] = set()
    org = viewer.organisation_id
    if org is not None and org == listing.org_id:
        out.add(Actor.owner)
    elif org is not None and listing.status in PUBLIC and not viewer.sees_all:
        out.add(Actor.buyer)
    if viewer.sees_all:
        out.add(Actor.office)
    return out


def is_party(viewer: Viewer, listing: MarketListing) -> bool:
    """Holder, counterparty organisation or office: may see the deal."""
    org = viewer.organisation_id
    return viewer.sees_all or (org is not None and org in (listing.org_id, listing.counterparty_org_id))


def _visible(session: Session, viewer: Viewer, listing_id: int) -> MarketListing:
    listing = session.get(MarketListing, listing_id, options=[selectinload(MarketListing.patent)])
    if listing is None or not (listing.status in PUBLIC or is_party(viewer, listing)):
        raise NotFound(f"未找到挂牌 #{listing_id}")
    return listing


def _scope(stmt: sa.Select, viewer: Viewer) -> sa.Select:  # type: ignore[type-arg]
    if viewer.sees_all:
        return stmt
    return stmt.where(sa.or_(MarketListing.status.in_([s.value for s in PUBLIC]),
                             MarketListing.org_id == (viewer.organisation_id or -1)))  # fmt: skip


# --- reading ----------------------------------------------------------------------------------


def org_names(session: Session, ids: Iterable[int]) -> dict[int, str]:
    """Organisation id → name, for lists of listings, needs and digests."""
    wanted = set(ids)
    if not wanted:
        return {}
    return dict(session.execute(sa.select(Organisation.id, Organisation.name).where(Organisation.id.in_(wanted))).all())


def _summary(x: MarketListing, names: dict[int, str]) -> ListingSummary:
    p = x.patent
    ltype = "open" if x.deal_type == "open_licence" else x.licence_type
    return ListingSummary(id=x.id, org_id=x.org_id, holder=names.get(x.org_id, ""), app_number=p.app_number,
                          title=p.title, patent_type=p.patent_type, deal_type=x.deal_type,
                          deal_label=DEAL_LABELS_ZH[x.deal_type], licence_type=ltype,
                          licence_label=LICENCE_LABELS_ZH.get(ltype or ""), open_licence=x.deal_type == "open_licence",
                          lump_sum=x.lump_sum, royalty_rate=x.royalty_rate, royalty_base=x.royalty_base,
                          term_months=x.term_months, status=x.status, status_label=STATUS_LABELS_ZH[x.status],
                          published_at=x.published_at, updated_at=x.updated_at, href=f"/market/listings/{x.id}")  # fmt: skip


def list_listings(session: Session, *, viewer: Viewer, deal_type: str | None = None, licence_type: str | None = None,
                  status: Sequence[str] | None = None, mine: bool = False, q: str | None = None,
                  limit: int = 50, offset: int = 0) -> ListingPage:  # fmt: skip
    """Listings the viewer may see: by default the published and negotiating ones; ``mine`` = all of the
    viewer's organisation; ``licence_type`` "open" means open licences."""
    stmt = _scope(sa.select(MarketListing).join(MarketListing.patent), viewer)
    if mine:
        stmt = stmt.where(MarketListing.org_id == (viewer.organisation_id or -1))
    statuses = list(status or ([] if mine else ["published", "negotiating"]))
    if statuses:
        stmt = stmt.where(MarketListing.status.in_(statuses))
    if deal_type:
        stmt = stmt.where(MarketListing.deal_type == deal_type)
    if licence_type == "open":
        stmt = stmt.where(MarketListing.deal_type == "open_licence")
    elif licence_type:
        stmt = stmt.where(MarketListing.licence_type == licence_type)
    if q:
        like = f"%{q.strip()}%"
        stmt = stmt.where(sa.or_(Patent.title.like(like), Patent.app_number.like(like)))
    total = session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery())) or 0
    rows = session.scalars(stmt.options(selectinload(MarketListing.patent))
                           .order_by(MarketListing.updated_at.desc(), MarketListing.id.desc())
                           .limit(limit).offset(offset)).all()  # fmt: skip
    names = org_names(session, [x.org_id for x in rows])
    filters = {"deal_type": deal_type, "licence_type": licence_type, "q": q, "status": ",".join(statuses) or None,
               "mine": "1" if mine else None}  # fmt: skip
    return ListingPage(rows=[_summary(x, names) for x in rows], total=total, filters=filters)


def _history(session: Session, listing_id: int) -> list[LogRead]:
    logs = session.execute(sa.select(MarketListingLog, User.display_name)
                           .outerjoin(User, User.id == MarketListingLog.user_id)
                           .where(MarketListingLog.listing_id == listing_id).order_by(MarketListingLog.id)).all()  # fmt: skip
    return [LogRead(at=g.at, user=who, action=g.action, action_label=ACTION_LABELS_ZH.get(g.action, g.action),
                    from_status=g.from_status, to_status=g.to_status,
                    to_status_label=STATUS_LABELS_ZH.get(g.to_status, g.to_status), note=g.note) for g, who in logs]  # fmt: skip


def _read(session: Session, viewer: Viewer, x: MarketListing, *, on: dt.date | None = None,
          rules: MarketRules | None = None) -> ListingRead:  # fmt: skip
    names = org_names(session, [x.org_id])
    parts = parts_of(viewer, x)
    party = is_party(viewer, x)
    checks = None
    if Actor.owner in parts or Actor.office in parts:
        org = session.get(Organisation, x.org_id)
        checks = check_listing(session, listing=x, org=org, on=on, rules=rules)  # type: ignore[arg-type]
    deal: dict[str, Any] = {}
    if party:
        deal = {"counterparty": x.counterparty, "deal_date": x.deal_date, "deal_amount": x.deal_amount,
                "history": _history(session, x.id)}  # fmt: skip
    actions = [
        ActionRead(action=a, label=ACTION_LABELS_ZH[a]) for a in actions_from(x.status) if ACTORS[a] & parts
    ]
    return ListingRead(**_summary(x, names).model_dump(), royalty_note=x.royalty_note, description=x.description,
                       contact=x.contact, pledgee_consent=x.pledgee_consent, evaluation_report=x.evaluation_report,
                       review_note=x.review_note if party else None, is_party=party, checks=checks,
                       actions=actions, **deal)  # fmt: skip


def get_listing(
    session: Session, *, viewer: Viewer, listing_id: int, on: dt.date | None = None
) -> ListingRead:
    return _read(session, viewer, _visible(session, viewer, listing_id), on=on)


def check(session: Session, *, viewer: Viewer, listing_id: int, on: dt.date | None = None) -> CheckReport:
    """The listing checks now (holder and office only)."""
    x = _visible(session, viewer, listing_id)
    if not (Actor.owner in parts_of(viewer, x) or viewer.sees_all):
        raise NotFound(f"未找到挂牌 #{listing_id}")
    return check_listing(session, listing=x, org=session.get(Organisation, x.org_id), on=on)  # type: ignore[arg-type]


# --- writing ----------------------------------------------------------------------------------


def _log(session: Session, viewer: Viewer, x: MarketListing, action: str, before: str | None, note: str | None,
         details: dict[str, object] | None = None) -> None:  # fmt: skip
    session.add(MarketListingLog(listing_id=x.id, user_id=viewer.user_id, action=action, from_status=before,
                                 to_status=x.status, note=note))  # fmt: skip
    session.add(AuditLog(user_id=viewer.user_id, action=f"market.listing.{action}", object_type="market_listing",
                         object_id=str(x.id), note=note, details={"from": before, "to": x.status, **(details or {})}))  # fmt: skip


def _apply_terms(x: MarketListing, values: dict[str, Any]) -> None:
    for key, value in values.items():
        if isinstance(value, str):
            value = value.strip() or None
        setattr(x, key, value)
    if x.deal_type != "licence":
        x.licence_type = None


def create_listing(session: Session, *, viewer: Viewer, data: ListingCreate) -> ListingRead:
    """A new draft of the viewer's organisation, for a patent it holds (one open listing per patent and type)."""
    org = viewer_org(session, viewer)
    if org.kind not in LISTING_KINDS:
        raise Forbidden("只有企业、高校院所和服务机构可以挂牌专利")
    patent = find_patent(session, data.number)
    registered = patent_state.holders(session, [patent.id]).get(patent.id, [])
    if not patent_state.is_holder(org, registered):
        names = "、".join(h.name for h in registered) or "未登记"
        raise Forbidden(
            f"「{org.name}」不是专利 {patent.app_number} 登记的专利权人（专利权人：{names}），不能挂牌"
        )
    other = session.scalar(sa.select(MarketListing.id).where(
        MarketListing.patent_id == patent.id, MarketListing.org_id == org.id, MarketListing.deal_type == data.deal_type,
        MarketListing.status.in_([s.value for s in OPEN])).limit(1))  # fmt: skip
    if other:
        raise Conflict(f"专利 {patent.app_number} 已有进行中的{DEAL_LABELS_ZH[data.deal_type]}挂牌 #{other}")
    x = MarketListing(org_id=org.id, patent_id=patent.id, patent=patent, status=ListingStatus.draft.value,
                      created_by=viewer.user_id)  # fmt: skip
    _apply_terms(x, data.model_dump(exclude={"number"}))
    session.add(x)
    session.flush()
    _log(session, viewer, x, "create", None, None, {"patent": patent.app_number, "deal_type": x.deal_type})
    return _read(session, viewer, x)


def update_listing(session: Session, *, viewer: Viewer, listing_id: int, data: ListingUpdate) -> ListingRead:
    """Change a draft's terms (the holder only); the checks are re-run when the page is read."""
    x = _visible(session, viewer, listing_id)
    if Actor.owner not in parts_of(viewer, x):
        raise (
            NotFound(f"未找到挂牌 #{listing_id}")
            if x.status not in PUBLIC
            else Forbidden("只有挂牌的权利人可以修改挂牌")
        )
    if x.status != ListingStatus.draft:
        raise InvalidTransition(f"挂牌当前状态为「{STATUS_LABELS_ZH[x.status]}」，只有草稿可以修改")
    changes = data.model_dump(exclude_unset=True)
    _apply_terms(x, changes)
    x.updated_at = utcnow()
    session.flush()
    _log(session, viewer, x, "edit", x.status, None, {"fields": sorted(changes)})
    return _read(session, viewer, x)


def act(session: Session, *, viewer: Viewer, listing_id: int, data: ListingActionIn, on: dt.date | None = None,
        indicator_rules: IndicatorRules | None = None) -> ListingRead:  # fmt: skip
    """Take one workflow step (transition table in `workflow`) with its side effects, log and audit rows."""
    x = _visible(session, viewer, listing_id)
    parts = parts_of(viewer, x)
    before = x.status
    new = apply(before, data.action, actors=parts)
    today = on or dt.date.today()
    step = STEPS.get(data.action)
    details = step(session, viewer, x, data, today, parts, indicator_rules) if step else {}
    x.status = new.value
    x.updated_at = utcnow()
    session.flush()
    _log(session, viewer, x, data.action, before, (data.note or "").strip() or None, details)
    session.flush()
    return _read(session, viewer, x, on=today)


def _checked(
    session: Session, x: MarketListing, today: dt.date, *, acknowledge: bool, verb: str
) -> CheckReport:
    report = check_listing(session, listing=x, org=session.get(Organisation, x.org_id), on=today)  # type: ignore[arg-type]
    if report.errors:
        raise ChecksFailed(f"不能{verb}：" + "；".join(i.message for i in report.items if i.level == "error"))
    if report.warnings and not acknowledge:
        raise ChecksFailed(f"有 {report.warnings} 条提示需要确认后才能{verb}：" +
                           "；".join(i.message for i in report.items if i.level == "warning"))  # fmt: skip
    return report


def _submit(session: Session, viewer: Viewer, x: MarketListing, data: ListingActionIn, today: dt.date,
            parts: set[Actor], _r: IndicatorRules | None) -> dict[str, object]:  # fmt: skip
    report = _checked(session, x, today, acknowledge=data.acknowledge_warnings, verb="提交")
    x.check_summary = report.model_dump(mode="json")
    x.submitted_at, x.review_note = utcnow(), None
    return {
        "warnings": report.warnings,
        "acknowledged": [i.rule for i in report.items if i.level == "warning"],
    }


def _approve(session: Session, viewer: Viewer, x: MarketListing, data: ListingActionIn, today: dt.date,
             parts: set[Actor], _r: IndicatorRules | None) -> dict[str, object]:  # fmt: skip
    report = _checked(session, x, today, acknowledge=True, verb="发布")
    x.published_at = utcnow()
    x.review_note = (data.note or "").strip() or None
    return {"warnings": report.warnings}


def _reject(session: Session, viewer: Viewer, x: MarketListing, data: ListingActionIn, today: dt.date,
            parts: set[Actor], _r: IndicatorRules | None) -> dict[str, object]:  # fmt: skip
    note = (data.note or "").strip()
    if not note:
        raise IpopsError("退回修改须填写「审核意见」，告知权利人需要修改的内容")
    x.review_note = note
    return {}


def _negotiate(session: Session, viewer: Viewer, x: MarketListing, data: ListingActionIn, today: dt.date,
               parts: set[Actor], _r: IndicatorRules | None) -> dict[str, object]:  # fmt: skip
    if Actor.owner in parts:
        name = (data.counterparty or "").strip()
        if not name:
            raise IpopsError("请填写「洽谈对象」（受让方或被许可方名称）")
        x.counterparty, x.counterparty_org_id = name, None
    else:  # an interested organisation asks to negotiate
        org = viewer_org(session, viewer)
        x.counterparty, x.counterparty_org_id = org.name, org.id
    return {"counterparty": x.counterparty}


def _resume(session: Session, viewer: Viewer, x: MarketListing, data: ListingActionIn, today: dt.date,
            parts: set[Actor], _r: IndicatorRules | None) -> dict[str, object]:  # fmt: skip
    before = x.counterparty
    x.counterparty, x.counterparty_org_id = None, None
    return {"previous_counterparty": before}


def _withdraw(session: Session, viewer: Viewer, x: MarketListing, data: ListingActionIn, today: dt.date,
              parts: set[Actor], _r: IndicatorRules | None) -> dict[str, object]:  # fmt: skip
    x.closed_at = utcnow()
    return {}


def _conclude(session: Session, viewer: Viewer, x: MarketListing, data: ListingActionIn, today: dt.date,
              parts: set[Actor], rules: IndicatorRules | None) -> dict[str, object]:  # fmt: skip
    """The deal becomes a platform legal event (transfer / licence), so the indicators count it."""
    name = (data.counterparty or x.counterparty or "").strip()
    if not name:
        raise IpopsError("确认成交须填写「受让方/被许可方」名称")
    day = data.deal_date or today
    x.counterparty, x.deal_date, x.deal_amount, x.closed_at = name, day, data.deal_amount, utcnow()
    kind = "transfer" if x.deal_type == "transfer" else "licence"
    ltype = "open" if x.deal_type == "open_licence" else x.licence_type
    details: dict[str, Any] = {"listing_id": x.id}
    if kind == "licence" and x.term_months:
        details["term_end"] = add_months(day, x.term_months).isoformat()
    session.add(LegalEvent(patent_id=x.patent_id, kind=kind, origin="platform", event_date=day,
                           amount=data.deal_amount, counterparty=name, licence_type=ltype if kind == "licence" else None,
                           raw_text=DEAL_TEXT[x.deal_type], details=details))  # fmt: skip
    x.patent.updated_at = utcnow()  # the facts (and the search index) see the patent changed
    session.flush()
    facts.refresh(session, rules or IndicatorRules(), [x.patent_id])
    return {"event": kind, "deal_date": day.isoformat(), "counterparty": name}


STEPS = {"submit": _submit, "approve": _approve, "reject": _reject, "negotiate": _negotiate, "resume": _resume,
         "withdraw": _withdraw, "conclude": _conclude}  # fmt: skip
