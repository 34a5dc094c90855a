"""Periodic recommendation digests per organisation (推荐简报): web inbox and XLSX export.

For an organisation, a digest holds (1) for each of its open needs, the best current matches
(`matching.match_need`), and (2) published listings close to its own patents — technology next
to what it already works on. One digest per organisation and ISO week: generating twice in a week
keeps the first (`generate` is safe to run from cron daily). Only organisations with something to
recommend get one. Each organisation sees only its own digests; the IP office sees all.
"""

from __future__ import annotations

import datetime as dt
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
from ipops.store.db import in_keys
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
    made = []
    for org in session.scalars(stmt.order_by(Organisation.id)):
        done = session.scalar(
            sa.select(MarketDigest).where(MarketDigest.org_id == org.id, MarketDigest.period == period)
        )
        if done is not None:
            continue
        items = need_items(session, semantic, org.id) + listing_items(session, semantic, org)
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


def listing_items(session: Session, semantic: Semantic, org: Organisation) -> list[dict[str, Any]]:
    """Published listings of others, ranked by closeness to the organisation's own patents."""
    own = patent_state.org_patent_ids(session, org)[:500]
    listed = session.execute(sa.select(MarketListing.id, MarketListing.patent_id, MarketListing.deal_type)
                             .where(MarketListing.status == "published", MarketListing.org_id != org.id)).all()  # fmt: skip
    if not own or not listed:
        return []
    mine = _matrix(session, semantic, own)
    theirs = _matrix(session, semantic, [r.patent_id for r in listed])
    if mine is None or theirs is None:
        return []
    best = (theirs[1] @ mine[1].T).max(axis=1)
    index = {pid: i for i, pid in enumerate(theirs[0])}
    titles = dict(
        session.execute(
            sa.select(Patent.id, Patent.title).where(in_keys(session, Patent.id, list(index)))
        ).all()
    )
    numbers = dict(
        session.execute(
            sa.select(Patent.id, Patent.app_number).where(in_keys(session, Patent.id, list(index)))
        ).all()
    )
    scored = [(float(best[index[r.patent_id]]), r) for r in listed if r.patent_id in index]
    scored = [x for x in scored if x[0] >= semantic.min_similarity]
    scored.sort(key=lambda x: -x[0])
    return [{"kind": "listing", "listing_id": r.id, "app_number": numbers[r.patent_id], "title": titles[r.patent_id],
             "score": round(sim, 4), "reason": f"与本机构专利的语义相似度 {sim:.2f}", "deal_type": r.deal_type}
            for sim, r in scored[:LISTINGS]]  # fmt: skip


def _matrix(session: Session, semantic: Semantic, ids: list[int]) -> tuple[list[int], np.ndarray] | None:
    rows = [
        (pid, v) for pid in ids if (v := vectors.vector_of(session, semantic.encoder.name, pid)) is not None
    ]
    if not rows:
        return None
    return [pid for pid, _ in rows], np.stack([v for _, v in rows])


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
