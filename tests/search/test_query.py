"""The query language, table by table: what each query parses to, and where errors point."""

from __future__ import annotations

import datetime as dt

import pytest

from ipops.domain.errors import QuerySyntaxError
from ipops.search.nodes import (
    And,
    Choice,
    DateRange,
    Ipc,
    Like,
    Node,
    Not,
    Number,
    Or,
    Region,
    Text,
    positive_texts,
)
from ipops.search.query import add_clause, parse

D = dt.date


def strip(node: Node) -> object:
    """The tree without positions, for compact expectations."""
    if isinstance(node, And | Or):
        return (type(node).__name__, *(strip(c) for c in node.children))
    if isinstance(node, Not):
        return ("Not", strip(node.child))
    return type(node)(**{k: v for k, v in node.__dict__.items() if k != "pos"})


PARSES = [
    ("锂电池", Text("any", "锂电池")),
    ("锂电池 负极", ("And", Text("any", "锂电池"), Text("any", "负极"))),
    ("锂电池 AND 负极", ("And", Text("any", "锂电池"), Text("any", "负极"))),
    ("锂电池 与 负极", ("And", Text("any", "锂电池"), Text("any", "负极"))),
    ("锂电池 OR 钠电池", ("Or", Text("any", "锂电池"), Text("any", "钠电池"))),
    ("锂电池 或 钠电池", ("Or", Text("any", "锂电池"), Text("any", "钠电池"))),
    ("锂电池 NOT 负极", ("And", Text("any", "锂电池"), ("Not", Text("any", "负极")))),
    ("锂电池 非 负极", ("And", Text("any", "锂电池"), ("Not", Text("any", "负极")))),
    ("NOT 负极", ("Not", Text("any", "负极"))),
    ("a OR b c", ("Or", Text("any", "a"), ("And", Text("any", "b"), Text("any", "c")))),  # AND binds tighter
    ("(a OR b) c", ("And", ("Or", Text("any", "a"), Text("any", "b")), Text("any", "c"))),
    ("与其相连的装置", Text("any", "与其相连的装置")),  # 与 inside a word is not an operator
    ('"用户提示信息"', Text("any", "用户提示信息", phrase=True)),
    ("“用户提示信息”", Text("any", "用户提示信息", phrase=True)),  # Chinese quotes
    ("名称=石墨烯", Text("title", "石墨烯")),
    ("名称：石墨烯", Text("title", "石墨烯")),  # full-width colon
    ("TI=石墨烯", Text("title", "石墨烯")),
    ("title:石墨烯", Text("title", "石墨烯")),
    ("摘要=石墨烯", Text("abstract", "石墨烯")),
    ("权利要求=负极", Text("claims", "负极")),
    ("全文=负极", Text("fulltext", "负极")),
    ("名称=(锂电池 AND 负极)", ("And", Text("title", "锂电池"), Text("title", "负极"))),
    ("名称＝（锂电池 OR 负极）", ("Or", Text("title", "锂电池"), Text("title", "负极"))),
    ('名称="锂 电池"', Text("title", "锂 电池", phrase=True)),
    ("申请人=华为", Like("applicant", "华为")),
    ("申请人=(华为 OR 中兴)", ("Or", Like("applicant", "华为"), Like("applicant", "中兴"))),
    ("发明人=张伟", Like("inventor", "张伟")),
    ("地址=青岛", Like("address", "青岛")),
    ("IPC=H01M", Ipc("H01M", "subclass")),
    ("ipc=h01m", Ipc("H01M", "subclass")),
    ("IPC=H01M10/0525", Ipc("H01M10/0525", "subgroup")),
    ("IPC=H01M 10/05", Ipc("H01M10/05", "subgroup")),
    ("IPC=H01M10", Ipc("H01M10/00", "main_group")),
    ("IPC=H01M10/00", Ipc("H01M10/00", "main_group")),
    ("IPC=H01", Ipc("H01", "class")),
    ("IPC=(H01M OR H01G)", ("Or", Ipc("H01M", "subclass"), Ipc("H01G", "subclass"))),
    ("申请日=2016", DateRange("app_date", D(2016, 1, 1), D(2016, 12, 31))),
    ("申请日=2016-02", DateRange("app_date", D(2016, 2, 1), D(2016, 2, 29))),
    ("申请日=201602", DateRange("app_date", D(2016, 2, 1), D(2016, 2, 29))),
    ("申请日=20160225", DateRange("app_date", D(2016, 2, 25), D(2016, 2, 25))),
    ("申请日=2016.2.25", DateRange("app_date", D(2016, 2, 25), D(2016, 2, 25))),
    ("申请日=2016年2月25日", DateRange("app_date", D(2016, 2, 25), D(2016, 2, 25))),
    ("申请日=[2015-01-01 TO 2017-12-31]", DateRange("app_date", D(2015, 1, 1), D(2017, 12, 31))),
    ("申请日=[2015 TO 2016]", DateRange("app_date", D(2015, 1, 1), D(2016, 12, 31))),
    ("申请日=[2015 至 2016]", DateRange("app_date", D(2015, 1, 1), D(2016, 12, 31))),
    ("申请日=2015~2016", DateRange("app_date", D(2015, 1, 1), D(2016, 12, 31))),
    ("申请日=[2015 TO *]", DateRange("app_date", D(2015, 1, 1), None)),
    ("申请日>=2016", DateRange("app_date", D(2016, 1, 1), None)),
    ("申请日>2016", DateRange("app_date", D(2017, 1, 1), None)),
    ("申请日<2016-03", DateRange("app_date", None, D(2016, 2, 29))),
    ("申请日<=2016", DateRange("app_date", None, D(2016, 12, 31))),
    ("公开日=2017-04", DateRange("pub_date", D(2017, 4, 1), D(2017, 4, 30))),
    ("授权日=2017", DateRange("grant_date", D(2017, 1, 1), D(2017, 12, 31))),
    # one application number in five spellings (CN-BIBS prints the first and the 15-digit form)
    ("申请号=CN201510305529.9", Number("app_number", "CN201510305529.9")),
    ("申请号=201510305529.9", Number("app_number", "CN201510305529.9")),
    ("申请号=CN102015000305529", Number("app_number", "CN201510305529.9")),
    ("申请号=ZL201510305529.9", Number("app_number", "CN201510305529.9")),
    ("申请号=2015103055299", Number("app_number", "CN201510305529.9")),
    ("申请号=20151030", Number("app_number", "CN20151030", prefix=True)),
    ("公开号=CN106540887A", Number("pub_number", "CN106540887A")),
    ("公开号=cn106540887a", Number("pub_number", "CN106540887A")),
    ("公开号=CN106540887", Number("pub_number", "CN106540887", prefix=True)),
    ("公开号=106540887", Number("pub_number", "CN106540887", prefix=True)),
    ("法律状态=有效", Choice("legal_status", ("granted",))),
    ("法律状态=授权有效", Choice("legal_status", ("granted",))),
    ("法律状态=审中", Choice("legal_status", ("published", "under_examination"))),
    ("专利类型=发明", Choice("patent_type", ("invention",))),
    ("专利类型=实用新型", Choice("patent_type", ("utility_model",))),
    ("申请人类型=高校", Choice("applicant_type", ("university",))),
    ("地区=青岛", Region("青岛")),
    ("地区=370200", Region("370200")),
    (
        "名称=(锂电池 AND 负极) AND IPC=H01M10/0525 AND 申请日=[2015-01-01 TO 2017-12-31] NOT 申请人=华为",
        (
            "And",
            ("And", Text("title", "锂电池"), Text("title", "负极")),
            Ipc("H01M10/0525", "subgroup"),
            DateRange("app_date", D(2015, 1, 1), D(2017, 12, 31)),
            ("Not", Like("applicant", "华为")),
        ),
    ),  # fmt: skip
]


@pytest.mark.parametrize(("query", "expected"), PARSES, ids=[q for q, _ in PARSES])
def test_parses(query: str, expected: object) -> None:
    assert strip(parse(query)) == expected


ERRORS = [
    # (query, position of the fault, words the Chinese message must contain)
    ("", 0, "为空"),
    ("名称=(锂电池 AND 负极", 3, "括号未闭合"),
    ("锂电池)", 3, "多余的右括号"),
    ("()", 0, "括号中没有检索词"),
    ("AND 锂电池", 0, "前后都需要检索词"),
    ("锂电池 AND", 7, "末尾缺少检索词"),
    ("锂电池 OR OR 钠", 7, "前后都需要检索词"),
    ("名称=", 3, "后缺少检索值"),
    ("=锂电池", 0, "前缺少字段名"),
    ("作者=张三", 0, "未知字段“作者”"),
    ('名称="锂电池', 3, "引号未闭合"),
    ('""', 0, "引号中没有内容"),
    ("IPC=Z99", 4, "IPC"),
    ("IPC=H01M10/x", 4, "IPC"),
    ("申请日=2016-13", 4, "日期不存在"),
    ("申请日=二〇一六", 4, "无法识别的日期"),
    ("申请日=[2017 TO 2015]", 5, "起始日期晚于结束日期"),
    ("申请日=[2015 TO", 4, "日期范围未闭合"),
    ("申请日=[2015 2016 2017]", 4, "日期范围应写作"),
    ("名称=[2015 TO 2016]", 3, "只能用于日期字段"),
    ("名称>=电池", 2, "只能用于日期字段"),
    ("申请号=CN201510305529.1", 4, "校验"),
    ("公开号=ABC", 4, "公开号"),
    ("法律状态=活着", 5, "可用"),
    ("名称=(申请人=华为)", 4, "括号内不能再指定字段"),
]


@pytest.mark.parametrize(("query", "position", "words"), ERRORS, ids=[q or "<empty>" for q, _, _ in ERRORS])
def test_errors_point_at_the_fault_in_chinese(query: str, position: int, words: str) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        parse(query)
    assert info.value.position == position
    assert words in info.value.reason_zh
    assert info.value.message_zh.startswith(f"检索式第 {position + 1} 个字符处：")


def test_positive_texts_skip_negated_words() -> None:
    tree = parse("锂电池 NOT (负极 OR NOT 隔膜) 名称=正极")
    assert [t.text for t in positive_texts(tree)] == ["锂电池", "隔膜", "正极"]  # NOT NOT is positive


@pytest.mark.parametrize(
    ("query", "clause", "expected"),
    [
        ("", "申请日=2016", "申请日=2016"),
        ("锂电池", "申请日=2016", "锂电池 AND 申请日=2016"),
        ("锂电池 OR 钠电池", "IPC=H01M", "(锂电池 OR 钠电池) AND IPC=H01M"),
        ("锂电池 AND IPC=H01M", "IPC=H01M", "锂电池 AND IPC=H01M"),
    ],
)
def test_add_clause_narrows_the_query(query: str, clause: str, expected: str) -> None:
    assert add_clause(query, clause) == expected
