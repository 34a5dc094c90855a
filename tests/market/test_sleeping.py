"""Sleeping patents of universities on both engines: the inventory, the screen, outcomes, the export."""

from __future__ import annotations

import datetime as dt
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from ipops.domain.errors import Forbidden, NotFound
from ipops.market import sleeping
from ipops.market.exports import HEADER, sleeping_xlsx
from ipops.market.rules import load_rules
from ipops.market.schemas import OutcomeIn
from ipops.store.db import Database
from ipops.store.schema import AuditLog, Patent, PatentGrade
from tests.market import data
from tests.market.data import J3, Q3, TODAY, W2, People


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


def _inventory(db: Database, viewer, org_id: int | None = None):  # type: ignore[no-untyped-def]
    with db.session() as s:
        return sleeping.inventory(s, viewer=viewer, org_id=org_id, on=TODAY)


def test_the_inventory_holds_valid_never_dealt_patents(db: Database, p: People) -> None:
    page = _inventory(db, p.sdu)
    # 山东大学: J3 granted and in force; J7 only published (not granted); W2 belongs to 山东大学（威海）
    assert [r.app_number for r in page.rows] == [J3]
    row = page.rows[0]
    assert (row.age_years, row.remaining_years, row.ipc_subclasses, row.grade) == (10.8, 9.2, 1, None)
    assert row.potential == "medium" and row.reasons == ["剩余保护期 9.2 年", "发明专利"]
    assert page.counts["total"] == 1 and page.counts["medium"] == 1
    assert _inventory(db, p.sdnu).rows == []  # J2 was licensed (open licence, 2024)


def test_a_transferred_patent_is_not_sleeping(db: Database, p: People) -> None:
    with db.session() as s:
        from ipops.accounts.roles import OrgKind
        from ipops.accounts.service import get_or_create_organisation

        org = get_or_create_organisation(s, name="山东大学（威海）", kind=OrgKind.university)
    assert W2 not in [
        r.app_number for r in _inventory(db, data.Viewer(None, "office_admin", None), org.id).rows
    ]


def test_the_screen_uses_grade_breadth_and_term(db: Database, p: People) -> None:
    high = _inventory(db, p.qust).rows[0]  # Q3: 4 subclasses (C08L C08K C08J B29C), 8.2 years left
    assert high.app_number == Q3 and high.potential == "high"
    assert high.reasons == ["剩余保护期 8.2 年", "覆盖 4 个 IPC 小类", "发明专利"]
    with db.session() as s:
        pid = s.scalar(select(Patent.id).where(Patent.app_number == J3))
        s.add(PatentGrade(patent_id=pid, score=82.0, grade="A", coverage=0.8, data_state="test"))
    row = _inventory(db, p.sdu).rows[0]
    assert row.grade == "A" and row.potential == "high" and "价值等级 A" in row.reasons


def test_the_remaining_term_is_required() -> None:
    s = load_rules().sleeping
    level, reasons = sleeping.screen(
        s, remaining=3.0, grade="A", subclasses=5, claims=20, patent_type="invention"
    )
    assert level == "low" and reasons == ["价值等级 A", "覆盖 5 个 IPC 小类", "权利要求 20 项", "发明专利"]
    assert (
        sleeping.screen(s, remaining=6, grade=None, subclasses=1, claims=None, patent_type="utility_model")[0]
        == "low"
    )


def test_outcomes_are_stored_and_follow_the_listings(db: Database, p: People) -> None:
    with db.session() as s:
        row = sleeping.set_outcome(s, viewer=p.sdu, data=OutcomeIn(number=J3, outcome="matched",
                                                                   outcome_date=dt.date(2026, 11, 1), note="与烟台企业对接"))  # fmt: skip
        assert row is not None and (row.outcome, row.outcome_label) == ("matched", "已对接")
        assert (
            s.scalar(select(AuditLog.action).where(AuditLog.object_type == "sleeping_outcome"))
            == "market.sleeping.outcome"
        )
    lid = data.published(db, p, p.sdu, J3, "open_licence")
    assert _inventory(db, p.sdu).rows[0].outcome == "matched"  # a published listing does not lower it
    data.act(db, p.sdu, lid, "negotiate", counterparty="烟台测试被许可有限公司（情景）")
    data.act(db, p.sdu, lid, "conclude", deal_date=dt.date(2026, 12, 1))
    page = _inventory(db, p.sdu)
    assert [(r.app_number, r.outcome, r.outcome_date) for r in page.rows] == [
        (J3, "licensed", dt.date(2026, 12, 1))
    ]
    assert page.counts["licensed"] == 1


def test_an_organisation_sees_only_its_own_inventory(db: Database, p: People) -> None:
    with db.session() as s:
        with pytest.raises(NotFound, match=f"未找到机构 #{p.org_ids['qust']}"):
            sleeping.inventory(s, viewer=p.sdu, org_id=p.org_ids["qust"])
        with pytest.raises(NotFound, match="不是「山东大学」的专利"):
            sleeping.set_outcome(s, viewer=p.sdu, data=OutcomeIn(number=Q3, outcome="listed"))
        with pytest.raises(Forbidden, match="沉睡专利盘点面向高校和科研院所"):
            sleeping.inventory(s, viewer=p.jerei)
        assert (
            sleeping.inventory(s, viewer=p.office, org_id=p.org_ids["qust"], on=TODAY).rows[0].app_number
            == Q3
        )


def test_the_xlsx_export(db: Database, p: People) -> None:
    book = load_workbook(BytesIO(sleeping_xlsx(_inventory(db, p.qust))))
    rows = list(book["沉睡专利"].iter_rows(values_only=True))
    assert list(rows[0]) == HEADER and rows[1][0] == Q3 and rows[1][10] == "高"
    about = {r[0]: r[1] for r in book["筛选条件"].iter_rows(values_only=True) if r[0] != "条件"}
    assert about["机构"] == "青岛科技大学"
