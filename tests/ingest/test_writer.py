"""The writer: idempotent upserts that merge rows of one application and never lose values."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from ipops.ingest.record import PartyRecord
from ipops.store.db import Database
from ipops.store.schema import LegalEvent, Party, PartyName, Patent, Publication
from tests.factories import grant_of, make_record, save

B_DATE = dt.date(2017, 7, 7)


def _patent(db: Database) -> Patent:
    with db.session() as s:
        return s.scalars(select(Patent)).one()


def test_a_and_b_rows_of_one_application_merge_into_one_patent(db: Database) -> None:
    a = make_record()
    counts = save(db, a, grant_of(a, "CN106557325B", B_DATE))
    assert (counts.inserted, counts.updated, counts.unchanged) == (1, 1, 0)
    p = _patent(db)
    assert (p.pub_number, p.grant_number, p.grant_date) == ("CN106557325A", "CN106557325B", B_DATE)
    assert (p.legal_status, p.legal_status_basis) == ("granted", "derived")
    assert (p.province_code, p.city_code, p.county_code) == ("370000", "370100", "370103")
    assert p.expiry_date == dt.date(2036, 11, 24)
    with db.session() as s:
        assert sorted(s.scalars(select(Publication.number))) == ["CN106557325A", "CN106557325B"]


def test_rows_in_separate_batches_reach_the_same_state(db: Database) -> None:
    a = make_record()
    assert save(db, a).inserted == 1
    counts = save(db, grant_of(a, "CN106557325B", B_DATE))
    assert (counts.inserted, counts.updated) == (0, 1)
    p = _patent(db)
    assert (p.pub_number, p.grant_number, p.title) == ("CN106557325A", "CN106557325B", a.title)
    assert p.ipc_main == "G06F9/44"


def test_writing_the_same_rows_again_changes_nothing(db: Database) -> None:
    a = make_record()
    b = grant_of(a, "CN106557325B", B_DATE)
    save(db, a, b)
    before = _patent(db).updated_at
    counts = save(db, a, b)
    assert (counts.inserted, counts.updated, counts.unchanged) == (0, 0, 2)
    assert _patent(db).updated_at == before


def test_a_stated_status_is_never_replaced_by_an_inferred_one(db: Database) -> None:
    a = make_record(legal_status="lapsed_fee", legal_status_raw="未缴年费专利权终止")
    save(db, a)
    save(db, grant_of(a, "CN106557325B", B_DATE))
    p = _patent(db)
    assert (p.legal_status, p.legal_status_basis, p.legal_status_raw) == (
        "lapsed_fee",
        "source",
        "未缴年费专利权终止",
    )


def test_name_variants_of_one_applicant_become_one_party(db: Database) -> None:
    first = make_record(parties=[PartyRecord("山东大学（威海）", "applicant")])
    second = make_record(app_number="CN201510305529.9", parties=[PartyRecord("山东大学(威海)", "applicant")])
    save(db, first, second)
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Party)) == 1
        assert s.scalar(select(func.count()).select_from(PartyName)) == 2
        assert s.scalar(select(Party.party_type)) == "university"


def test_events_of_an_import_are_replaced_but_platform_events_stay(db: Database) -> None:
    from ipops.ingest.record import EventRecord

    a = make_record(
        events=[EventRecord("transfer", dt.date(2019, 4, 22), "专利权的转移", counterparty="乙公司")]
    )
    save(db, a)
    with db.session() as s:
        pid = s.scalar(select(Patent.id))
        s.add(LegalEvent(patent_id=pid, kind="licence", event_date=dt.date(2020, 1, 1), origin="platform"))
    save(db, make_record(title="一种可扩展的用户提示信息定义方法及系统（修正）"))
    with db.session() as s:
        kinds = sorted(s.scalars(select(LegalEvent.kind)))
    assert kinds == ["licence", "transfer"]
