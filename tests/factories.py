"""Records and persisted patents with realistic defaults, built from real CNIPA rows.

The defaults are the real application CN201611067191 (A: CN106557325A, B: CN106557325B) of the
CN-BIBS-ABSS 2017 slice (tests/fixtures/cnipa-bibs-2017/SOURCE.md).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ipops.ingest.record import PartyRecord, PatentRecord, PublicationRecord
from ipops.ingest.writer import PatentWriter
from ipops.store.db import Database

REAL_A = {
    "app_number": "CN201611067191.9",
    "title": "一种可扩展的用户提示信息定义方法及系统",
    "app_date": dt.date(2016, 11, 25),
    "pub_number": "CN106557325A",
    "pub_date": dt.date(2017, 4, 5),
    "ipc": ["G06F9/44"],
    "address": "山东省济南市市中区瑞福苑1区1号楼502",
    "postcode": "250000",
    "region_code": "370103",
}


def make_record(**overrides: Any) -> PatentRecord:
    """A PatentRecord of the real A publication above, with overrides applied."""
    data = {**REAL_A, "patent_type": "invention"}
    parties = overrides.pop("parties", [PartyRecord("魏熙柠", "applicant"), PartyRecord("魏熙柠", "inventor")])
    data.update(overrides)
    rec = PatentRecord(**{k: v for k, v in data.items() if k != "publications"})
    rec.parties = parties
    if "publications" in overrides:
        rec.publications = overrides["publications"]
    elif rec.pub_number:
        rec.publications = [PublicationRecord(rec.pub_number, rec.pub_number[-1], rec.pub_date)]
    return rec


def grant_of(rec: PatentRecord, number: str, date: dt.date) -> PatentRecord:
    """The B row of the same application: the grant publication, nothing else new."""
    return make_record(app_number=rec.app_number, pub_number=None, pub_date=None, grant_number=number,
                       grant_date=date, publications=[PublicationRecord(number, "B", date)])  # fmt: skip


def save(db: Database, *records: PatentRecord, is_demo: bool = False) -> Any:
    with db.session() as s:
        return PatentWriter(s, run_id=None, is_demo=is_demo).write_batch(list(records))
