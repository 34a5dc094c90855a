"""Read + map speed of the tabular importer path (no database), and its memory.

    .venv/bin/python benchmarks/read_speed.py                 # the 172,830-row CN-BIBS fixture
    .venv/bin/python benchmarks/read_speed.py FILE            # any CSV/XLSX/XLS export
    .venv/bin/python benchmarks/read_speed.py --million       # + streaming check on 1,000,000 rows

Prints rows/s for reading alone and for reading + mapping (profile detection, numbers, dates,
IPC, names, address resolution), and the peak RSS (resource.getrusage). The --million check
writes a gzip CSV of 1,000,000 rows by cycling the real fixture rows (labelled: repeated real
rows, not new data) to a temporary folder and reports how much RSS grows while streaming it.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import itertools
import lzma
import resource
import tempfile
import time
from pathlib import Path

from ipops.ingest.mapping import map_row
from ipops.ingest.profiles import detect_profile
from ipops.ingest.readers.base import RowError
from ipops.ingest.readers.tabular import read_table

FIXTURE = Path(__file__).parents[1] / "tests" / "fixtures" / "cnipa-bibs-2017" / "patents_dev.csv.xz"


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def read_only(path: Path) -> tuple[int, float]:
    started = time.perf_counter()
    rows = sum(1 for _ in read_table(path).rows())
    return rows, time.perf_counter() - started


def read_and_map(path: Path) -> tuple[int, int, int, float]:
    started = time.perf_counter()
    source = read_table(path)
    mapping = detect_profile(source.header).mapping
    rows = rejected = warned = 0
    for number, values in source.rows():
        item = map_row(values, mapping, row_number=number)
        rows += 1
        if isinstance(item, RowError):
            rejected += 1
        elif "_warnings" in item.extras:
            warned += 1
    return rows, rejected, warned, time.perf_counter() - started


def million_rows(folder: Path) -> Path:
    """1,000,000 rows: the real fixture rows cycled (synthetic volume, real values), streamed."""
    target = folder / "million.csv.gz"
    with gzip.open(target, "wt", encoding="utf-8", newline="", compresslevel=1) as out:
        writer = csv.writer(out)
        written = 0
        while written < 1_000_000:
            with lzma.open(FIXTURE, "rt", encoding="utf-8", newline="") as src:
                reader = csv.reader(src)
                header = next(reader)
                if written == 0:
                    writer.writerow(header)
                for row in itertools.islice(reader, 1_000_000 - written):
                    writer.writerow(row)
                    written += 1
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=FIXTURE)
    parser.add_argument("--million", action="store_true", help="also stream a 1,000,000-row file")
    args = parser.parse_args()

    rows, seconds = read_only(args.file)
    print(f"file: {args.file.name}")
    print(f"read only:  {rows:>9,} rows in {seconds:6.1f} s = {rows / seconds:>9,.0f} rows/s")
    rows, rejected, warned, seconds = read_and_map(args.file)
    print(f"read + map: {rows:>9,} rows in {seconds:6.1f} s = {rows / seconds:>9,.0f} rows/s "
          f"({rejected} rejected, {warned} with warnings)")  # fmt: skip
    print(f"peak RSS:   {peak_rss_mb():.0f} MB")

    if args.million:
        with tempfile.TemporaryDirectory() as folder:
            path = million_rows(Path(folder))
            before = peak_rss_mb()
            rows, seconds = read_only(path)
            print(f"1M stream:  {rows:>9,} rows in {seconds:6.1f} s = {rows / seconds:>9,.0f} rows/s, "
                  f"peak RSS {before:.0f} → {peak_rss_mb():.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
