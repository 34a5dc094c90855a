"""Listings on both engines: the whole workflow, audit rows, organisation isolation, the indicator feed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from ipops.analytics.grid import evaluate_grid
from ipops.analytics.periods import parse_period
from ipops.analytics.rules import IndicatorRules
from ipops.domain.errors import Conflict, Forbidden, InvalidTransition, IpopsError, NotFound
from ipops.market import service
from ipops.market.schemas import ListingActionIn, ListingUpdate
from ipops.market.service import ChecksFailed
from ipops.store.db import Database
from ipops.store.schema import AuditLog, LegalEvent, MarketListingLog
from tests.market import data
from tests.market.data import F1, TODAY, Y4, People

SD = "370000"


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


def _get(db: Database, viewer, lid: int):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return service.get_listing(s, viewer=viewer, listing_id=lid, on=TODAY)


def _grid(db: Database, period: str, ids: list[str]) -> dict[str, float | None]:
    with db.session() as s:
        g = evaluate_grid(
            s, rules=IndicatorRules(), region_code=SD, periods=[parse_period(period)], indicator_ids=ids
        )
    return {i: g.get(i, SD, parse_period(period)).value for i in ids}


def test_the_whole_chain_is_logged_and_audited(db: Database, p: People) -> None:
    lid = data.create(db, p.jerei, Y4)
    with pytest.raises(ChecksFailed, match="有 1 条提示需要确认后才能提交：年费缴纳情况未知"):
        data.act(db, p.jerei, lid, "submit")
    assert data.act(db, p.jerei, lid, "submit", acknowledge_warnings=True) == "review"
    with pytest.raises(IpopsError, match="退回修改须填写「审核意见」"):
        data.act(db, p.office, lid, "reject")
    assert data.act(db, p.office, lid, "reject", note="请补充技术说明") == "draft"
    assert _get(db, p.jerei, lid).review_note == "请补充技术说明"
    data.act(db, p.jerei, lid, "submit", acknowledge_warnings=True)
    assert data.act(db, p.office, lid, "approve") == "published"
    assert data.act(db, p.goertek, lid, "negotiate") == "negotiating"  # an interested firm steps in
    read = _get(db, p.goertek, lid)
    assert read.is_party and read.counterparty == "歌尔股份有限公司" and read.checks is None
    assert data.act(db, p.jerei, lid, "resume") == "published"
    data.act(db, p.jerei, lid, "negotiate", counterparty="烟台石川密封垫板有限公司")
    assert (
        data.act(db, p.jerei, lid, "conclude", deal_date=dt.date(2026, 11, 20), deal_amount=Decimal(60))
        == "concluded"
    )
    with db.session() as s:
        steps = s.scalars(
            select(MarketListingLog.action)
            .where(MarketListingLog.listing_id == lid)
            .order_by(MarketListingLog.id)
        )
        assert list(steps) == [
            "create",
            "submit",
            "reject",
            "submit",
            "approve",
            "negotiate",
            "resume",
            "negotiate",
            "conclude",
        ]
        audit = s.scalars(
            select(AuditLog.action).where(
                AuditLog.object_type == "market_listing", AuditLog.object_id == str(lid)
            )
        )
        assert list(audit).count("market.listing.submit") == 2
        submit = s.scalar(select(AuditLog).where(AuditLog.action == "market.listing.submit").limit(1))
        assert submit.details["acknowledged"] == ["annual_fee"]  # type: ignore[union-attr,index]
    with pytest.raises(InvalidTransition, match="挂牌当前状态为「已成交」，不能执行「撤回挂牌」"):
        data.act(db, p.jerei, lid, "withdraw")


def test_a_concluded_licence_is_a_legal_event_the_indicators_count(db: Database, p: People) -> None:
    # fixture 2026: no transfers or licences (tests/fixtures/indicators/events.csv)
    ids = ["transfers", "licences", "transfers_licences"]
    assert _grid(db, "2026", ids) == {"transfers": 0, "licences": 0, "transfers_licences": 0}
    lid = data.published(db, p, p.jerei, Y4, "licence", licence_type="exclusive", term_months=24)
    data.act(db, p.jerei, lid, "negotiate", counterparty="烟台石川密封垫板有限公司")
    data.act(db, p.jerei, lid, "conclude", deal_date=dt.date(2026, 11, 20), deal_amount=Decimal(80))
    with db.session() as s:
        event = s.scalar(select(LegalEvent).where(LegalEvent.origin == "platform"))
        assert event is not None and (event.kind, event.licence_type, event.event_date) == (
            "licence",
            "exclusive",
            dt.date(2026, 11, 20),
        )
        assert event.counterparty == "烟台石川密封垫板有限公司" and event.amount == Decimal(80)
        assert event.details == {"listing_id": lid, "term_end": "2028-11-20"}
    assert _grid(db, "2026", ids) == {"transfers": 0, "licences": 1, "transfers_licences": 1}
    # the new exclusive licence now bars an open licence of the same patent
    r = data.report(db, p.jerei, data.create(db, p.jerei, Y4, "open_licence"))
    assert data.rule(r, "exclusive_licence")[0][0] == "error"


def test_a_concluded_transfer_counts_as_a_transfer(db: Database, p: People) -> None:
    lid = data.published(db, p, p.goertek, F1, "transfer", pledgee_consent=True)
    data.act(db, p.goertek, lid, "negotiate", counterparty="潍坊测试受让有限公司（情景）")
    data.act(db, p.office, lid, "conclude", deal_date=dt.date(2026, 10, 8))
    assert _grid(db, "2026", ["transfers", "licences"]) == {"transfers": 1, "licences": 0}


def test_errors_block_submission_and_approval(db: Database, p: People) -> None:
    lid = data.create(db, p.goertek, F1, "transfer")  # pledged, no consent
    with pytest.raises(ChecksFailed, match="不能提交：该专利已质押且未注销"):
        data.act(db, p.goertek, lid, "submit", acknowledge_warnings=True)
    with db.session() as s:
        service.update_listing(s, viewer=p.goertek, listing_id=lid, data=ListingUpdate(pledgee_consent=True))
    assert data.act(db, p.goertek, lid, "submit", acknowledge_warnings=True) == "review"
    with db.session() as s:  # the consent turns out to be false before the office decides
        service.get_listing(s, viewer=p.goertek, listing_id=lid)
        from ipops.store.schema import MarketListing

        s.get(MarketListing, lid).pledgee_consent = False  # type: ignore[union-attr]
    with pytest.raises(ChecksFailed, match="不能发布"):
        data.act(db, p.office, lid, "approve")


def test_drafts_are_invisible_to_other_organisations(db: Database, p: People) -> None:
    lid = data.create(db, p.jerei, Y4)
    with db.session() as s:
        with pytest.raises(NotFound, match=f"未找到挂牌 #{lid}"):
            service.get_listing(s, viewer=p.goertek, listing_id=lid)
        with pytest.raises(NotFound):
            service.update_listing(
                s, viewer=p.goertek, listing_id=lid, data=ListingUpdate(lump_sum=Decimal(1))
            )
        with pytest.raises(NotFound):
            service.act(s, viewer=p.goertek, listing_id=lid, data=ListingActionIn(action="withdraw"))
        with pytest.raises(NotFound):
            service.check(s, viewer=p.goertek, listing_id=lid)
        assert service.list_listings(s, viewer=p.goertek, mine=True).total == 0
        assert service.list_listings(s, viewer=p.goertek, status=["draft"]).total == 0
        assert [x.id for x in service.list_listings(s, viewer=p.jerei, mine=True).rows] == [lid]
        assert service.get_listing(s, viewer=p.office, listing_id=lid).checks is not None


def test_published_listings_are_public_but_the_deal_is_not(db: Database, p: People) -> None:
    lid = data.published(db, p, p.jerei, Y4)
    data.act(db, p.jerei, lid, "negotiate", counterparty="烟台石川密封垫板有限公司")
    with db.session() as s:
        seen = service.get_listing(s, viewer=p.sdu, listing_id=lid)
        assert (
            seen.status == "negotiating"
            and seen.counterparty is None
            and seen.history == []
            and seen.checks is None
        )
        assert [x.id for x in service.list_listings(s, viewer=p.sdu).rows] == [lid]
        with pytest.raises(Forbidden, match="只有挂牌的权利人可以修改挂牌"):
            service.update_listing(s, viewer=p.sdu, listing_id=lid, data=ListingUpdate(lump_sum=Decimal(1)))
        with pytest.raises(Forbidden, match="「确认成交」只能由挂牌的权利人、知识产权局操作"):
            service.act(
                s,
                viewer=p.sdu,
                listing_id=lid,
                data=ListingActionIn(action="conclude", counterparty="山东大学"),
            )
        with pytest.raises(Forbidden):
            service.act(s, viewer=p.sdu, listing_id=lid, data=ListingActionIn(action="withdraw"))


def test_only_drafts_change_and_one_open_listing_per_type(db: Database, p: People) -> None:
    lid = data.published(db, p, p.jerei, Y4)
    with db.session() as s, pytest.raises(InvalidTransition, match="只有草稿可以修改"):
        service.update_listing(s, viewer=p.jerei, listing_id=lid, data=ListingUpdate(lump_sum=Decimal(1)))
    with pytest.raises(Conflict, match=f"已有进行中的许可挂牌 #{lid}"):
        data.create(db, p.jerei, Y4)
    assert data.create(db, p.jerei, Y4, "transfer") > lid  # another deal type is another listing


def test_filters_and_the_open_licence_tag(db: Database, p: People) -> None:
    a = data.published(db, p, p.jerei, Y4, "open_licence")
    b = data.published(db, p, p.goertek, F1, "licence", licence_type="sole", pledgee_consent=True)
    with db.session() as s:
        listing = service.list_listings
        assert [x.id for x in listing(s, viewer=p.sdu, licence_type="open").rows] == [a]
        assert listing(s, viewer=p.sdu, licence_type="open").rows[0].open_licence
        assert [x.id for x in listing(s, viewer=p.sdu, licence_type="sole").rows] == [b]
        assert [x.id for x in listing(s, viewer=p.sdu, q="油田").rows] == [a]
        assert {x.id for x in listing(s, viewer=p.sdu).rows} == {a, b}


def test_organisations_that_cannot_list(db: Database, p: People) -> None:
    with pytest.raises(Forbidden, match="只有企业、高校院所和服务机构可以挂牌专利"):
        data.create(db, p.office, Y4)
