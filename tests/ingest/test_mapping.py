"""Row → PatentRecord on real CN-BIBS rows: identical records from every format, strict identity,
lenient attributes (warnings, raw values kept), publication split, parties and addresses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from ipops.ingest.column_mapping import ColumnMapping
from ipops.ingest.mapping import map_row
from ipops.ingest.profiles import build_mapping, detect_profile, get_profile
from ipops.ingest.readers.base import RowError
from ipops.ingest.readers.jsonl import iter_jsonl, read_jsonl
from ipops.ingest.readers.tabular import read_table
from ipops.ingest.record import PatentRecord

TABULAR = Path(__file__).parents[1] / "fixtures" / "tabular"
FORMATS = ["excerpt_utf8.csv", "excerpt_utf8bom.csv", "excerpt_gbk.csv", "excerpt_utf16.tsv", "excerpt.xlsx",
           "excerpt.xls"]  # fmt: skip
CORE = ("app_number", "country", "patent_type", "pct_national_phase", "title", "app_date", "pub_number", "pub_date",
        "grant_number", "grant_date", "publications", "ipc", "ipc_main", "parties", "address", "postcode",
        "region_code")  # fmt: skip


def load(name: str) -> list[PatentRecord | RowError]:
    source = read_table(TABULAR / name)
    mapping = detect_profile(source.header).mapping
    return [map_row(values, mapping, row_number=number) for number, values in source.rows()]


def core(record: PatentRecord) -> dict[str, object]:
    return {name: getattr(record, name) for name in CORE}


def bibs_row(**changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "source_file": "CN-BIBS-ABSS-10-A_20170329.csv", "product": "CN-BIBS-ABSS-10-A",
        "申请号": "CN102015000305529", "申请日": "20150922", "公开号": "CN106540887A", "公开日": "20170329",
        "IPC分类号": "B07C5/342;", "申请人(第一)": "徐州绿之源环境科技有限公司", "发明人(第一)": "于有贞",
        "名称": "建筑垃圾智能机器人分拣系统及方法", "申请人地址": "江苏省徐州市泉山区软件园路6号徐州软件园11号楼1001室",
        "申请人邮编": "221008",
    }  # fmt: skip
    row.update(changes)
    return row


@pytest.fixture(scope="module")
def bibs() -> ColumnMapping:
    return build_mapping(list(bibs_row()), get_profile("cnipa_bibs"))


@pytest.fixture(scope="module")
def reference() -> list[PatentRecord | RowError]:
    return load("excerpt_utf8.csv")


def test_real_excerpt_maps_without_errors_or_warnings(reference: list) -> None:
    assert len(reference) == 200
    assert all(isinstance(r, PatentRecord) for r in reference)
    assert not [r.extras["_warnings"] for r in reference if "_warnings" in r.extras]
    assert len({r.app_number for r in reference}) == 199  # CN102016001067191: A and B rows


@pytest.mark.parametrize("name", FORMATS[1:])
def test_every_encoding_and_format_gives_identical_records(name: str, reference: list) -> None:
    assert [dataclasses.asdict(r) for r in load(name)] == [dataclasses.asdict(r) for r in reference]


def test_relabelled_vendor_workbook_gives_the_same_records(reference: list) -> None:
    records = load("incopat_style.xlsx")
    assert [core(r) for r in records] == [core(r) for r in reference]
    assert records[0].extras == {"数据来源": "CN-BIBS-ABSS-10-A"}  # unknown column kept


def test_both_application_number_forms_give_one_record(bibs: ColumnMapping) -> None:
    standard = map_row(bibs_row(), bibs, row_number=1)
    original = map_row(bibs_row(申请号="CN201510305529.9"), bibs, row_number=2)
    assert isinstance(standard, PatentRecord) and isinstance(original, PatentRecord)
    assert standard.app_number == original.app_number == "CN201510305529.9"
    assert standard.patent_type == "invention" and standard.country == "CN"


def test_wrong_check_character_rejects_the_row_with_the_expected_one(bibs: ColumnMapping) -> None:
    error = map_row(bibs_row(申请号="CN201510305529.3"), bibs, row_number=7)
    assert isinstance(error, RowError)
    assert (error.row, error.column, error.value) == (7, "申请号", "CN201510305529.3")
    assert "校验位应为 9" in error.reason and error.raw and error.raw["名称"].startswith("建筑垃圾")


@pytest.mark.parametrize("value", ["", "  ", "-", "CN2015"])
def test_missing_or_unreadable_application_number_rejects(value: str, bibs: ColumnMapping) -> None:
    error = map_row(bibs_row(申请号=value), bibs, row_number=3)
    assert isinstance(error, RowError) and error.column == "申请号" and error.reason.startswith("申请号")


def test_grant_row_fills_grant_number_and_date(reference: list) -> None:
    numbers = [r.app_number for r in reference]
    a, b = [r for r in reference if numbers.count(r.app_number) == 2]  # CN102016001067191, A then B
    assert (a.pub_number, a.grant_number) == ("CN106557325A", None)
    assert (b.grant_number, b.grant_date, b.pub_number) == ("CN106557325B", dt.date(2017, 7, 7), None)
    assert b.publications[0].kind == "B"


def test_corrections_name_their_base_document(reference: list) -> None:
    corrected = [r for r in reference if r.publications and r.publications[0].kind in ("A8", "B8", "B9")]
    assert corrected
    for record in corrected:
        base = record.pub_number or record.grant_number
        assert record.publications[0].number.startswith(base) and base[-1] in "AB"
        assert record.pub_date is None and record.grant_date is None  # the base's date is not given


def test_parties_address_region_and_foreign_country(reference: list) -> None:
    first = reference[0]
    applicant, inventor = first.parties
    assert (applicant.role, applicant.name, applicant.postcode, applicant.country) == (
        "applicant", "徐州绿之源环境科技有限公司", "221008", "CN")  # fmt: skip
    assert inventor.role == "inventor" and first.region_code == "320311"  # 徐州市泉山区
    taiwan = next(r for r in reference if r.address == "中国台湾高雄市")
    assert taiwan.postcode is None and taiwan.parties[0].country == "TW"  # postcode "0" means absent


def test_bad_attributes_warn_and_keep_the_raw_value(bibs: ColumnMapping) -> None:
    record = map_row(
        bibs_row(申请日="2015-13-45", IPC分类号="B07C5/342;XYZ;", 申请人邮编="22100"), bibs, row_number=4
    )
    assert isinstance(record, PatentRecord) and record.app_date is None and record.ipc == ["B07C5/342"]
    warnings = {w["column"]: w for w in record.extras["_warnings"]}
    assert set(warnings) == {"申请日", "IPC分类号", "申请人邮编"}
    assert "日期" in warnings["申请日"]["reason"] and warnings["申请日"]["value"] == "2015-13-45"
    assert record.extras["申请日"] == "2015-13-45" and record.extras["申请人邮编"] == "22100"


def test_vendor_row_with_holders_type_status_and_counters() -> None:
    row = {
        "公开(公告)号": "CN103702022B", "申请号": "CN201410000511.3", "申请日": dt.datetime(2014, 1, 1),
        "授权日": "2017.03.15", "标题": "一种基于新型卡口和集成式镜头的影像获取方法及装置",
        "原始申请(专利权)人": "青岛海信电器股份有限公司", "[标]当前申请(专利权)人": "海信视像科技股份有限公司 | 青岛海信电器股份有限公司",
        "发明人": "张三 | 李四", "专利类型": "实用新型", "法律状态": "授权", "被引用专利数量": "3",
        "许可次数": "", "IPC主分类号": "H04N5/225", "IPC分类号": "G03B17/14 | H04N5/225", "备注": "重点专利",
    }  # fmt: skip
    mapping = detect_profile(list(row)).mapping
    record = map_row(row, mapping, row_number=1)
    assert isinstance(record, PatentRecord)
    assert record.grant_number == "CN103702022B" and record.grant_date == dt.date(2017, 3, 15)
    roles = [(p.role, p.name) for p in record.parties]
    assert roles[:3] == [("applicant", "青岛海信电器股份有限公司"), ("holder", "海信视像科技股份有限公司"),
                         ("holder", "青岛海信电器股份有限公司")]  # fmt: skip
    assert record.ipc == ["H04N5/225", "G03B17/14"] and record.ipc_main == "H04N5/225"
    assert record.legal_status == "granted" and record.legal_status_raw == "授权"
    assert record.cited_by_count == 3 and record.licence_count is None
    assert record.patent_type == "invention"  # the number wins over the 专利类型 cell …
    assert record.extras["_warnings"][0]["column"] == "专利类型"  # … and the conflict is reported
    assert record.extras["备注"] == "重点专利"


def test_family_members_give_size_countries_and_granted_abroad() -> None:
    row = {"申请号": "CN201410000511.3", "简单同族": "CN103702022A | CN103702022B | US2016123456A1 | US9876543B2",
           "简单同族个数": ""}  # fmt: skip
    record = map_row(row, build_mapping(list(row), get_profile("incopat")), row_number=1)
    assert isinstance(record, PatentRecord)
    assert (
        record.family_countries == ["CN", "US"] and record.family_size == 3 and record.granted_abroad is True
    )
    assert record.extras["简单同族"].startswith("CN103702022A")  # hint columns are kept as given


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_canonical_json_lines_with_bad_lines_reported(tmp_path: Path) -> None:
    good = {"app_number": "CN201410000511.3", "title": "影像获取装置", "applicants": ["青岛海信电器股份有限公司"],
            "ipc": "H04N5/225;G03B17/14", "app_date": "2014-01-01", "grant_number": "CN103702022B",
            "events": [], "note": "内部备注"}  # fmt: skip
    path = write_jsonl(tmp_path / "p.jsonl", [json.dumps(good, ensure_ascii=False), "", "{not json", "[1, 2]",
                                              json.dumps({"title": "无申请号"}, ensure_ascii=False)])  # fmt: skip
    items = list(read_jsonl(path))
    record, bad_json, not_object, no_number = items
    assert isinstance(record, PatentRecord) and record.app_number == "CN201410000511.3"
    assert record.parties[0].name == "青岛海信电器股份有限公司" and record.ipc == ["H04N5/225", "G03B17/14"]
    assert record.extras == {"note": "内部备注"}  # unknown keys kept, empty values skipped
    assert isinstance(bad_json, RowError) and bad_json.row == 3 and "JSON" in bad_json.reason
    assert isinstance(not_object, RowError) and not_object.row == 4 and "JSON 对象" in not_object.reason
    assert isinstance(no_number, RowError) and no_number.row == 5


def test_jsonl_invalid_utf8_line_does_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"app_number": "\xff\xfe"}\n{"app_number": "CN201410000511.3"}\n')
    first, second = list(iter_jsonl(path))
    assert isinstance(first, RowError) and first.row == 1 and "UTF-8" in first.reason
    assert second == (2, {"app_number": "CN201410000511.3"})
