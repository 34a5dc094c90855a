"""The packaged NBS administrative-division tables as one in-memory `RegionTable`.

Every region IPOps reports on (province → city → county) is keyed by its 6-digit NBS
统计用区划代码 ("370000", "370600", "370602"), so maps, population tables and address
resolution agree on one code. The upstream CSVs (see `ipops/data/regions/SOURCE.md`) use
2/4/6-digit codes and two placeholder city rows that must be reshaped first:

* 直辖市 (北京, 天津, 上海, 重庆): upstream lists a pseudo-city "市辖区" (1101) and, for 重庆,
  also "县" (5002). IPOps treats the municipality as both a province ("110000") and exactly one
  city ("110100", named "北京市"); all its districts and counties are children of that city
  (so 重庆's 5002xx counties hang under "500100"). Every indicator can then ask for "the city"
  of any mainland region.
* "省直辖县级行政区划" / "自治区直辖县级行政区划" (4190, 4290, 4690, 6590): not a city. Their
  county-level cities (济源市 419001, 仙桃市 429004 …) are counties whose parent is the
  province itself; they have no city code.
* Cities without districts (东莞 441900, 中山 442000, 儋州 460400) appear in areas.csv under
  their own code; that row is the city itself, so they are cities with no county children.
* 香港, 澳门, 台湾 are provinces "810000", "820000", "710000" (GB/T 2260 codes, as in
  `adcodes_lonlat.csv`); their sub-area names from `HK-MO-TW.json` are kept only as a name →
  province index (`sar_names`), because they have no official statistics codes.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Literal

Level = Literal["province", "city", "county"]

MUNICIPALITIES = frozenset({"11", "12", "31", "50"})
_PSEUDO_CITY_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
_SAR_CODES = {"香港特别行政区": "810000", "澳门特别行政区": "820000", "台湾省": "710000"}

# Suffixes dropped to form the short name people write ("烟台市" → "烟台", "莱州市" → "莱州").
_SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "林区", "省", "市", "区", "县", "盟", "旗")
# Ethnic words left in front of 自治州/县 ("恩施土家族苗族" → "恩施", "伊犁哈萨克" → "伊犁").
_ETHNIC = (
    "土家 苗 藏 羌 彝 布依 侗 哈尼 壮 傣 白 景颇 傈僳 回 蒙古 哈萨克 柯尔克孜 朝鲜 黎 满 瑶 畲 仡佬 水"
    " 毛南 仫佬 达斡尔 鄂温克 鄂伦春 锡伯 裕固 保安 东乡 撒拉 土 纳西 拉祜 佤 普米 怒 独龙 基诺 德昂"
    " 布朗 阿昌 维吾尔 塔吉克 各"
).split()
_ETHNIC_TAIL = re.compile("(?:" + "|".join(sorted(_ETHNIC, key=len, reverse=True)) + ")族?$")


@dataclass(frozen=True, slots=True)
class Region:
    """One NBS division with its 6-digit code; `parent_code` is None for provinces."""

    code: str
    name: str
    level: Level
    parent_code: str | None
    lon: float | None = None
    lat: float | None = None


def short_name(name: str) -> str | None:
    """The short form used in addresses ("山东省" → "山东"); None when it would be < 2 chars.

    One-character stems ("莒县" → "莒") are never used alone: they match far too much text.
    """
    stem = name
    for suffix in _SUFFIXES:
        if stem.endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    while (trimmed := _ETHNIC_TAIL.sub("", stem)) != stem and len(trimmed) >= 2:
        stem = trimmed
    if stem == name or len(stem) < 2:
        return None
    return stem


@dataclass(slots=True)
class RegionTable:
    """All regions by code, with child lists and full/short name indexes (names may collide)."""

    regions: dict[str, Region]
    sar_names: dict[str, str] = field(default_factory=dict)  # 台北市 → 710000
    _children: dict[str, list[Region]] = field(default_factory=dict)
    _by_name: dict[str, list[Region]] = field(default_factory=dict)
    _by_short: dict[str, list[Region]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for region in self.regions.values():
            if region.parent_code:
                self._children.setdefault(region.parent_code, []).append(region)
            self._by_name.setdefault(region.name, []).append(region)
            short = short_name(region.name)
            if short:
                self._by_short.setdefault(short, []).append(region)

    def get(self, code: str) -> Region | None:
        return self.regions.get(code)

    def __len__(self) -> int:
        return len(self.regions)

    def children(self, code: str) -> tuple[Region, ...]:
        return tuple(self._children.get(code, ()))

    def by_name(self, name: str) -> tuple[Region, ...]:
        """Regions whose official name is exactly `name` (several 市中区 exist)."""
        return tuple(self._by_name.get(name, ()))

    def by_short_name(self, short: str) -> tuple[Region, ...]:
        """Regions whose short name is `short` ("吉林" → 吉林省 and 吉林市)."""
        return tuple(self._by_short.get(short, ()))

    def level_of(self, code: str, level: Level) -> Region | None:
        """The ancestor (or self) of `code` at `level`; None when the chain has no such level."""
        region = self.regions.get(code)
        while region is not None and region.level != level:
            region = self.regions.get(region.parent_code) if region.parent_code else None
        return region

    def is_within(self, code: str, ancestor: str) -> bool:
        """True when `code` is `ancestor` or lies below it."""
        region = self.regions.get(code)
        while region is not None:
            if region.code == ancestor:
                return True
            region = self.regions.get(region.parent_code) if region.parent_code else None
        return False

    def of_level(self, level: Level) -> list[Region]:
        return [r for r in self.regions.values() if r.level == level]


def _read_csv(name: str) -> list[dict[str, str]]:
    path = files("ipops") / "data" / "regions" / name
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _coordinates() -> dict[str, tuple[float | None, float | None]]:
    out: dict[str, tuple[float | None, float | None]] = {}
    for row in _read_csv("adcodes_lonlat.csv"):
        lon, lat = row["longitude"], row["latitude"]
        out[row["adcode"][:6]] = (float(lon) if lon else None, float(lat) if lat else None)
    return out


def _city_code(raw_city: str) -> str | None:
    """6-digit city code for an upstream 4-digit city code; None for 省直辖 placeholders."""
    if raw_city[:2] in MUNICIPALITIES:
        return raw_city[:2] + "0100"
    return None if raw_city[2:] == "90" else raw_city + "00"


def _build_regions() -> Iterable[tuple[str, str, Level, str | None]]:
    provinces = {row["code"]: row["name"] for row in _read_csv("provinces.csv")}
    for code2, name in provinces.items():
        yield code2 + "0000", name, "province", None
        if code2 in MUNICIPALITIES:
            yield code2 + "0100", name, "city", code2 + "0000"
    for row in _read_csv("cities.csv"):
        if row["name"] not in _PSEUDO_CITY_NAMES:
            yield row["code"] + "00", row["name"], "city", row["provinceCode"] + "0000"
    for row in _read_csv("areas.csv"):
        parent = _city_code(row["cityCode"]) or row["provinceCode"] + "0000"
        if row["code"] != parent:  # 东莞/中山/儋州 list themselves as their only "area"
            yield row["code"], row["name"], "county", parent


def _sar_names() -> dict[str, str]:
    """Names of HK/MO/TW and their sub-areas (two levels) → province code."""
    path = files("ipops") / "data" / "regions" / "HK-MO-TW.json"
    tree = json.loads(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for top, subtree in tree.items():
        code = _SAR_CODES[top]
        out[top] = code
        for sub in subtree:
            out[sub] = code
    return out


@lru_cache(maxsize=1)
def load_region_table() -> RegionTable:
    """Read the packaged tables once per process (≈3,400 regions, a few ms)."""
    coords = _coordinates()
    regions: dict[str, Region] = {}
    for code, name, level, parent in _build_regions():
        lon, lat = coords.get(code, (None, None))
        regions[code] = Region(code, name, level, parent, lon, lat)
    for name, code in _SAR_CODES.items():
        lon, lat = coords.get(code, (None, None))
        regions[code] = Region(code, name, "province", None, lon, lat)
    return RegionTable(regions=regions, sar_names=_sar_names())
