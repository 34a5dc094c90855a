"""Run every benchmark and write docs/benchmarks.md (machine, dataset sizes, numbers).

    make bench                                  # everything (about an hour on 2 cores)
    .venv/bin/python benchmarks/run_all.py --render-only    # rewrite the page from stored results

Import cases are stored in var/bench/import_results.jsonl as they finish; the page shows the
newest result of each case and engine, with the load average seen at its end (other work on the
machine shares the two cores and slows a case down: the page says so rather than hiding it).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import address_accuracy, import_speed, xml_parse  # noqa: E402
from benchmarks.synthetic import ROOT  # noqa: E402

DOC = ROOT / "docs" / "benchmarks.md"
OTHER = import_speed.WORK / "other_results.json"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())  # fmt: skip
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    import sqlalchemy
    from sqlalchemy import create_engine, text

    try:
        with create_engine(import_speed.PG_ADMIN).connect() as conn:
            pg = conn.execute(text("SHOW server_version")).scalar()
    except Exception:  # noqa: BLE001 - the page just says it is not known
        pg = "not reachable"
    import sqlite3

    return (f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB RAM, Python {platform.python_version()}, "
            f"SQLite {sqlite3.sqlite_version}, PostgreSQL {pg}, SQLAlchemy {sqlalchemy.__version__}")  # fmt: skip


def newest_imports() -> list[dict[str, Any]]:
    if not import_speed.RESULTS.exists():
        return []
    newest: dict[tuple[str, str], dict[str, Any]] = {}
    for line in import_speed.RESULTS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        newest[(r["case"], r["engine"])] = r
    order = list(import_speed.CASES)
    return sorted(newest.values(), key=lambda r: (order.index(r["case"]), r["engine"]))


def import_table(results: list[dict[str, Any]]) -> list[str]:
    lines = ["| case | engine | rows read | inserted / updated / unchanged / rejected | seconds | rows/s "
             "| peak RSS writer / reader (MB) | load avg at end |", "|---|---|---:|---|---:|---:|---|---:|"]  # fmt: skip
    for r in results:
        lines.append(
            f"| {import_speed.CASES[r['case']]} | {r['engine']} | {r['read']:,} | {r['inserted']:,} / {r['updated']:,} / "
            f"{r['unchanged']:,} / {r['rejected']:,} | {r['seconds']} | {r['rows_per_s']:,} | "
            f"{r['peak_rss_mb']} / {r['reader_peak_rss_mb']} | {r.get('load_avg_1min_at_end', '–')} |"
        )
    lines += ["", "RSS of the writing process along the run (rows read → MB):", ""]
    lines += [f"- {r['case']} / {r['engine']}: " + ", ".join(f"{n:,}→{mb}" for n, mb in r["rss_curve_mb"])
              for r in results]  # fmt: skip
    return lines


def render(other: dict[str, Any]) -> str:
    addr = other.get("addresses", {})
    xml = other.get("xml", {})
    out = ["# Benchmarks", "", "Written by `benchmarks/run_all.py` (`make bench`); numbers are measured, never typed in.", "",
           f"Machine: {other.get('machine', machine())}.", "", "## Import (real CNIPA file and 10^6 synthetic rows)", "",
           "Each case: a fresh process importing into an empty, initialised database with the CLI defaults "
           "(batch 2,000, read-ahead mapping in a second process). Targets from the ingestion issue: 172,830 real rows "
           "≤ 100 s, 100,000 rows ≤ 60 s, 10^6 rows with peak RSS ≤ 500 MB.", ""]  # fmt: skip
    out += import_table(newest_imports())
    if addr:
        a, s = addr["all_shandong"], addr["checked_sample"]
        out += ["", "## Shandong addresses → city (real rows)", "",
                f"- Coverage: {a['resolved_to_city']:,} of {a['rows']:,} Shandong rows of the CN-BIBS slice resolve to a city "
                f"({a['coverage']:.2%}).",
                f"- Accuracy on the checked sample (`tests/fixtures/addresses`, {s['rows']} rows, {s['hand_checked']} read by hand, "
                f"old names 莱芜市/即墨市, county-level cities and development zones over-represented): right city "
                f"{s['city_accuracy']:.2%}, right county {s['county_accuracy']:.2%} of the {s['rows_with_county']} rows whose "
                "address fixes the county.",
                f"- Agreement with the row's own postcode (address alone vs postcode alone, {a['rows_with_postcode_city']:,} rows): "
                f"{a['postcode_agreement']:.2%}. The postcode-prefix table was itself derived from majority cities of this slice, "
                "so this is a consistency check, not an independent ground truth; the disagreements are mostly source errors "
                "(e.g. 临邑县 with 临沂's postcode)."]  # fmt: skip
    if xml:
        out += ["", "## CNIPA XML parsing", "",
                f"- {xml['documents']:,} copies of the real CN-BIBS-ABSS document: {xml['seconds']} s = {xml['docs_per_s']:,} documents/s."]  # fmt: skip
    return "\n".join(out) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--render-only", action="store_true")
    parser.add_argument("--skip-imports", action="store_true")
    args = parser.parse_args()
    if not args.render_only:
        import_speed.WORK.mkdir(parents=True, exist_ok=True)
        other = {"machine": machine(), "addresses": address_accuracy.measure(), "xml": xml_parse.measure(20_000)}
        OTHER.write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
        if not args.skip_imports:
            for case in import_speed.CASES:
                for engine in ("sqlite", "postgresql"):
                    print(json.dumps(import_speed.measure(case, engine), ensure_ascii=False), flush=True)
    other = json.loads(OTHER.read_text(encoding="utf-8")) if OTHER.exists() else {}
    DOC.write_text(render(other), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
