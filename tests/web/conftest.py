from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from ipops.ingest.record import PartyRecord
from ipops.store.db import Database
from ipops.web.app import create_app
from tests.factories import grant_of, make_record, save


@pytest.fixture
def client(db: Database) -> Iterator[TestClient]:
    with TestClient(create_app(db.settings, database=db)) as c:
        yield c


@pytest.fixture
def two_patents(db: Database) -> None:
    """The real A/B pair of CN201611067191.9 plus a second real Shandong application."""
    a = make_record()
    other = make_record(
        app_number="CN201510584828.0", title="一种旅游休闲帐篷", app_date=dt.date(2015, 9, 16),
        pub_number="CN106545214A", pub_date=dt.date(2017, 3, 29), ipc=["E04H15/00", "E04H15/42"],
        address="山东省青岛市即墨市开发区岙蓝路782号", postcode="266299", region_code="370215",
        parties=[PartyRecord("金秋英", "applicant"), PartyRecord("金秋英", "inventor")],
    )  # fmt: skip
    save(db, a, grant_of(a, "CN106557325B", dt.date(2017, 7, 7)), other)
