"""Address → region codes on real CNIPA addresses (fixtures/addresses/SOURCE.md) and known traps."""

from __future__ import annotations

import csv
import lzma
from importlib.resources import files
from pathlib import Path

import pytest

from ipops.ingest.normalise.addresses import AddressMatch, parse_province_code, resolve_address
from ipops.refdata.regions_file import load_region_table

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "addresses" / "shandong_sample.csv"
ROWS = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))


def test_sample_size_and_hand_checks() -> None:
    assert len(ROWS) >= 300
    hand = [r for r in ROWS if r["checked"] == "hand"]
    assert len(hand) >= 60
    assert any(r["申请人地址"].startswith("山东省莱芜市") for r in hand)
    assert any("即墨" in r["申请人地址"] for r in hand)


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['row']}:{r['申请人地址'][:14]}" for r in ROWS])
def test_real_shandong_rows(row: dict[str, str]) -> None:
    match = resolve_address(row["申请人地址"], postcode=row["申请人邮编"])
    assert match.city_code == row["expected_city"]
    assert match.province_code == "370000" and match.country == "CN"
    if row["expected_county"]:
        assert match.county_code == row["expected_county"]


def test_all_packaged_shandong_rows_resolve_to_a_city() -> None:
    path = files("ipops") / "data" / "demo" / "patents_shandong_dev.csv.xz"
    with path.open("rb") as raw, lzma.open(raw, "rt", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    resolved = sum(1 for r in rows if resolve_address(r["申请人地址"], postcode=r["申请人邮编"]).city_code)
    assert resolved / len(rows) >= 0.995


@pytest.mark.parametrize(
    ("address", "postcode", "codes", "method"),
    [
        ("山东省青岛市黄岛区长江西路66号", None, ("370000", "370200", "370211"), "full"),
        ("山东省济南市历城区山大南路27号", None, ("370000", "370100", "370112"), "full"),
        ("450000河南省郑州市郑东新区中道东路6号创意岛大厦8层", None, ("410000", "410100", None), "full"),
        ("518105 广东省深圳市宝安区松岗街道", None, ("440000", "440300", "440306"), "full"),
        ("青岛市黄岛区衡山路327号", None, ("370000", "370200", "370211"), "full"),
        ("即墨市蓝村镇", None, ("370000", "370200", "370215"), "alias"),
        ("青州市玲珑山南路4318号", None, ("370000", "370700", "370781"), "county_only"),
        ("龙口市东莱街道城后冯家工业园", None, ("370000", "370600", "370681"), "county_only"),
        ("山东省莱芜市钢城区府前大街99号", None, ("370000", "370100", "370117"), "alias"),
        ("山东省莱芜市鲁中西大街21号", None, ("370000", "370100", "370116"), "alias"),
        ("山东省长岛县长园路414号302室", None, ("370000", "370600", "370614"), "alias"),
        ("山东省济南市高新区舜华路2000号", None, ("370000", "370100", "370176"), "alias"),
        ("山东省烟台市开发区长江路356号", None, ("370000", "370600", "370676"), "alias"),
        ("山东省威海市高区文化西路2号", None, ("370000", "371000", "371071"), "alias"),
        ("山东省青岛市经济技术开发区前湾港路579号", None, ("370000", "370200", "370211"), "alias"),
        ("山东省潍坊市高新区健康东街6888号", None, ("370000", "370700", None), "full"),
        ("山东省济宁市市中区古槐路", None, ("370000", "370800", "370811"), "alias"),
        ("山东省济南市市中区南辛庄西路336号", None, ("370000", "370100", "370103"), "full"),
        ("山东省青岛市青岛胶州市福州南路236号", None, ("370000", "370200", "370281"), "full"),
        ("湖北省襄樊市襄城区", None, ("420000", "420600", "420602"), "alias"),
        ("北京市海淀区中关村南大街6号", None, ("110000", "110100", "110108"), "full"),
        ("天津市塘沽区", None, ("120000", "120100", "120116"), "alias"),
        ("重庆市丰都县", None, ("500000", "500100", "500230"), "full"),
        ("河南省济源市", None, ("410000", None, "419001"), "full"),
        ("河南新乡卫辉市健康路88号", None, ("410000", "410700", "410781"), "full"),
        ("山东省滨州市北海新区北海家园", None, ("370000", "371600", None), "full"),
        ("山东省济南大学西校区南辛庄西路336号", "250022", ("370000", "370100", None), "full"),
    ],
)
def test_known_cases(address: str, postcode: str | None, codes: tuple, method: str) -> None:
    match = resolve_address(address, postcode=postcode)
    assert (match.province_code, match.city_code, match.county_code) == codes
    assert match.method == method
    assert match.region_code == next(c for c in reversed(codes) if c)


def test_ambiguous_county_needs_context() -> None:
    assert resolve_address("市中区解放路").method == "none"  # 济南, 枣庄, 乐山, 内江 all have one
    assert resolve_address("市中区解放路", postcode="277100").county_code == "370402"  # 枣庄 postcode
    assert resolve_address("市中区解放路", province_hint="四川(51)").county_code is None  # still two in 四川
    assert resolve_address("城阳区正阳路").county_code == "370214"  # unique nationally


def test_longest_match_stays_inside_what_was_read() -> None:
    assert resolve_address("山东省济南市历城区").county_code == "370112"
    assert resolve_address("吉林省吉林市船营区").county_code == "220204"
    assert resolve_address("山东省青岛市中山路").county_code is None  # 中山 is a street here


def test_postcode_and_hint_fallbacks() -> None:
    by_post = resolve_address("山东省高新区某路1号", postcode="264006")
    assert (by_post.city_code, by_post.method) == ("370600", "postcode")
    assert resolve_address(None, postcode="266100").city_code == "370200"
    hinted = resolve_address("某工业园", province_hint="河南(41)")
    assert (hinted.province_code, hinted.method) == ("410000", "hint")
    assert resolve_address("") == AddressMatch()


@pytest.mark.parametrize(
    ("address", "country", "province"),
    [("日本国东京都千代田区", "JP", None), ("日本爱知县丰田市", "JP", None), ("美国加利福尼亚州", "US", None),
     ("韩国京畿道水原市", "KR", None), ("德国斯图加特", "DE", None), ("瑞士巴塞尔", "CH", None),
     ("英属开曼群岛大开曼资本大厦", "KY", None), ("中国台湾台北市仁爱路四段137号", "TW", "710000"),
     ("中国香港九龙", "HK", "810000"), ("澳门氹仔", "MO", "820000")],
)
def test_non_mainland(address: str, country: str, province: str | None) -> None:
    match = resolve_address(address)
    assert (match.country, match.province_code, match.city_code) == (country, province, None)


@pytest.mark.parametrize(
    ("value", "code"),
    [("河南(41)", "410000"), ("山东;37", "370000"), ("37", "370000"), (37, "370000"), ("370000", "370000"),
     ("山东省", "370000"), ("山东", "370000"), ("内蒙古(15)", "150000"), ("", None), (None, None), ("99", None)],
)
def test_parse_province_code(value: object, code: str | None) -> None:
    assert parse_province_code(value) == code


def test_alias_table_targets_exist_and_cite_sources() -> None:
    table = load_region_table()
    path = files("ipops") / "data" / "regions" / "region_aliases.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) >= 60
    for row in rows:
        assert table.get(row["region_code"]) is not None, row
        assert row["source"].strip(), row
