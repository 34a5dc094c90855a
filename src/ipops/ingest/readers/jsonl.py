"""IPOps' canonical JSON lines: one patent object per line, keys named like PatentRecord fields.

A line that is not valid JSON, not UTF-8 or not an object becomes a RowError with its line
number and a Chinese reason; the file is never aborted for it. Blank lines are skipped but
counted, so the numbers are the line numbers an editor shows. Files may be gzip/xz/bz2
compressed or zipped (one .jsonl inside).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson

from ipops.ingest.mapping import map_row
from ipops.ingest.normalise.dates import parse_date
from ipops.ingest.profiles import build_mapping, get_profile
from ipops.ingest.readers.base import ReadItem, RowError
from ipops.ingest.readers.tabular_csv import open_bytes
from ipops.ingest.record import EventRecord, PartyRecord, PatentRecord, PublicationRecord

_MEMBER_SUFFIXES = (".jsonl", ".ndjson", ".json", ".txt")
_RAW_PREVIEW = 200  # characters of a bad line kept for the report
_MAX_MAPPINGS = 256  # distinct key sets remembered
# PatentRecord attributes written by dataclasses.asdict() that no CSV column describes
_RECORD_LISTS = {"parties": PartyRecord, "publications": PublicationRecord, "events": EventRecord}


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]] | RowError]:
    """(line number, object) per good line, RowError per bad line."""
    with open_bytes(Path(path), _MEMBER_SUFFIXES) as stream:
        for number, line in enumerate(stream, start=1):
            if number == 1 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
            if not line.strip():
                continue
            yield _parse_line(number, line)


def _parse_line(number: int, line: bytes) -> tuple[int, dict[str, Any]] | RowError:
    preview = line[: _RAW_PREVIEW * 4].decode("utf-8", errors="replace").strip()[:_RAW_PREVIEW]
    try:
        value = orjson.loads(line)
    except orjson.JSONDecodeError as error:
        reason = "不是 UTF-8 编码" if "utf-8" in str(error).lower() else f"不是有效的 JSON（{error}）"
        return RowError(number, f"第 {number} 行{reason}", value=preview)
    if not isinstance(value, dict):
        return RowError(
            number, f"第 {number} 行应为 JSON 对象（{{…}}），实际为 {type(value).__name__}", value=preview
        )
    return number, value


def read_jsonl(path: Path) -> Iterator[ReadItem]:
    """Records of a canonical JSON-lines file, mapped like IPOps' own CSV (profile "canonical").

    Keys that are no field go to extras; list fields may be JSON arrays or ';'-joined text.
    """
    canonical = get_profile("canonical")
    mappings: dict[tuple[str, ...], Any] = {}
    for item in iter_jsonl(path):
        if isinstance(item, RowError):
            yield item
            continue
        number, values = item
        keys = tuple(values)
        mapping = mappings.get(keys)
        if mapping is None:  # objects usually share their keys: build each mapping once
            if len(mappings) >= _MAX_MAPPINGS:
                mappings.clear()
            mapping = mappings.setdefault(keys, build_mapping(list(keys), canonical, fuzzy=False))
        item = map_row(values, mapping, row_number=number)
        if isinstance(item, PatentRecord):
            item = _record_keys(item, values, number)
        yield item


def _record_keys(record: PatentRecord, values: dict[str, Any], number: int) -> ReadItem:
    """Round trip of dataclasses.asdict(PatentRecord): parties/publications/events given as
    object lists, description and the extras object, applied after the column mapping."""
    try:
        for key, kind in _RECORD_LISTS.items():
            items = values.get(key)
            if isinstance(items, list) and items:
                parsed = [kind(**{**item, **_dated(item)}) for item in items]
                getattr(record, key).extend(parsed)
                record.extras.pop(key, None)
    except (TypeError, ValueError) as error:
        return RowError(number, f"第 {number} 行的 parties/publications/events 格式错误：{error}", raw=values)
    if isinstance(values.get("description"), str):
        record.description = values["description"]
        record.extras.pop("description", None)
    if isinstance(values.get("extras"), dict):
        record.extras.pop("extras", None)
        record.extras = {**values["extras"], **record.extras}
    return record


def _dated(item: dict[str, Any]) -> dict[str, Any]:
    return {"date": parse_date(item.get("date"))} if "date" in item else {}
