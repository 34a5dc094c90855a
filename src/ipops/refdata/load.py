"""Load the packaged reference data into the database (`ipops init`).

Each dataset is reloaded only when its files changed (sha256 recorded in `refdata_version`),
so `init` is cheap to repeat and an upgrade that ships a new table refreshes it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import lzma
import tomllib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from importlib.abc import Traversable
from typing import Any

import orjson
from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from ipops.domain.errors import InvalidIpc
from ipops.domain.ipc import parse_ipc
from ipops.refdata.regions_file import load_region_table, short_name
from ipops.store.schema import (
    Industry,
    IndustryIpcRule,
    IpcClass,
    RefdataVersion,
    Region,
    RegionAlias,
    RegionPopulation,
    University,
)

DATA = resources.files("ipops") / "data"
_CHUNK = 5000


@dataclass(frozen=True)
class Dataset:
    name: str
    files: tuple[str, ...]  # paths under ipops/data
    tables: tuple[type, ...]  # cleared before a reload, children first
    load: Callable[[Session], int]
    packaged: Any = None  # condition selecting the rows the files supplied (others survive a reload)


def data_file(path: str) -> Traversable:
    node = DATA
    for part in path.split("/"):
        node = node / part
    return node


def open_text(path: str) -> io.TextIOBase:
    """Open a packaged text file, decompressing `.xz` transparently."""
    raw = data_file(path).open("rb")
    stream = lzma.open(raw) if path.endswith(".xz") else raw
    return io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")


def read_toml(path: str) -> dict[str, Any]:
    """A packaged TOML rule file (indicator definitions, high-value categories, targets)."""
    return tomllib.loads(data_file(path).read_text("utf-8"))


def read_csv(path: str, **kwargs: Any) -> Iterator[dict[str, str]]:
    with open_text(path) as fh:
        yield from csv.DictReader(fh, **kwargs)


def _bulk(session: Session, table: type, rows: Iterable[dict[str, Any]]) -> int:
    count, chunk = 0, []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= _CHUNK:
            session.execute(insert(table), chunk)
            count, chunk = count + len(chunk), []
    if chunk:
        session.execute(insert(table), chunk)
        count += len(chunk)
    return count


def _load_regions(session: Session) -> int:
    table = load_region_table()
    rows = [
        {"code": r.code, "name": r.name, "short_name": _short(r.name), "level": r.level,
         "parent_code": r.parent_code, "lon": r.lon, "lat": r.lat}
        for r in table.regions.values()
    ]  # fmt: skip
    count = _bulk(session, Region, rows)
    aliases = (
        {"alias": a["alias"], "region_code": a["region_code"], "valid_until": a.get("valid_until") or None,
         "source": a.get("source") or None, "note": a.get("note") or None}
        for a in read_csv("regions/region_aliases.csv")
    )  # fmt: skip
    return count + _bulk(session, RegionAlias, aliases)


def _short(name: str) -> str:
    return short_name(name) or name


def _load_ipc(session: Session) -> int:
    rows: dict[str, dict[str, Any]] = {}
    for r in read_csv("ipc/ipc_zh.csv.xz"):
        rows[r["code"]] = {"code": r["code"], "level": r["level"], "parent": r["parent"] or None,
                           "title_zh": r["title_zh"], "title_en": None}  # fmt: skip
    with open_text("ipc/ipc_en.tsv.xz") as fh:
        for line in fh:
            raw_code, _, title = line.rstrip("\n").partition("\t")
            try:
                ipc = parse_ipc(raw_code)
            except InvalidIpc:
                continue  # 4 irregular codes upstream (SOURCE.md); nothing to attach a title to
            entry = rows.setdefault(
                ipc.code, {"code": ipc.code, "level": ipc.level, "parent": _parent(ipc), "title_zh": None}
            )
            entry["title_en"] = title
    return _bulk(session, IpcClass, rows.values())


def _parent(ipc: Any) -> str | None:
    parent = ipc.parent
    return parent.code if parent is not None else None


def _load_sei(session: Session) -> int:
    count = _bulk(
        session,
        Industry,
        ({"scheme": "sei2018", "code": r["code"], "name": r["name"], "level": int(r["level"]),
          "parent_code": r["parent_code"] or None} for r in read_csv("sei/sei_codes.csv")),
    )  # fmt: skip
    ids = dict(session.execute(select(Industry.code, Industry.id).where(Industry.scheme == "sei2018")).all())
    with open_text("sei/sei.jsonl") as fh:
        rules = {r["id"]: r for r in map(orjson.loads, filter(str.strip, fh))}
    with open_text("sei/ipc-sei.jsonl.xz") as fh:
        mapping = [orjson.loads(line) for line in fh if line.strip()]
    rows = (
        {"industry_id": ids[rules[m["seiId"]]["seiCode"]], "ipc_pattern": m["ipcCode"],
         "rule_ref": str(m["seiId"]), "keywords": rules[m["seiId"]]["keywords"]}
        for m in mapping
    )  # fmt: skip
    return count + _bulk(session, IndustryIpcRule, rows)


def _load_universities(session: Session) -> int:
    rows = {
        r["moe_code"]: {"moe_code": r["moe_code"], "name": r["name_zh"], "authority": r["authority"],
                        "location": r["location"], "level": r["level"]}
        for r in read_csv("universities/universities.csv")
    }  # fmt: skip
    return _bulk(session, University, rows.values())


OFFICE_INPUT = "office_input"  # population rows the office imported: kept when the packaged table reloads
_POPULATION = {"yearend_resident_population": Decimal(1), "census_resident_population": Decimal("0.0001")}


def _load_population(session: Session) -> int:
    """Population rows of the published statistics table, each with its source; persons → 万人."""
    table = load_region_table()
    rows: dict[tuple[str, int, str], dict[str, Any]] = {}
    office = set(session.execute(select(RegionPopulation.region_code, RegionPopulation.year, RegionPopulation.kind)).all())
    for r in read_csv("population/stats.csv"):
        factor = _POPULATION.get(r["indicator"])
        matches = table.by_name(r["region"])
        if factor is None or not matches:
            continue  # other indicators are published reference values, not denominators
        kind = r["indicator"].removesuffix("_population")
        key = (matches[0].code, int(r["period"][:4]), kind)
        if key in office:
            continue  # the office's own figure wins over the published one
        rows[key] = {
            "region_code": key[0], "year": key[1], "kind": kind,
            "population_10k": Decimal(r["value"]) * factor, "period": r["period"],
            "source_kind": r["source_kind"], "source_url": r["source_url"],
            "source_title": r["source_title_or_publisher"], "quoted_text": r["quoted_text"], "note": r["note"] or None,
        }  # fmt: skip
    return _bulk(session, RegionPopulation, rows.values())


DATASETS: tuple[Dataset, ...] = (
    Dataset("regions", ("regions/provinces.csv", "regions/cities.csv", "regions/areas.csv",
                        "regions/adcodes_lonlat.csv", "regions/region_aliases.csv", "regions/HK-MO-TW.json"),
            (RegionAlias, Region), _load_regions),
    Dataset("ipc", ("ipc/ipc_zh.csv.xz", "ipc/ipc_en.tsv.xz"), (IpcClass,), _load_ipc),
    Dataset("sei2018", ("sei/sei_codes.csv", "sei/sei.jsonl", "sei/ipc-sei.jsonl.xz"),
            (IndustryIpcRule, Industry), _load_sei),
    Dataset("universities", ("universities/universities.csv",), (University,), _load_universities),
    Dataset("population", ("population/stats.csv", "regions/areas.csv"), (RegionPopulation,), _load_population,
            packaged=or_(RegionPopulation.source_kind.is_(None), RegionPopulation.source_kind != OFFICE_INPUT)),
)  # fmt: skip


def dataset_hash(ds: Dataset) -> str:
    digest = hashlib.sha256()
    for path in ds.files:
        digest.update(data_file(path).read_bytes())
    return digest.hexdigest()


def load_reference_data(
    session: Session, *, force: bool = False, on_dataset: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Load every dataset whose files changed; returns rows loaded per reloaded dataset."""
    loaded: dict[str, int] = {}
    for ds in DATASETS:
        sha = dataset_hash(ds)
        current = session.get(RefdataVersion, ds.name)
        if current is not None and current.sha256 == sha and not force:
            continue
        if on_dataset:
            on_dataset(ds.name)
        for table in ds.tables:
            session.execute(delete(table) if ds.packaged is None else delete(table).where(ds.packaged))
        rows = ds.load(session)
        session.merge(RefdataVersion(name=ds.name, sha256=sha, rows=rows))
        session.flush()
        loaded[ds.name] = rows
    return loaded
