"""Patent → ranked potential licensees (潜在被许可人): the firms working closest to it.

A firm is a candidate when its own patents are near this one by meaning (it works on the same
technology and would gain from a licence or a transfer), or when it posted an open need near it.
Its score sums the similarities of its closest few patents (`licensee.patents_counted` in
`data/market/matching.toml`) plus its needs'; the right holders themselves are left out. Only
enterprises count (first-applicant type 企业): universities and institutes rarely license in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.parties import PartyType
from ipops.market.matching import weights
from ipops.search import vectors
from ipops.search.semantic import Semantic
from ipops.store.db import in_keys
from ipops.store.repos.patents import find_patent
from ipops.store.schema import MarketNeed, Organisation, Party, Patent, PatentParty

_APPLICANT_ROLES = ("applicant", "holder")


@dataclass
class Licensee:
    party_id: int
    name: str
    region_code: str | None
    score: float
    patents: list[tuple[str, str, float]] = field(default_factory=list)  # (app number, title, similarity)
    needs: list[tuple[int, str, float]] = field(default_factory=list)  # (need id, title, similarity)
    org_id: int | None = None  # when the firm is registered on the platform

    @property
    def reason(self) -> str:
        parts = []
        if self.patents:
            best = self.patents[0]
            parts.append(f"有 {len(self.patents)} 件相近专利（最相近：{best[1]}，相似度 {best[2]:.2f}）")
        if self.needs:
            parts.append(f"发布了相近的技术需求“{self.needs[0][1]}”")
        return "；".join(parts)


def potential_licensees(
    session: Session, *, number: str, semantic: Semantic, limit: int = 10
) -> list[Licensee]:
    """Firms, best first, that are most likely to want a licence of this patent."""
    w = weights()["licensee"]
    patent = find_patent(session, number)
    neighbours = semantic.nearest_patent(session, patent.id, w["neighbours"])
    holders = _party_ids(session, [patent.id]).get(patent.id, set())
    firms: dict[int, Licensee] = {}
    by_patent = _party_ids(session, [pid for pid, _ in neighbours], enterprises_only=True)
    titles = {pid: (number, title) for pid, number, title in session.execute(
        sa.select(Patent.id, Patent.app_number, Patent.title).where(in_keys(session, Patent.id, [p for p, _ in neighbours])))}  # fmt: skip
    for pid, sim in neighbours:
        for party in by_patent.get(pid, set()) - holders:
            firm = firms.setdefault(party, Licensee(party, "", None, 0.0))
            app_number, title = titles.get(pid, ("", ""))
            firm.patents.append((app_number, title, round(sim, 4)))
    _add_needs(session, semantic, patent.id, holders, firms, w)
    _describe(session, firms)
    for firm in firms.values():
        firm.score = round(sum(s for *_, s in firm.patents[: w["patents_counted"]])
                           + w["need_weight"] * sum(s for *_, s in firm.needs), 4)  # fmt: skip
    ranked = sorted(firms.values(), key=lambda f: (-f.score, f.name))
    return ranked[:limit]


def _party_ids(
    session: Session, patent_ids: list[int], *, enterprises_only: bool = False
) -> dict[int, set[int]]:
    stmt = (
        sa.select(PatentParty.patent_id, PatentParty.party_id)
        .join(Party, Party.id == PatentParty.party_id)
        .where(PatentParty.role.in_(_APPLICANT_ROLES), in_keys(session, PatentParty.patent_id, patent_ids))
    )
    if enterprises_only:
        stmt = stmt.where(Party.party_type == PartyType.enterprise.value)
    out: dict[int, set[int]] = defaultdict(set)
    for pid, party in session.execute(stmt):
        out[pid].add(party)
    return out


def _add_needs(session: Session, semantic: Semantic, patent_id: int, holders: set[int], firms: dict[int, Licensee],
               w: dict[str, float]) -> None:  # fmt: skip
    """Open needs near the patent: their firms join (or rise in) the list."""
    vector = vectors.vector_of(session, semantic.encoder.name, patent_id)
    rows = session.execute(
        sa.select(MarketNeed.id, MarketNeed.title, MarketNeed.description, Organisation.party_id)
        .join(Organisation, Organisation.id == MarketNeed.org_id)
        .where(MarketNeed.status == "open", Organisation.party_id.is_not(None))
    ).all()  # fmt: skip
    if vector is None or not rows:
        return
    sims = semantic.encoder.encode([f"{r.title}。{r.description}" for r in rows]) @ vector.astype(np.float32)
    for row, sim in zip(rows, sims, strict=True):
        if row.party_id in holders or sim < semantic.min_similarity:
            continue
        firm = firms.setdefault(row.party_id, Licensee(row.party_id, "", None, 0.0))
        firm.needs.append((row.id, row.title, round(float(sim), 4)))


def _describe(session: Session, firms: dict[int, Licensee]) -> None:
    if not firms:
        return
    for pid, name, region in session.execute(sa.select(Party.id, Party.name, Party.region_code)
                                             .where(in_keys(session, Party.id, list(firms)))):  # fmt: skip
        firms[pid].name, firms[pid].region_code = name, region
    for oid, party in session.execute(sa.select(Organisation.id, Organisation.party_id)
                                      .where(in_keys(session, Organisation.party_id, list(firms)))):  # fmt: skip
        firms[party].org_id = oid
