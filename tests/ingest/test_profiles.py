"""Header profiles as data: loading, detection, fuzzy fallback and user mapping files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ipops.ingest.column_mapping import ALL_FIELDS
from ipops.ingest.profiles import (
    UnknownProfile,
    all_profiles,
    bind_mapping,
    build_mapping,
    detect_profile,
    get_profile,
    load_mapping_file,
)
from ipops.ingest.readers.tabular import read_table

TABULAR = Path(__file__).parents[1] / "fixtures" / "tabular"
CN_BIBS = "source_file,product,申请号,申请日,公开号,公开日,IPC分类号,申请人(第一),发明人(第一),名称,申请人地址,申请人邮编"
# header of GitHub Pinellia-0/PatentSemantix 专利总表(仅结构).sql (first columns), cited in patent_master.toml
PATENT_MASTER = "序号,申请日,公开日,授权公告日,申请人,发明人,申请号,公开号,授权公告号,专利类型,专利名称,申请摘要,主权项,申请人地址,法律状态,主分类号,分类号,国省代码,专利代理人,专利代理机构"
PATSNAP_ZH = "公开(公告)号,申请号,申请日,公开(公告)日,标题,摘要,[标]当前申请(专利权)人,原始申请(专利权)人,发明人,IPC分类号,IPC主分类号,法律状态/事件,简单同族专利申请数量,被引用专利数量"
PATSNAP_EN = "Publication Number,Application Number,Application Date,Title,Abstract,Current Assignee,Original Assignee,Inventor,IPC,Legal Status,Simple Family Size,Cited by Count"
BRIEF_HEADERS = (
    "公开(公告)号 公开号 公告号 申请号 申请日 公开(公告)日 授权公告日 授权日 标题 名称 发明名称 专利名称 摘要 主权项 权利要求 "
    "[标]当前申请(专利权)人 当前申请(专利权)人 原始申请(专利权)人 申请(专利权)人 申请人 专利权人 发明(设计)人 发明人 "
    "申请人地址 地址 国省代码 申请人邮编 IPC分类号 IPC主分类号 主分类号 CPC 法律状态 当前法律状态 法律状态/事件 法律事件 "
    "简单同族专利申请数量 简单同族 同族国家 被引用专利数量 被引证次数 引用专利数量 专利转移次数 转让次数 许可次数 质押次数 "
    "代理机构 代理人 优先权日 专利类型 申请人类型"
).split()


def test_every_profile_loads_with_label_source_and_known_fields() -> None:
    profiles = all_profiles()
    assert set(profiles) >= {"canonical", "cnipa_bibs", "cnipa_search", "incopat", "patsnap", "himmpat",
                             "baiten", "cnki", "patent_master"}  # fmt: skip
    for profile in profiles.values():
        assert profile.label_zh and profile.source and profile.description
        assert set(profile.columns) <= set(ALL_FIELDS)
        assert "app_number" in profile.columns
        assert profile.transform["patent_type_values"]["实用新型"] == "utility_model"


@pytest.mark.parametrize("header", BRIEF_HEADERS)
def test_every_common_vendor_header_is_known_to_some_profile(header: str) -> None:
    assert any(profile.lookup(header) for profile in all_profiles().values()), header


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (CN_BIBS, "cnipa_bibs"),
        (PATENT_MASTER, "patent_master"),
        (PATSNAP_ZH, "patsnap"),
        (PATSNAP_EN, "patsnap"),
    ],
)
def test_detect_profile_picks_the_export(header: str, expected: str) -> None:
    match = detect_profile(header.split(","))
    assert match.profile is not None and match.profile.name == expected
    assert match.score >= 0.9


def test_cn_bibs_mapping_and_known_provenance_columns() -> None:
    match = detect_profile(CN_BIBS.split(","))
    assert match.score == 1.0
    assert match.mapping.headers("app_number") == ("申请号",)
    assert match.mapping.headers("applicants") == ("申请人(第一)",)
    assert match.mapping.known_extras == ("source_file", "product")
    assert match.mapping.unmapped == ()


def test_patsnap_holders_and_applicants_are_kept_apart() -> None:
    mapping = detect_profile(PATSNAP_ZH.split(",")).mapping
    assert mapping.headers("holders") == ("[标]当前申请(专利权)人",)
    assert mapping.headers("applicants") == ("原始申请(专利权)人",)
    assert mapping.headers("family_size") == ("简单同族专利申请数量",)
    en = detect_profile(PATSNAP_EN.split(",")).mapping
    assert en.headers("holders") == ("Current Assignee",) and en.headers("cited_by_count") == (
        "Cited by Count",
    )


def test_incopat_style_fixture_maps_with_alias_and_unknown_columns() -> None:
    header = read_table(TABULAR / "incopat_style.xlsx").header
    match = detect_profile(header)
    assert match.profile is not None and match.profile.name == "incopat"
    by_header = {m.header: m for m in match.mapping.matches}
    assert by_header["公开（公告）号"].field == "pub_number" and by_header["公开（公告）号"].method == "exact"
    assert by_header["申请人邮编"].field == "postcode" and by_header["申请人邮编"].method == "alias"
    assert match.mapping.unmapped == ("数据来源",)


def test_fuzzy_fallback_reports_each_guess_with_confidence() -> None:
    header = ["申请号码", "专利名称(中文)", "申请日", "公开(公告)号", "备注", "发明人数量"]
    match = detect_profile(header)
    report = {c["header"]: c for c in match.report()["columns"]}
    assert report["申请号码"]["field"] == "app_number" and report["申请号码"]["method"] == "fuzzy"
    assert 0.8 <= report["申请号码"]["confidence"] < 1.0
    assert (
        report["专利名称(中文)"]["field"] == "title"
        and report["专利名称(中文)"]["method_label"] == "模糊匹配"
    )
    assert match.report()["unmapped"] == ["备注"]
    assert "发明人数量" in match.mapping.known_extras  # a count column must not become inventors


def test_unrelated_header_maps_nothing_and_keeps_everything() -> None:
    match = detect_profile(["订单号", "客户", "金额"])
    assert match.profile is None and match.score == 0.0
    assert match.mapping.fields == {} and match.mapping.unmapped == ("订单号", "客户", "金额")


def test_tie_goes_to_the_more_specific_profile() -> None:
    # recognised in full by several profiles; cnipa_bibs explains it with the smallest vocabulary
    match = detect_profile(["申请号", "申请日", "公开号", "公开日"])
    tied = [name for name, score in match.scores.items() if score == 1.0]
    assert len(tied) > 1 and match.profile is not None and match.profile.name == "cnipa_bibs"


def test_width_and_marker_variants_match_the_same_alias() -> None:
    profile = get_profile("patsnap")
    assert profile.lookup("公开（公告）号") == profile.lookup("公开(公告)号")
    assert profile.lookup("【标】当前申请（专利权）人")[0] == "holders"
    assert build_mapping([" 标题 "], profile, fuzzy=False).headers("title") == (" 标题 ",)


def test_unknown_profile_lists_the_available_ones() -> None:
    with pytest.raises(UnknownProfile, match="未知的表头配置“wanfang”.*incopat（incoPat"):
        get_profile("wanfang")


def test_mapping_file_toml_and_json(tmp_path: Path) -> None:
    toml = tmp_path / "map.toml"
    toml.write_text(
        'app_number = "专利号"\ntitle = ["题目", "名称"]\n[transform]\nparty_separator = "/"\n', "utf-8"
    )
    mapping = bind_mapping(load_mapping_file(toml), ["专利号", "名称", "备注"])
    assert mapping.fields == {"app_number": ("专利号",), "title": ("名称",)}
    assert mapping.missing == ("题目",) and mapping.unmapped == ("备注",)
    assert mapping.transform["party_separator"] == "/" and "null_values" in mapping.transform
    js = tmp_path / "map.json"
    js.write_text(json.dumps({"columns": {"app_number": "申请号", "holders": "权利人"}}), "utf-8")
    assert load_mapping_file(js).fields["holders"] == ("权利人",)


def test_mapping_file_with_unknown_field_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"app_no": "申请号"}), "utf-8")
    with pytest.raises(ValueError, match="未知字段：app_no"):
        load_mapping_file(path)
