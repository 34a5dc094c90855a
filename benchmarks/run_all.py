"""Run every benchmark and write docs/benchmarks.md (machine, dataset sizes, numbers).

    make bench                                  # everything (about an hour on 2 cores)
    .venv/bin/python benchmarks/run_all.py --render-only    # rewrite the page from stored results

Import cases are stored in var/bench/import_results.jsonl as they finish; the page shows the
newest result of each case and engine, with the load average seen at its end (other work on the
machine shares the two cores and slows a case down: the page says so rather than hiding it).
Indicator timings (benchmarks/indicator_speed.py) are stored in var/bench/indicator_results.jsonl
and rendered into the "Indicators" section the same way. When the import and other results are not
on this machine (var/ is not versioned), --render-only keeps the page's existing sections and only
rewrites the Indicators section, so numbers measured elsewhere are never erased.
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

from benchmarks import address_accuracy, import_speed, indicator_speed, xml_parse  # noqa: E402
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


def newest_indicators() -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Newest result per (n, engine, note), with the newest measured facts build; and the newest page run."""
    if not indicator_speed.RESULTS.exists():
        return [], None
    newest: dict[tuple[int, str, str], dict[str, Any]] = {}
    builds: dict[tuple[int, str], dict[str, Any]] = {}
    page = None
    for line in indicator_speed.RESULTS.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        if r.get("kind") == "page":
            page = r
            continue
        newest[(r["n"], r["engine"], r.get("note", ""))] = r
        if r.get("facts_build_s") is not None:
            builds[(r["n"], r["engine"])] = r
    out = []
    for key in sorted(newest):
        r = dict(newest[key])
        if r.get("facts_build_s") is None and key[:2] in builds:
            r["facts_build_s"], r["facts_build_kind"] = builds[key[:2]]["facts_build_s"], builds[key[:2]]["facts_build_kind"]
        out.append(r)
    return out, page


def _ms(block: dict[str, Any] | None) -> str:
    return f"{block['median_s']} / {block['p95_s']}" if block else "–"


def indicator_section() -> list[str]:
    results, page = newest_indicators()
    if not results and not page:
        return []
    years = results[0]["years"] if results else [page["year"]] if page else []
    out = ["## Indicators (10^5 and 10^6 SYNTHETIC patents)", "",
           "Written by `benchmarks/indicator_speed.py`. The data are SYNTHETIC (`benchmarks/synthetic.py`: real titles, "
           "IPC and Shandong addresses recombined, types/statuses/events drawn at fixed rates), so the numbers measure "
           "speed, not the indicators' values. Per database: the first `facts.refresh` (building `patent_fact`) and a "
           "no-op incremental refresh; the full table = `indicator_table` for 山东省 and its 16 cities × 6 years "
           f"({years[0]}–{years[-1]}, the last complete years with grants) × every indicator; the wall JSON = "
           "`build_wall` (hv_invention_per_10k, six-year trends, gauges, tiles); each 1 warm-up + 7 runs in a fresh "
           "session, median / p95 (= slowest run) in seconds. The wall page: the app under uvicorn on the 10^6 SQLite "
           "database, an office admin signed in, headless Debian Chromium (Playwright) loading `/wall?year=Y` until "
           "wall.js sets `body[data-state=ready]` (after every panel is rendered) and the map, trend and gauge canvases "
           "and the 16 ranking rows exist; 1 warm-up + 5 loads, static files cached by the browser. "
           "Targets: full table ≤ 2 s at 10^6, wall page ≤ 1.5 s. *Computed* = the indicator cache off, every run "
           "scans; *cached* = as the running platform answers: grids are kept in memory under a data stamp "
           "(`indicator_cache_size`, warmed after every import and at start-up), so only the stamp is read. The wall "
           "page's first load is cold (nothing cached anywhere); *after a restart* the process memory is empty but the "
           "shared `indicator_cache` table still holds the grid; the others are answered from memory.", "",
           "| n | engine | facts build (s) | no-op refresh (s) | full table computed median / p95 (s) | full table cached (s) "
           "| table rows | wall JSON computed (s) | wall JSON cached (s) | get_indicator (1 city, computed) (s) "
           "| wall page: first load / after a restart / cached median / p95 (s) | load avg |",
           "|---:|---|---:|---:|---|---|---:|---|---|---|---|---:|"]  # fmt: skip
    for r in results:
        t = r["full_table"]
        on_page = page if page and (page["n"], page["engine"], "") == (r["n"], r["engine"], r.get("note", "")) else None
        engine = r["engine"] + (f", {r['note']}" if r.get("note") else "")
        target = " ✗" if r["n"] >= 1_000_000 and t["median_s"] > 2 else ""
        page_cell = "–"
        if on_page:
            page_cell = (f"{on_page.get('first_load_s', '–')} / {on_page.get('after_restart_s', '–')} / {_ms(on_page['page'])}"
                         + (" ✗" if on_page["page"]["median_s"] > 1.5 else ""))  # fmt: skip
        cached = _ms(r["full_table_cached"]) if "full_table_cached" in r else "–"
        wall_cached = _ms(r["wall_json_cached"]) if "wall_json_cached" in r else "–"
        out.append(f"| {r['n']:,} | {engine} | {r['facts_build_s'] if r['facts_build_s'] is not None else '–'} | "
                   f"{r['facts_noop_refresh_s']} | {_ms(t)}{target} | {cached} | {t['rows']:,} | {_ms(r['wall_json'])} | "
                   f"{wall_cached} | {_ms(r['get_indicator'])} | {page_cell} | {r.get('load_avg_1min', '–')} |")  # fmt: skip
    out += ["", "Sanity of each full table (province 有效发明专利 in the last year must be > 0 and equal the sum of its cities):", ""]
    out += [f"- {r['n']:,} / {r['engine']}{', ' + r['note'] if r.get('note') else ''}: {r['full_table']['indicators']} indicators × {r['full_table']['regions']} regions "
            f"× {len(r['years'])} years = {r['full_table']['rows']:,} rows; {r['full_table']['period_checked']}: province "
            f"{r['full_table']['province_valid_invention']:,.0f}, cities {r['full_table']['cities_valid_invention_sum']:,.0f} "
            f"({'ok' if r['full_table']['sanity_ok'] else 'MISMATCH'}); {r['full_table']['indicators_nonzero']} indicators "
            "have a non-zero value (the rest need office inputs or events the synthetic data lack)" for r in results]  # fmt: skip
    if page:
        out += ["", f"Wall page ({page['n']:,} {page['engine']}, {page['url']}): median {page['page']['median_s']} s, "
                f"p95 {page['page']['p95_s']} s from `goto` to drawn (runs {page['page']['runs_s']}); of which the "
                f"`/api/v1/wall` fetch median {page['api_fetch']['median_s']} s. Load average {page['load_avg_1min']}."]  # fmt: skip
    return out


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
    section = indicator_section()
    return "\n".join(out + ([""] + section if section else [])) + "\n"


INDICATOR_HEADING = "## Indicators"


def render_page(other: dict[str, Any]) -> str:
    """The whole page; without import/other results here, the existing page with a new Indicators section."""
    if other or newest_imports() or not DOC.exists():
        return render(other)
    kept = DOC.read_text(encoding="utf-8")
    if INDICATOR_HEADING in kept:
        head, _, rest = kept.partition(INDICATOR_HEADING)
        tail = rest[rest.find("\n## ") + 1:] if "\n## " in rest else ""
        kept = head.rstrip("\n") + "\n" + ("\n" + tail if tail else "")
    section = indicator_section()
    return kept.rstrip("\n") + "\n" + ("\n" + "\n".join(section) + "\n" if section else "")


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
        indicator_speed.run([100_000, 1_000_000], ["sqlite", "postgresql"])
    other = json.loads(OTHER.read_text(encoding="utf-8")) if OTHER.exists() else {}
    DOC.write_text(render_page(other), encoding="utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
