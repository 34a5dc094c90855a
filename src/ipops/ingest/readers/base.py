"""What every reader yields: a record, or a row error that is reported and never dropped."""

from __future__ import annotations

from dataclasses import dataclass

from ipops.ingest.record import PatentRecord


@dataclass(slots=True)
class RowError:
    """A source row that could not become a record. `reason` is Chinese, for the import report."""

    row: int  # 1-based data row (header excluded) or document index in the file
    reason: str
    column: str | None = None
    value: str | None = None
    raw: dict[str, object] | None = None  # the row's raw values, kept for the report


class FileRejected(Exception):
    """The whole file cannot be read (truncated XML, unknown format); message is Chinese."""


ReadItem = PatentRecord | RowError
