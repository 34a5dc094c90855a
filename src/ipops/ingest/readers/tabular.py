"""Read CSV, XLSX and XLS exports as a header plus a stream of numbered rows.

`read_table(path)` looks at the file's bytes (not its name) to pick the reader: XLSX (a zip
with xl/workbook.xml), XLS (OLE2), otherwise CSV — plain or gzip/xz/bz2-compressed or a zip
holding one CSV. It finds the header row (vendor exports often start with title lines such as
"检索式：…"), renames blank and duplicate header names, and returns a `TableSource` whose
`rows()` streams `(row_number, {header: value})`.

Row numbers: `row_number` counts data rows from 1, the header row excluded, and keeps the
source's own positions: blank rows are skipped but still counted, so for a spreadsheet
`header_row + row_number` is the row number the user sees in Excel (`sheet_row()`). For CSV
the number counts records after the header; a record whose quoted cell spans several lines
is still one record.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from pathlib import Path

from ipops.ingest.profiles import known_header_count
from ipops.ingest.readers.base import FileRejected
from ipops.ingest.readers.tabular_csv import (
    SAMPLE_BYTES,
    detect_encoding,
    iter_csv_rows,
    read_sample,
    sniff_delimiter,
)
from ipops.ingest.readers.tabular_excel import Cell, xls_rows, xlsx_rows

HEADER_SCAN_ROWS = 30
MIN_KNOWN_HEADERS = 3
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

RowStream = Generator[tuple[int, list[Cell]], None, None]  # (1-based physical row, cells)


@dataclass
class TableSource:
    """A readable table: header, how it was decoded, and a restartable row stream."""

    path: Path
    format: str  # "csv" | "xlsx" | "xls"
    header: list[str]
    header_row: int  # 1-based position of the header (sheet row; record number for CSV)
    encoding: str | None = None  # CSV only, as detected
    delimiter: str | None = None  # CSV only, as sniffed
    sheet: str | None = None
    renamed_headers: list[tuple[str, str]] = field(default_factory=list)  # (as in file, as used)
    _open: Callable[[], RowStream] = field(default=lambda: iter(()), repr=False)
    # rows already read for header detection + the open stream: the first rows() continues it
    # instead of reading (and decompressing, or loading the sheet) a second time
    _pending: tuple[list[tuple[int, list[Cell]]], RowStream] | None = field(default=None, repr=False)

    def rows(self) -> Iterator[tuple[int, dict[str, Cell]]]:
        """Stream `(row_number, values)` for every non-blank data row (see module docstring)."""
        header = self.header
        width = len(header)
        pending, self._pending = self._pending, None
        stream = chain(pending[0], pending[1]) if pending else self._open()
        for position, cells in stream:
            if position <= self.header_row:
                continue
            if not any(cell != "" for cell in cells):
                continue
            values = dict(zip(header, cells, strict=False))
            if len(cells) > width:
                values.update({f"列{i + 1}": c for i, c in enumerate(cells[width:], start=width) if c != ""})
            elif len(cells) < width:
                values.update({name: "" for name in header[len(cells) :]})
            yield position - self.header_row, values

    def close(self) -> None:
        """Release the stream kept open by header detection (rows() was never called)."""
        if self._pending:
            self._pending[1].close()
            self._pending = None

    def sheet_row(self, row_number: int) -> int:
        """The row (spreadsheet) or record (CSV) number counted from the top of the file."""
        return self.header_row + row_number


def dedupe_header(cells: Sequence[Cell]) -> tuple[list[str], list[tuple[str, str]]]:
    """Header names as used: blanks become "列N", repeats get "_2", "_3" … (each rename reported).

    Trailing blank header cells (formatted but empty Excel columns) are dropped.
    """
    texts = [str(cell).replace("\ufeff", "").strip() for cell in cells]
    while texts and not texts[-1]:
        texts.pop()
    names: list[str] = []
    renamed: list[tuple[str, str]] = []
    seen: set[str] = set()
    for index, original in enumerate(texts):
        base = original or f"列{index + 1}"
        name, suffix = base, 2
        while name in seen:
            name, suffix = f"{base}_{suffix}", suffix + 1
        if name != original:
            renamed.append((original, name))
        seen.add(name)
        names.append(name)
    return names, renamed


def locate_header(rows: Sequence[tuple[int, list[Cell]]]) -> tuple[int, list[Cell]]:
    """The first row with ≥ MIN_KNOWN_HEADERS known header names among the first rows, else the
    first non-blank row (an export no profile knows: the fuzzy mapping takes over)."""
    candidates = [(position, cells) for position, cells in rows if any(cell != "" for cell in cells)]
    if not candidates:
        raise FileRejected("文件中没有数据（找不到表头行）")
    for position, cells in candidates:
        if known_header_count(cells) >= MIN_KNOWN_HEADERS:
            return position, cells
    return candidates[0]


def _numbered(rows: Iterator[list[str]]) -> RowStream:
    return ((number, [cell.strip() for cell in row]) for number, row in enumerate(rows, start=1))


def _sniff_format(path: Path) -> str:
    with open(path, "rb") as probe:
        magic = probe.read(8)
    if magic == _OLE2_MAGIC:
        return "xls"
    if magic.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return "xlsx"
        except zipfile.BadZipFile as error:
            raise FileRejected(f"文件 {path.name} 已损坏（zip 结构无效）") from error
    return "csv"


def read_table(path: Path, *, sheet: str | None = None, xlsx_engine: str = "auto") -> TableSource:
    """Open a CSV/XLSX/XLS export (see module docstring); raises FileRejected in Chinese."""
    path = Path(path)
    if not path.is_file():
        raise FileRejected(f"找不到文件：{path.name}")
    kind = _sniff_format(path)
    encoding = delimiter = None
    if kind == "csv":
        sample = read_sample(path)
        if not sample.strip():
            raise FileRejected(f"文件 {path.name} 是空的")
        encoding = detect_encoding(sample, complete=len(sample) < SAMPLE_BYTES)
        delimiter = sniff_delimiter(sample.decode(encoding, errors="replace"))

        def opener() -> RowStream:
            return _numbered(iter_csv_rows(path, encoding, delimiter))
    elif kind == "xlsx":

        def opener() -> RowStream:
            return xlsx_rows(path, sheet, engine=xlsx_engine)
    else:

        def opener() -> RowStream:
            return xls_rows(path, sheet)

    stream = opener()
    head = list(islice(stream, HEADER_SCAN_ROWS))
    header_row, cells = locate_header(head)
    header, renamed = dedupe_header(cells)
    return TableSource(
        path=path,
        format=kind,
        header=header,
        header_row=header_row,
        encoding=encoding,
        delimiter=delimiter,
        sheet=sheet,
        renamed_headers=renamed,
        _open=opener,
        _pending=(head, stream),
    )
