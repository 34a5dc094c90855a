"""The whole real CN-BIBS 2017 slice (172,830 rows) maps with no rejected row (ingestion issue)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from ipops.ingest.read_ahead import read_ahead
from ipops.ingest.readers.base import RowError
from ipops.refdata.regions_file import load_region_table

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "cnipa-bibs-2017" / "patents_dev.csv.xz"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def outcome() -> dict[str, object]:
    """One pass over the file (mapped in a second process, as `ipops import` does)."""
    rejected: list[RowError] = []
    numbers: Counter[str] = Counter()
    shandong = shandong_city = 0
    rows = 0
    regions = load_region_table()
    for item in read_ahead(REAL):
        rows += 1
        if isinstance(item, RowError):
            rejected.append(item)
            continue
        numbers[item.app_number] += 1
        if (item.address or "").startswith("山东"):
            shandong += 1
            shandong_city += bool(item.region_code and regions.level_of(item.region_code, "city"))
    return {"rows": rows, "rejected": rejected, "numbers": numbers, "shandong": shandong, "city": shandong_city}


def test_every_row_maps(outcome: dict) -> None:
    assert outcome["rows"] == 172_830
    assert outcome["rejected"] == []


def test_a_and_b_rows_of_one_application_share_one_number(outcome: dict) -> None:
    # A rows carry the 15-digit standard form, B rows the original form with check character
    assert all(n.startswith("CN") and "." in n for n in outcome["numbers"])
    assert sum(1 for c in outcome["numbers"].values() if c > 1) > 1000


def test_shandong_addresses_reach_a_city(outcome: dict) -> None:
    assert outcome["shandong"] > 13_000
    assert outcome["city"] / outcome["shandong"] >= 0.98
