"""Load tests/fixtures/indicators (real CNIPA rows + labelled test scenarios) into a test database.

See tests/fixtures/indicators/SOURCE.md for which fields are real and which are scenario values.
Patents go through the real `PatentWriter`; awards, population figures and office inputs are
inserted as the office's import would store them. `load()` returns alias → app_number.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from sqlalchemy import delete

from ipops.analytics import facts
from ipops.analytics.rules import IndicatorRules
from ipops.ingest.record import EventRecord, PartyRecord, PatentRecord, PublicationRecord
from ipops.store.db import Database
from ipops.store.schema import IndicatorInput, PatentAward, RegionPopulation
from tests.factories import save

FOLDER = Path(__file__).parents[1] / "fixtures" / "indicators"
TODAY = dt.date(2026, 12, 4)  # fixed "today" for facts.refresh (statutory expiry before it ends a right)


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _read(name: str) -> list[dict[str, str]]:
    with (FOLDER / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def patent_rows() -> list[dict[str, str]]:
    return _read("patents.csv")


def records() -> dict[str, PatentRecord]:
    """alias → PatentRecord with the scenario events attached."""
    events: dict[str, list[EventRecord]] = {}
    for e in _read("events.csv"):
        events.setdefault(e["alias"], []).append(EventRecord(
            kind=e["kind"], date=_date(e["date"]), raw_text=e["raw_text"],
            amount=Decimal(e["amount"]) if e["amount"] else None, counterparty=e["counterparty"] or None,
            licence_type=e["licence_type"] or None))  # fmt: skip
    out: dict[str, PatentRecord] = {}
    for r in patent_rows():
        parties = [PartyRecord(r["applicant"], "applicant", address=r["address"])]
        if r["holder"]:
            parties.append(PartyRecord(r["holder"], "holder", country=r["holder_country"] or None))
        pubs = []
        if r["pub_number"]:
            pubs.append(PublicationRecord(r["pub_number"], r["pub_number"][-1], _date(r["pub_date"])))
        if r["grant_number"]:
            pubs.append(PublicationRecord(r["grant_number"], "B", _date(r["grant_date"])))
        ipc = [c for c in r["ipc"].split(";") if c]
        rec = PatentRecord(
            app_number=r["app_number"], country=r["country"], patent_type=r["patent_type"], title=r["title"],
            app_date=_date(r["app_date"]), pub_number=r["pub_number"] or None, pub_date=_date(r["pub_date"]),
            grant_number=r["grant_number"] or None, grant_date=_date(r["grant_date"]), publications=pubs,
            ipc=ipc, ipc_main=ipc[0] if ipc else None, parties=parties, address=r["address"],
            postcode=r["postcode"] or None, region_code=r["region_code"] or None,
            legal_status=r["legal_status"] or None, legal_status_date=_date(r["legal_status_date"]),
            granted_abroad=True if r["granted_abroad"] == "true" else None,
            family_countries=[c for c in r["family_countries"].split(";") if c],
            events=events.get(r["alias"], []),
        )  # fmt: skip
        out[r["alias"]] = rec
    return out


def load(db: Database, rules: IndicatorRules | None = None) -> dict[str, str]:
    """Write every fixture patent, the awards, and build the facts; alias → app_number."""
    recs = records()
    save(db, *recs.values())
    numbers = {alias: rec.app_number for alias, rec in recs.items()}
    with db.session() as s:
        for a in _read("awards.csv"):
            s.add(PatentAward(app_number=numbers[a["alias"]], award=a["award"], level=a["level"] or None,
                              year=int(a["year"]), title=a["title"], source="tests/fixtures/indicators/awards.csv"))  # fmt: skip
        s.flush()
        facts.refresh(s, rules or IndicatorRules(), today=TODAY)
    return numbers


# Year-end resident population (万人) for the ratio tests. 370000 2017 is the published figure
# (山东省2017年国民经济和社会发展统计公报: 年末常住人口10005.83万人); the city figures are
# scenario values chosen for easy division. 2016/2017 have no shipped rows, so inserting is safe.
POPULATION = [("370000", 2017, "10005.83"), ("371000", 2017, "280"), ("370600", 2016, "700")]


@contextmanager
def population(db: Database, rows: list[tuple[str, int, str]] = POPULATION) -> Iterator[None]:
    """Insert population rows (a reference table the `db` fixture keeps) and remove them again."""
    with db.session() as s:
        for code, year, value in rows:
            s.add(RegionPopulation(region_code=code, year=year, kind="yearend_resident", population_10k=Decimal(value),
                                   source_title="测试情景人口数据"))  # fmt: skip
    try:
        yield
    finally:
        with db.session() as s:
            for code, year, _ in rows:
                s.execute(delete(RegionPopulation).where(RegionPopulation.region_code == code,
                                                         RegionPopulation.year == year,
                                                         RegionPopulation.kind == "yearend_resident"))  # fmt: skip


def add_inputs(db: Database, rows: list[tuple[str, str, str, str]]) -> None:
    """(indicator_id, region_code, period, value) rows of the office's input series."""
    with db.session() as s:
        for ind, region, period, value in rows:
            s.add(IndicatorInput(indicator_id=ind, region_code=region, year=int(period[:4]), period=period,
                                 value=Decimal(value), source="测试情景填报"))  # fmt: skip
