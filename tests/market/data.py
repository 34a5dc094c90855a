"""Marketplace test data: the real-record indicator fixture plus organisations and users.

Patents come from tests/fixtures/indicators (real CNIPA rows; SOURCE.md there marks the scenario
values: W1's exclusive licence, Y4's ordinary licence, the pledges of F1/F2, J2's open-licence
declaration, W5 re-typed as a utility model, Y1's lapse, W2's transfer). The organisations carry the
fixture's real applicant names and exist in this test database only; 孙世梁 (a person in the
source) appears as a scenario organisation so the lapse rule can be exercised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.market import service
from ipops.market.schemas import ListingActionIn, ListingCreate, Viewer
from ipops.store.db import Database
from ipops.store.schema import CustodyItem, CustodyPortfolio, Patent, User
from tests.analytics import indicator_data

PASSWORD = "market-pass-2026"
TODAY = indicator_data.TODAY  # 2026-12-04
Y4 = "CN201510105152.2"  # 杰瑞环保科技有限公司, invention filed 2015-03-11, ordinary licence 2017 (scenario)
F1 = "CN201510149706.9"  # 歌尔股份有限公司, pledged 2017-05-18 (scenario), not cancelled
W1 = "CN201410704395.3"  # 威海纽普生物技术有限公司, exclusive licence 2017-07-20 (scenario)
J2 = "CN201510438704.1"  # 山东师范大学, open-licence declaration 2024-05-10 (scenario)
J3 = "CN201610072622.4"  # 山东大学, granted 2017, no events: sleeping
J7 = "CN201710046262.5"  # 山东大学, A publication only (not granted)
J6 = "CN201610976737.6"  # 中建八局第一建设有限公司, not granted
W5 = "CN201710162369.6"  # 山东嵘野房车制造服务有限公司, utility model (scenario)
Y1 = "CN201410107695.3"  # 孙世梁, lapsed for unpaid fees 2018-03-23 (scenario)
Q3 = "CN201510082576.1"  # 青岛科技大学, 11 IPC codes in 5 subclasses
W2 = "CN201510829110.3"  # 山东大学（威海）, transferred 2017 (scenario)
ORGS = {
    "jerei": ("杰瑞环保科技有限公司", OrgKind.enterprise),
    "goertek": ("歌尔股份有限公司", OrgKind.enterprise),
    "neopro": ("威海纽普生物技术有限公司", OrgKind.enterprise),
    "sdnu": ("山东师范大学", OrgKind.university),
    "sdu": ("山东大学", OrgKind.university),
    "rongye": ("山东嵘野房车制造服务有限公司", OrgKind.enterprise),
    "sun": ("孙世梁", OrgKind.enterprise),  # scenario: a person's patent, filed as an organisation
    "crec": ("中建八局第一建设有限公司", OrgKind.enterprise),
    "qust": ("青岛科技大学", OrgKind.university),
    "office": ("山东省知识产权局", OrgKind.ip_office),
}


@dataclass
class People:
    viewers: dict[str, Viewer]
    org_ids: dict[str, int]

    def __getattr__(self, name: str) -> Viewer:
        try:
            return self.viewers[name]
        except KeyError:
            raise AttributeError(name) from None


def people(db: Database) -> People:
    viewers, org_ids = {}, {}
    for username, (name, kind) in ORGS.items():
        with db.session() as s:
            org = get_or_create_organisation(s, name=name, kind=kind)
            create_user(
                s, username=username, password=PASSWORD, organisation=org, display_name=f"{name}经办人"
            )
            org_ids[username] = org.id
        with db.session() as s:
            viewers[username] = Viewer.of(s.scalar(select(User).where(User.username == username)))  # type: ignore[arg-type]
    return People(viewers, org_ids)


def load(db: Database) -> People:
    indicator_data.load(db)
    return people(db)


def terms(deal_type: str = "licence", **kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"deal_type": deal_type, "licence_type": "ordinary" if deal_type == "licence" else None,
                            "lump_sum": Decimal("50"), "term_months": 36}  # fmt: skip
    if deal_type == "open_licence":
        base.update(
            royalty_rate=Decimal("3"),
            royalty_base="net_sales",
            royalty_note="按同类技术许可的市场价格估算，首付 50 万元，另按净销售额 3% 提成。",
        )
    base.update(kw)
    return base


def create(db: Database, viewer: Viewer, number: str, deal_type: str = "licence", **kw: Any) -> int:
    with db.session() as s:
        return service.create_listing(
            s, viewer=viewer, data=ListingCreate(number=number, **terms(deal_type, **kw))
        ).id


def act(db: Database, viewer: Viewer, listing_id: int, action: str, **kw: Any) -> str:
    with db.session() as s:
        data = ListingActionIn(action=action, **kw)  # type: ignore[arg-type]
        return service.act(s, viewer=viewer, listing_id=listing_id, data=data, on=TODAY).status


def published(
    db: Database, p: People, viewer: Viewer, number: str, deal_type: str = "licence", **kw: Any
) -> int:
    lid = create(db, viewer, number, deal_type, **kw)
    act(db, viewer, lid, "submit", acknowledge_warnings=True)
    act(db, p.office, lid, "approve", note="材料齐全")
    return lid


def fees_paid_up_to(db: Database, org_id: int, number: str, year: int) -> None:
    """A custody record of the holder saying which patent year is paid (the fee state's only source)."""
    with db.session() as s:
        patent = s.scalar(select(Patent).where(Patent.app_number == number))
        item = s.scalar(select(CustodyItem).where(CustodyItem.patent_id == patent.id))  # type: ignore[union-attr]
        if item is None:
            portfolio = CustodyPortfolio(organisation_id=org_id, name=f"年费托管 {number}")
            s.add(portfolio)
            s.flush()
            item = CustodyItem(portfolio_id=portfolio.id, patent_id=patent.id)  # type: ignore[union-attr]
            s.add(item)
        item.paid_up_to_year = year


def report(db: Database, viewer: Viewer, listing_id: int, on: dt.date = TODAY):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return service.check(s, viewer=viewer, listing_id=listing_id, on=on)


def rule(r: Any, name: str) -> list[tuple[str, str]]:
    """(level, message) of every item of one rule."""
    found = [(i.level, i.message) for i in r.items if i.rule == name]
    assert found, f"no {name} item in {r.items}"
    return found
