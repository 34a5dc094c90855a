"""The packaged NBS tables load into the province → city → county shape IPOps reports on."""

from __future__ import annotations

import pytest

from ipops.refdata.regions_file import load_region_table, short_name
from ipops.refdata.universities_file import load_university_names


@pytest.fixture(scope="module")
def table():
    return load_region_table()


def test_counts_and_levels(table) -> None:
    assert len(table.of_level("province")) == 34  # 31 mainland + 香港/澳门/台湾
    assert len(table.of_level("city")) == 337
    assert len(table.of_level("county")) == 2975
    assert load_region_table() is table  # cached


def test_shandong_chain(table) -> None:
    county = table.get("370602")
    assert county.name == "芝罘区" and county.level == "county" and county.parent_code == "370600"
    assert table.get("370600").parent_code == "370000"
    assert table.level_of("370602", "province").name == "山东省"
    assert table.is_within("370602", "370000") and not table.is_within("370602", "370100")
    assert {r.name for r in table.children("370000")} >= {"济南市", "青岛市", "烟台市"}
    assert table.get("370116").name == "莱芜区" and table.get("370116").parent_code == "370100"


def test_municipality_is_province_and_single_city(table) -> None:
    assert table.get("110000").level == "province"
    city = table.get("110100")
    assert (city.name, city.level, city.parent_code) == ("北京市", "city", "110000")
    assert [r.code for r in table.children("110000")] == ["110100"]
    assert table.get("110108").parent_code == "110100"  # 海淀区
    assert table.get("500230").parent_code == "500100"  # 丰都县: 重庆's 5002 "县" folded in
    assert table.get("110100").lon is not None


def test_province_direct_counties_hang_under_province(table) -> None:
    jiyuan = table.get("419001")
    assert (jiyuan.name, jiyuan.level, jiyuan.parent_code) == ("济源市", "county", "410000")
    assert table.level_of("419001", "city") is None
    assert table.get("441900").level == "city" and not table.children("441900")  # 东莞


def test_name_indexes(table) -> None:
    assert [r.code for r in table.by_name("烟台市")] == ["370600"]
    assert len(table.by_name("市中区")) == 4
    assert {r.code for r in table.by_short_name("吉林")} == {"220000", "220200"}
    assert {r.code for r in table.by_short_name("莱州")} == {"370683"}
    assert table.sar_names["台北市"] == "710000"


@pytest.mark.parametrize(
    ("name", "short"),
    [("山东省", "山东"), ("烟台市", "烟台"), ("市北区", "市北"), ("莱州市", "莱州"),
     ("内蒙古自治区", "内蒙古"), ("广西壮族自治区", "广西"), ("恩施土家族苗族自治州", "恩施"),
     ("伊犁哈萨克自治州", "伊犁"), ("香港特别行政区", "香港"), ("莒县", None), ("城区", None)],
)
def test_short_name(name: str, short: str | None) -> None:
    assert short_name(name) == short


def test_universities() -> None:
    names = load_university_names()
    assert len(names) > 2700
    assert {"山东大学", "中国石油大学（华东）", "烟台幼儿师范高等专科学校"} <= names
