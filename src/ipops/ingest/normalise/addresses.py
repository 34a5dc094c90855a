"""Resolve an applicant address to NBS province / city / county codes or a foreign country.

Regional indicators attribute each patent to the first applicant's address, so this runs on
every imported row (≥ 1,000,000 per import). The address is read left to right, as a person
would: at each position the longest region name that fits *below what has been read so far*
wins ("山东省济南市历城区" can only find the 历城区 of 济南). Names come from the NBS tables,
their short forms and IPOps' alias table (former names such as 莱芜市/即墨市, development
zones); see `address_index.py`. Rules:

* An alias that names a former county-level unit (即墨市 → 即墨区) is *tentative*: a real county
  name that follows overrides it ("莱芜市钢城区" → 钢城区, "莱芜市…" alone → 莱芜区).
* A county name shared by several regions (市中区, 城阳 …) is only taken when the city is
  known, or when the postcode or province hint singles one out.
* HK/MO/TW get their GB/T 2260 province code and country "HK"/"MO"/"TW"; foreign addresses get
  only an ISO country code (method "country").
* Postcodes (6 digits, also when prefixed to the address: "450000河南省…") fill in a missing
  city (method "postcode"); a province hint such as "河南(41)" is the last resort ("hint").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ipops.ingest.normalise.address_index import (
    SAR_ISO,
    STREET_CHARS,
    AddressIndex,
    Candidate,
    load_address_index,
)

_LEADING_POSTCODE = re.compile(r"^(\d{6})(?!\d)")
_FILLER = " ,，、.。·:：;；-—_/"
_CHINA_PREFIXES = ("中华人民共和国", "中国")
_RANK = {"province": 0, "city": 1, "county": 2}


@dataclass(frozen=True, slots=True)
class AddressMatch:
    """Where an address is: codes are 6-digit NBS codes or None; `method` says how."""

    province_code: str | None = None
    city_code: str | None = None
    county_code: str | None = None
    country: str | None = None
    method: str = "none"  # full | alias | county_only | postcode | hint | country | none

    @property
    def region_code(self) -> str | None:
        """The most specific code known (county, else city, else province)."""
        return self.county_code or self.city_code or self.province_code


@dataclass(slots=True)
class _Scan:
    current: Candidate | None = None
    tentative: str | None = None  # county implied by a former-name alias
    alias: bool = False
    first_level: str | None = None


def parse_province_code(value: object) -> str | None:
    """Province code from a 国省代码-style value: "河南(41)", "山东;37", "37", "山东省" → "370000"."""
    if value is None:
        return None
    text = unicodedata.normalize("NFKC", str(value)).strip()
    table = load_address_index().table
    for digits in re.findall(r"\d+", text):
        code = digits[:2] + "0000" if len(digits) in (2, 6) else None
        if code and table.get(code) and table.get(code).level == "province":  # type: ignore[union-attr]
            return code
    for cand in _candidates_at(load_address_index(), text, 0, None)[0]:
        if cand.level == "province":
            return cand.code
    return None


def _clean_postcode(value: object) -> str | None:
    text = re.sub(r"\D", "", unicodedata.normalize("NFKC", str(value or "")))
    return text if len(text) == 6 and text != "000000" else None


def _postcode_region(index: AddressIndex, postcode: str | None) -> str | None:
    if not postcode:
        return None
    for size in (4, 3, 2):
        code = index.postcodes.get(postcode[:size])
        if code:
            return code
    return None


def _candidates_at(index: AddressIndex, text: str, pos: int, prev: str | None
                   ) -> tuple[tuple[Candidate, ...], int]:
    """Longest names starting at `pos` (plus aliases scoped by the previous token)."""
    scoped = index.scoped.get(prev[:3], {}) if prev else {}
    scoped2 = index.scoped.get(prev[:2], {}) if prev else {}
    for size in index.lengths:
        key = text[pos:pos + size]
        if len(key) < size:
            continue
        found = index.names.get(key, ())
        extra = scoped.get(key) or scoped2.get(key)
        if extra:
            found = (*found, extra)
        if found:
            yield_ = tuple(c for c in found if not (c.short and c.level == "county"
                                                     and text[pos + size:pos + size + 1] in STREET_CHARS))
            if yield_:
                return yield_, size
    return (), 0


def _choose(index: AddressIndex, cands: tuple[Candidate, ...], current: Candidate | None,
            context: tuple[str, ...]) -> Candidate | None:
    """The one candidate consistent with what was read (and postcode/hint), else None."""
    table = index.table
    if current is not None:
        cands = tuple(c for c in cands if c.code != current.code and table.is_within(c.code, current.code))
    if len(cands) <= 1:
        return cands[0] if cands else None
    for cand in cands:  # "吉林" → the province, which the next token can refine
        if all(table.is_within(other.code, cand.code) for other in cands):
            return cand
    for code in context:
        inside = tuple(c for c in cands if table.is_within(c.code, code))
        if len(inside) == 1:
            return inside[0]
    top = [c for c in cands if _RANK[c.level] == min(_RANK[o.level] for o in cands)]
    # "河南" is 河南省 far more often than 河南蒙古族自治县: a lone higher-level name wins.
    return top[0] if len(top) == 1 and current is None else None


def _step(index: AddressIndex, text: str, pos: int, scan: _Scan, prev: str | None,
          context: tuple[str, ...]) -> tuple[Candidate | None, int]:
    cands, size = _candidates_at(index, text, pos, prev)
    if scan.current and any(c.code == scan.current.code for c in cands):
        return scan.current, pos + size  # "青岛市青岛胶州市": a repeated name is skipped
    chosen = _choose(index, cands, scan.current, context) if cands else None
    if chosen is None and pos > 0 and text[pos - 1] == "市":  # "济南市中区" → 济南 + 市中区
        cands, size = _candidates_at(index, text, pos - 1, None)
        chosen = _choose(index, cands, scan.current, context) if cands else None
        return chosen, pos - 1 + size
    return chosen, pos + size


def _scan(index: AddressIndex, text: str, context: tuple[str, ...]) -> _Scan:
    scan, pos, prev = _Scan(), 0, None
    table = index.table
    for _ in range(4):
        while pos < len(text) and text[pos] in _FILLER:
            pos += 1
        chosen, end = _step(index, text, pos, scan, prev, context)
        if chosen is None:
            break
        prev, pos = text[pos:end], end
        if chosen is scan.current:
            continue
        scan.alias |= chosen.alias
        scan.first_level = scan.first_level or chosen.level
        if chosen.level == "county" and chosen.alias:
            parent = table.get(chosen.code).parent_code  # type: ignore[union-attr]
            scan.tentative = chosen.code
            scan.current = Candidate(parent, table.get(parent).level) if parent else chosen  # type: ignore[union-attr]
            continue
        scan.current = chosen
        if chosen.level == "county":
            scan.tentative = None
            break
    return scan


def _match_from_code(index: AddressIndex, code: str, method: str) -> AddressMatch:
    table = index.table
    province = table.level_of(code, "province")
    city = table.level_of(code, "city")
    county = table.level_of(code, "county")
    city_code = city.code if city else None
    if city_code is None and province and province.code[:2] in ("11", "12", "31", "50"):
        city_code = province.code[:2] + "0100"
    return AddressMatch(province.code if province else None, city_code,
                        county.code if county else None, "CN", method)


def _foreign(index: AddressIndex, text: str) -> AddressMatch | None:
    for size in index.country_lengths:
        key = text[:size]
        if key in index.sar:
            code = index.sar[key]
            return AddressMatch(code, None, None, SAR_ISO[code], "full")
        if key in index.countries:
            return AddressMatch(None, None, None, index.countries[key], "country")
    return None


def _method(scan: _Scan) -> str:
    if scan.alias:
        return "alias"
    return "county_only" if scan.first_level == "county" else "full"


@lru_cache(maxsize=65_536)  # firms repeat their address; bounded so a 10^6-row import stays flat
def _resolve(text: str, postcode: str | None, hint: str | None) -> AddressMatch:
    index = load_address_index()
    post_region = _postcode_region(index, postcode)
    context = tuple(c for c in (post_region, hint) if c)
    if text:
        foreign = _foreign(index, text)
        if foreign is not None:
            return foreign
        for prefix in _CHINA_PREFIXES:
            if text.startswith(prefix):
                text = text[len(prefix):]
                break
        scan = _scan(index, text, context)
        code = scan.tentative or (scan.current.code if scan.current else None)
        if code and (index.table.get(code).level != "province" or not post_region):  # type: ignore[union-attr]
            return _match_from_code(index, code, _method(scan))
        if code and post_region and index.table.is_within(post_region, code):
            return _match_from_code(index, post_region, "postcode")
        if code:
            return _match_from_code(index, code, _method(scan))
    if post_region:
        return _match_from_code(index, post_region, "postcode")
    if hint:
        return _match_from_code(index, hint, "hint")
    return AddressMatch()


def resolve_address(address: str | None, *, postcode: str | None = None,
                    province_hint: str | None = None) -> AddressMatch:
    """Resolve one address; see the module docstring for the rules and `method` values."""
    text = "".join(unicodedata.normalize("NFKC", address or "").split())
    head = _LEADING_POSTCODE.match(text)
    if head:
        text = text[head.end():]
    code = _clean_postcode(postcode) or (head.group(1) if head else None)
    return _resolve(text, code, parse_province_code(province_hint) if province_hint else None)
