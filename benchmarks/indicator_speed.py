"""Indicator speed on SYNTHETIC benchmark databases: facts build, the full table, the data wall.

    .venv/bin/python benchmarks/indicator_speed.py                                  # 10^5 and 10^6, both engines, page
    .venv/bin/python benchmarks/indicator_speed.py --sizes 100000 --engines sqlite --skip-page

For each (n, engine): `facts.refresh` on a database without facts (the first build; with facts
already there it is not re-measured unless --rebuild-facts forces a full rebuild), then a no-op
incremental refresh; the FULL TABLE (Shandong + its 16 cities × 6 years × every indicator),
`build_wall` (the data-wall JSON) and one `get_indicator` for a city: 1 warm-up + 7 timed runs
each, median and p95 (= the slowest of 7), every run in its own session like a request. The six
years are the last six complete years with grants in the synthetic data. The page: the app under
uvicorn (in a thread) on the 10^6 SQLite database, an office admin signed in through /login,
Debian Chromium via Playwright loading /wall?year=Y until wall.js has set body[data-state=ready]
(it does so after every panel is rendered) and the map, trend and gauge canvases and the 16 ranking
rows exist: 1 warm-up + 5 runs. Results are appended to var/bench/indicator_results.jsonl.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import socket
import statistics
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import sqlalchemy as sa  # noqa: E402

from benchmarks.synthetic import ROOT  # noqa: E402

WORK = ROOT / "var" / "bench"
RESULTS = WORK / "indicator_results.jsonl"
REGION = "370000"
CITY = "370600"  # 烟台市, for the single get_indicator
WALL_INDICATOR = "hv_invention_per_10k"
RUNS, PAGE_RUNS = 7, 5
CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]  # fmt: skip
USERNAME, PASSWORD = "bench-wall-admin", "bench-wall-admin-1"


def timed(fn: Callable[[], Any], runs: int = RUNS) -> tuple[dict[str, Any], Any]:
    """1 warm-up + `runs` timed calls: median, p95 (the slowest of so few runs) and every run."""
    result = fn()
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - started)
    return {"median_s": round(statistics.median(seconds), 3), "p95_s": round(max(seconds), 3),
            "runs_s": [round(s, 3) for s in seconds]}, result  # fmt: skip


def last_complete_year(latest_grant: dt.date) -> int:
    return latest_grant.year if (latest_grant.month, latest_grant.day) == (12, 31) else latest_grant.year - 1


def db_size_mb(db: Any, n: int, engine: str) -> float:
    if engine == "sqlite":
        return round(sum(p.stat().st_size for p in WORK.glob(f"ipops_{n}.db*")) / 2**20)
    with db.engine.connect() as conn:
        return round(conn.scalar(sa.text("SELECT pg_database_size(current_database())")) / 2**20)


def machine_facts() -> dict[str, Any]:
    from benchmarks.run_all import machine

    return {"machine": machine(), "load_avg_1min": round(os.getloadavg()[0], 2)}


def measure(n: int, engine: str, *, rebuild_facts: bool = False, note: str = "") -> dict[str, Any]:
    from benchmarks.datasets import benchmark_database
    from ipops.analytics.facts import FINGERPRINT_KEY, refresh
    from ipops.analytics.periods import make_period
    from ipops.analytics.rules import IndicatorRules
    from ipops.analytics.service import get_indicator, indicator_table
    from ipops.analytics.wall import build_wall
    from ipops.store.schema import PatentFact, RefdataVersion

    db = benchmark_database(n, engine)
    rules = IndicatorRules.from_settings(db.settings)
    out: dict[str, Any] = {"n": n, "engine": engine, "note": note, "synthetic": True,
                           "date": dt.datetime.now().isoformat(timespec="seconds")}  # fmt: skip
    with db.session() as s:
        facts_before = s.scalar(sa.select(sa.func.count()).select_from(PatentFact)) or 0
        if facts_before and rebuild_facts:
            s.execute(sa.delete(RefdataVersion).where(RefdataVersion.name == FINGERPRINT_KEY))
    if not facts_before or rebuild_facts:
        started = time.perf_counter()
        with db.session() as s:
            report = refresh(s, rules)
        out["facts_build_s"] = round(time.perf_counter() - started, 1)
        out["facts_build_kind"] = "first build" if not facts_before else "full rebuild (rules changed)"
        out["facts_built"] = report.built
    else:
        out["facts_build_s"] = None
        out["facts_build_kind"] = "facts already built, not re-measured"
    started = time.perf_counter()
    with db.session() as s:
        report = refresh(s, rules)
    out["facts_noop_refresh_s"] = round(time.perf_counter() - started, 2)
    out["facts_noop_rebuilt"] = report.built
    with db.session() as s:
        out["patent_fact_rows"] = s.scalar(sa.select(sa.func.count()).select_from(PatentFact))
        latest = s.scalar(sa.select(sa.func.max(PatentFact.grant_date)))
    if isinstance(latest, str):
        latest = dt.date.fromisoformat(latest[:10])
    year = last_complete_year(latest)
    years = list(range(year - 5, year + 1))
    periods = [make_period("year", y) for y in years]
    out |= {"years": years, "latest_grant_date": latest.isoformat(), "db_size_mb": db_size_mb(db, n, engine)}

    cold = dataclasses.replace(rules, cache_size=0)  # every run computes (no in-process cache)

    def table(r: Any = cold) -> Any:
        with db.session() as s:
            return indicator_table(s, rules=r, region_code=REGION, periods=periods, indicator_ids=None)

    def wall(r: Any = cold) -> Any:
        with db.session() as s:
            return build_wall(s, rules=r, region_code=REGION, year=year, indicator_id=WALL_INDICATOR)

    def one() -> Any:
        with db.session() as s:
            return get_indicator(s, rules=cold, indicator_id="valid_invention", region_code=CITY, period=periods[-1])

    out["full_table"], result = timed(table)
    out["full_table"] |= table_sanity(result, str(year))
    out["wall_json"], doc = timed(wall)
    out["wall_json"]["bytes"] = len(json.dumps(doc, ensure_ascii=False, default=str).encode())
    out["wall_json"]["ranking_rows"] = len(doc["ranking"])
    # as the running platform serves them: the cache (warmed after each import) answers, the
    # data stamp is still read on every call
    warm = dataclasses.replace(rules, cache_size=32)
    out["full_table_cached"], _ = timed(lambda: table(warm))
    out["wall_json_cached"], _ = timed(lambda: wall(warm))
    out["get_indicator"], single = timed(one)
    out["get_indicator"] |= {"indicator": "valid_invention", "region": CITY, "period": periods[-1].key,
                             "value": single.value}  # fmt: skip
    out |= machine_facts()
    db.dispose()
    return out


def table_sanity(table: Any, period: str) -> dict[str, Any]:
    rows = table.rows
    cells = {(r.indicator_id, r.region_code, r.period): r.value for r in rows}
    keys = [(r.period) for r in rows if r.indicator_id == "valid_invention" and r.region_code == REGION]
    period = next((k for k in keys if k.startswith(period)), keys[-1])
    province = cells.get(("valid_invention", REGION, period))
    cities = sum(v or 0 for (ind, code, p), v in cells.items()
                 if ind == "valid_invention" and p == period and code != REGION)  # fmt: skip
    indicators = {r.indicator_id for r in rows}
    nonzero = {r.indicator_id for r in rows if r.value}
    return {"rows": len(rows), "indicators": len(indicators), "indicators_nonzero": len(nonzero),
            "regions": len({r.region_code for r in rows}), "period_checked": period,
            "province_valid_invention": province, "cities_valid_invention_sum": cities,
            "sanity_ok": bool(province) and province > 0 and cities == province}  # fmt: skip


# ---- the page ----------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _office_admin(db: Any) -> None:
    from ipops.accounts.roles import OrgKind
    from ipops.accounts.service import create_user, get_or_create_organisation
    from ipops.store.schema import User

    with db.session() as s:
        if s.scalar(sa.select(User.id).where(User.username == USERNAME)):
            return
        org = get_or_create_organisation(s, name="山东省知识产权局", kind=OrgKind.ip_office)
        create_user(s, username=USERNAME, password=PASSWORD, organisation=org, display_name="基准测试大屏")


READY = ("() => document.body.dataset.state === 'ready' || document.body.dataset.state === 'error'")
DRAWN = ("() => document.querySelector('#map-chart canvas') && document.querySelector('#trend-chart canvas')"
         " && document.querySelector('#gauges .gauge canvas') && document.querySelectorAll('#ranking li').length === 16")  # fmt: skip


def measure_page(n: int = 1_000_000, engine: str = "sqlite") -> dict[str, Any]:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from benchmarks.datasets import benchmark_database
    from ipops.analytics.cache import clear
    from ipops.analytics.facts import refresh
    from ipops.analytics.rules import IndicatorRules
    from ipops.store.schema import IndicatorCache, PatentFact
    from ipops.web.app import create_app

    clear()  # the first load must compute: nothing in memory, nothing in the shared cache table
    db = benchmark_database(n, engine)
    with db.session() as s:
        s.execute(sa.delete(IndicatorCache))
    with db.session() as s:
        if not s.scalar(sa.select(sa.func.count()).select_from(PatentFact)):
            refresh(s, IndicatorRules.from_settings(db.settings))
        latest = s.scalar(sa.select(sa.func.max(PatentFact.grant_date)))
    if isinstance(latest, str):
        latest = dt.date.fromisoformat(latest[:10])
    year = last_complete_year(latest)
    _office_admin(db)
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db.settings, database=db), host="127.0.0.1", port=port,
                                           log_level="warning"))  # fmt: skip
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    url = f"{base}/wall?year={year}"
    wall_clock, in_page, api = [], [], []
    first_load = after_restart = 0.0
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
            context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="zh-CN")
            page = context.new_page()
            page.goto(f"{base}/login?next=/wall")
            page.fill("input[name=username]", USERNAME)
            page.fill("input[name=password]", PASSWORD)
            page.click("form.stacked button[type=submit]")
            page.wait_for_url("**/wall*")
            for i in range(PAGE_RUNS + 1):
                started = time.perf_counter()
                page.goto(url)
                page.wait_for_function(READY, timeout=120_000)
                page.wait_for_function(DRAWN, timeout=120_000)
                elapsed = time.perf_counter() - started
                state = page.evaluate("document.body.dataset.state")
                if state != "ready":
                    raise RuntimeError(f"wall page failed: {page.locator('#status').inner_text()}")
                since_nav = page.evaluate("performance.now()") / 1000
                api_s = page.evaluate("(performance.getEntriesByType('resource').find(e => e.name.includes('/api/v1/wall'))"
                                      " || {duration: 0}).duration") / 1000  # fmt: skip
                if not i:
                    first_load = elapsed  # the cache was empty: the wall was computed for this load
                    clear()  # as after a restart: memory empty, the shared table still has the grid
                    started = time.perf_counter()
                    page.goto(url)
                    page.wait_for_function(READY, timeout=120_000)
                    page.wait_for_function(DRAWN, timeout=120_000)
                    after_restart = time.perf_counter() - started
                if i:  # later loads: answered from the cache, as after the post-import warm-up
                    wall_clock.append(elapsed)
                    in_page.append(since_nav)
                    api.append(api_s)
            context.close()
            browser.close()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        db.dispose()

    def stats(xs: list[float]) -> dict[str, Any]:
        return {"median_s": round(statistics.median(xs), 3), "p95_s": round(max(xs), 3), "runs_s": [round(x, 3) for x in xs]}

    return {"kind": "page", "n": n, "engine": engine, "synthetic": True, "year": year, "url": f"/wall?year={year}",
            "date": dt.datetime.now().isoformat(timespec="seconds"),
            "waited_for": "body[data-state=ready] set by wall.js after render(), then canvases in #map-chart, "
                          "#trend-chart and #gauges and 16 #ranking li",
            "first_load_s": round(first_load, 3), "after_restart_s": round(after_restart, 3), "page": stats(wall_clock), "since_navigation_start": stats(in_page), "api_fetch": stats(api),
            **machine_facts()}  # fmt: skip


def append(result: dict[str, Any]) -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result, ensure_ascii=False) + "\n")


def summary(r: dict[str, Any]) -> str:
    if r.get("kind") == "page":
        return f"page {r['n']:,} {r['engine']}: median {r['page']['median_s']} s, p95 {r['page']['p95_s']} s"
    t, w, g = r["full_table"], r["wall_json"], r["get_indicator"]
    facts = f"{r['facts_build_s']} s" if r["facts_build_s"] is not None else "not re-measured"
    return (f"{r['n']:,} {r['engine']}: facts {facts} (no-op {r['facts_noop_refresh_s']} s); "
            f"table {t['median_s']}/{t['p95_s']} s, {t['rows']} rows, sanity {t['sanity_ok']}; "
            f"wall {w['median_s']}/{w['p95_s']} s; get_indicator {g['median_s']}/{g['p95_s']} s")  # fmt: skip


def run(sizes: list[int], engines: list[str], *, skip_page: bool = False, rebuild_facts: bool = False,
        note: str = "") -> list[dict[str, Any]]:  # fmt: skip
    results = []
    for n in sizes:
        for engine in engines:
            r = measure(n, engine, rebuild_facts=rebuild_facts, note=note)
            append(r)
            results.append(r)
            print(summary(r), flush=True)
    if not skip_page:
        r = measure_page()
        append(r)
        results.append(r)
        print(summary(r), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--engines", default="sqlite,postgresql")
    parser.add_argument("--skip-page", action="store_true")
    parser.add_argument("--page-only", action="store_true")
    parser.add_argument("--rebuild-facts", action="store_true", help="force and time a full facts rebuild")
    parser.add_argument("--note", default="", help="what differs in this run (e.g. 'after ANALYZE'); shown on the page")
    args = parser.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if x]
    engines = [x for x in args.engines.split(",") if x]
    if args.page_only:
        sizes = []
    run(sizes, engines, skip_page=args.skip_page, rebuild_facts=args.rebuild_facts, note=args.note)


if __name__ == "__main__":
    main()
