"""CN application / publication numbers: real numbers from rules §9 and the CNIPA 2017 slice."""

from __future__ import annotations

import csv
import lzma
from itertools import islice
from pathlib import Path

import pytest

from ipops.domain.errors import InvalidNumber
from ipops.domain.numbers import (
    KIND_CODES_CN,
    PATENT_TYPE_LABELS_ZH,
    ApplicationNumber,
    CheckCharacterMismatch,
    PatentType,
    PublicationNumber,
    check_character,
    normalise_any_number,
    parse_application_number,
    parse_publication_number,
    try_parse_application_number,
)

BIBS_2017 = Path(__file__).parents[1] / "fixtures" / "cnipa-bibs-2017" / "patents_dev.csv.xz"


@pytest.fixture(scope="module")
def bibs_2017_rows() -> list[dict[str, str]]:
    """Every 25th row of the real CNIPA 2017 slice (about 7,000 rows, A and B files)."""
    with lzma.open(BIBS_2017, "rt", encoding="utf-8") as handle:
        return list(islice(csv.DictReader(handle), 0, None, 25))


@pytest.mark.parametrize(
    ("digits", "expected"),
    [
        ("201310699744", "2"),  # ZL201310699744.2 (rules §9.2)
        ("95115608", "X"),  # ZL95115608.X, old 8-digit form
        ("202110123456", "7"),  # CN202110123456.7 (rules §9.1)
        ("201410000511", "3"),  # CN201410000511.3, 2017 slice (B file)
        ("201510626037", "X"),  # CN201510626037.X, 2017 slice
        ("201580038456", "X"),  # CN201580038456.X, PCT national phase, 2017 slice
    ],
)
def test_check_character(digits: str, expected: str) -> None:
    assert check_character(digits) == expected


@pytest.mark.parametrize("digits", ["2013106997", "abcdefghijkl", "", "２０１３１０６９９７４４"])
def test_check_character_rejects_bad_bodies(digits: str) -> None:
    with pytest.raises(InvalidNumber):
        check_character(digits)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("ZL201310699744.2", "CN201310699744.2"),
        ("ZL95115608.X", "CN95115608.X"),
        ("CN202110123456.7", "CN202110123456.7"),
        ("CN201410000511.3", "CN201410000511.3"),
        ("201310699744.2", "CN201310699744.2"),
        ("201310699744", "CN201310699744.2"),  # check character computed
        ("2013106997442", "CN201310699744.2"),  # check character without the dot
        ("cn201310699744.2", "CN201310699744.2"),
        ("zl 2013 1 0699744.2", "CN201310699744.2"),
        ("CN 201310699744 . 2", "CN201310699744.2"),
        ("2013-1-0699744-2", "CN201310699744.2"),
        ("ＣＮ２０１３１０６９９７４４．２", "CN201310699744.2"),
        ("ＺＬ９５１１５６０８．Ｘ", "CN95115608.X"),
        ("95115608.x", "CN95115608.X"),
        ("95115608", "CN95115608.X"),
        ("ZL95115608", "CN95115608.X"),
        ("  申请号：201310699744.2 ", "CN201310699744.2"),
        ("专利号: ZL201310699744.2", "CN201310699744.2"),
        # CNIPA 15-digit standard form (2017 slice, A files); no check character in it
        ("CN102015000305529", "CN201510305529.9"),
        ("102015000305529", "CN201510305529.9"),
        ("CN112013000027231", "CN201380027231.5"),  # type code 11: PCT invention national phase
        ("CN112015000038456", "CN201580038456.X"),
        ("CN102016000125774", "CN201610125774.6"),
        ("CN101995000015608", "CN95115608.X"),  # old number in standard form
        ("CN102003000012345", "CN03112345.7"),  # 2003, serial < 100000 → old form
        ("CN102003000100001", "CN200310100001.5"),  # 2003, new form
        ("CN302021000123456", "CN202130123456.8"),  # design
        ("CN212020000012345", "CN202090012345.8"),  # PCT utility model
    ],
)
def test_parse_application_number(text: str, canonical: str) -> None:
    assert parse_application_number(text).canonical == canonical


@pytest.mark.parametrize(
    ("standard", "original"),
    [  # pairs from the 2017 slice: the same application in an A file and a B file
        ("CN102016000125774", "CN201610125774.6"),  # CN105621255B / CN105621255B8
        ("CN102015000191702", "CN201510191702.7"),  # CN104773039B / CN104773039B9
        ("CN102015000305529", "CN201510305529"),  # brief: 12-digit form, check computed
    ],
)
def test_standard_and_original_forms_are_equal(standard: str, original: str) -> None:
    a, b = parse_application_number(standard), parse_application_number(original)
    assert a == b
    assert hash(a) == hash(b)
    assert a.standard_form == standard


@pytest.mark.parametrize(
    ("text", "patent_type", "pct", "old", "year"),
    [
        ("ZL201310699744.2", PatentType.invention, False, False, 2013),
        ("ZL95115608.X", PatentType.invention, False, True, 1995),
        ("CN201320012345", PatentType.utility_model, False, False, 2013),
        ("CN201330012345", PatentType.design, False, False, 2013),
        ("CN112013000027231", PatentType.invention, True, False, 2013),
        ("CN201390012345", PatentType.utility_model, True, False, 2013),
        ("85100001", PatentType.invention, False, True, 1985),
        ("03212345", PatentType.utility_model, False, True, 2003),
        ("98800123", PatentType.invention, True, True, 1998),
    ],
)
def test_application_number_properties(
    text: str, patent_type: PatentType, pct: bool, old: bool, year: int
) -> None:
    number = parse_application_number(text)
    assert number.patent_type is patent_type
    assert number.pct_national_phase is pct
    assert number.old_format is old
    assert number.year == year


def test_application_number_forms() -> None:
    number = parse_application_number("ZL201310699744.2")
    assert number == ApplicationNumber(2013, 1, "0699744", "2", False)
    assert number.digits == "201310699744"
    assert number.canonical == str(number) == "CN201310699744.2"
    assert number.patent_number == "ZL201310699744.2"
    assert number.standard_form == "CN102013000699744"
    old = parse_application_number("ZL95115608.X")
    assert (old.digits, old.serial, old.patent_number) == ("95115608", "15608", "ZL95115608.X")
    assert old.standard_form == "CN101995000015608"


@pytest.mark.parametrize(
    "text",
    ["ZL95115608.X", "CN201310699744.2", "CN03112345.7", "CN200310100001.5", "CN201580038456.X"],
)
def test_standard_form_round_trip(text: str) -> None:
    number = parse_application_number(text)
    assert parse_application_number(number.standard_form) == number


@pytest.mark.parametrize(
    ("text", "expected", "given"),
    [
        ("201310699744.5", "2", "5"),
        ("ZL95115608.1", "X", "1"),
        ("CN201410000511.X", "3", "X"),
    ],
)
def test_wrong_check_character_names_the_expected_one(text: str, expected: str, given: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        parse_application_number(text)
    assert isinstance(caught.value, CheckCharacterMismatch)
    assert f"校验位应为 {expected}，而不是 {given}" in str(caught.value)


def test_wrong_check_character_message_is_exact() -> None:
    with pytest.raises(InvalidNumber, match="^申请号 201310699744 的校验位应为 2，而不是 5$"):
        parse_application_number("201310699744.5")


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "无法识别的申请号格式"),
        ("hello", "无法识别的申请号格式：hello"),
        ("2013106997", "无法识别的申请号格式"),  # 10 digits
        ("CN20131069974X2", "无法识别的申请号格式"),
        ("US201310699744", "无法识别的申请号格式"),
        ("CN201340699744", "类型位 4"),  # unknown type digit
        ("04112345", "年份"),  # 8-digit form ends with 2003
        ("84112345", "年份"),  # and starts with 1985
        ("199810699744", "年份"),  # 12-digit form starts in 2003
        ("CN402015000305529", "类型代码 40"),
        ("CN102015100305529", "流水号"),  # 9-digit serial does not fit 7 digits
    ],
)
def test_garbage_raises_invalid_number(text: str, fragment: str) -> None:
    with pytest.raises(InvalidNumber, match=fragment):
        parse_application_number(text)


def test_invalid_number_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_application_number("not a number")


def test_direct_construction_is_validated() -> None:
    with pytest.raises(CheckCharacterMismatch):
        ApplicationNumber(2013, 1, "0699744", "5", False)
    with pytest.raises(InvalidNumber):
        ApplicationNumber(2013, 1, "699744", "2", False)  # serial must have 7 digits


@pytest.mark.parametrize(
    ("text", "expected"),
    [("CN201310699744", "CN201310699744.2"), ("nonsense", None), ("201310699744.5", None), (None, None)],
)
def test_try_parse_application_number(text: str | None, expected: str | None) -> None:
    result = try_parse_application_number(text)
    assert (result.canonical if result else None) == expected


@pytest.mark.parametrize(
    ("text", "country", "number", "kind"),
    [
        ("CN106540887A", "CN", "106540887", "A"),
        ("CN 106540887 A", "CN", "106540887", "A"),
        ("cn106540887a", "CN", "106540887", "A"),
        ("ＣＮ１０６５４０８８７Ａ", "CN", "106540887", "A"),
        ("CN106545214A", "CN", "106545214", "A"),
        ("CN103702022B", "CN", "103702022", "B"),
        ("CN106540887A8", "CN", "106540887", "A8"),
        ("CN104507990B9", "CN", "104507990", "B9"),
        ("CN1234567A", "CN", "1234567", "A"),
        ("CN1092831C", "CN", "1092831", "C"),
        ("CN85100146A", "CN", "85100146", "A"),
        ("CN106540887", "CN", "106540887", ""),
        ("US8926509B2", "US", "8926509", "B2"),
        ("US20050004437A1", "US", "20050004437", "A1"),
        ("USD435854S1", "US", "D435854", "S1"),
        ("US 3,932,709", "US", "3932709", ""),
        ("US-8926509-B2", "US", "8926509", "B2"),
        ("EP1234567B1", "EP", "1234567", "B1"),
    ],
)
def test_parse_publication_number(text: str, country: str, number: str, kind: str) -> None:
    parsed = parse_publication_number(text)
    assert parsed == PublicationNumber(country, number, kind)
    assert parsed.canonical == str(parsed) == f"{country}{number}{kind}"


@pytest.mark.parametrize(
    ("text", "is_grant", "label", "patent_type"),
    [
        ("CN106540887A", False, "发明专利申请公布", PatentType.invention),
        ("CN106540887A8", False, "发明专利申请公布更正（扉页）", PatentType.invention),
        ("CN103702022B", True, "发明专利授权公告", PatentType.invention),
        ("CN105128380B8", True, "发明专利授权公告更正（扉页）", PatentType.invention),
        ("CN103702022C1", True, "发明专利权部分无效宣告的公告", PatentType.invention),
        ("CN203702022U", True, "实用新型专利授权公告", PatentType.utility_model),
        ("CN203702022Y1", True, "实用新型专利权部分无效宣告的公告", PatentType.utility_model),
        ("CN303702022S", True, "外观设计专利授权公告", PatentType.design),
        ("CN303702022S2", True, "外观设计专利权部分无效宣告的公告", PatentType.design),
        ("CN2345678Y", True, "实用新型专利授权公告（旧代码）", PatentType.utility_model),
        ("CN206540887", False, None, PatentType.utility_model),
        ("CN85100146", False, None, PatentType.invention),
        ("US8926509B2", True, None, None),
        ("US20050004437A1", False, None, None),
        ("USD435854S1", True, None, None),
        ("US 3,932,709", True, None, None),
        ("US20050004437", False, None, None),
        ("EP1234567A1", False, None, None),
        ("EP1234567B1", True, None, None),
    ],
)
def test_publication_number_properties(
    text: str, is_grant: bool, label: str | None, patent_type: PatentType | None
) -> None:
    parsed = parse_publication_number(text)
    assert parsed.is_grant is is_grant
    assert parsed.kind_label_zh == label
    assert parsed.patent_type is patent_type


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("CN106540887Q", "未知的中国专利文献种类代码 Q"),
        ("CN106540887C8", "种类代码 C8"),
        ("CN12345A", "中国公开号"),
        ("CN506540887A", "中国公开号"),
        ("106540887A", "无法识别的公开号格式"),
        ("", "无法识别的公开号格式"),
    ],
)
def test_bad_publication_numbers(text: str, fragment: str) -> None:
    with pytest.raises(InvalidNumber, match=fragment):
        parse_publication_number(text)


def test_kind_code_table_covers_guidelines_v8() -> None:
    expected = {"A", "B", "U", "S"} | {f"{k}{n}" for k in "CYS" for n in range(1, 8)}
    assert expected <= KIND_CODES_CN.keys()
    assert all(label for label in KIND_CODES_CN.values())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ZL201310699744.2", "CN201310699744.2"),
        ("CN102015000305529", "CN201510305529.9"),
        ("cn106540887a", "CN106540887A"),
        ("CN106540887", "CN106540887"),
        ("US 3,932,709", "US3932709"),
    ],
)
def test_normalise_any_number(text: str, expected: str) -> None:
    assert normalise_any_number(text) == expected


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("201310699744.5", "校验位应为 2"),  # a typo in an application number stays a typo
        ("CN106540887Q", "种类代码 Q"),
        ("？？", "无法识别的号码"),
    ],
)
def test_normalise_any_number_errors(text: str, fragment: str) -> None:
    with pytest.raises(InvalidNumber, match=fragment):
        normalise_any_number(text)


def test_patent_type_labels() -> None:
    assert PATENT_TYPE_LABELS_ZH == {
        PatentType.invention: "发明",
        PatentType.utility_model: "实用新型",
        PatentType.design: "外观设计",
    }
    assert PatentType("utility_model") is PatentType.utility_model


def test_every_number_in_a_sample_of_the_2017_slice(bibs_2017_rows: list[dict[str, str]]) -> None:
    """Both 申请号 forms of the CN-BIBS product normalise, and the original ones keep their check."""
    for row in bibs_2017_rows:
        raw = row["申请号"]
        number = parse_application_number(raw)
        assert raw in (number.standard_form, number.canonical)
        assert number.patent_type is PatentType.invention  # the slice holds invention documents only
        publication = parse_publication_number(row["公开号"])
        assert publication.canonical == row["公开号"]
        assert publication.is_grant is (publication.kind[0] == "B")


def test_domain_errors_carry_the_chinese_message() -> None:
    """errors.py has no test module of its own in this layout; its contract is checked here."""
    import pickle

    from ipops.domain.errors import Conflict, IpopsError, NotFound, RowRejected

    error = InvalidNumber("申请号无效")
    assert str(error) == error.message_zh == "申请号无效"
    assert isinstance(error, IpopsError) and isinstance(error, ValueError)
    assert str(NotFound()) == "未找到记录" and not isinstance(Conflict(), ValueError)
    rejected = pickle.loads(pickle.dumps(RowRejected("申请号无效", column="申请号", value="CN1")))
    assert (str(rejected), rejected.column, rejected.value) == ("申请号无效", "申请号", "CN1")
