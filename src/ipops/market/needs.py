"""Technology needs (技术需求): a firm posts one in free Chinese text; IPOps classifies it.

A need is private to its organisation and the IP office (another organisation gets NotFound). The
classes (IPC subclasses and SEI industries from `classify.classify_need`) are stored in
`market_need_class`, which matching joins on.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Session, selectinload

from ipops.domain.errors import Forbidden, IpopsError, NotFound
from ipops.market.classify import SEI_SCHEME, classify_need
from ipops.market.schemas import NeedClass, NeedCreate, NeedRead, NeedStatusIn, NeedSummary, Viewer
from ipops.market.service import org_names, viewer_org
from ipops.store.schema import AuditLog, Industry, MarketNeed, MarketNeedClass, Region

NEED_KINDS = {"enterprise", "university", "institute", "agency"}
STATUS_LABELS_ZH = {"open": "征集中", "closed": "已关闭"}


def visible_need(session: Session, viewer: Viewer, need_id: int) -> MarketNeed:
    need = session.get(MarketNeed, need_id, options=[selectinload(MarketNeed.classes)])
    if need is None or not (viewer.sees_all or need.org_id == viewer.organisation_id):
        raise NotFound(f"未找到技术需求 #{need_id}")
    return need


def industries(session: Session) -> list[tuple[str, str]]:
    """SEI 2018 industries (code, name) for the form: the 9 sectors and their 40 industries."""
    rows = session.execute(
        sa.select(Industry.code, Industry.name, Industry.level).where(Industry.scheme == SEI_SCHEME)
    )
    return sorted(((c, ("　" if lvl == 2 else "") + f"{c} {n}") for c, n, lvl in rows),
                  key=lambda r: [int(x) for x in r[0].split(".")])  # fmt: skip


def _labels(
    session: Session, needs: list[MarketNeed]
) -> tuple[dict[str, str], dict[str, str], dict[int, str]]:
    codes = {n.industry_code for n in needs if n.industry_code}
    regions = {n.region_code for n in needs if n.region_code}
    ind = dict(session.execute(sa.select(Industry.code, Industry.name)
                               .where(Industry.scheme == SEI_SCHEME, Industry.code.in_(codes))).all()) if codes else {}  # fmt: skip
    reg = (
        dict(session.execute(sa.select(Region.code, Region.name).where(Region.code.in_(regions))).all())
        if regions
        else {}
    )
    return ind, reg, org_names(session, (n.org_id for n in needs))


def _summary(n: MarketNeed, ind: dict[str, str], reg: dict[str, str], orgs: dict[int, str]) -> NeedSummary:
    return NeedSummary(id=n.id, org_id=n.org_id, org=orgs.get(n.org_id, ""), title=n.title,
                       industry_code=n.industry_code, industry_label=ind.get(n.industry_code or ""),
                       region_code=n.region_code, region_label=reg.get(n.region_code or ""), budget=n.budget,
                       deadline=n.deadline, status=n.status, status_label=STATUS_LABELS_ZH[n.status],
                       created_at=n.created_at, href=f"/market/needs/{n.id}")  # fmt: skip


def _read(session: Session, n: MarketNeed) -> NeedRead:
    ind, reg, orgs = _labels(session, [n])
    classes = [NeedClass(kind=c.kind, code=c.code, label=c.label, score=c.score) for c in n.classes]  # type: ignore[arg-type]
    return NeedRead(**_summary(n, ind, reg, orgs).model_dump(), description=n.description, classes=classes)


def list_needs(session: Session, *, viewer: Viewer, status: str | None = None) -> list[NeedSummary]:
    """The viewer organisation's needs (the office: every need), newest first."""
    stmt = sa.select(MarketNeed).order_by(MarketNeed.created_at.desc(), MarketNeed.id.desc())
    if not viewer.sees_all:
        stmt = stmt.where(MarketNeed.org_id == (viewer.organisation_id or -1))
    if status:
        stmt = stmt.where(MarketNeed.status == status)
    needs = list(session.scalars(stmt))
    ind, reg, orgs = _labels(session, needs)
    return [_summary(n, ind, reg, orgs) for n in needs]


def get_need(session: Session, *, viewer: Viewer, need_id: int) -> NeedRead:
    return _read(session, visible_need(session, viewer, need_id))


def _validate(session: Session, data: NeedCreate) -> None:
    if data.industry_code and not session.scalar(sa.select(Industry.id).where(Industry.scheme == SEI_SCHEME,
                                                                            Industry.code == data.industry_code)):  # fmt: skip
        raise IpopsError(f"「所属产业」{data.industry_code} 不是战略性新兴产业分类（2018）的代码")
    if data.region_code and session.get(Region, data.region_code) is None:
        raise IpopsError(f"「所在地区」{data.region_code} 不是有效的行政区划代码")


def classify(session: Session, need: MarketNeed) -> None:
    """(Re)compute and store the need's classes."""
    need.classes.clear()
    session.flush()
    for rank, (kind, code, label, score) in enumerate(
        classify_need(session, text=f"{need.title}。{need.description}")
    ):
        need.classes.append(MarketNeedClass(kind=kind, code=code, label=label, score=score, rank=rank))


def create_need(session: Session, *, viewer: Viewer, data: NeedCreate) -> NeedRead:
    """A new open need of the viewer's organisation, classified at once."""
    org = viewer_org(session, viewer)
    if org.kind not in NEED_KINDS:
        raise Forbidden("只有企业、高校院所和服务机构可以发布技术需求")
    _validate(session, data)
    need = MarketNeed(org_id=org.id, title=data.title.strip(), description=data.description.strip(),
                      industry_code=data.industry_code or None, region_code=data.region_code or None,
                      budget=data.budget, deadline=data.deadline, status="open", created_by=viewer.user_id)  # fmt: skip
    session.add(need)
    session.flush()
    classify(session, need)
    session.add(AuditLog(user_id=viewer.user_id, action="market.need.create", object_type="market_need",
                         object_id=str(need.id), details={"classes": [c.code for c in need.classes]}))  # fmt: skip
    session.flush()
    return _read(session, need)


def set_status(session: Session, *, viewer: Viewer, need_id: int, data: NeedStatusIn) -> NeedRead:
    """Open or close a need (its organisation only)."""
    need = visible_need(session, viewer, need_id)
    if need.org_id != viewer.organisation_id:
        raise Forbidden("只有发布需求的机构可以修改需求状态")
    before, need.status = need.status, data.status
    session.add(AuditLog(user_id=viewer.user_id, action="market.need.status", object_type="market_need",
                         object_id=str(need.id), details={"from": before, "to": need.status}))  # fmt: skip
    session.flush()
    return _read(session, need)
