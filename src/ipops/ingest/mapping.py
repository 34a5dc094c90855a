"""Turn one source row ({header: value}) into a PatentRecord, given a ColumnMapping.

Policy — strict for identity, lenient for attributes:

* The application number is the record's identity (the upsert key). A row without one, or
  with one that cannot be read or fails its check character, is rejected as a RowError that
  names the column, the value and the reason (incl. the expected check character).
* Everything else is an attribute. A date, publication number, IPC fragment, counter, postcode
  or yes/no value that cannot be read never rejects the row: the raw value stays in
  `extras[header]` and `extras["_warnings"]` gets {"column", "value", "reason"} for the report.
* Nothing is discarded: cells of unmapped columns, of lower-priority duplicate columns and of
  hint columns (国省代码, 申请人类型, 简单同族 …) are kept in `extras` as text.
"""

from __future__ import annotations

from functools import lru_cache

from ipops.domain.errors import InvalidNumber
from ipops.domain.numbers import PatentType, parse_application_number
from ipops.ingest.column_mapping import ColumnMapping
from ipops.ingest.mapping_fields import (
    map_classes,
    map_counters,
    map_family,
    map_legal,
    map_parties,
    map_publications,
    read_date,
)
from ipops.ingest.mapping_row import RowContext, cell_text
from ipops.ingest.readers.base import RowError
from ipops.ingest.record import PatentRecord

__all__ = ["map_row"]

_FOREIGN_PREFIXES = ("CN", "ZL")


@lru_cache(maxsize=64)
def _null_values(values: tuple[str, ...]) -> frozenset[str]:
    return frozenset(values)


def _reject(
    values: dict[str, object], row_number: int, reason: str, column: str | None, value: str
) -> RowError:
    return RowError(row=row_number, reason=reason, column=column, value=value, raw=dict(values))


def _identity(ctx: RowContext, row_number: int) -> PatentRecord | RowError:
    """The record's identity from the application number column; the only fatal step."""
    headers = ctx.mapping.headers("app_number")
    hit = ctx.first("app_number")
    if hit is None:
        reason = "申请号为空" if headers else "表头中没有可识别的申请号列"
        return _reject(ctx.values, row_number, reason, headers[0] if headers else None, "")
    header, raw = hit
    text = cell_text(raw)
    folded = "".join(text.split()).upper()
    if folded[:2].isalpha() and not folded.startswith(_FOREIGN_PREFIXES):
        # another office's application number (canonical JSON lines): kept as written
        return PatentRecord(app_number=folded, country=folded[:2], source_row=row_number)
    try:
        number = parse_application_number(text)
    except InvalidNumber as error:
        return _reject(ctx.values, row_number, f"申请号无效：{error.message_zh}", header, text)
    return PatentRecord(
        app_number=number.canonical,
        country="CN",
        patent_type=str(number.patent_type),
        pct_national_phase=number.pct_national_phase,
        source_row=row_number,
    )


def _patent_type(ctx: RowContext, record: PatentRecord) -> None:
    """专利类型 column: used when the number gives no type, checked against it when it does."""
    hit = ctx.first("patent_type")
    if hit is None:
        return
    header, raw = hit
    table: dict[str, str] = ctx.mapping.transform.get("patent_type_values", {})
    text = cell_text(raw)
    value = table.get(text) or table.get(text.casefold())
    if value is None or value not in PatentType.__members__:
        ctx.warn(header, raw, f"无法识别的专利类型：{text}")
    elif record.patent_type is None:
        record.patent_type = value
    elif value != record.patent_type:
        ctx.warn(header, raw, f"专利类型“{text}”与申请号所示类型不符，以申请号为准")


def _texts(ctx: RowContext, record: PatentRecord) -> None:
    record.title = ctx.text("title") or ""
    record.abstract = ctx.text("abstract")
    record.claims = ctx.text("claims")
    country = ctx.text("country")
    if country:
        record.country = country.upper()


def map_row(values: dict[str, object], mapping: ColumnMapping, *, row_number: int) -> PatentRecord | RowError:
    """One row → PatentRecord, or RowError when its application number is missing or invalid."""
    nulls = _null_values(tuple(mapping.transform.get("null_values", ())))
    ctx = RowContext(values, mapping, nulls)
    record = _identity(ctx, row_number)
    if isinstance(record, RowError):
        return record
    _texts(ctx, record)
    record.app_date = read_date(ctx, "app_date")
    record.priority_date = read_date(ctx, "priority_date", earliest=True)
    _patent_type(ctx, record)
    map_publications(ctx, record)
    map_parties(ctx, record)
    map_classes(ctx, record)
    map_legal(ctx, record)
    map_counters(ctx, record)
    map_family(ctx, record)
    record.extras = ctx.extras()
    return record
