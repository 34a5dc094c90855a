"""Lookup tables behind `addresses.resolve_address`, built once per process.

Resolution is a left-to-right scan that, at each position, asks "which region names start
here?". Answering that with one dict lookup per candidate length (names are 2–12 characters)
is what makes ≥ 20,000 addresses/s possible without a regex over 6,000 alternatives. This
module turns the packaged tables into those dicts:

* `names`: official full names, short names ("烟台", "莱州") and IPOps aliases
  (`ipops/data/regions/region_aliases.csv`: former names, development zones) → candidates.
  A short name may belong to several regions; the scanner keeps only those consistent with
  what it has already read.
* `scoped`: aliases that start with a city's short name are also stored as (short name,
  remainder), so "济南市高新区" finds "济南高新区" after "济南市" has been read.
* `countries` (`ipops/data/normalise/countries.csv`) and HK/MO/TW names for non-mainland
  addresses; `postcodes` (`ipops/data/normalise/postcode_prefixes.csv`) as a fallback.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from ipops.refdata.regions_file import MUNICIPALITIES, RegionTable, load_region_table, short_name

SAR_ISO = {"810000": "HK", "820000": "MO", "710000": "TW"}
_SAR_EXTRA = {"香港": "810000", "澳门": "820000", "台湾": "710000", "中国香港": "810000",
              "中国澳门": "820000", "中国台湾": "710000", "台湾地区": "710000"}
# County short names are refused when the next character shows they are part of a street
# name ("中山路", "人民街"): too many streets are named after places.
STREET_CHARS = frozenset("路街道巷弄大")


class Candidate(NamedTuple):
    """A region a name may denote; `alias` marks IPOps alias rows, `short` short names."""

    code: str
    level: str
    alias: bool = False
    short: bool = False


@dataclass(slots=True)
class AddressIndex:
    table: RegionTable
    names: dict[str, tuple[Candidate, ...]] = field(default_factory=dict)
    scoped: dict[str, dict[str, Candidate]] = field(default_factory=dict)
    lengths: tuple[int, ...] = ()
    countries: dict[str, str] = field(default_factory=dict)
    country_lengths: tuple[int, ...] = ()
    sar: dict[str, str] = field(default_factory=dict)
    postcodes: dict[str, str] = field(default_factory=dict)


def _read(package_dir: str, name: str) -> list[dict[str, str]]:
    path = files("ipops") / "data" / package_dir / name
    with path.open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if not row.get(next(iter(row)), "").startswith("#")]


def _add(names: dict[str, list[Candidate]], key: str, cand: Candidate) -> None:
    bucket = names.setdefault(key, [])
    if all(c.code != cand.code for c in bucket):
        bucket.append(cand)


def _region_names(table: RegionTable, names: dict[str, list[Candidate]]) -> None:
    for region in table.regions.values():
        if region.code in SAR_ISO:
            continue
        if region.level == "city" and region.code[:2] in MUNICIPALITIES:
            continue  # "北京市" is read as the province; its single city is implied
        _add(names, region.name, Candidate(region.code, region.level))
        short = short_name(region.name)
        if short:
            _add(names, short, Candidate(region.code, region.level, short=True))


def _scoped_official(table: RegionTable, scoped: dict[str, dict[str, Candidate]]) -> None:
    """Zones named after their city ("烟台经济技术开发区") also match as "烟台市经济技术开发区"."""
    for region in table.of_level("county"):
        city = table.get(region.parent_code or "")
        prefix = short_name(city.name) if city and city.level == "city" else None
        if prefix and region.name.startswith(prefix) and len(region.name) > len(prefix) + 1:
            scoped.setdefault(prefix, {})[region.name[len(prefix):]] = Candidate(region.code, region.level)


def _alias_names(table: RegionTable, names: dict[str, list[Candidate]],
                 scoped: dict[str, dict[str, Candidate]]) -> None:
    rows = _read("regions", "region_aliases.csv")
    prefixes = {short_name(r.name) for r in table.of_level("city")}
    prefixes |= {short_name(row["alias"]) for row in rows if row["alias"].endswith("市")}
    prefixes.discard(None)
    for row in rows:
        region = table.get(row["region_code"])
        if region is None:
            raise ValueError(f"别名表中的区划代码不存在：{row['alias']} → {row['region_code']}")
        cand = Candidate(region.code, region.level, alias=True)
        alias = row["alias"]
        _add(names, alias, cand)
        for size in (2, 3):
            if alias[:size] in prefixes and len(alias) > size + 1:
                scoped.setdefault(alias[:size], {})[alias[size:]] = cand


@lru_cache(maxsize=1)
def load_address_index() -> AddressIndex:
    """Build (once) every lookup table the address resolver needs."""
    table = load_region_table()
    names: dict[str, list[Candidate]] = {}
    scoped: dict[str, dict[str, Candidate]] = {}
    _region_names(table, names)
    _scoped_official(table, scoped)
    _alias_names(table, names, scoped)
    countries = {row["name_zh"]: row["iso2"] for row in _read("normalise", "countries.csv")}
    sar = dict(table.sar_names) | _SAR_EXTRA
    postcodes = {row["prefix"]: row["region_code"] for row in _read("normalise", "postcode_prefixes.csv")}
    frozen = {key: tuple(value) for key, value in names.items()}
    return AddressIndex(
        table=table,
        names=frozen,
        scoped=scoped,
        lengths=tuple(sorted({len(k) for k in frozen} | {len(k) for s in scoped.values() for k in s},
                             reverse=True)),
        countries=countries,
        country_lengths=tuple(sorted({len(k) for k in countries | sar}, reverse=True)),
        sar=sar,
        postcodes=postcodes,
    )
