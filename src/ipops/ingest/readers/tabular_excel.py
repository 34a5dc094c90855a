"""Excel row streams for `tabular.read_table`: XLSX via python-calamine or openpyxl, XLS via xlrd.

python-calamine (Rust) reads an XLSX sheet about ten times faster than openpyxl but holds the
whole sheet in memory (measured on the 172,830-row CN-BIBS fixture saved as XLSX, 26 MB:
calamine 2.2 s / 243 MB peak RSS, openpyxl read-only 20.7 s / 43 MB). So files up to
CALAMINE_MAX_BYTES use calamine, larger ones openpyxl's streaming read-only mode, which keeps
memory flat up to Excel's 1,048,576-row limit. XLS (BIFF, ≤ 65,536 rows) goes through xlrd.

Cell values are passed through as Python values: str, int (whole numbers), float, bool,
datetime/date/time. Dates stay raw so the mapper's date parser sees serials and datetimes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import python_calamine
import xlrd

from ipops.ingest.readers.base import FileRejected

CALAMINE_MAX_BYTES = 32 * 1024 * 1024
Cell = str | int | float | bool | dt.datetime | dt.date | dt.time | dt.timedelta


def clean_cell(value: object) -> Cell:
    """None → "", strings stripped, whole floats → int (postcodes, numbers typed as numbers)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value  # type: ignore[return-value]


def _sheet_error(path: Path, sheet: str, names: list[str]) -> FileRejected:
    return FileRejected(f"文件 {path.name} 中没有名为“{sheet}”的工作表；现有工作表：{'、'.join(names)}")


def xlsx_rows(path: Path, sheet: str | None, *, engine: str = "auto") -> Iterator[tuple[int, list[Cell]]]:
    """(1-based sheet row, cells) for every row of the chosen sheet (first sheet by default)."""
    if engine == "auto":
        engine = "calamine" if path.stat().st_size <= CALAMINE_MAX_BYTES else "openpyxl"
    if engine == "calamine":
        yield from _calamine_rows(path, sheet)
    else:
        yield from _openpyxl_rows(path, sheet)


def _calamine_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[Cell]]]:
    try:
        workbook = python_calamine.CalamineWorkbook.from_path(str(path))
    except Exception as error:  # calamine raises several unrelated types for broken files
        raise FileRejected(f"Excel 文件 {path.name} 无法读取：{error}") from error
    with workbook:
        if sheet is not None and sheet not in workbook.sheet_names:
            raise _sheet_error(path, sheet, workbook.sheet_names)
        data = workbook.get_sheet_by_name(sheet) if sheet else workbook.get_sheet_by_index(0)
        first_row = data.start[0] + 1 if data.start else 1
        for offset, row in enumerate(data.iter_rows()):
            yield first_row + offset, [clean_cell(v) for v in row]


def _openpyxl_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[Cell]]]:
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # zipfile, KeyError, XML errors …
        raise FileRejected(f"Excel 文件 {path.name} 无法读取：{error}") from error
    try:
        if sheet is not None and sheet not in workbook.sheetnames:
            raise _sheet_error(path, sheet, workbook.sheetnames)
        worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
        worksheet.reset_dimensions()  # some writers store a wrong <dimension>; read every cell
        for number, row in enumerate(worksheet.iter_rows(values_only=True), start=1):
            yield number, [clean_cell(v) for v in row]
    finally:
        workbook.close()


def xls_rows(path: Path, sheet: str | None) -> Iterator[tuple[int, list[Cell]]]:
    """Rows of an old-format XLS workbook; date cells become datetime like in XLSX."""
    try:
        book = xlrd.open_workbook(str(path), on_demand=True)
    except Exception as error:  # xlrd.XLRDError, struct errors, CompDocError …
        raise FileRejected(f"Excel（xls）文件 {path.name} 无法读取：{error}") from error
    try:
        names = book.sheet_names()
        if sheet is not None and sheet not in names:
            raise _sheet_error(path, sheet, names)
        data = book.sheet_by_name(sheet) if sheet else book.sheet_by_index(0)
        for index in range(data.nrows):
            yield index + 1, [_xls_cell(cell, book.datemode) for cell in data.row(index)]
    finally:
        book.release_resources()


def _xls_cell(cell: xlrd.sheet.Cell, datemode: int) -> Cell:
    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (xlrd.xldate.XLDateError, OverflowError):
            return clean_cell(cell.value)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    return clean_cell(cell.value)
