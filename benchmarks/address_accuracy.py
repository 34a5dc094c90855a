"""How well Shandong applicant addresses resolve to their city, measured on real CNIPA rows.

    .venv/bin/python benchmarks/address_accuracy.py

Three numbers, each on real data:
- coverage: of the 13,332 Shandong rows of the CN-BIBS 2017 slice (the packaged demo file), the
  share resolved to a city at all;
- accuracy: of the 397 rows of tests/fixtures/addresses (215 read and checked by hand, the rest
  checked by an independent prefix rule), the share resolved to the *right* city and county;
- postcode agreement: on all 13,332 rows, the share whose city from the address alone (postcode
  withheld) equals the city its own postcode gives, a second independent signal.
"""

from __future__ import annotations

import csv
import json
import lzma
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import REAL_SHANDONG, ROOT  # noqa: E402
from ipops.ingest.normalise.addresses import resolve_address  # noqa: E402

SAMPLE = ROOT / "tests" / "fixtures" / "addresses" / "shandong_sample.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    opener = lzma.open if path.suffix == ".xz" else open
    with opener(path, "rt", encoding="utf-8", newline="") as fh:  # type: ignore[operator]
        return list(csv.DictReader(fh))


def coverage_and_postcode_agreement() -> dict[str, Any]:
    rows = _rows(REAL_SHANDONG)
    resolved = agree = with_postcode = 0
    for r in rows:
        if resolve_address(r["申请人地址"], postcode=r["申请人邮编"]).city_code:
            resolved += 1
        by_post = resolve_address(None, postcode=r["申请人邮编"]).city_code
        if by_post:
            with_postcode += 1
            agree += resolve_address(r["申请人地址"]).city_code == by_post
    return {"rows": len(rows), "resolved_to_city": resolved, "coverage": round(resolved / len(rows), 4),
            "rows_with_postcode_city": with_postcode, "postcode_agreement": round(agree / with_postcode, 4)}  # fmt: skip


def sample_accuracy() -> dict[str, Any]:
    rows = _rows(SAMPLE)
    right_city = right_county = counties = 0
    wrong: list[str] = []
    for r in rows:
        match = resolve_address(r["申请人地址"], postcode=r["申请人邮编"])
        if match.city_code == r["expected_city"]:
            right_city += 1
        else:
            wrong.append(r["申请人地址"])
        if r["expected_county"]:
            counties += 1
            right_county += match.county_code == r["expected_county"]
    return {"rows": len(rows), "hand_checked": sum(r["checked"] == "hand" for r in rows),
            "right_city": right_city, "city_accuracy": round(right_city / len(rows), 4),
            "rows_with_county": counties, "county_accuracy": round(right_county / counties, 4),
            "wrong_examples": wrong[:10]}  # fmt: skip


def measure() -> dict[str, Any]:
    return {"all_shandong": coverage_and_postcode_agreement(), "checked_sample": sample_accuracy()}


if __name__ == "__main__":
    print(json.dumps(measure(), ensure_ascii=False, indent=1))
