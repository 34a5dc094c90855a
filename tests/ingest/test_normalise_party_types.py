"""Applicant typing on real applicant names from cnipa-bibs-2017 and vendor records."""

from __future__ import annotations

import csv
import lzma
from collections import Counter
from pathlib import Path

import pytest

from ipops.domain.parties import PartyType
from ipops.ingest.normalise.party_types import classify_party, load_party_rules

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
E, U, INST, G, P = (
    PartyType.enterprise,
    PartyType.university,
    PartyType.institute,
    PartyType.government,
    PartyType.individual,
)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("山东大学", U),
        ("山东大学（威海）", U),
        ("哈尔滨工业大学(威海)", U),
        ("中国石油大学（华东）", U),
        ("山东科技大学泰山科技学院", U),
        ("延安大学西安创新学院", U),
        ("加利福尼亚大学董事会", U),
        ("延世大学校产学协力团", U),
        ("Massachusetts Institute of Technology", U),
        ("烟台幼儿师范高等专科学校", U),
        ("中国科学院青岛生物能源与过程研究所", INST),
        ("中国科学院", INST),
        ("山东省科学院", INST),
        ("中国兵器工业集团第二○二研究所", INST),
        ("财团法人工业技术研究院", INST),
        ("韩国电子通信研究院", INST),
        ("弗劳恩霍夫应用研究促进协会", INST),
        ("青岛海尔股份有限公司", E),
        ("中科大数据研究院有限公司", E),
        ("中国石油化工股份有限公司石油化工科学研究院", E),
        ("山东大学资产经营有限公司", E),
        ("三星电子株式会社", E),
        ("(株)普拉兹马太", E),
        ("寿光市蔬菜合作社", E),
        ("GIGA-BYTE TECHNOLOGY CO., LTD.", E),
        ("SIEMENS AKTIENGESELLSCHAFT", E),
        ("LINJA DESIGN OY", E),
        ("郑州明华专利代理事务所（普通合伙）", E),
        ("山东大学齐鲁医院", G),
        ("首都医科大学附属北京安贞医院", G),
        ("扶沟县水利局", G),
        ("枣阳市第三实验小学", G),
        ("中国人民解放军91655部队", G),
        ("大连市水产技术推广总站", G),
        ("青岛市黄岛区人民政府", G),
        ("河北医科大学第四医院（河北省肿瘤医院）", G),
        ("金秋英", P),
        ("李家涛", P),
        ("欧阳明月", P),
        ("阿不都·热合曼", P),
        ("J·D·佩恩", P),
        ("CHEN, WEI TING", P),
        ("SIEMENS", PartyType.unknown),
        ("", PartyType.unknown),
        (None, PartyType.unknown),
    ],
)
def test_classify(name: str | None, kind: PartyType) -> None:
    assert classify_party(name) is kind


def test_rules_are_data_with_notes() -> None:
    rules = load_party_rules()
    assert [r.priority for r in rules] == sorted((r.priority for r in rules), reverse=True)
    assert {r.type for r in rules} >= {E, U, INST, G, P}


def test_real_first_applicants_are_almost_all_typed() -> None:
    path = FIXTURES / "cnipa-bibs-2017" / "patents_dev.csv.xz"
    with lzma.open(path, "rt", encoding="utf-8") as fh:
        names = [row["申请人(第一)"] for _, row in zip(range(30000), csv.DictReader(fh), strict=False)]
    counts = Counter(classify_party(n) for n in names)
    assert counts[PartyType.unknown] / len(names) < 0.002
    assert counts[E] > counts[U] > counts[INST] > 0
