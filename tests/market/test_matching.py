"""Need → patents, patent → potential licensees, and digests over the real search excerpt.

The excerpt (2,010 real CNIPA rows with vectors and industry facts) is shared and read-only: every
test works in one session and rolls back. Organisations, needs and listings added here are
labelled scenario rows (情景数据), not patent records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.errors import NotFound
from ipops.domain.legal_status import is_dead
from ipops.market import digests
from ipops.market.licensees import potential_licensees
from ipops.market.matching import NeedQuery, ipc_vote, match_need
from ipops.market.schemas import Viewer
from ipops.search.semantic import Semantic, semantic_for
from ipops.store.db import Database
from ipops.store.schema import (
    MarketDigest,
    MarketListing,
    MarketNeed,
    Organisation,
    Party,
    Patent,
    PatentParty,
)

NEED = "希望引进锂离子电池电解液技术，改善电池在低温下的容量和安全性。"


@pytest.fixture
def session(semantic_corpus: Database) -> Iterator[Session]:
    with semantic_corpus.sessions() as s:
        yield s
        s.rollback()


@pytest.fixture
def semantic(semantic_corpus: Database) -> Semantic:
    found = semantic_for(semantic_corpus.settings)
    assert found is not None
    return found


def _firm(session: Session, name: str) -> Organisation:
    party = Party(name=name, name_key=name, party_type="enterprise", is_person=False)
    session.add(party)
    session.flush()
    org = Organisation(
        name=name, kind="enterprise", status="approved", party_id=party.id, region_code="370600"
    )
    session.add(org)
    session.flush()
    return org


def test_need_matches_are_on_topic_with_reasons_and_no_ended_rights(
    session: Session, semantic: Semantic
) -> None:
    found = match_need(session, semantic=semantic, need=NeedQuery(text=NEED), limit=10)
    assert len(found) == 10
    on_topic = ["电池" in m.title or "电解" in m.title for m in found[:5]]
    assert all(on_topic[:2]) and sum(on_topic) >= 3
    assert all(m.reasons[0].startswith("语义相似度") for m in found)
    assert [m.score for m in found] == sorted((m.score for m in found), reverse=True)
    assert not any(is_dead(m.legal_status) for m in found)


def test_a_published_listing_and_the_chosen_industry_lift_a_candidate(
    session: Session, semantic: Semantic
) -> None:
    plain = match_need(session, semantic=semantic, need=NeedQuery(text=NEED), limit=30)
    target = plain[-1]
    org = _firm(session, "情景数据：挂牌企业")
    session.add(
        MarketListing(org_id=org.id, patent_id=target.patent_id, deal_type="licence", status="published")
    )
    session.flush()
    lifted = {
        m.patent_id: m for m in match_need(session, semantic=semantic, need=NeedQuery(text=NEED), limit=30)
    }
    assert target.patent_id in lifted and lifted[target.patent_id].score > target.score
    assert "已在运营平台挂牌" in lifted[target.patent_id].reasons and lifted[target.patent_id].listing_id
    with_industry = match_need(session, semantic=semantic, need=NeedQuery(text=NEED, industry="6"), limit=30)
    assert any("属于需求所选产业" in m.reasons for m in with_industry)


def test_ipc_vote_shares_add_up_and_favour_the_field(session: Session, semantic: Semantic) -> None:
    votes = ipc_vote(session, semantic.nearest_text(session, NEED, 50))
    assert abs(sum(share for _, share in votes) - 1.0) < 1e-3
    assert votes[0][0].startswith("H01M")  # batteries


def test_licensees_are_other_enterprises_near_the_patent(session: Session, semantic: Semantic) -> None:
    patent = session.scalar(sa.select(Patent).where(Patent.title == "一种锂离子电池用电解液"))
    assert patent is not None
    holders = set(session.scalars(sa.select(PatentParty.party_id).where(PatentParty.patent_id == patent.id)))
    firms = potential_licensees(session, number=patent.app_number, semantic=semantic, limit=10)
    assert firms and not holders & {f.party_id for f in firms}
    types = dict(
        session.execute(
            sa.select(Party.id, Party.party_type).where(Party.id.in_([f.party_id for f in firms]))
        ).all()
    )
    assert set(types.values()) == {"enterprise"}
    assert [f.score for f in firms] == sorted((f.score for f in firms), reverse=True)
    assert firms[0].reason.startswith("有 ")


def test_a_firm_with_a_close_need_becomes_a_licensee(session: Session, semantic: Semantic) -> None:
    patent = session.scalar(sa.select(Patent).where(Patent.title == "一种锂离子电池用电解液"))
    assert patent is not None
    org = _firm(session, "情景数据：需求企业")
    session.add(MarketNeed(org_id=org.id, title="锂离子电池电解液", description=NEED, status="open"))
    session.flush()
    firms = potential_licensees(session, number=patent.app_number, semantic=semantic, limit=50)
    mine = [f for f in firms if f.party_id == org.party_id]
    assert mine and mine[0].org_id == org.id and "发布了相近的技术需求" in mine[0].reason


def test_weekly_digest_once_per_period_and_only_for_its_organisation(
    session: Session, semantic: Semantic
) -> None:
    org, other = _firm(session, "情景数据：简报企业"), _firm(session, "情景数据：其他企业")
    need = MarketNeed(org_id=org.id, title="锂离子电池电解液", description=NEED, status="open")
    session.add(need)
    session.flush()
    day = dt.date(2026, 12, 3)
    made = digests.generate(session, semantic=semantic, today=day, org_id=org.id)
    assert len(made) == 1 and made[0].period == "2026-W49"
    items = made[0].items
    assert len(items) == digests.PER_NEED and all(i["need_id"] == need.id and i["reason"] for i in items)
    assert digests.generate(session, semantic=semantic, today=day + dt.timedelta(days=1), org_id=org.id) == []
    assert (
        digests.generate(session, semantic=semantic, today=day, org_id=other.id) == []
    )  # nothing to recommend
    own = Viewer(None, "enterprise", org.id)
    assert [d.id for d in digests.list_digests(session, viewer=own)] == [made[0].id]
    with pytest.raises(NotFound):
        digests.get_digest(session, viewer=Viewer(None, "enterprise", other.id), digest_id=made[0].id)
    assert digests.list_digests(session, viewer=Viewer(None, "enterprise", other.id)) == []
    assert digests.get_digest(session, viewer=own, digest_id=made[0].id, mark_read=True).read_at is not None
    assert session.scalar(sa.select(sa.func.count()).select_from(MarketDigest)) == 1


def test_digest_recommends_published_listings_of_others_near_the_firms_patents(
    session: Session, semantic: Semantic
) -> None:
    own = session.scalar(sa.select(Patent).where(Patent.title == "一种锂离子电池用电解液"))
    assert own is not None
    holder = session.scalar(sa.select(Party).join(PatentParty, PatentParty.party_id == Party.id)
                            .where(PatentParty.patent_id == own.id).order_by(PatentParty.seq))  # fmt: skip
    org = Organisation(name=holder.name, kind="enterprise", status="approved")  # linked by name, not party_id
    seller = _firm(session, "情景数据：挂牌企业二")
    session.add(org)
    session.flush()
    near = semantic.nearest_patent(session, own.id, 5)[1][0]  # a close battery patent of someone else
    listed = MarketListing(org_id=seller.id, patent_id=near, deal_type="transfer", status="published")
    mine = MarketListing(org_id=org.id, patent_id=own.id, deal_type="licence", status="published")
    session.add_all([listed, mine])
    session.flush()
    made = digests.generate(session, semantic=semantic, today=dt.date(2026, 12, 3), org_id=org.id)
    items = [i for i in made[0].items if i["kind"] == "listing"]
    assert [i["listing_id"] for i in items] == [listed.id]  # its own listing is not recommended back
    assert items[0]["score"] >= semantic.min_similarity and items[0]["reason"].startswith("与本机构专利的语义相似度")
