"""Which reader a file needs, and the column mapping it was read with.

XML is sniffed (CNIPA, USPTO in every historic form, WIPO ST.36); JSON lines is IPOps' canonical
format; everything else is a table (CSV in any common encoding, XLSX, XLS, compressed or zipped)
whose header picks a vendor profile, unless `--profile` or `--mapping` says otherwise.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ipops.ingest.column_mapping import ColumnMapping
from ipops.ingest.mapping import map_row
from ipops.ingest.profiles import (
    UnknownProfile,
    bind_mapping,
    build_mapping,
    detect_profile,
    get_profile,
    load_mapping_file,
)
from ipops.ingest.readers.base import FileRejected, ReadItem
from ipops.ingest.readers.detect import detect_xml_format, read_xml
from ipops.ingest.readers.jsonl import read_jsonl
from ipops.ingest.readers.tabular import TableSource, read_table

_COMPRESSION = (".xz", ".gz", ".bz2")
_JSONL = (".jsonl", ".ndjson")


@dataclass
class SourceFile:
    format: str
    profile: str | None
    mapping: dict[str, Any] | None  # the report of how columns were mapped (tables only)
    items: Iterator[ReadItem]


def _base_suffix(path: Path) -> str:
    suffixes = [s.lower() for s in path.suffixes]
    while suffixes and suffixes[-1] in _COMPRESSION:
        suffixes.pop()
    return suffixes[-1] if suffixes else ""


def _looks_like_xml(path: Path) -> bool:
    with path.open("rb") as fh:
        head = fh.read(512).lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") or _base_suffix(path) in (".xml", ".sgm", ".sgml")


def open_source(path: Path, *, profile: str | None = None, mapping_file: Path | None = None) -> SourceFile:
    """Open `path` with the right reader; raises FileRejected (Chinese message) when it cannot."""
    path = Path(path)
    if profile is not None:  # a mistyped name is an error for every format, not only tables
        try:
            get_profile(profile)
        except UnknownProfile as exc:
            raise FileRejected(str(exc)) from exc
    suffix = _base_suffix(path)
    if suffix in _JSONL:
        return SourceFile("jsonl", "canonical", None, read_jsonl(path))
    if suffix not in (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".xls", ".zip") and _looks_like_xml(path):
        return SourceFile(detect_xml_format(path), None, None, read_xml(path))
    if suffix == ".txt" and _is_greenbook(path):
        return SourceFile(detect_xml_format(path), None, None, read_xml(path))
    table = _read_table(path)
    mapping = _choose_mapping(table, profile=profile, mapping_file=mapping_file)
    return SourceFile(table.format, mapping.profile, _mapping_report(table, mapping), _records(table, mapping))


def _is_greenbook(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(64).lstrip().startswith((b"HHHHHT", b"PATN"))


def _read_table(path: Path) -> TableSource:
    try:
        return read_table(path)
    except FileRejected:
        raise
    except (OSError, ValueError, UnicodeError) as exc:
        raise FileRejected(f"无法读取文件 {path.name}：{exc}") from exc


def _choose_mapping(table: TableSource, *, profile: str | None, mapping_file: Path | None) -> ColumnMapping:
    try:
        if mapping_file is not None:
            return bind_mapping(load_mapping_file(mapping_file), table.header)
        if profile is not None:
            return build_mapping(table.header, get_profile(profile), fuzzy=True)
    except (UnknownProfile, ValueError) as exc:
        raise FileRejected(str(exc)) from exc
    detected = detect_profile(table.header)
    if not detected.mapping.fields.get("app_number"):
        raise FileRejected(
            f"文件 {table.path.name} 中找不到申请号列（表头：{'、'.join(table.header[:12])}…）。"
            "请用 --profile 指定导出格式，或用 --mapping 提供字段映射。"
        )
    return detected.mapping


def _mapping_report(table: TableSource, mapping: ColumnMapping) -> dict[str, Any]:
    report = mapping.report()
    report.update(encoding=table.encoding, delimiter=table.delimiter, sheet=table.sheet,
                  header_row=table.header_row, renamed_headers=table.renamed_headers)  # fmt: skip
    return report


def _records(table: TableSource, mapping: ColumnMapping) -> Iterator[ReadItem]:
    for row_number, values in table.rows():
        yield map_row(values, mapping, row_number=row_number)
