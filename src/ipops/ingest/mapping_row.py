"""Per-row bookkeeping for `mapping.map_row`: which cells were used, warnings, and extras.

Kept apart from the field rules so that the rule "nothing is discarded" lives in one place:
every non-empty cell either fed a record attribute successfully or ends up in `extras`
under its header, and every attribute that failed to parse leaves a warning.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from ipops.ingest.column_mapping import HINT_FIELDS, ColumnMapping

WARNINGS_KEY = "_warnings"


def cell_text(value: object) -> str:
    """A cell as text: whole floats without ".0", dates in ISO form, lists joined with "; "."""
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | Decimal | int | float | dt.time):
        return str(value)
    if isinstance(value, list | tuple):
        return "; ".join(cell_text(v) for v in value if cell_text(v))
    return str(value)


def extra_value(value: object) -> object:
    """What extras keep: text for scalar cells, JSON arrays/objects (JSON lines) as they are."""
    if isinstance(value, dict | list):
        return value
    return cell_text(value)


class RowContext:
    """One source row being mapped: cell lookup by field, warnings, consumed headers."""

    __slots__ = ("values", "mapping", "null_values", "used", "warnings")

    def __init__(
        self, values: dict[str, object], mapping: ColumnMapping, null_values: frozenset[str]
    ) -> None:
        self.values = values
        self.mapping = mapping
        self.null_values = null_values
        self.used: set[str] = set()
        self.warnings: list[dict[str, str]] = []

    def is_empty(self, value: object) -> bool:
        if value is None:
            return True
        if isinstance(value, str):
            text = value.strip()
            return not text or text in self.null_values
        if isinstance(value, list | tuple | dict):
            return not value
        return False

    def first(self, field: str) -> tuple[str, object] | None:
        """(header, raw value) of the first non-empty cell feeding `field`, marked as used.

        Later headers of the same field stay unused, so their values are kept in extras.
        """
        headers = self.mapping.fields.get(field)
        if not headers:
            return None
        for header in headers:
            value = self.values.get(header)
            if not self.is_empty(value):
                self.used.add(header)
                return header, value
        return None

    def text(self, field: str) -> str | None:
        hit = self.first(field)
        return cell_text(hit[1]) if hit else None

    def warn(self, header: str, value: object, reason: str) -> None:
        """Record a problem with an attribute: the raw value goes to extras, the row is kept."""
        self.used.discard(header)
        self.warnings.append({"column": header, "value": cell_text(value), "reason": reason})

    def extras(self) -> dict[str, Any]:
        """Every non-empty cell not used for an attribute (hint fields are always kept)."""
        hints = {h for field in HINT_FIELDS for h in self.mapping.headers(field)}
        extras = {
            header: extra_value(value)
            for header, value in self.values.items()
            if (header not in self.used or header in hints) and not self.is_empty(value)
        }
        if self.warnings:
            extras[WARNINGS_KEY] = self.warnings
        return extras


def split_tokens(text: str, separators: Iterable[str] = (";", "；", ",", "，", "|", "｜", "、")) -> list[str]:
    """Split a list cell of numbers/codes on common separators and whitespace runs."""
    for sep in separators:
        text = text.replace(sep, " ")
    return [token for token in text.split() if token]
