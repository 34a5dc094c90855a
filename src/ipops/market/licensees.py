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
from ipops.ingest.normalise.names import name_key
from ipops.market.matching import weights
from ipops.search import vectors
from ipops.search.semantic import Semantic
from ipops.store.db import in_keys
from ipops.store.repos.patents import find_patent
from ipops.store.schema import MarketNeed, Organisation, Party, Patent, PatentParty

_APPLICANT_ROLES = ("applicant", "holder")


@dataclass
class Licensee:
    party_id: int | None  # None: a registered firm that holds no patent here but posted a close need
    name: str
    region_code: str | None
    score: float
    patents: list[tuple[str, str, float]] = field(default_factory=list)  # (app number, title, similarity)
    needs: list[tuple[int, str, float]] = field(default_factory=list)  # (need id, title, similarity)
    org_id: int | None = None  # when the firm is registered on the platform

    @property
    def reason(self) -> str:
        return self.describe(need_titles=True)

    def describe(self, *, need_titles: bool) -> str:
        """Why the firm is listed; without ``need_titles`` its needs (private) are only mentioned."""
        parts = []
        if self.patents:
            best = self.patents[0]
            parts.append(f"有 {len(self.patents)} 件相近专利（最相近：{best[1]}，相似度 {best[2]:.2f}）")
        if self.needs:
            parts.append(f"发布了相近的技术需求“{self.needs[0][1]}”" if need_titles
                         else "在平台发布了相近的技术需求（内容仅发布机构可见）")  # fmt: skip
        return "；".join(parts)


def potential_licensees(
    session: Session, *, number: str, semantic: Semantic, limit: int = 10
) -> list[Licensee]:
    """Firms, best first, that are most likely to want a licence of this patent."""
    w = weights()["licensee"]
    patent = find_patent(session, number)
    neighbours = [(pid, sim) for pid, sim in semantic.nearest_patent(session, patent.id, w["neighbours"])
                  if sim >= w["min_similarity"]]  # fmt: skip
    holders = _party_ids(session, [patent.id]).get(patent.id, set())
    firms: dict[int | str, Licensee] = {}  # party id, or "org:<id>" for a firm known only by its organisation
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


def _add_needs(session: Session, semantic: Semantic, patent_id: int, holders: set[int],
               firms: dict[int | str, Licensee], w: dict[str, float]) -> None:  # fmt: skip
    """Open needs near the patent: their firms join (or rise in) the list.

    A need's organisation is the same firm as a patent party when linked (`party_id`) or of the
    same normalised name, as for holders (`patent_state.is_holder`); the holders' own needs are
    left out.
    """
    vector = vectors.vector_of(session, semantic.encoder.name, patent_id)
    if vector is None:
        return
    rows = session.execute(
        sa.select(MarketNeed.id, MarketNeed.title, MarketNeed.description, Organisation.id.label("org_id"),
                  Organisation.name, Organisation.region_code, Organisation.party_id)
        .join(Organisation, Organisation.id == MarketNeed.org_id).where(MarketNeed.status == "open")
    ).all()  # fmt: skip
    if not rows:
        return
    by_name = _parties_named(session, {name_key(r.name) for r in rows if r.party_id is None})
    sims = semantic.encoder.encode([f"{r.title}。{r.description}" for r in rows]) @ vector.astype(np.float32)
    for row, sim in zip(rows, sims, strict=True):
        party = row.party_id or by_name.get(name_key(row.name))
        if (party is not None and party in holders) or sim < semantic.min_similarity:
            continue
        key: int | str = party if party is not None else f"org:{row.org_id}"
        firm = firms.setdefault(key, Licensee(party, row.name, row.region_code, 0.0, org_id=row.org_id))
        firm.needs.append((row.id, row.title, round(float(sim), 4)))


def _parties_named(session: Session, keys: set[str]) -> dict[str, int]:
    if not keys:
        return {}
    rows = session.execute(sa.select(Party.name_key, sa.func.min(Party.id)).where(Party.name_key.in_(keys))
                           .group_by(Party.name_key))  # fmt: skip
    return {key: pid for key, pid in rows}


def _describe(session: Session, firms: dict[int | str, Licensee]) -> None:
    """Names and regions of the party firms; the organisation each is registered as, by link or name."""
    parties = [k for k in firms if isinstance(k, int)]
    if not parties:
        return
    keys = {}
    for pid, name, key, region in session.execute(sa.select(Party.id, Party.name, Party.name_key, Party.region_code)
                                                  .where(in_keys(session, Party.id, parties))):  # fmt: skip
        firms[pid].name, firms[pid].region_code, keys[key] = name, region, pid
    for oid, name, party in session.execute(sa.select(Organisation.id, Organisation.name, Organisation.party_id)):
        pid = party if party in firms else keys.get(name_key(name))
        if pid is not None and firms[pid].org_id is None:
            firms[pid].org_id = oid
