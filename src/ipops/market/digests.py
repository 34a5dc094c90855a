"""Periodic recommendation digests per organisation (推荐简报): web inbox and XLSX export.

For an organisation, a digest holds (1) for each of its open needs, the best current matches
(`matching.match_need`), and (2) published listings close to its own patents — technology next
to what it already works on. One digest per organisation and ISO week: generating twice in a week
keeps the first (`generate` is safe to run from cron daily). Only organisations with something to
recommend get one. Each organisation sees only its own digests; the IP office sees all.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.errors import NotFound
from ipops.market import patent_state
from ipops.market.matching import NeedQuery, match_need
from ipops.market.schemas import Viewer
from ipops.search import vectors
from ipops.search.semantic import Semantic
from ipops.store.schema import MarketDigest, MarketListing, MarketNeed, Organisation, Patent
from ipops.store.schema.mixins import utcnow

PER_NEED = 5
LISTINGS = 10
KINDS = ("enterprise", "university", "institute", "agency")


def period_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def generate(session: Session, *, semantic: Semantic, today: dt.date | None = None,
             org_id: int | None = None) -> list[MarketDigest]:  # fmt: skip
    """This week's digest for every approved organisation (or one) that has something to read."""
    period = period_of(today or dt.date.today())
    stmt = sa.select(Organisation).where(Organisation.status == "approved", Organisation.kind.in_(KINDS))
    if org_id is not None:
        stmt = stmt.where(Organisation.id == org_id)
    done = set(session.scalars(sa.select(MarketDigest.org_id).where(MarketDigest.period == period)))
    published = Published.read(session, semantic)  # the same for every organisation: read once
    made = []
    for org in session.scalars(stmt.order_by(Organisation.id)):
        if org.id in done:
            continue
        items = need_items(session, semantic, org.id) + listing_items(session, semantic, org, published)
        if items:
            digest = MarketDigest(org_id=org.id, period=period, items=items, created_at=utcnow())
            session.add(digest)
            made.append(digest)
    session.flush()
    return made


def need_items(session: Session, semantic: Semantic, org_id: int) -> list[dict[str, Any]]:
    needs = session.scalars(sa.select(MarketNeed).where(MarketNeed.org_id == org_id, MarketNeed.status == "open")
                            .order_by(MarketNeed.id))  # fmt: skip
    items = []
    for need in needs:
        for m in match_need(session, semantic=semantic, need=NeedQuery.of(need), limit=PER_NEED):
            items.append({"kind": "need", "need_id": need.id, "need_title": need.title, "app_number": m.app_number,
                          "title": m.title, "score": m.score, "reason": "；".join(m.reasons), "listing_id": m.listing_id})  # fmt: skip
    return items


@dataclass(frozen=True)
class Published:
    """The published listings with their patents' vectors (a matrix row per listed patent)."""

    rows: list[Any]  # id, patent_id, deal_type, org_id, app_number, title
    patent_ids: list[int]
    matrix: np.ndarray

    @classmethod
    def read(cls, session: Session, semantic: Semantic) -> Published:
        rows = session.execute(
            sa.select(MarketListing.id, MarketListing.patent_id, MarketListing.deal_type, MarketListing.org_id,
                      Patent.app_number, Patent.title)
            .join(Patent, Patent.id == MarketListing.patent_id)
            .where(MarketListing.status == "published").order_by(MarketListing.id)
        ).all()  # fmt: skip
        ids, matrix = vectors.vectors_of(session, semantic.encoder.name, [r.patent_id for r in rows])
        return cls(rows, ids, matrix)


def listing_items(session: Session, semantic: Semantic, org: Organisation,
                  published: Published | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Published listings of others, ranked by closeness to the organisation's own patents."""
    published = published or Published.read(session, semantic)
    if not any(r.org_id != org.id for r in published.rows) or not published.patent_ids:
        return []
    own, mine = vectors.vectors_of(session, semantic.encoder.name, patent_state.org_patent_ids(session, org)[:500])
    if not own:
        return []
    best = dict(zip(published.patent_ids, (published.matrix @ mine.T).max(axis=1).tolist(), strict=True))
    scored = [(best[r.patent_id], r) for r in published.rows if r.org_id != org.id and r.patent_id in best]
    scored = [x for x in scored if x[0] >= semantic.min_similarity]
    scored.sort(key=lambda x: -x[0])
    return [{"kind": "listing", "listing_id": r.id, "app_number": r.app_number, "title": r.title,
             "score": round(sim, 4), "reason": f"与本机构专利的语义相似度 {sim:.2f}", "deal_type": r.deal_type}
            for sim, r in scored[:LISTINGS]]  # fmt: skip


def list_digests(session: Session, *, viewer: Viewer) -> list[MarketDigest]:
    stmt = sa.select(MarketDigest).order_by(MarketDigest.created_at.desc(), MarketDigest.id.desc())
    if not viewer.sees_all:
        stmt = stmt.where(MarketDigest.org_id == viewer.organisation_id)
    return list(session.scalars(stmt.limit(200)))


def get_digest(session: Session, *, viewer: Viewer, digest_id: int, mark_read: bool = False) -> MarketDigest:
    digest = session.get(MarketDigest, digest_id)
    if digest is None or not (viewer.sees_all or digest.org_id == viewer.organisation_id):
        raise NotFound(f"未找到推荐简报 #{digest_id}")
    if mark_read and digest.read_at is None and digest.org_id == viewer.organisation_id:
        digest.read_at = utcnow()
    return digest
