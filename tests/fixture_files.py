"""Real fixture files for import tests, and copies of them with a few cells corrupted.

The corrupted copies change only the cells named; every other row stays the real CN-BIBS row
(tests/fixtures/tabular/SOURCE.md), so "every good row is imported" is checked on real data.
"""

from __future__ import annotations

import csv
import lzma
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
EXCERPT = FIXTURES / "tabular" / "excerpt_utf8.csv"  # 200 rows, 199 applications (one A/B pair)
BIBS = FIXTURES / "cnipa-bibs-2017" / "patents_dev.csv.xz"
CN_BIBS_XML = FIXTURES / "cnipa-xml-samples" / "CN107087341A_CN-BIBS-ABSS.XML"
CN_TRUNCATED_XML = FIXTURES / "cnipa-xml-samples" / "CN201310520601_cnipr_description_partial.xml"
US_GRANTS = sorted((FIXTURES / "uspto-xml-samples" / "xml2014").glob("*.xml"))

# data row → (header, bad value): a wrong check character (…056.7 is right), an empty number,
# and two dates no reader can parse
BAD_CELLS = {
    40: ("申请号", "CN201610349056.1"),
    20: ("申请号", ""),
    10: ("申请日", "二〇一五年十三月"),
    30: ("申请日", "20151345"),
}
REJECTED_ROWS = (20, 40)  # no usable application number: reported, not imported
WARNED_ROWS = (10, 30)  # imported; the unreadable date is reported and kept in extras


def corrupt_copy(target: Path, cells: dict[int, tuple[str, str]] | None = None) -> Path:
    """EXCERPT with `cells` (data row → header, value) overwritten; written to `target`."""
    with EXCERPT.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    header = rows[0]
    for row, (column, value) in (BAD_CELLS if cells is None else cells).items():
        rows[row][header.index(column)] = value
    with target.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)
    return target


def bibs_slice(target: Path, rows: int) -> Path:
    """The header and first `rows` rows of the real CN-BIBS 2017 file, xz-compressed like it."""
    with lzma.open(BIBS, "rt", encoding="utf-8", newline="") as src, lzma.open(target, "wt", encoding="utf-8") as out:
        for _ in range(rows + 1):
            out.write(src.readline())
    return target


def concatenated(target: Path, parts: list[Path], *, cut_last: int | None = None) -> Path:
    """A bulk file of whole documents, as the offices ship them; `cut_last` keeps only that many
    leading bytes of the last part (a truncated download)."""
    data = [p.read_bytes() for p in parts]
    if cut_last is not None:
        data[-1] = data[-1][:cut_last]
    target.write_bytes(b"\n".join(data))
    return target
