"""Tabular readers on the same 200 real CN-BIBS rows in every encoding and format (see
tests/fixtures/tabular/SOURCE.md), plus the awkward shapes vendor files come in."""

from __future__ import annotations

import gzip
import lzma
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from ipops.ingest.readers.base import FileRejected
from ipops.ingest.readers.tabular import dedupe_header, read_table

TABULAR = Path(__file__).parents[1] / "fixtures" / "tabular"
REFERENCE = TABULAR / "excerpt_utf8.csv"
VARIANTS = {
    "excerpt_utf8.csv": ("csv", "utf-8", ","),
    "excerpt_utf8bom.csv": ("csv", "utf-8-sig", ","),
    "excerpt_gbk.csv": ("csv", "gb18030", ","),
    "excerpt_utf16.tsv": ("csv", "utf-16", "\t"),
    "excerpt.xlsx": ("xlsx", None, None),
    "excerpt.xls": ("xls", None, None),
}


@pytest.fixture(scope="module")
def reference_rows() -> list[tuple[int, dict[str, object]]]:
    return list(read_table(REFERENCE).rows())


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_every_encoding_and_format_gives_the_same_rows(name: str, reference_rows: list) -> None:
    source = read_table(TABULAR / name)
    assert (source.format, source.encoding, source.delimiter) == VARIANTS[name]
    assert source.header[2:4] == ["申请号", "申请日"]
    assert list(source.rows()) == reference_rows
    assert len(reference_rows) == 200


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_both_xlsx_engines_agree(engine: str, reference_rows: list) -> None:
    assert list(read_table(TABULAR / "excerpt.xlsx", xlsx_engine=engine).rows()) == reference_rows


def test_quoted_comma_titles_stay_in_their_column(reference_rows: list) -> None:
    with_comma = [values for _, values in reference_rows if "," in str(values["名称"])]
    assert len(with_comma) >= 20
    assert all(len(values) == 12 and str(values["申请人邮编"]).isdigit() for values in with_comma)
    titles = {values["申请号"]: values["名称"] for values in with_comma}
    assert titles["CN102015000588052"] == "一种4,4’-二苯甲烷二氨基甲酸甲酯合成工艺"


@pytest.mark.parametrize("wrap", ["gz", "xz", "zip"])
def test_compressed_csv_is_read_transparently(wrap: str, tmp_path: Path, reference_rows: list) -> None:
    data = REFERENCE.read_bytes()
    target = tmp_path / f"patents.csv.{wrap}"
    if wrap == "gz":
        target.write_bytes(gzip.compress(data))
    elif wrap == "xz":
        target.write_bytes(lzma.compress(data))
    else:
        with zipfile.ZipFile(target, "w") as archive:
            archive.writestr("__MACOSX/._patents.csv", b"junk")
            archive.writestr("导出/patents.csv", data)
    assert list(read_table(target).rows()) == reference_rows


def test_zip_with_two_csvs_is_rejected(tmp_path: Path) -> None:
    target = tmp_path / "two.zip"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("a.csv", "申请号\n")
        archive.writestr("b.csv", "申请号\n")
    with pytest.raises(FileRejected, match="只有一个数据文件"):
        read_table(target)


def test_vendor_title_rows_above_the_header_are_skipped() -> None:
    source = read_table(TABULAR / "incopat_style.xlsx")
    assert source.header_row == 3
    assert source.header[:4] == ["数据来源", "申请号", "申请日", "公开（公告）号"]
    number, values = next(source.rows())
    assert number == 1 and source.sheet_row(number) == 4  # the row Excel shows
    assert values["申请号"] == "CN102015000305529"
    assert str(values["申请日"]).startswith("2015-09-22")  # Excel date cells are passed through raw
    assert values["申请人邮编"] == 221008


def test_csv_title_lines_blank_rows_and_quoted_newlines(tmp_path: Path) -> None:
    text = (
        "检索式：申请人=(青岛)\n"
        "\n"
        "申请号,申请日,名称,申请人\n"
        'CN201410000511.3,20140101,"一种影像获取方法,\n及装置",青岛某公司\n'
        ",,,\n"
        "CN102015000305529,20150922,建筑垃圾分拣系统,徐州绿之源环境科技有限公司\n"
    )
    path = tmp_path / "vendor.csv"
    path.write_text(text, encoding="utf-8")
    source = read_table(path)
    rows = list(source.rows())
    assert source.header_row == 3
    assert [number for number, _ in rows] == [1, 3]  # the blank record is skipped but counted
    assert rows[0][1]["名称"] == "一种影像获取方法,\n及装置"


def test_duplicate_blank_and_overflow_columns(tmp_path: Path) -> None:
    path = tmp_path / "dup.csv"
    path.write_text(
        "申请号,IPC分类号,IPC分类号,,名称,\nCN201410000511.3,H04N5/225,G03B17/14,x,影像,,多余\n", "utf-8"
    )
    source = read_table(path)
    assert source.header == ["申请号", "IPC分类号", "IPC分类号_2", "列4", "名称"]
    assert source.renamed_headers == [("IPC分类号", "IPC分类号_2"), ("", "列4")]
    _, values = next(source.rows())
    assert values["IPC分类号_2"] == "G03B17/14" and values["列7"] == "多余"


def test_semicolon_delimiter_and_gbk_without_hint(tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_bytes("申请号;名称;申请人\nCN201410000511.3;一种镜头;青岛海信电器股份有限公司\n".encode("gbk"))
    source = read_table(path)
    assert (source.encoding, source.delimiter) == ("gb18030", ";")
    assert next(source.rows())[1]["申请人"] == "青岛海信电器股份有限公司"


def test_unknown_sheet_empty_and_missing_files_are_rejected_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(FileRejected, match="没有名为“汇总”的工作表；现有工作表：专利"):
        list(read_table(TABULAR / "excerpt.xlsx", sheet="汇总").rows())
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(FileRejected, match="空的"):
        read_table(empty)
    with pytest.raises(FileRejected, match="找不到文件"):
        read_table(tmp_path / "nope.csv")


def test_named_sheet_is_read() -> None:
    assert len(list(read_table(TABULAR / "excerpt.xls", sheet="专利").rows())) == 200


def test_dedupe_header_drops_trailing_blank_cells() -> None:
    assert dedupe_header(["申请号", "名称", "", ""]) == (["申请号", "名称"], [])


def test_csv_streams_with_flat_memory(tmp_path: Path) -> None:
    """100,000 rows through gzip: memory held while reading stays far below the data size."""
    path = tmp_path / "big.csv.gz"
    line = "CN201410000511.3,20140101,一种基于新型卡口和集成式镜头的影像获取方法及装置,青岛海信电器股份有限公司\n"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("申请号,申请日,名称,申请人\n")
        fh.writelines(line for _ in range(100_000))
    tracemalloc.start()
    count = sum(1 for _ in read_table(path).rows())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert count == 100_000
    assert peak < 4 * 1024 * 1024  # the text alone is ~14 MB
