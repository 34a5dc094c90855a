"""Each listing rule (data/market/rules.toml, cn-patent-rules.md §4) on real fixture patents, both engines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from sqlalchemy import select

from ipops.domain.errors import Forbidden
from ipops.ingest.record import PartyRecord
from ipops.market import service
from ipops.market.schemas import ListingUpdate
from ipops.store.db import Database
from ipops.store.schema import LegalEvent, Patent
from tests.factories import make_record, save
from tests.market import data
from tests.market.data import F1, J2, J6, TODAY, W1, W5, Y1, Y4, People, report, rule


@pytest.fixture
def p(db: Database) -> People:
    return data.load(db)


def _update(db: Database, viewer, lid: int, **kw: object) -> None:  # type: ignore[no-untyped-def]
    with db.session() as s:
        service.update_listing(s, viewer=viewer, listing_id=lid, data=ListingUpdate(**kw))  # type: ignore[arg-type]


def test_a_clean_licence_passes_with_the_unknown_fee_as_warning(db: Database, p: People) -> None:
    r = report(db, p.jerei, data.create(db, p.jerei, Y4))
    assert rule(r, "holder") == [("ok", "「杰瑞环保科技有限公司」为登记的专利权人")]
    assert rule(r, "granted") == [("ok", "专利已于 2017-06-23 授权")]
    assert rule(r, "in_force") == [("ok", "专利权目前有效（2035-03-10 届满）")]
    assert rule(r, "annual_fee") == [("warning", "年费缴纳情况未知（第12年度年费缴费日 2026-03-11，滞纳期至 2026-09-11；"
                                                 "平台无缴费记录，请核对缴费凭证或将专利加入托管）")]  # fmt: skip
    assert r.errors == 0 and r.warnings == 1 and r.can_submit


def test_holder_rule_refuses_another_organisations_patent(db: Database, p: People) -> None:
    with pytest.raises(
        Forbidden,
        match="「歌尔股份有限公司」不是专利 CN201510105152.2 登记的专利权人（专利权人：杰瑞环保科技有限公司），不能挂牌",
    ):
        data.create(db, p.goertek, Y4)


def test_granted_rule(db: Database, p: People) -> None:
    r = report(db, p.crec, data.create(db, p.crec, J6))
    assert rule(r, "granted") == [("error", "专利尚未授权（无授权公告日），不能挂牌交易")]
    assert not r.can_submit


def test_in_force_rule(db: Database, p: People) -> None:
    r = report(db, p.sun, data.create(db, p.sun, Y1))
    assert rule(r, "in_force") == [("error", "专利权已终止或无效：专利权已于 2018-03-23 终止，不能挂牌")]


def test_annual_fee_overdue_is_an_error_and_grace_a_warning(db: Database, p: People) -> None:
    lid = data.create(db, p.jerei, Y4)
    data.fees_paid_up_to(db, p.org_ids["jerei"], Y4, 11)  # year 12 (from 2026-03-11) unpaid
    assert rule(report(db, p.jerei, lid), "annual_fee") == [
        ("error", "第12年度年费逾期未缴（滞纳期已于 2026-09-11 届满），不能挂牌")
    ]
    assert rule(report(db, p.jerei, lid, dt.date(2026, 5, 1)), "annual_fee") == [
        ("warning", "第12年度年费已于 2026-03-11 到期未缴，处于滞纳期（至 2026-09-11），应先补缴年费及滞纳金")
    ]
    data.fees_paid_up_to(db, p.org_ids["jerei"], Y4, 12)
    assert rule(report(db, p.jerei, lid), "annual_fee") == [("ok", "第12年度年费已缴纳")]


def test_exclusive_licence_bars_an_open_licence(db: Database, p: People) -> None:
    r = report(db, p.neopro, data.create(db, p.neopro, W1, "open_licence"))
    assert rule(r, "exclusive_licence") == [("error", "该专利存在有效的独占许可（2017-07-20 备案，被许可人：山东大学（威海）（情景被许可人）），"
                                                      "不能实行开放许可")]  # fmt: skip
    licence = report(db, p.neopro, data.create(db, p.neopro, W1, "licence"))
    assert rule(licence, "exclusive_licence")[0][0] == "warning"
    assert rule(licence, "exclusive_licence")[0][1].endswith("再行许可可能违反原许可合同的约定")


def test_a_cancelled_or_ended_exclusive_licence_no_longer_bars(db: Database, p: People) -> None:
    lid = data.create(db, p.neopro, W1, "open_licence")
    with db.session() as s:
        pid = s.scalar(select(Patent.id).where(Patent.app_number == W1))
        s.add(LegalEvent(patent_id=pid, kind="licence_cancel", event_date=dt.date(2020, 7, 20),
                         raw_text="专利实施许可合同备案的注销（情景）"))  # fmt: skip
    assert rule(report(db, p.neopro, lid), "exclusive_licence") == [("ok", "未查到有效的独占许可或排他许可")]


def test_an_ordinary_licence_does_not_bar_an_open_licence(db: Database, p: People) -> None:
    r = report(db, p.jerei, data.create(db, p.jerei, Y4, "open_licence"))  # Y4: ordinary licence 2017
    assert rule(r, "exclusive_licence") == [("ok", "未查到有效的独占许可或排他许可")]


def test_open_licence_in_force_bars_an_exclusive_licence(db: Database, p: People) -> None:
    r = report(db, p.sdnu, data.create(db, p.sdnu, J2, "licence", licence_type="exclusive"))
    assert rule(r, "open_licence_in_force") == [
        ("error", "该专利已有开放许可声明（2024-05-10）且未撤回，不得给予独占许可或排他许可")
    ]
    ordinary = report(db, p.sdnu, data.create(db, p.sdnu, J2, "transfer"))
    assert rule(ordinary, "open_licence_in_force") == [
        ("warning", "该专利已有开放许可声明（2024-05-10）且未撤回，转让前须撤回开放许可声明")
    ]


def test_pledge_needs_the_pledgees_consent(db: Database, p: People) -> None:
    lid = data.create(db, p.goertek, F1, "transfer")
    assert rule(report(db, p.goertek, lid), "pledge") == [
        ("error", "该专利已质押且未注销（2017-05-18，质权人：中国银行股份有限公司潍坊分行（情景质权人）），转让须取得质权人同意："
                  "请勾选「已取得质权人同意」")]  # fmt: skip
    _update(db, p.goertek, lid, pledgee_consent=True)
    assert rule(report(db, p.goertek, lid), "pledge")[0][0] == "ok"


def test_utility_model_open_licence_needs_the_evaluation_report(db: Database, p: People) -> None:
    lid = data.create(db, p.rongye, W5, "open_licence")
    assert rule(report(db, p.rongye, lid), "evaluation_report") == [
        (
            "error",
            "实用新型专利实行开放许可须提供专利权评价报告（结论为符合授权条件）：请勾选「已取得专利权评价报告」",
        )
    ]
    _update(db, p.rongye, lid, evaluation_report=True)
    assert rule(report(db, p.rongye, lid), "evaluation_report") == [
        ("ok", "实用新型专利已声明取得专利权评价报告")
    ]
    assert all(
        i.rule != "evaluation_report"
        for i in report(db, p.rongye, data.create(db, p.rongye, W5, "licence")).items
    )


def test_terms_rule_names_the_missing_fields(db: Database, p: People) -> None:
    lid = data.create(db, p.jerei, Y4, "open_licence", lump_sum=None, royalty_rate=None, term_months=None)
    assert [m for _, m in rule(report(db, p.jerei, lid), "terms")] == [
        "开放许可声明须写明许可使用费支付方式和标准：请填写一次性许可使用费（万元）或提成比例（%）",
        "开放许可声明须写明许可期限：请填写「许可期限（月）」",
    ]
    other = data.create(db, p.jerei, Y4, "licence", licence_type=None, lump_sum=None, royalty_rate=Decimal(5))
    assert [m for _, m in rule(report(db, p.jerei, other), "terms")] == [
        "请选择许可类型（独占许可、排他许可或普通许可）",
        "填写提成比例时须选择提成基数（净销售额或利润）",
    ]


def test_royalty_caps_are_warnings_not_errors(db: Database, p: People) -> None:
    lid = data.create(db, p.jerei, Y4, "open_licence", lump_sum=Decimal(2500), royalty_rate=Decimal(25))
    r = report(db, p.jerei, lid)
    assert rule(r, "royalty_caps") == [
        ("warning", "一次性许可使用费 2500 万元超过指导上限 2000 万元，一般应采用普通许可方式"),
        ("warning", "提成比例 25% 超过按净销售额计提的指导上限 20%"),
    ]
    assert r.errors == 0 and r.can_submit
    _update(db, p.jerei, lid, lump_sum=Decimal(100), royalty_rate=Decimal(35), royalty_base="profit")
    assert rule(report(db, p.jerei, lid), "royalty_caps") == [
        ("ok", "许可使用费在指导范围内")
    ]  # 35% of profit ≤ 40%
    _update(db, p.jerei, lid, royalty_rate=Decimal(45), royalty_note="")
    assert [m for _, m in rule(report(db, p.jerei, lid), "royalty_caps")] == [
        "提成比例 45% 超过按利润计提的指导上限 40%",
        "开放许可声明应附许可使用费估算方式的简要说明：请填写「许可使用费估算说明」",
    ]
    _update(db, p.jerei, lid, royalty_rate=Decimal(10), royalty_note="估" * 2001)
    assert rule(report(db, p.jerei, lid), "royalty_caps") == [
        ("warning", "许可使用费估算说明共 2001 字，超过一般不超过 2000 字的要求")
    ]


def test_royalty_caps_do_not_apply_to_negotiated_licences(db: Database, p: People) -> None:
    r = report(db, p.jerei, data.create(db, p.jerei, Y4, "licence", lump_sum=Decimal(5000)))
    assert all(i.rule != "royalty_caps" for i in r.items)


def test_co_owners_must_all_agree(db: Database, p: People) -> None:
    # scenario: the real application CN201611067191 granted, with a second (invented) co-applicant
    rec = make_record(parties=[PartyRecord("魏熙柠", "applicant"), PartyRecord("济南科研测试有限公司", "applicant")],
                      grant_number="CN106557325B", grant_date=dt.date(2019, 4, 2))  # fmt: skip
    save(db, rec)
    with db.session() as s:
        from ipops.accounts.roles import OrgKind
        from ipops.accounts.service import create_user, get_or_create_organisation

        org = get_or_create_organisation(s, name="济南科研测试有限公司", kind=OrgKind.enterprise)
        create_user(s, username="coowner", password=data.PASSWORD, organisation=org)
    viewer = data.Viewer(None, "enterprise", org.id)
    r = report(db, viewer, data.create(db, viewer, rec.app_number, "open_licence"))
    assert rule(r, "co_owners") == [
        ("warning", "专利权共有（魏熙柠、济南科研测试有限公司），开放许可须经全体共有人同意")
    ]


def test_term_beyond_expiry_is_a_warning(db: Database, p: People) -> None:
    lid = data.create(db, p.rongye, W5, "licence", term_months=12)  # utility model expires 2027-03-17
    assert rule(report(db, p.rongye, lid), "term") == [
        ("warning", "许可期限（12 个月，至 2027-12-04）超过专利权期限（2027-03-17 届满）")
    ]
    _update(db, p.rongye, lid, term_months=2)
    assert rule(report(db, p.rongye, lid), "term") == [("ok", "许可期限（至 2027-02-04）在专利权期限内")]


def test_every_rule_can_be_switched_by_data(db: Database, p: People) -> None:
    from ipops.market import checks
    from ipops.market.rules import load_rules

    rules = load_rules()
    assert set(checks.CHECKS) == set(rules.rules)
    assert TODAY.year == 2026
