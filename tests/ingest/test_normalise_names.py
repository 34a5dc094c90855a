"""Name cleaning, dedup keys and multi-party splitting on real applicant spellings."""

from __future__ import annotations

import pytest

from ipops.ingest.normalise.names import name_key, normalise_name, split_names


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("艾威梯软件技术(北京)有限公司", "艾威梯软件技术（北京）有限公司"),  # PatSnap record spelling
        (" 青岛 海尔 股份有限公司；", "青岛海尔股份有限公司"),
        ("ＡＢＣ株式会社", "ABC株式会社"),
        ("GIGA-BYTE TECHNOLOGY CO., LTD.", "GIGA-BYTE TECHNOLOGY CO., LTD."),
        ("Foo （China） Inc.", "Foo (China) Inc."),
        ("约翰•史密斯", "约翰·史密斯"),
        ("伊曼纽尔.范帕里斯", "伊曼纽尔·范帕里斯"),  # real CNIPA applicant spelling
        ("中国石油大学(华东)", "中国石油大学（华东）"),
    ],
)
def test_normalise_name(raw: str, clean: str) -> None:
    assert normalise_name(raw) == clean


def test_keys_fold_spelling_variants() -> None:
    assert name_key("海尔集团（青岛）有限公司") == name_key("海尔集团(青岛)有限公司 ")
    assert name_key("西门子(中国)有限公司") == name_key("西门子（中国）有限公司")
    assert name_key("青岛海尔有限责任公司") == name_key("青岛海尔有限公司")
    variants = [
        "GIGA-BYTE TECHNOLOGY CO., LTD.",
        "Giga-Byte Technology Co.,Ltd",
        "GIGA BYTE TECHNOLOGY CO LTD",
        "Giga-Byte Technology Company Limited",
    ]
    assert len({name_key(v) for v in variants}) == 1
    assert name_key("Apple Inc.") == name_key("Apple, Inc") == name_key("APPLE INCORPORATED")
    assert name_key("SIEMENS AKTIENGESELLSCHAFT") == name_key("Siemens AG")


def test_keys_keep_legal_forms_apart() -> None:
    assert name_key("青岛海尔股份有限公司") != name_key("青岛海尔有限公司")


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "刘迪;刘敏;王煜伟;付艳波;王元卓",
            ["刘迪", "刘敏", "王煜伟", "付艳波", "王元卓"],
        ),  # real 发明人 cell
        ("张三；李四、王五\n张三", ["张三", "李四", "王五"]),
        ("山东大学,青岛海尔股份有限公司", ["山东大学", "青岛海尔股份有限公司"]),
        (
            "华为技术有限公司，Huawei Technologies Co., Ltd.",
            ["华为技术有限公司", "Huawei Technologies Co., Ltd."],
        ),
        ("Foo Co., Ltd.;Bar Inc.", ["Foo Co., Ltd.", "Bar Inc."]),
        ("CHEN, WEI TING", ["CHEN, WEI TING"]),  # Latin "Surname, Given" is never split
        ("青岛海尔(集团)有限公司|青岛海尔（集团）有限公司", ["青岛海尔（集团）有限公司"]),
        ("", []),
        (None, []),
    ],
)
def test_split_names(text: str | None, names: list[str]) -> None:
    assert split_names(text) == names
