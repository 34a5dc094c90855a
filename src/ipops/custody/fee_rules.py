"""The packaged fee rules (data/fees/annual_fees.toml) as a `domain.fees.FeeTable`."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ipops.domain.fees import FeeTable

FEE_FILE = "annual_fees.toml"


def fee_data(path: Path | None = None) -> dict[str, Any]:
    """The raw TOML (amounts with their source and confidence), for docs and the API."""
    if path is not None:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    text = (resources.files("ipops") / "data" / "fees" / FEE_FILE).read_text(encoding="utf-8")
    return tomllib.loads(text)


@cache
def fee_table() -> FeeTable:
    """The packaged table, read once per process."""
    return FeeTable.from_mapping(fee_data())
