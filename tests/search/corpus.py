"""The search test corpus: a fixed, spread-out excerpt of the real CNIPA 2017 slice.

Every 86th data row of tests/fixtures/cnipa-bibs-2017/patents_dev.csv.xz (2,010 rows: real
titles, first applicants, addresses and IPC codes of 2017 A and B publications, application
years 2000–2017; see that folder's SOURCE.md). Tests assert on the real titles it contains.
"""

from __future__ import annotations

import lzma
from pathlib import Path

from tests.fixture_files import BIBS

STEP = 86


def write_excerpt(target: Path, *, step: int = STEP) -> Path:
    with (
        lzma.open(BIBS, "rt", encoding="utf-8", newline="") as src,
        target.open("w", encoding="utf-8", newline="") as out,
    ):
        for i, line in enumerate(src):
            if i == 0 or i % step == 0:
                out.write(line)
    return target
