"""IPC symbols as they appear in CNIPA data, vendor exports and SEI tables."""

from __future__ import annotations

import csv
import lzma
from itertools import islice
from pathlib import Path

import pytest

from ipops.domain.errors import InvalidIpc
from ipops.domain.ipc import IpcCode, ipc_matches, parse_ipc, parse_ipc_list, parse_ipc_list_lenient

BIBS_2017 = Path(__file__).parents[1] / "fixtures" / "cnipa-bibs-2017" / "patents_dev.csv.xz"


@pytest.mark.parametrize(
    "text",
    [
        "H01M 10/0525",
        "H01M10/0525",
        "H01M  10/0525",
        "h01m10/0525",
        "Ｈ０１Ｍ１０／０５２５",
        "Ｈ０１Ｍ　１０／０５２５",
        "H01M0010052500",
        "H01M10/0525(2010.01)",
        "H01M 10/0525 (2010.01)",
        "H01M10/0525 [2010.01]",
        "H01M10/0525（2010.01）",
        "IPC:H01M10/0525",
        "IPC： H01M 10/0525",
        "IPC分类号：H01M10/0525",
        "Int.Cl. H01M 10/0525",
        " H01M10/0525; ",
    ],
)
def test_spellings_of_one_symbol(text: str) -> None:
    code = parse_ipc(text)
    assert code == IpcCode("H", "01", "M", "10", "0525")
    assert code.code == str(code) == "H01M10/0525"


@pytest.mark.parametrize(
    ("text", "code", "level"),
    [
        ("H01M10/0525", "H01M10/0525", "subgroup"),
        ("H01M10/052", "H01M10/052", "subgroup"),  # subgroup digits are significant
        ("H01M10/0520", "H01M10/0520", "subgroup"),
        ("H01M10/00", "H01M10/00", "main_group"),
        ("H01M10", "H01M10/00", "main_group"),
        ("H01M010/00", "H01M10/00", "main_group"),
        ("H01M", "H01M", "subclass"),
        ("H01", "H01", "class"),
        ("H", "H", "section"),
        ("A61K36/8962", "A61K36/8962", "subgroup"),  # 2017 slice
        ("F21Y115/10", "F21Y115/10", "subgroup"),  # 3-digit main group, 2017 slice
        ("F21Y2115/10", "F21Y2115/10", "subgroup"),  # 4-digit indexing main group
        ("H01L27/11563", "H01L27/11563", "subgroup"),  # 5-digit subgroup, 2017 slice
    ],
)
def test_levels_and_canonical_code(text: str, code: str, level: str) -> None:
    parsed = parse_ipc(text)
    assert parsed.code == code
    assert parsed.level == level


def test_derived_codes() -> None:
    code = parse_ipc("H01M 10/0525")
    assert (code.section, code.class_, code.subclass_letter) == ("H", "01", "M")
    assert (code.main_group, code.subgroup) == ("10", "0525")
    assert code.class_code == "H01"
    assert code.subclass_code == "H01M"
    assert code.main_group_code == "H01M10/00"
    top = parse_ipc("H")
    assert (top.class_code, top.subclass_code, top.main_group_code) == (None, None, None)


@pytest.mark.parametrize(
    ("text", "wipo14"),
    [
        ("H01M10/0525", "H01M0010052500"),
        ("A01B1/02", "A01B0001020000"),
        ("H01M10/00", "H01M0010000000"),
        ("H01M10/10", "H01M0010100000"),
        ("F21Y2115/10", "F21Y2115100000"),
        ("H01L27/11563", "H01L0027115630"),
        ("H01M", None),
    ],
)
def test_wipo14_round_trip(text: str, wipo14: str | None) -> None:
    code = parse_ipc(text)
    assert code.wipo14 == wipo14
    if wipo14 is not None:
        assert parse_ipc(wipo14) == code


def test_parent_chain() -> None:
    chain = []
    code: IpcCode | None = parse_ipc("H01M10/0525")
    while code is not None:
        chain.append(code.code)
        code = code.parent
    assert chain == ["H01M10/0525", "H01M10/00", "H01M", "H01", "H"]


def test_main_group_defaults_to_subgroup_00() -> None:
    assert IpcCode("H", "01", "M", "10") == parse_ipc("H01M10/00")


@pytest.mark.parametrize(
    "text",
    ["", "   ", "Z01M10/00", "H1M", "H01M10/5", "H01M0/00", "H01M10/0525x", "锂电池", "10/0525", "H01M/10"],
)
def test_invalid_symbols(text: str) -> None:
    with pytest.raises(InvalidIpc, match="IPC分类号"):
        parse_ipc(text)


def test_invalid_ipc_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        parse_ipc("nonsense")


def test_incomplete_code_cannot_be_built() -> None:
    with pytest.raises(InvalidIpc):
        IpcCode("H", None, "M")


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("E04H15/00;E04H15/42;", ["E04H15/00", "E04H15/42"]),  # 2017 slice
        ("A61K36/8962;A61P31/10;A61P17/00;", ["A61K36/8962", "A61P31/10", "A61P17/00"]),
        ("H01M 10/0525；H01M 4/13", ["H01M10/0525", "H01M4/13"]),
        ("H01M10/0525, H01M4/13，G06F17/30", ["H01M10/0525", "H01M4/13", "G06F17/30"]),
        ("H01M10/0525|H01M4/13\nG06F17/30\tB07C5/342", ["H01M10/0525", "H01M4/13", "G06F17/30", "B07C5/342"]),
        ("H01M 10/0525  H01M 4/13", ["H01M10/0525", "H01M4/13"]),
        ("H01M  10/0525", ["H01M10/0525"]),  # double space inside one symbol
        ("H01M10/0525 (2010.01); H01M 4/13 (2010.01)", ["H01M10/0525", "H01M4/13"]),
        ("H01M10/0525;h01m10/0525;H01M 10/0525", ["H01M10/0525"]),  # duplicates dropped
        ("G06Q40/02;H01M10/0525;G06Q40/02", ["G06Q40/02", "H01M10/0525"]),  # order kept
        ("IPC: H01M10/0525; H01M", ["H01M10/0525", "H01M"]),
        ("", []),
        (";；", []),
    ],
)
def test_parse_ipc_list(text: str, codes: list[str]) -> None:
    assert [c.code for c in parse_ipc_list(text)] == codes


def test_parse_ipc_list_accepts_none() -> None:
    assert parse_ipc_list(None) == []


def test_strict_list_names_the_bad_fragment() -> None:
    with pytest.raises(InvalidIpc, match="锂电池"):
        parse_ipc_list("H01M10/0525;锂电池")


def test_lenient_list_reports_bad_fragments_as_typed() -> None:
    codes, errors = parse_ipc_list_lenient("H01M10/0525; bad ;X99；H01M 4/13；h01m10/0525")
    assert [c.code for c in codes] == ["H01M10/0525", "H01M4/13"]
    assert errors == ["bad", "X99"]


@pytest.mark.parametrize(
    ("code", "pattern", "expected"),
    [
        ("H01M10/0525", "H", True),
        ("H01M10/0525", "H01", True),
        ("H01M10/0525", "H01M", True),
        ("H01M10/0525", "H01L", False),
        ("H01M10/0525", "H01M10", True),
        ("H01M10/0525", "H01M10/00", True),
        ("H01M10/00", "H01M10/00", True),
        ("H01M1/02", "H01M10", False),  # main group 1 is not main group 10
        ("H01M100/02", "H01M10", False),
        ("H01M10/05", "H01M10/05", True),
        ("H01M10/052", "H01M10/05", True),
        ("H01M10/0525", "H01M10/05", True),
        ("H01M10/06", "H01M10/05", False),
        ("H01M10/00", "H01M10/05", False),  # a main group is above its subgroups
        ("H01M", "H01M10", False),
        ("H02J7/00", "H01", False),
        ("H01M10/0525", "H01M10/*", True),  # SEI tables mark "and below" with a star
        ("H01M 10/0525 (2010.01)", "h01m", True),
    ],
)
def test_ipc_matches(code: str, pattern: str, expected: bool) -> None:
    assert ipc_matches(code, pattern) is expected


def test_ipc_matches_accepts_parsed_codes() -> None:
    assert ipc_matches(parse_ipc("H01M10/0525"), parse_ipc("H01M10"))


def test_every_ipc_list_in_a_sample_of_the_2017_slice() -> None:
    """The IPC分类号 column ("B07C5/342;") of every 25th real row parses without leftovers."""
    with lzma.open(BIBS_2017, "rt", encoding="utf-8") as handle:
        rows = list(islice(csv.DictReader(handle), 0, None, 25))
    assert rows
    for row in rows:
        codes, errors = parse_ipc_list_lenient(row["IPC分类号"])
        assert errors == []
        assert ";".join(c.code for c in codes) + ";" == row["IPC分类号"]
