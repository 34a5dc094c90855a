"""Need → ranked patents and listings, each with a short Chinese reason.

Meaning first: the need's title and text go through the same encoder as the patents
(`ipops.search.semantic`), and the nearest patents are the candidates. Small bonuses, weighted in
`data/market/matching.toml`, then reorder close candidates by what makes a match usable: the
need's IPC subclasses (voted by its nearest patents), the firm's industry and city, the right
being in force, its value grade and a published listing. Ended rights are left out (free to use,
nothing to license). Quality on real data: docs/matching-quality.md.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.legal_status import is_dead, is_in_force
from ipops.search.industries import SCHEME
from ipops.search.semantic import Semantic
from ipops.store.db import in_keys
from ipops.store.schema import MarketListing, MarketNeed, Patent, PatentGrade, PatentIndustry, PatentIpc


@lru_cache(maxsize=1)
def weights() -> dict[str, Any]:
    return tomllib.loads(resources.files("ipops.data").joinpath("market/matching.toml").read_text("utf-8"))


@dataclass(frozen=True)
class NeedQuery:
    """What matching reads of a need (a stored `MarketNeed` or a text being typed)."""

    text: str
    industry: str | None = None  # SEI code, e.g. 6 or 6.1
    region: str | None = None  # NBS code of a city or province
    ipc: tuple[str, ...] = ()  # subclasses chosen or confirmed by people; empty: voted

    @classmethod
    def of(cls, need: MarketNeed) -> NeedQuery:
        """A stored need: its title and text, industry and region."""
        return cls(text=f"{need.title}。{need.description}", industry=need.industry_code, region=need.region_code)


@dataclass
class Match:
    patent_id: int
    app_number: str
    title: str
    score: float
    similarity: float
    reasons: list[str] = field(default_factory=list)
    listing_id: int | None = None
    legal_status: str | None = None


def ipc_vote(
    session: Session, neighbours: list[tuple[int, float]], k: int | None = None
) -> list[tuple[str, float]]:
    """IPC subclasses of the nearest patents, weighted by similarity, share of the vote, best first."""
    top = neighbours[: k or weights()["need"]["ipc_vote_neighbours"]]
    if not top:
        return []
    sim = dict(top)
    rows = session.execute(sa.select(PatentIpc.patent_id, PatentIpc.subclass).distinct()
                           .where(in_keys(session, PatentIpc.patent_id, list(sim))))  # fmt: skip
    votes: Counter[str] = Counter()
    for pid, subclass in rows:
        if subclass:
            votes[subclass] += max(sim[pid], 0.0)
    total = sum(votes.values()) or 1.0
    return [(code, round(v / total, 4)) for code, v in votes.most_common()]


def match_need(session: Session, *, semantic: Semantic, need: NeedQuery, limit: int = 10) -> list[Match]:
    """The patents (and their listings) that best answer a need."""
    w = weights()["need"]
    neighbours = semantic.nearest_text(session, need.text, w["candidates"])
    if not neighbours:
        return []
    classes = need.ipc or tuple(c for c, _ in ipc_vote(session, neighbours)[: w["ipc_classes"]])
    facts = _facts(session, [pid for pid, _ in neighbours])
    out = []
    for pid, sim in neighbours:
        f = facts.get(pid)
        if f is None or sim < w["min_similarity"] or (w["exclude_ended"] and is_dead(f["status"])):
            continue
        out.append(_scored(pid, sim, f, need, set(classes), w))
    out.sort(key=lambda m: (-m.score, m.patent_id))
    return out[:limit]


def _scored(
    pid: int, sim: float, f: dict[str, Any], need: NeedQuery, classes: set[str], w: dict[str, Any]
) -> Match:
    score, reasons = sim, [f"语义相似度 {sim:.2f}"]
    shared = sorted(classes & f["subclasses"])
    if shared:
        score += w["bonus_ipc"]
        reasons.append(f"IPC {'、'.join(shared)} 与需求分类一致")
    if need.industry and any(c == need.industry or t == need.industry for c, t in f["industries"]):
        score += w["bonus_industry"]
        reasons.append("属于需求所选产业")
    if need.region and f["city"] == need.region:
        score += w["bonus_region"]
        reasons.append("权利人在同一城市")
    elif need.region and f["province"] and f["province"][:2] == need.region[:2]:
        score += w["bonus_region"] / 2
        reasons.append("权利人在同一省份")
    if is_in_force(f["status"]):
        score += w["bonus_in_force"]
        reasons.append("授权有效")
    if f["grade"] in w["bonus_grade"]:
        score += w["bonus_grade"][f["grade"]]
        reasons.append(f"价值等级 {f['grade']}")
    if f["listing"]:
        score += w["bonus_listed"]
        reasons.append("已在运营平台挂牌")
    return Match(
        pid, f["app_number"], f["title"], round(score, 4), round(sim, 4), reasons, f["listing"], f["status"]
    )


def _facts(session: Session, ids: list[int]) -> dict[int, dict[str, Any]]:
    """Everything the bonuses need of the candidates, in five batched reads."""
    rows = session.execute(sa.select(Patent.id, Patent.app_number, Patent.title, Patent.legal_status,
                                     Patent.city_code, Patent.province_code).where(in_keys(session, Patent.id, ids)))  # fmt: skip
    facts = {r.id: {"app_number": r.app_number, "title": r.title, "status": r.legal_status, "city": r.city_code,
                    "province": r.province_code, "subclasses": set(), "industries": set(), "grade": None,
                    "listing": None} for r in rows}  # fmt: skip
    for pid, sub in session.execute(
        sa.select(PatentIpc.patent_id, PatentIpc.subclass).where(in_keys(session, PatentIpc.patent_id, ids))
    ):
        facts[pid]["subclasses"].add(sub)
    for pid, code, top in session.execute(sa.select(PatentIndustry.patent_id, PatentIndustry.code, PatentIndustry.top_code)
                                          .where(PatentIndustry.scheme == SCHEME, in_keys(session, PatentIndustry.patent_id, ids))):  # fmt: skip
        facts[pid]["industries"].add((code, top))
    for pid, grade in session.execute(
        sa.select(PatentGrade.patent_id, PatentGrade.grade).where(
            in_keys(session, PatentGrade.patent_id, ids)
        )
    ):
        facts[pid]["grade"] = grade
    listed = (
        sa.select(MarketListing.patent_id, sa.func.min(MarketListing.id))
        .where(
            MarketListing.status.in_(("published", "negotiating")),
            in_keys(session, MarketListing.patent_id, ids),
        )
        .group_by(MarketListing.patent_id)
    )
    for pid, lid in session.execute(listed):
        facts[pid]["listing"] = lid
    return facts
