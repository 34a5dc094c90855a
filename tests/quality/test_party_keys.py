"""The loose key that puts probable duplicates side by side — and keeps different bodies apart."""

from __future__ import annotations

import pytest

from ipops.quality.party_keys import loose_key


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("中国石油化工股份有限公司", "中国石油化工集团公司"),  # both real applicants of the 2017 slice
        ("西门子（中国）有限公司", "西门子股份公司"),
        ("海尔集团公司", "海尔集团"),
        ("浪潮电子信息产业股份有限公司", "浪潮电子信息产业有限责任公司"),
        ("青岛海尔（胶州）空调器有限总公司", "青岛海尔空调器有限总公司"),
        ("Sony Corporation", "SONY CO., LTD."),
    ],
)
def test_names_that_need_review_share_a_key(a: str, b: str) -> None:
    assert loose_key(a)[0] == loose_key(b)[0]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("中国石油大学（华东）", "中国石油大学（北京）"),  # two universities: 北京 is a region, 华东 is not
        ("山东大学", "北京大学"),  # region names are never stripped outside brackets
        ("国家电网公司", "国家电网公司青岛供电分公司"),  # a branch is not its parent
    ],
)
def test_different_bodies_keep_different_keys(a: str, b: str) -> None:
    assert loose_key(a)[0] != loose_key(b)[0]


def test_reasons_name_the_steps_that_changed_the_name() -> None:
    assert loose_key("西门子（中国）有限公司") == ("西门子", ("region_bracket", "company_form"))
    assert loose_key("中国科学院") == ("中国科学院", ())
    assert loose_key("公司")[0] == "公司"  # never shortened below two characters
