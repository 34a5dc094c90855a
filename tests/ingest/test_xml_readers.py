"""XML/text patent readers against the real CNIPA and USPTO samples (values picked by hand from
the files) and the synthetic ST.36 documents; plus truncation, concatenation and XXE safety."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from ipops.ingest.readers.base import FileRejected, RowError
from ipops.ingest.readers.detect import detect_xml_format, read_xml
from ipops.ingest.readers.uspto import ipc7_symbol, us_app_number
from ipops.ingest.readers.xmlutil import parse_date
from ipops.ingest.record import PatentRecord

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
USPTO = FIXTURES / "uspto-xml-samples"
CNIPA = FIXTURES / "cnipa-xml-samples"
ST36 = FIXTURES / "wipo-st36"
CN_BIBS = CNIPA / "CN107087341A_CN-BIBS-ABSS.XML"
CN_OLD = CNIPA / "CN201310520601_cnipr_description_partial.xml"
CJK = re.compile(r"[\u4e00-\u9fff]")
D = dt.date


def only_record(path: Path) -> PatentRecord:
    items = list(read_xml(path))
    assert len(items) == 1, items
    assert isinstance(items[0], PatentRecord), items[0]
    return items[0]


def names(rec: PatentRecord, role: str) -> list[str]:
    return [p.name for p in rec.parties if p.role == role]


# fmt: off
# file: (format, app_number, app_date, grant, grant_date, pub, pub_date, title start,
#        first inventor, first holder/assignee, first IPC, claims count, first claim start)
US_CASES = {
    "xml2014/US08926509.xml": ("uspto_grant_xml", "US12134151", D(2008, 6, 5), "US8926509B2", D(2015, 1, 6),
        "US20090054737A1", D(2009, 2, 26), "Wireless physiological sensor patches", "Surendar Magar",
        "Hmicro, Inc.", "A61B5/00", 31, "1. A system for measuring physiological signals, comprising:"),
    "xml2014/US08927118.xml": ("uspto_grant_xml", "US13349377", D(2012, 1, 12), "US8927118B2", D(2015, 1, 6),
        "US20120104943A1", D(2012, 5, 3), "Material for organic electroluminescence device", "Tomoki Kato",
        "Idemitsu Kosan Co., Ltd.", "H05B33/14", 45, "1. A material for an organic electroluminescence device"),
    "xml2014/US08930553.xml": ("uspto_grant_xml", "US13648029", D(2012, 10, 9), "US8930553B2", D(2015, 1, 6),
        "US20140101323A1", D(2014, 4, 10), "Managing mid-dialog session initiation protocol (SIP) messages",
        "Nitzan Nissim", "International Business Machines Corporation", "G06F15/16", 8,
        "1. A system for processing mid-dialog SIP messages"),
    "xml2006/US07272630B2.xml": ("uspto_grant_xml", "US10991571", D(2004, 11, 18), "US7272630B2", D(2007, 9, 18),
        "US20050097148A1", D(2005, 5, 5), "Locating potentially identical objects across multiple computers",
        "John R. Douceur", "Microsoft Corporation", "G06F15/13", 17, "1. A method implemented in a computer"),
    "xml2004/US06859910.xml": ("uspto_grant_xml", "US09832323", D(2001, 4, 10), "US6859910B2", D(2005, 2, 22),
        "US20010037361A1", D(2001, 11, 1), "Methods and systems for transactional tunneling", "John Charles Croy",
        "Bluestreak.com", "G06F15/00", 2, "1. A method of executing an electronic transaction"),
    "xml2004/US06970935.xml": ("uspto_grant_xml", "US09703574", D(2000, 11, 1), "US6970935B1", D(2005, 11, 29),
        None, None, "Conversational networking via transport, coding and control", "Stephane H. Maes",
        "International Business Machines Corporation", "G06F15/16", 30, "1. A communication system, comprising:"),
    "xmlApp2004/US20050004437A1.xml": ("uspto_app_xml", "US10830857", D(2004, 4, 23), None, None,
        "US20050004437A1", D(2005, 1, 6), "Simulation device for playful evaluation and display of blood sugar",
        "Heiner Kaufmann", None, "A61B5/00", 10, "1. A simulation device for displaying and evaluating"),
    "xmlApp2004/US20050004974A1.xml": ("uspto_app_xml", "US10687244", D(2003, 10, 16), None, None,
        "US20050004974A1", D(2005, 1, 6), "Device model agent", "Naveen Sharma", "Xerox Corporation",
        "G06F15/16", 21, "1. A device model agent (DMA) comprising:"),
    "pap/US20010000044A1.xml": ("uspto_pap", "US09342866", D(1999, 6, 29), None, None,
        "US20010000044A1", D(2001, 3, 15), "Systems and Methods For Transacting Business Over A Global",
        "Wayne W Lin", None, "G06F17/60", 21, "1.A method of doing business over a global communications"),
    "pap/US20010000943A1.xml": ("uspto_pap", "US09727454", D(2000, 12, 4), None, None,
        "US20010000943A1", D(2001, 5, 10), "Organic electroluminescence device and method of manufacturing",
        "Kenichi Fukuoka", "IDEMITSU KOSAN CO., LTD.", "H01J1/62", 13, "1. An organic electroluminescence device"),
    "pap/US20010009014A1.xml": ("uspto_pap", "US09777392", D(2001, 2, 5), None, None,
        "US20010009014A1", D(2001, 7, 19), "Facilitating real-time, multi-point communications",
        "James A. Savage III", None, "G06F15/16", 55, "1. A method for facilitating communication"),
    "sgml/US06336130.xml": ("uspto_sgml", "US09413215", D(1999, 10, 5), "US6336130B1", D(2002, 1, 1),
        None, None, "Arrangement for improving availability of services", "Thanh Van Do",
        "Telefonaktiebolaget LM Ericsson (publ)", "G06F15/16", 22, "1. An arrangement in a network"),
    "sgml/US06337117.xml": ("uspto_sgml", "US09343526", D(1999, 6, 30), "US6337117B1", D(2002, 1, 8),
        None, None, "Optical memory device", "Shinya Maenosono", "Mitsubishi Chemical Corporation",
        "B32B3/02", 39, "1. An optical memory device comprising:"),
    "sgml/USD435854S1.xml": ("uspto_sgml", "US29116510", D(1999, 1, 6), "USD435854S", D(2001, 1, 2),
        None, None, "Disc cartridge", "Hiroyoshi Takagi", "Hitachi Maxell, Ltd.", None, 1,
        "The ornamental design for a disc cartridge"),
    "greenbook/US03932709.greenbook": ("uspto_greenbook", "US05449155", D(1974, 3, 7), "US3932709A",
        D(1976, 1, 13), None, None, "Electronic business telephone", "Don G. Hoff",
        "General Teletronics Incorporated", "H04M11/00", 17, "1. An electronic communications terminal"),
    "greenbook/US03937375.greenbook": ("uspto_greenbook", "US05518454", D(1974, 10, 29), "US3937375A",
        D(1976, 2, 10), None, None, "Bumper support for a boat loader", "Everette E. Daniels", None,
        "B60R9/00", 3, "1. In a bumper support for a boat loader"),
    "greenbook/US04347903.greenbook": ("uspto_greenbook", "US06192529", D(1980, 3, 10), "US4347903A",
        D(1982, 9, 7), None, None, "Electronic reading balance", "Shozo Yano", "Shimadzu Corporation",
        "G01G19/04", 3, "1. A weighing balance device designed to provide an average weight"),
}
# fmt: on


def test_every_uspto_sample_is_covered() -> None:
    folders = ("xml2014", "xml2006", "xml2004", "xmlApp2004", "pap", "sgml", "greenbook")
    on_disk = {f"{p.parent.name}/{p.name}" for d in folders for p in (USPTO / d).iterdir()}
    assert on_disk == set(US_CASES)


@pytest.mark.parametrize("name", sorted(US_CASES))
def test_uspto_sample(name: str) -> None:
    fmt, app, app_date, grant, grant_date, pub, pub_date, title, inventor, holder, ipc, n_claims, claim = (
        US_CASES[name]
    )
    path = USPTO / name
    assert detect_xml_format(path) == fmt
    rec = only_record(path)
    assert (rec.app_number, rec.country, rec.app_date) == (app, "US", app_date)
    assert (rec.grant_number, rec.grant_date) == (grant, grant_date)
    assert (rec.pub_number, rec.pub_date) == (pub, pub_date)
    assert rec.title.startswith(title)
    assert names(rec, "inventor")[0] == inventor
    owners = names(rec, "holder") or names(rec, "applicant")
    assert (owners[0] if owners else None) == holder
    assert rec.ipc_main == ipc and (ipc is None or rec.ipc[0] == ipc)
    assert rec.extras["claims_count"] == n_claims
    assert rec.claims.startswith(claim)
    assert rec.abstract or rec.patent_type == "design"
    assert rec.description


def test_uspto_details_beyond_the_table() -> None:
    rec = only_record(USPTO / "xml2014/US08926509.xml")
    assert rec.cpc[:2] == ["A61B5/0205", "A61B5/0024"]
    assert rec.cites_count == 160 and rec.extras["number_of_claims"] == "31"
    assert rec.parties[-1].role == "agency" and rec.parties[-1].name == "Wilson Sonsini Goodrich & Rosati"
    assert names(rec, "applicant") == []  # the five us-applicants are the inventors (pre-AIA filing)
    assert rec.address == "Fremont, CA, US"
    assert rec.patent_type == "invention" and rec.extras["us_kind"] == "utility"
    ibm = only_record(USPTO / "xml2014/US08930553.xml")
    assert names(ibm, "applicant") == ["International Business Machines Corporation"]
    assert only_record(USPTO / "xml2014/US08927118.xml").priority_date == D(2008, 6, 5)
    assert only_record(USPTO / "xml2004/US06859910.xml").ipc == [
        "G06F15/00",
        "G06F17/00",
        "G06F17/21",
        "G06F17/24",
    ]


def test_uspto_old_formats_details() -> None:
    design = only_record(USPTO / "sgml/USD435854S1.xml")
    assert design.patent_type == "design" and design.extras["locarno"] == ["14-02"]
    assert names(design, "holder") == [
        "Hitachi Maxell, Ltd.",
        "Sanyo Electric Co.,Ltd.",
        "Olympus Optical Co., Ltd.",
    ]
    sgml = only_record(USPTO / "sgml/US06336130.xml")
    assert sgml.ipc == ["G06F15/16", "G06F13/00"] and sgml.priority_date == D(1997, 4, 8)
    assert sgml.cites_count == 9 and names(sgml, "agency") == ["Nixon & Vanderhye P.C."]
    assert only_record(USPTO / "pap/US20010000943A1.xml").priority_date == D(1999, 4, 5)
    bumper = only_record(USPTO / "greenbook/US03937375.greenbook")
    daniels = bumper.parties[0]
    assert (daniels.address, daniels.postcode) == ("221 Locust St., Des Moines, IA, US", "50309")
    assert bumper.cites_count == 5 and bumper.abstract.startswith("A unit mountable on a rear bumper")
    balance = only_record(USPTO / "greenbook/US04347903.greenbook")
    assert balance.ipc == ["G01G19/04", "G01G23/10", "G06F7/28"]
    assert balance.priority_date == D(1978, 7, 10) and balance.pct_national_phase
    assert names(balance, "agent") == ["George B. Oujevolk"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("G06F015/00", "G06F15/00"),  # ICE v4.0 zero-padded
        ("H01J001/62", "H01J1/62"),
        ("H01L 2100", "H01L21/00"),  # IPC7 fixed width: subclass, main group in 3, subgroup
        (" A61K 3800", "A61K38/00"),
        ("B32B  302", "B32B3/02"),
        ("G06F  728", "G06F7/28"),
        ("C07D40112", "C07D401/12"),
        ("A61K 31415", "A61K31/415"),
        ("1402", None),  # a Locarno class, not IPC
        ("", None),
    ],
)
def test_ipc7_symbol(text: str, expected: str | None) -> None:
    assert ipc7_symbol(text) == expected


def test_us_app_number_forms() -> None:
    assert us_app_number("12134151") == "US12134151"
    assert us_app_number("518454", "5") == "US05518454"
    assert us_app_number("29/116,510") == "US29116510"
    assert us_app_number("PCT/CH02/00573") is None


def test_uspto_bulk_concatenation_and_broken_document(tmp_path: Path) -> None:
    a = (USPTO / "xml2014/US08930553.xml").read_bytes()
    b = (USPTO / "xml2004/US06859910.xml").read_bytes()
    bulk = tmp_path / "ipg_bulk.xml"
    bulk.write_bytes(a + b + b[: len(b) // 2])  # third document cut off mid-way
    items = list(read_xml(bulk))
    assert [type(i).__name__ for i in items] == ["PatentRecord", "PatentRecord", "RowError"]
    assert [i.app_number for i in items[:2]] == ["US13648029", "US09832323"]
    assert items[2].row == 3 and "第 3 篇文献" in items[2].reason and "行" in items[2].reason


def test_greenbook_yearly_file_concatenates_patents(tmp_path: Path) -> None:
    bulk = tmp_path / "pftaps19760113.txt"
    bulk.write_bytes(b"".join(p.read_bytes() for p in sorted((USPTO / "greenbook").iterdir())))
    items = list(read_xml(bulk))
    assert [i.grant_number for i in items] == ["US3932709A", "US3937375A", "US4347903A"]
    assert [i.source_row for i in items] == [1, 2, 3]


def test_sgml_malformed_document_is_recovered_and_flagged(tmp_path: Path) -> None:
    text = (USPTO / "sgml/US06336130.xml").read_text(encoding="utf-8")
    broken = tmp_path / "broken.sgm"
    broken.write_text(text.replace("<CITED-BY-EXAMINER/>", "<CITED-BY-EXAMINER>", 1), encoding="utf-8")
    rec = only_record(broken)
    assert rec.grant_number == "US6336130B1" and rec.extras["parse_repairs"]


# --- CNIPA -------------------------------------------------------------------------------------


def test_cnipa_business_document() -> None:
    assert detect_xml_format(CN_BIBS) == "cnipa_business"
    rec = only_record(CN_BIBS)
    assert rec.app_number == "CN201610058726.X" and rec.app_date == D(2016, 1, 28)
    assert (rec.pub_number, rec.pub_date, rec.grant_number) == ("CN107087341A", D(2017, 8, 22), None)
    assert rec.patent_type == "invention" and rec.pct_national_phase is False
    assert rec.title == "电路板及其制作方法"
    assert names(rec, "applicant") == [
        "鹏鼎控股(深圳)股份有限公司",
        "宏启胜精密电子（秦皇岛）有限公司",
        "鹏鼎科技股份有限公司",
    ]
    first = rec.parties[0]
    assert (first.postcode, first.address) == ("518105", "广东省深圳市宝安区松岗街道燕川燕罗路")
    assert rec.extras["address_parts"] == {"province": "广东省", "city": "深圳市", "county": "宝安区"}
    assert (rec.address, rec.postcode) == ("广东省深圳市宝安区松岗街道燕川燕罗路", "518105")
    assert names(rec, "inventor") == ["李卫祥"]
    assert names(rec, "agency") == ["深圳市赛恩倍吉知识产权代理有限公司"] and names(rec, "agent") == [
        "薛晓伟"
    ]
    assert rec.ipc == ["H05K1/02", "H05K3/06"] and rec.ipc_main == "H05K1/02"
    assert rec.abstract.startswith("本发明涉及一种电路板，包括内层结构、第一外层结构及电磁屏蔽材料。")
    assert rec.extras["gazette_number"] == "33-3401"


def _business_body() -> str:
    text = CN_BIBS.read_text(encoding="utf-8-sig")
    return text[text.index("<business:PatentDocumentAndRelated") :]


def write_wrapper(path: Path, bodies: list[str]) -> Path:
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<Docs>\n' + "\n".join(bodies) + "\n</Docs>\n", "utf-8"
    )
    return path


def test_cnipa_wrapper_with_many_documents_and_bad_numbers(tmp_path: Path) -> None:
    body = _business_body()
    mismatch = body.replace("201610058726.X", "201610058727.4")  # original form of another number
    missing = re.sub(
        r"<business:ApplicationReference.*?</business:ApplicationReference>", "", body, flags=re.S
    )
    items = list(read_xml(write_wrapper(tmp_path / "w.xml", [body, mismatch, missing, body])))
    assert isinstance(items[0], PatentRecord) and isinstance(items[3], PatentRecord)
    assert [i.source_row for i in (items[0], items[3])] == [1, 4]
    for err in items[1:3]:
        assert isinstance(err, RowError) and err.column == "申请号" and CJK.search(err.reason)
    assert "不一致" in items[1].reason and "缺少申请号" in items[2].reason


def test_cnipa_concatenated_documents(tmp_path: Path) -> None:
    path = tmp_path / "cat.xml"
    path.write_bytes(CN_BIBS.read_bytes() + b"\n" + CN_BIBS.read_bytes())
    assert [i.pub_number for i in read_xml(path)] == ["CN107087341A", "CN107087341A"]


def test_cnipa_truncated_business_file_is_rejected_with_position(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_bytes(CN_BIBS.read_bytes()[:5000])
    with pytest.raises(FileRejected, match=r"不完整.*第 \d+ 行第 \d+ 列"):
        list(read_xml(path))


def test_cnipa_wrapper_with_thousands_of_documents_streams_them_all(tmp_path: Path) -> None:
    # speed is measured in benchmarks/xml_parse.py, not asserted here
    path = write_wrapper(tmp_path / "many.xml", [_business_body()] * 3000)
    assert sum(1 for _ in read_xml(path)) == 3000


# --- old CNIPR cn-patent-document -------------------------------------------------------------


def test_old_format_truncated_fixture_is_rejected_in_chinese() -> None:
    assert detect_xml_format(CN_OLD) == "cn_patent_document"
    with pytest.raises(FileRejected) as info:
        list(read_xml(CN_OLD))
    message = str(info.value)
    assert "不完整" in message and "截断" in message and "[0030]" in message and "[0155]" in message
    assert "第 75 行" in message


def test_old_format_cut_bytes_report_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "cut.xml"
    path.write_bytes(CN_OLD.read_bytes()[:3000])
    with pytest.raises(FileRejected, match=r"文件不完整（疑似被截断）：第 \d+ 行第 \d+ 列"):
        list(read_xml(path))


OLD_DOC = """<?xml version="1.0"?><!DOCTYPE cn-patent-document SYSTEM "dtd/cn-patent-document-06-10-27.dtd">
<?trs-parser SegmentMark="paragraph"?>
<cn-patent-document lang="ZH" country="CN">{bib}
  <application-body lang="CN" country="CN"><description>
    <invention-title id="t1">一种润滑脂</invention-title>
    <p id="p0001" num="0001">技术领域</p>
    <p id="p0002" num="0002">用SO<sub>3</sub>磺化润 滑油，
       得到Ca(OH)<sub>2</sub>。</p>
  </description></application-body>
</cn-patent-document>"""
OLD_BIB = """<cn-bibliographic-data>
  <publication-reference><document-id><country>CN</country><doc-number>104560227</doc-number>
    <kind>A</kind><date>20150429</date></document-id></publication-reference>
  <application-reference><document-id><country>CN</country><doc-number>201310520601.0</doc-number>
    <date>20131029</date></document-id></application-reference>
  <invention-title>一种磺酸钙-环烷酸钙锆基四聚脲润滑脂及其制备方法</invention-title>
  <parties><applicants><applicant><addressbook><name>示例石化公司</name></addressbook></applicant></applicants></parties>
</cn-bibliographic-data>"""


def test_old_format_without_bibliographic_data_is_a_row_error(tmp_path: Path) -> None:
    path = tmp_path / "old.xml"
    path.write_text(OLD_DOC.format(bib=""), encoding="utf-8")
    (err,) = list(read_xml(path))
    assert isinstance(err, RowError) and err.column == "申请号" and "申请号" in err.reason


def test_old_format_complete_document(tmp_path: Path) -> None:
    path = tmp_path / "old.xml"
    path.write_text(OLD_DOC.format(bib=OLD_BIB), encoding="utf-8")
    rec = only_record(path)
    assert rec.app_number == "CN201310520601.0" and rec.pub_number == "CN104560227A"
    assert rec.title == "一种磺酸钙-环烷酸钙锆基四聚脲润滑脂及其制备方法"
    assert rec.description == "[0001] 技术领域\n[0002] 用SO3磺化润滑油，得到Ca(OH)2。"
    assert names(rec, "applicant") == ["示例石化公司"]


# --- WIPO ST.36 (synthetic) --------------------------------------------------------------------


def test_st36_wo_document() -> None:
    path = ST36 / "WO2099000001A1_synthetic.xml"
    assert detect_xml_format(path) == "wipo_st36"
    rec = only_record(path)
    assert (rec.app_number, rec.country, rec.app_date) == ("PCT/CN2098/000123", "WO", D(2098, 6, 15))
    assert (rec.pub_number, rec.pub_date) == ("WO2099000001A1", D(2099, 1, 7))
    assert (
        rec.title == "Electrode for a lithium-ion battery" and rec.extras["titles"]["zh"] == "锂离子电池电极"
    )
    assert rec.ipc == ["H01M10/0525", "H01M4/36"] and rec.extras["ipc_unparsed"] == ["not a symbol"]
    assert rec.priority_date == D(2097, 6, 20)
    assert names(rec, "applicant") == ["Example Battery Technology Co., Ltd.", "San ZHANG"]
    assert names(rec, "inventor") == ["Si LI", "San ZHANG"] and names(rec, "agency") == [
        "Example IP Law Firm"
    ]
    assert rec.postcode == "518000" and rec.cites_count == 2
    assert "LiFePO4" in rec.abstract and rec.description.startswith("Technical field\n")
    assert "60 °C" in rec.description and rec.extras["claims_count"] == 2


def test_st36_concatenated_documents() -> None:
    grant, missing = list(read_xml(ST36 / "EP9000001B1_concatenated_synthetic.xml"))
    assert isinstance(grant, PatentRecord) and grant.grant_number == "EP9000001B1"
    assert grant.ipc_main == "G06N3/08" and names(grant, "holder") == ["Example Analytics GmbH"]
    assert isinstance(missing, RowError) and missing.row == 2 and missing.column == "申请号"


# --- detection and safety ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("cpcMaster/cpcMaster.xml", "不是专利文献"),
        ("cpcScheme/cpc-scheme-A01L.xml", "不是专利文献"),
        ("css_brs/css_brs_sample.txt", "BRS"),
        ("xml4ip/sample_XML4IP.ZIP", "不是专利文献"),
    ],
)
def test_non_patent_files_are_rejected(name: str, hint: str) -> None:
    with pytest.raises(FileRejected, match=hint) as info:
        detect_xml_format(USPTO / name)
    assert CJK.search(str(info.value))
    with pytest.raises(FileRejected):
        list(read_xml(USPTO / name))


def test_unknown_and_empty_files_are_rejected(tmp_path: Path) -> None:
    (tmp_path / "empty.xml").write_bytes(b"")
    (tmp_path / "other.xml").write_text("<html><body>x</body></html>", encoding="utf-8")
    for name in ("empty.xml", "other.xml"):
        with pytest.raises(FileRejected, match="[\u4e00-\u9fff]"):
            detect_xml_format(tmp_path / name)


def test_external_entities_are_never_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET", encoding="utf-8")
    doc = (ST36 / "WO2099000001A1_synthetic.xml").read_text(encoding="utf-8")
    doc = doc.replace(
        '<!DOCTYPE wo-patent-document SYSTEM "wo-patent-document-v1-3.dtd">',
        f'<!DOCTYPE wo-patent-document SYSTEM "x.dtd" [<!ENTITY xxe SYSTEM "file://{secret}">'
        '<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
    ).replace("Electrode for a lithium-ion battery", "&xxe;&lol2;")
    path = tmp_path / "xxe.xml"
    path.write_text(doc, encoding="utf-8")
    rec = only_record(path)
    assert "TOP-SECRET" not in rec.title and "lollol" not in rec.title


def test_parse_date() -> None:
    assert parse_date("20170822") == D(2017, 8, 22)
    assert (
        parse_date("19981000") is None
        and parse_date("") is None
        and parse_date("2017-08-22") == D(2017, 8, 22)
    )
