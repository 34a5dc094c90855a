"""Pledge-finance test data: the real-record indicator fixture plus organisations and users.

Patents come from tests/fixtures/indicators (real CNIPA rows; SOURCE.md there marks the scenario
values such as the imported pledges of J4/J5/F1/F2/Y2 and Y1's lapse). The banks are real bank
branch names used as organisations of this test database only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.finance import service
from ipops.finance.schemas import ActionIn, PatentIn, ProjectCreate, Viewer
from ipops.store.db import Database
from ipops.store.schema import Organisation, User
from tests.analytics import indicator_data

PASSWORD = "finance-pass-2026"
TODAY = indicator_data.TODAY  # 2026-12-04
Y4 = "CN201510105152.2"  # 杰瑞环保科技有限公司, invention filed 2015-03-11, granted 2017-06-23 (烟台)
F1 = "CN201510149706.9"  # 歌尔股份有限公司, imported pledge 2017-05-18 (scenario), no cancellation
Y1 = "CN201410107695.3"  # 孙世梁, lapsed for unpaid fees 2018-03-23 (scenario)
J1 = "CN201410200985.2"  # 济南市儿童医院
J6 = "CN201610976737.6"  # 中建八局第一建设有限公司, not granted (A publication only)
W5 = "CN201710162369.6"  # utility model (scenario), filed 2017-03-18 → expires 2027-03-17
W2 = "CN201510829110.3"  # 山东大学（威海）
FIRM, OTHER_FIRM = "杰瑞环保科技有限公司", "歌尔股份有限公司"
BANK, OTHER_BANK = "中国工商银行股份有限公司烟台分行", "中国建设银行股份有限公司济南分行"


@dataclass
class People:
    firm: Viewer
    other_firm: Viewer
    bank: Viewer
    other_bank: Viewer
    office: Viewer
    bank_id: int
    other_bank_id: int


def _user(db: Database, username: str, org: str, kind: OrgKind) -> Viewer:
    with db.session() as s:
        o = get_or_create_organisation(s, name=org, kind=kind)
        create_user(s, username=username, password=PASSWORD, organisation=o, display_name=f"{org}经办人")
    with db.session() as s:
        u = s.scalar(select(User).where(User.username == username))
        return Viewer.of(u)  # type: ignore[arg-type]


def people(db: Database) -> People:
    firm = _user(db, "jerei", FIRM, OrgKind.enterprise)
    other = _user(db, "goertek", OTHER_FIRM, OrgKind.enterprise)
    bank = _user(db, "icbc", BANK, OrgKind.bank)
    other_bank = _user(db, "ccb", OTHER_BANK, OrgKind.bank)
    office = _user(db, "office", "山东省知识产权局", OrgKind.ip_office)
    with db.session() as s:
        ids = dict(s.execute(select(Organisation.name, Organisation.id)).all())
    return People(firm, other, bank, other_bank, office, ids[BANK], ids[OTHER_BANK])


def load(db: Database) -> People:
    indicator_data.load(db)
    return people(db)


def create(db: Database, viewer: Viewer, bank_id: int, numbers: list[str], *, amount: str = "500", term: int = 12,
           submit: bool = True, pledgor: str | None = None, consent: bool = False) -> int:  # fmt: skip
    with db.session() as s:
        data = ProjectCreate(bank_org_id=bank_id, amount=Decimal(amount), term_months=term, purpose="流动资金周转",
                             patents=[PatentIn(number=n, pledgor=pledgor) for n in numbers],
                             co_owner_consent=consent, submit=submit)  # fmt: skip
        return service.create_project(s, viewer=viewer, data=data).id


def act(db: Database, viewer: Viewer, project_id: int, action: str, **kw: object) -> str:
    with db.session() as s:
        return service.act(s, viewer=viewer, project_id=project_id, data=ActionIn(action=action, **kw)).status  # type: ignore[arg-type]


def approved(db: Database, p: People, numbers: list[str], **kw: object) -> int:
    pid = create(db, p.firm, p.bank_id, numbers, **kw)  # type: ignore[arg-type]
    act(db, p.bank, pid, "accept")
    act(db, p.bank, pid, "approve", note="授信审批通过")
    return pid


def register(db: Database, p: People, pid: int, day: dt.date, number: str = "Y2017370000456") -> str:
    return act(db, p.bank, pid, "register", registration_number=number, registration_date=day, acknowledge_warnings=True)
