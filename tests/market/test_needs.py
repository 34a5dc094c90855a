"""Technology needs on both engines: posting, classification, and isolation between organisations.

The need texts restate the problems of real fixture patents (Y4 油田废弃物进料装置 C02F11/00, J5 变电站
二次设备清扫装置, W1 降钙素原检测试剂盒), which is what a firm looking for those technologies would write.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from ipops.domain.errors import Forbidden, IpopsError, NotFound
from ipops.market import needs
from ipops.market.classify import classify_need
from ipops.market.schemas import NeedCreate, NeedStatusIn
from ipops.store.db import Database
from ipops.store.schema import AuditLog, MarketNeedClass
from tests.market import data
from tests.market.data import People

OIL = NeedCreate(title="油田钻井废弃物处理进料技术", description="需要一种把含油钻屑、污泥连续送入处理系统的进料装置，处理油田废弃物",
                 industry_code="7.2", region_code="370613", budget=Decimal(200), deadline=dt.date(2027, 6, 30))  # fmt: skip


@pytest.fixture
def p(db: Database) -> People:
    return data.people(db)


def _create(db: Database, viewer, body: NeedCreate = OIL):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return needs.create_need(s, viewer=viewer, data=body)


def test_a_need_is_classified_and_stored(db: Database, p: People) -> None:
    need = _create(db, p.jerei)
    ipc = [c.code for c in need.classes if c.kind == "ipc"]
    assert "C02F" in ipc  # 水、废水、污水或污泥的处理 (Y4's class)
    assert "7.2" in [c.code for c in need.classes if c.kind == "industry"]  # 先进环保产业
    assert all(0 < c.score <= 1 for c in need.classes)
    assert need.industry_label == "先进环保产业" and need.region_label and need.status_label == "征集中"
    with db.session() as s:
        stored = s.scalars(
            select(MarketNeedClass.code)
            .where(MarketNeedClass.need_id == need.id)
            .order_by(MarketNeedClass.rank)
        )
        assert list(stored) == [c.code for c in need.classes]
        assert (
            s.scalar(select(AuditLog.action).where(AuditLog.object_type == "market_need"))
            == "market.need.create"
        )


@pytest.mark.parametrize(("text", "ipc", "industry"), [
    ("变电站二次设备的清扫除尘装置，避免停电清扫", "H02B", None),
    ("降钙素原快速检测试剂盒，用于细菌感染的早期诊断", None, "4.1"),
    ("移动终端应急通信，手机在无信号时通过卫星通信", "H04W", "1.1"),
])  # fmt: skip
def test_classify_need_returns_ranked_ipc_then_industries(db: Database, text: str, ipc: str | None,
                                                         industry: str | None) -> None:  # fmt: skip
    with db.session() as s:
        out = classify_need(s, text=text)
    kinds = [k for k, *_ in out]
    assert kinds == sorted(kinds, key=lambda k: k != "ipc") and len(out) <= 8
    if ipc:
        assert ipc in [c for k, c, _, _ in out if k == "ipc"]
    if industry:
        assert [c for k, c, _, _ in out if k == "industry"][0] == industry
    for kind in ("ipc", "industry"):
        scores = [sc for k, _, _, sc in out if k == kind]
        assert scores == sorted(scores, reverse=True)


def test_a_text_without_technical_words_gets_no_class(db: Database) -> None:
    with db.session() as s:
        assert classify_need(s, text="我们需要合作") == []


def test_needs_are_private_to_their_organisation(db: Database, p: People) -> None:
    need = _create(db, p.jerei)
    with db.session() as s:
        with pytest.raises(NotFound, match=f"未找到技术需求 #{need.id}"):
            needs.get_need(s, viewer=p.goertek, need_id=need.id)
        with pytest.raises(NotFound):
            needs.set_status(s, viewer=p.goertek, need_id=need.id, data=NeedStatusIn(status="closed"))
        assert needs.list_needs(s, viewer=p.goertek) == []
        assert [n.id for n in needs.list_needs(s, viewer=p.jerei)] == [need.id]
        assert [n.id for n in needs.list_needs(s, viewer=p.office)] == [need.id]
        with pytest.raises(Forbidden, match="只有发布需求的机构可以修改需求状态"):
            needs.set_status(s, viewer=p.office, need_id=need.id, data=NeedStatusIn(status="closed"))
        assert (
            needs.set_status(s, viewer=p.jerei, need_id=need.id, data=NeedStatusIn(status="closed")).status
            == "closed"
        )


def test_bad_codes_are_refused_in_chinese(db: Database, p: People) -> None:
    with pytest.raises(IpopsError, match="「所属产业」9.9 不是战略性新兴产业分类（2018）的代码"):
        _create(db, p.jerei, OIL.model_copy(update={"industry_code": "9.9"}))
    with pytest.raises(IpopsError, match="「所在地区」999999 不是有效的行政区划代码"):
        _create(db, p.jerei, OIL.model_copy(update={"region_code": "999999"}))
    with pytest.raises(Forbidden, match="只有企业、高校院所和服务机构可以发布技术需求"):
        _create(db, p.office)
