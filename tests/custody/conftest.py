"""Two real granted Shandong inventions (CN-BIBS-ABSS 2017 slice) and two firms with users."""

from __future__ import annotations

import datetime as dt

import pytest

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.custody.schemas import Viewer
from ipops.ingest.record import PartyRecord, PublicationRecord
from ipops.store.db import Database
from tests.factories import grant_of, make_record, save

# tests/fixtures/cnipa-bibs-2017: the A/B pair of CN201611067191.9 and the B row of CN201410045751.5
FIRST = "CN201611067191.9"  # filed 2016-11-25, granted 2017-07-07 → grant year 1
SECOND = "CN201410045751.5"  # filed 2014-02-09, granted 2017-03-15 → grant year 4
ON = dt.date(2026, 12, 15)
PASSWORD = "custody-pass-2026"


def save_real_patents(db: Database) -> None:
    a = make_record()
    second = make_record(
        app_number=SECOND, title="一种单张进出纸设备专用计数器", app_date=dt.date(2014, 2, 9), pub_number=None,
        pub_date=None, grant_number="CN103778463B", grant_date=dt.date(2017, 3, 15), ipc=["G06M1/272"],
        address="山东省青岛市四方区德兴路28号", postcode="266100", region_code="370203",
        publications=[PublicationRecord("CN103778463B", "B", dt.date(2017, 3, 15))],
        parties=[PartyRecord("青岛黎马敦包装有限公司", "applicant"), PartyRecord("刘所东", "inventor")],
    )  # fmt: skip
    save(db, a, grant_of(a, "CN106557325B", dt.date(2017, 7, 7)), second)


@pytest.fixture
def patents(db: Database) -> None:
    save_real_patents(db)


@pytest.fixture
def viewers(db: Database) -> dict[str, Viewer]:
    """Users of two firms and of the IP office, as service viewers."""
    out = {}
    with db.session() as s:
        for key, name, kind in [("firm", "青岛黎马敦包装有限公司", OrgKind.enterprise), ("other", "烟台另一测试有限公司", OrgKind.enterprise),
                                ("office", "山东省知识产权局", OrgKind.ip_office)]:  # fmt: skip
            org = get_or_create_organisation(s, name=name, kind=kind)
            user = create_user(s, username=f"custody-{key}", password=PASSWORD, organisation=org)
            out[key] = Viewer.of(user)
    return out
