"""A small real corpus for the data-quality tests, imported through the real importer.

* the first 300 rows of the CN-BIBS-ABSS 2017 slice (`cnipa-bibs-2017/patents_dev.csv.xz`);
* the 200-row tabular excerpt (`tabular/excerpt_utf8.csv`; 15 of its rows are among the 300);
* `edited.csv`: the next five real rows (301–305) with single cells changed on purpose, so that
  the view has something to find: two applicant spellings of one company, two bad postcodes, a
  bad application date, an unknown IPC code and a Shandong address that names only the province.
"""

from __future__ import annotations

import csv
import lzma
from itertools import islice
from pathlib import Path

from sqlalchemy import delete

from ipops.ingest.importer import ImportReport, run_import
from ipops.quality.schemas import QualityReport
from ipops.quality.service import quality_report
from ipops.store.db import Base, Database
from tests.conftest import FIXTURES, REFERENCE_TABLES

SLICE = FIXTURES / "cnipa-bibs-2017" / "patents_dev.csv.xz"
EXCERPT = FIXTURES / "tabular" / "excerpt_utf8.csv"
# row (0-based within 301–305) → cells replaced
EDITS: dict[int, dict[str, str]] = {
    0: {"申请人(第一)": "西门子（中国）有限公司"},
    1: {"申请人(第一)": "西门子股份公司", "申请人邮编": "22100"},
    2: {"申请人邮编": "2661"},
    3: {"申请日": "2015-13-45", "IPC分类号": "B07C5/342;XYZ;"},
    4: {"申请人地址": "山东省", "申请人邮编": "0"},
}


def _slice_rows(start: int, stop: int) -> tuple[list[str], list[dict[str, str]]]:
    with lzma.open(SLICE, "rt", encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(islice(reader, start, stop))


def write_files(tmp: Path) -> tuple[Path, Path]:
    """(first300.csv, edited.csv) written under `tmp`."""
    header, rows = _slice_rows(0, 305)
    paths = tmp / "first300.csv", tmp / "edited.csv"
    for path, part in zip(paths, (rows[:300], rows[300:]), strict=True):
        if path.name == "edited.csv":
            part = [{**row, **EDITS.get(i, {})} for i, row in enumerate(part)]
        with path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=header)
            writer.writeheader()
            writer.writerows(part)
    return paths


def load_corpus(db: Database, tmp: Path) -> list[ImportReport]:
    first300, edited = write_files(tmp)
    return [run_import(db.sessions, path, batch_size=200) for path in (first300, EXCERPT, edited)]


def corpus_report(db: Database, tmp: Path) -> QualityReport:
    """Load the corpus, compute the view, and empty the database again (for module-scoped fixtures)."""
    try:
        load_corpus(db, tmp)
        with db.session() as s:
            return quality_report(s)
    finally:
        with db.session() as s:
            for table in reversed(Base.metadata.sorted_tables):
                if table.name not in REFERENCE_TABLES:
                    s.execute(delete(table))
