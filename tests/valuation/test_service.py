"""Valuations of real fixture patents on SQLite and PostgreSQL: by hand, cohorts in SQL, stored grades."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from ipops.domain.errors import NotFound
from ipops.domain.numbers import parse_application_number
from ipops.store.db import Database
from ipops.store.schema import LegalEvent, Patent, PatentGrade
from ipops.valuation import cohorts
from ipops.valuation.service import grade_all, grades_for, value_patent
from tests.analytics import indicator_data
from tests.factories import make_record, save

AS_OF = dt.date(2026, 12, 4)


@pytest.fixture
def numbers(db: Database) -> dict[str, str]:
    return indicator_data.load(db)


def test_a_fixture_patent_by_hand(db: Database, numbers: dict[str, str]) -> None:
    # J2 CN201510438704.1 (山东师范大学, filed 2015-07-23; scenario: granted abroad CN;US, open licence
    # declared 2024-05-10 and one open-licence implementation 2024-08-20; tests/fixtures/indicators):
    # legal: remaining term to 2035-07-22 = 43.2% → 50 + 30×18.2/25 = 71.84 (w12), status 授权有效 100 (w10),
    #        stability 0 events 100 (w5), abroad granted 100 (w4); claims missing → (862.08+1900)/31 = 89.10
    # technical: 1 IPC subclass 30 (w7), family 2 countries 50 (w7), not SEI 40 (w7); citations missing → 40.0
    # economic: transfers 0 → 10 (w8), licences 1 → 65 (w9), pledges 0 → 10 (w7), 高校 70 (w4), open 100 (w2)
    #        → 1215/30 = 40.5
    # total (2762.08 + 840 + 1215) / 82 = 58.745 → 58.7, grade C (45 ≤ score < 60)
    with db.session() as s:
        v = value_patent(s, number=numbers["J2"], as_of=AS_OF)
    assert [d.score for d in v.dimensions] == [89.1, 40.0, 40.5]
    assert v.score == 58.7 and v.grade == "C" and v.coverage == pytest.approx(0.82)
    assert v.missing == ["权利要求数量", "被引用次数（同领域同年份百分位）"]
    by_id = {i.id: i for i in v.indicators}
    assert by_id["remaining_term"].raw == 43.2 and by_id["licences"].raw == 1 and by_id["open_licence"].raw == "declared"
    assert by_id["holder_type"].raw_label == "高校"


def test_pledge_and_restoration_are_read_from_legal_events(db: Database, numbers: dict[str, str]) -> None:
    with db.session() as s:
        j4 = {i.id: i for i in value_patent(s, number=numbers["J4"], as_of=AS_OF).indicators}
        q2 = {i.id: i for i in value_patent(s, number=numbers["Q2"], as_of=AS_OF).indicators}
        y1 = value_patent(s, number=numbers["Y1"], as_of=AS_OF)
    assert j4["pledges"].raw == 1 and j4["pledges"].score == 70
    assert q2["stability"].raw == 1 and q2["stability"].score == 70  # lapsed 2018-05-22, restored 2018-10-19
    assert {i.id: i.raw for i in y1.indicators}["legal_status"] == "ended" and y1.grade == "D"  # lapsed 2018-03-23


def test_an_added_licence_raises_the_economic_score_in_the_database(db: Database, numbers: dict[str, str]) -> None:
    with db.session() as s:
        before = value_patent(s, number=numbers["J4"], as_of=AS_OF)
        pid = s.scalar(select(Patent.id).where(Patent.app_number == numbers["J4"]))
        s.add(LegalEvent(patent_id=pid, kind="licence", event_date=dt.date(2025, 3, 1), licence_type="ordinary",
                         origin="platform", raw_text="专利实施许可合同备案的生效（测试情景）"))  # fmt: skip
        s.flush()
        after = value_patent(s, number=numbers["J4"], as_of=AS_OF)
    econ = [next(d.score for d in v.dimensions if d.id == "economic") for v in (before, after)]
    assert econ[0] < econ[1] and before.score < after.score  # type: ignore[operator]


def _cited(db: Database, counts: list[int]) -> list[str]:
    """Records in one cohort (G06F × 2016): the factory's real patent under scenario numbers (check
    characters computed, not real documents) with scenario citation counts."""
    numbers = [parse_application_number(f"2016110{67193 + 2 * i}").canonical for i in range(len(counts))]
    recs = [make_record(app_number=n, cited_by_count=c, pub_number=None, pub_date=None) for n, c in zip(numbers, counts, strict=True)]
    save(db, *recs)
    return [r.app_number for r in recs]


def test_citation_percentiles_come_from_the_cohort_in_sql(db: Database) -> None:
    cohorts.clear_cache()
    numbers = _cited(db, [0, 1, 3, 3, 8, 20])
    with db.session() as s:
        scores = [next(i for i in value_patent(s, number=n).indicators if i.id == "forward_citations") for n in numbers]
    # mid-rank percentiles in a cohort of 6: 0 → 0.5/6, 1 → 1.5/6, 3 → (2 + 1)/6, 8 → 4.5/6, 20 → 5.5/6
    assert [i.score for i in scores] == [8.3, 25.0, 50.0, 50.0, 75.0, 91.7]
    assert "G06F×2016年" in scores[0].explanation and "6 件" in scores[0].explanation


def test_more_citations_never_lower_the_technical_score_in_sql(db: Database) -> None:
    numbers = _cited(db, [0, 2, 2, 5, 9])
    previous = None
    for count in (0, 1, 2, 3, 6, 9, 10, 50):
        with db.session() as s:
            s.execute(Patent.__table__.update().where(Patent.app_number == numbers[0]).values(
                cited_by_count=count, updated_at=dt.datetime(2026, 12, 4, 10, count % 60)))  # fmt: skip
        with db.session() as s:
            tech = next(d.score for d in value_patent(s, number=numbers[0]).dimensions if d.id == "technical")
        assert previous is None or tech >= previous  # type: ignore[operator]
        previous = tech


def test_small_cohort_excludes_the_indicator(db: Database) -> None:
    (number,) = _cited(db, [4])
    with db.session() as s:
        v = value_patent(s, number=number)
    cites = next(i for i in v.indicators if i.id == "forward_citations")
    assert cites.score is None and "不足 5 件" in cites.explanation and "被引用次数（同领域同年份百分位）" in v.missing


def test_grade_all_stores_grades_and_grades_for_reads_them(db: Database, numbers: dict[str, str]) -> None:
    with db.session() as s:
        report = grade_all(s, top=5)
    assert report.graded + report.ungraded == 32 and len(report.top) == 5
    assert report.by_grade["C"] >= 1 and report.ungraded > 0  # CN-BIBS rows without legal data: 数据不足
    with db.session() as s:
        ids = dict(s.execute(select(Patent.app_number, Patent.id)).all())
        stored = dict(s.execute(select(PatentGrade.patent_id, PatentGrade.grade)).all())
        got = grades_for(s, [ids[numbers["J2"]], ids[numbers["Y1"]], ids[numbers["J1"]]])
    assert got == {ids[numbers["J2"]]: "C", ids[numbers["Y1"]]: "D"}  # J1 has too little data to grade
    assert stored[ids[numbers["J2"]]] == "C" and stored[ids[numbers["J1"]]] is None


def test_grades_for_recomputes_after_the_data_changed(db: Database, numbers: dict[str, str]) -> None:
    with db.session() as s:
        pid = s.scalar(select(Patent.id).where(Patent.app_number == numbers["J2"]))
        assert grades_for(s, [pid]) == {pid: "C"}
        before = s.scalar(select(PatentGrade.data_state).where(PatentGrade.patent_id == pid))
        for day in (1, 2, 3):
            s.add(LegalEvent(patent_id=pid, kind="transfer", event_date=dt.date(2025, 1, day), origin="platform"))
        s.flush()
        assert grades_for(s, [pid]) == {pid: "B"}  # three transfers: 10 → 90
        assert s.scalar(select(PatentGrade.data_state).where(PatentGrade.patent_id == pid)) != before


def test_unknown_patent_is_not_found(db: Database) -> None:
    with db.session() as s, pytest.raises(NotFound):
        value_patent(s, number="CN201799999999.X")
