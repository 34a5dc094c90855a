"""Recommendations as the API and the pages read them: a need's matches, a patent's potential
licensees, and an organisation's digests (推荐简报) — with who may see what.

The ranking itself lives in `matching`, `licensees` and `digests`; this module applies the
privacy rules on top. A need and its matches are private to its organisation and the IP office
(`needs.visible_need`). Potential licensees are public to signed-in users (they are read from public
patent data), but a firm's *needs* are not: other viewers learn that a firm posted a close need,
never its title. Without semantic search (``semantic_search = false``) or before `ipops index`,
the pages say so (``available = false``) instead of showing an empty list as if nothing matched.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from ipops.domain.errors import IpopsError
from ipops.market import digests
from ipops.market.licensees import Licensee, potential_licensees
from ipops.market.matching import NeedQuery, match_need
from ipops.market.needs import visible_need
from ipops.market.schemas import (
    DigestItem,
    DigestRead,
    DigestSummary,
    LicenseeNeed,
    LicenseePage,
    LicenseePatent,
    LicenseeRow,
    MatchRow,
    NeedMatches,
    Viewer,
)
from ipops.market.service import org_names
from ipops.search.semantic import Semantic, has_vectors
from ipops.store.repos.patents import find_patent
from ipops.store.schema import MarketDigest

MAX_LIMIT = 100
SEMANTIC_OFF = "语义检索已关闭（semantic_search=false）或尚未建立语义索引（运行 ipops index），无法生成推荐"


def require_semantic(semantic: Semantic | None) -> Semantic:
    """Digests cannot be made without vectors: say so instead of storing an empty digest."""
    if semantic is None:
        raise IpopsError(SEMANTIC_OFF)
    return semantic


def need_matches(
    session: Session, *, viewer: Viewer, need_id: int, semantic: Semantic | None, limit: int = 10
) -> NeedMatches:
    """The patents (and listings) that best answer one of the viewer's needs, each with its reasons."""
    need = visible_need(session, viewer, need_id)
    if semantic is None or not has_vectors(session, semantic):
        return NeedMatches(need_id=need.id, need_title=need.title, available=False, matches=[])
    found = match_need(session, semantic=semantic, need=NeedQuery.of(need), limit=max(1, min(limit, MAX_LIMIT)))
    rows = [MatchRow(app_number=m.app_number, title=m.title, score=m.score, similarity=m.similarity,
                     reasons=m.reasons, legal_status=m.legal_status, listing_id=m.listing_id,
                     href=f"/market/listings/{m.listing_id}" if m.listing_id else f"/patents/{m.app_number}")
            for m in found]  # fmt: skip
    return NeedMatches(need_id=need.id, need_title=need.title, available=True, matches=rows)


def licensees(
    session: Session, *, viewer: Viewer, number: str, semantic: Semantic | None, limit: int = 10
) -> LicenseePage:
    """Firms most likely to want a licence of the patent; need titles only for those allowed to read them."""
    patent = find_patent(session, number)
    if semantic is None or not has_vectors(session, semantic):
        return LicenseePage(app_number=patent.app_number, title=patent.title, available=False, licensees=[])
    firms = potential_licensees(session, number=patent.app_number, semantic=semantic,
                                limit=max(1, min(limit, MAX_LIMIT)))  # fmt: skip
    rows = [_licensee_row(f, viewer) for f in firms]
    return LicenseePage(app_number=patent.app_number, title=patent.title, available=True, licensees=rows)


def _licensee_row(firm: Licensee, viewer: Viewer) -> LicenseeRow:
    shown = viewer.sees_all or (firm.org_id is not None and firm.org_id == viewer.organisation_id)
    return LicenseeRow(
        name=firm.name, region_code=firm.region_code, score=firm.score, reason=firm.describe(need_titles=shown),
        registered=firm.org_id is not None,
        patents=[LicenseePatent(app_number=n, title=t, similarity=s) for n, t, s in firm.patents],
        needs=[LicenseeNeed(need_id=i, title=t, similarity=s) for i, t, s in firm.needs] if shown else [],
    )  # fmt: skip


# --- digests ------------------------------------------------------------------------------------


def _summary(d: MarketDigest, org_names: dict[int, str]) -> DigestSummary:
    return DigestSummary(id=d.id, org_id=d.org_id, org=org_names.get(d.org_id, ""), period=d.period,
                         created_at=d.created_at, read_at=d.read_at, items=len(d.items),
                         href=f"/market/inbox/{d.id}")  # fmt: skip


def digest_list(session: Session, *, viewer: Viewer) -> list[DigestSummary]:
    """The viewer organisation's digests, newest first (the office: everyone's)."""
    found = digests.list_digests(session, viewer=viewer)
    names = org_names(session, {d.org_id for d in found})
    return [_summary(d, names) for d in found]


def digest_read(session: Session, *, viewer: Viewer, digest_id: int, mark_read: bool = False) -> DigestRead:
    """One digest with its entries; opening it as its own organisation marks it read."""
    d = digests.get_digest(session, viewer=viewer, digest_id=digest_id, mark_read=mark_read)
    entries = [DigestItem.model_validate(item) for item in d.items]
    return DigestRead(**_summary(d, org_names(session, {d.org_id})).model_dump(), entries=entries)
