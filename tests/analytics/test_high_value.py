"""Why a fixture patent is (not) a 高价值发明专利 at a date, in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from ipops.analytics import facts
from ipops.analytics.high_value import classify_patent
from ipops.analytics.rules import IndicatorRules
from ipops.store.db import Database
from tests.analytics import indicator_data

D = dt.date


@pytest.fixture
def numbers(db: Database) -> dict[str, str]:
    return indicator_data.load(db)


def classify(db: Database, number: str, day: dt.date, rules: IndicatorRules | None = None):  # noqa: ANN201
    with db.session() as s:
        return classify_patent(s, rules=rules or IndicatorRules(), number=number, as_of=day)


def test_each_category_has_a_chinese_reason(db: Database, numbers: dict[str, str]) -> None:
    sei = classify(db, numbers["J1"], D(2017, 12, 31))
    assert sei.high_value and [c.category for c in sei.categories] == ["sei"]
    assert (
        sei.categories[0].reason.startswith("属于战略性新兴产业") and "IPC A61L2/" in sei.categories[0].reason
    )
    abroad = classify(db, numbers["J2"], D(2017, 12, 31))
    assert [(c.category, c.reason) for c in abroad.categories] == [("abroad", "在海外有同族专利权")]
    pledge = classify(db, numbers["J4"], D(2017, 12, 31))
    assert [c.category for c in pledge.categories] == ["pledge"]
    assert (
        pledge.categories[0].reason.startswith("质押登记金额 1200")
        and "达到 1000 万元的门槛" in pledge.categories[0].reason
    )
    assert not classify(db, numbers["J4"], D(2017, 6, 30)).high_value  # pledged on 2017-09-20
    award = classify(db, numbers["W2"], D(2018, 12, 31))
    assert [(c.category, c.reason) for c in award.categories] == [("award", "获得2018年中国专利奖优秀奖")]
    maintained = classify(db, numbers["Y8"], D(2021, 12, 31))
    assert [(c.category, c.reason) for c in maintained.categories] == [
        ("maintained", "自申请日起维持超过10年（申请日 2011-10-21）")
    ]
    assert not classify(db, numbers["Y8"], D(2021, 10, 21)).high_value  # exactly 10 years is not more


def test_several_categories_count_once(db: Database, numbers: dict[str, str]) -> None:
    r = classify(db, numbers["Y2"], D(2017, 12, 31))  # SEI and pledged 1500 万元
    assert [c.category for c in r.categories] == ["sei", "pledge"]
    assert r.explanation == "计为高价值发明专利（满足2类，只计一次）：战略性新兴产业；较高质押融资金额"
    assert r.categories_in_force == ["sei", "abroad", "maintained", "pledge", "award"]


def test_not_counted_explanations(db: Database, numbers: dict[str, str]) -> None:
    design = classify(db, numbers["Y10"], D(2017, 12, 31))
    assert (design.is_invention, design.high_value) == (False, False)
    assert design.explanation == "不计入：只有发明专利可以是高价值发明专利"
    lapsed = classify(db, numbers["Y9"], D(2017, 3, 1))  # granted only on 2017-05-10
    assert lapsed.explanation == "不计入：该日期专利权不在有效状态"
    assert (
        classify(db, numbers["Y1"], D(2018, 12, 31)).explanation == "不计入：该日期专利权不在有效状态"
    )  # lapsed
    hk = classify(db, numbers["Y3"], D(2017, 12, 31))  # SEI, but held in Hong Kong
    assert (hk.domestic, hk.high_value, [c.category for c in hk.categories]) == (False, False, ["sei"])
    assert hk.explanation == "不计入：权利人不在中国大陆（统计口径为国内，不含港澳台）"
    plain = classify(db, numbers["J5"], D(2017, 12, 31))  # pledge of 300 万元 only
    assert plain.explanation == "不计入：不满足任何一类高价值条件" and plain.categories == []


def test_rules_change_the_answer(db: Database, numbers: dict[str, str]) -> None:
    no_pledge = IndicatorRules(categories_override=("sei", "abroad", "maintained", "award"))
    assert not classify(db, numbers["J4"], D(2017, 12, 31), no_pledge).high_value
    low = IndicatorRules(pledge_threshold_10k=indicator_data.Decimal(200))
    with db.session() as s:  # the threshold is in the facts: rebuild them first, as the import job does
        assert facts.refresh(s, low, today=indicator_data.TODAY).rebuilt
    r = classify(db, numbers["J5"], D(2017, 12, 31), low)
    assert r.high_value and r.categories[0].reason.endswith("万元，达到 200 万元的门槛")


def test_pledge_amount_is_shown_without_trailing_zeros(db: Database, numbers: dict[str, str]) -> None:
    reason = classify(db, numbers["J4"], D(2017, 12, 31)).categories[0].reason
    assert reason == "质押登记金额 1200 万元，达到 1000 万元的门槛"
