"""Header profiles: which column of a known export feeds which PatentRecord field.

Each vendor export (CNIPA, incoPat, PatSnap, 大为, 佰腾, CNKI, local 专利总表 dumps …) is described
by a TOML file in `ingest/profiles/`, citing where its header names come from; code never
hard-codes a vendor's column names. `detect_profile` picks the profile that recognises the
largest share of a file's header and falls back to other profiles' aliases and fuzzy matching
for columns it does not know, listing every guess with a confidence for the import report.
Columns nobody recognises are reported and kept (the mapper stores them in `extras`).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ipops.ingest.column_mapping import ALL_FIELDS, ColumnMapping, ColumnMatch
from ipops.ingest.header_keys import bare_key, loose_key, similarity, strict_key

__all__ = [
    "ALL_FIELDS",
    "ColumnMapping",
    "ColumnMatch",
    "Profile",
    "ProfileMatch",
    "UnknownProfile",
    "all_profiles",
    "bind_mapping",
    "build_mapping",
    "detect_profile",
    "get_profile",
    "known_header_count",
    "load_mapping_file",
]

EXTRA = "_extra"  # alias target of a recognised column that is no record field
FUZZY_MIN_CONFIDENCE = 0.8
OTHER_PROFILE_CONFIDENCE = 0.95  # exact alias of another profile
QUALIFIER_CONFIDENCE = 0.9  # alias after dropping "(中文)"-style qualifiers


class UnknownProfile(ValueError):
    """`--profile NAME` names no profile; the message lists the available ones."""


@dataclass(frozen=True)
class Profile:
    """One export layout, loaded from `ingest/profiles/<name>.toml`."""

    name: str
    label_zh: str
    description: str
    source: str
    columns: dict[str, tuple[str, ...]]
    known_extras: tuple[str, ...]
    transform: dict[str, Any]
    index: dict[str, tuple[str, int, str]] = field(repr=False)  # key → (field, priority, alias)

    def lookup(self, header: str) -> tuple[str, int, str] | None:
        """(field, priority, alias) for a header spelled as one of this profile's aliases."""
        return self.index.get(strict_key(header)) or self.index.get(loose_key(header))


@dataclass(frozen=True)
class ProfileMatch:
    """Result of `detect_profile`: the chosen profile, its score and the column mapping."""

    profile: Profile | None
    score: float  # share of the file's non-empty headers the profile recognises
    mapping: ColumnMapping
    scores: dict[str, float]  # every profile's share, for the report

    def report(self) -> dict[str, Any]:
        """JSON-ready summary for the import report (labels in Chinese)."""
        out = self.mapping.report()
        out["profile_label"] = self.profile.label_zh if self.profile else "未识别的格式（按列名模糊匹配）"
        out["score"] = round(self.score, 3)
        out["scores"] = {name: round(value, 3) for name, value in self.scores.items()}
        return out


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and key in merged else value
    return merged


def _index(columns: dict[str, tuple[str, ...]], extras: Iterable[str]) -> dict[str, tuple[str, int, str]]:
    index: dict[str, tuple[str, int, str]] = {}
    for field_name, aliases in columns.items():
        for priority, alias in enumerate(aliases):
            for key in (strict_key(alias), loose_key(alias)):
                index.setdefault(key, (field_name, priority, alias))
    for alias in extras:
        for key in (strict_key(alias), loose_key(alias)):
            index.setdefault(key, (EXTRA, 0, alias))
    return index


def _parse_profile(data: dict[str, Any], shared: dict[str, Any], origin: str) -> Profile:
    columns = {name: tuple(aliases) for name, aliases in data.get("columns", {}).items()}
    unknown = sorted(set(columns) - set(ALL_FIELDS))
    if unknown:
        raise ValueError(f"表头配置 {origin} 含未知字段：{'、'.join(unknown)}")
    extras = tuple(data.get("known_extras", {}).get("headers", ()))
    return Profile(
        name=data["name"],
        label_zh=data["label_zh"],
        description=data.get("description", "").strip(),
        source=data.get("source", "").strip(),
        columns=columns,
        known_extras=extras,
        transform=_merge(shared, data.get("transform", {})),
        index=_index(columns, extras),
    )


@cache
def _shared_transform() -> dict[str, Any]:
    text = resources.files("ipops.ingest").joinpath("profiles", "_shared.toml").read_text(encoding="utf-8")
    return dict(tomllib.loads(text).get("transform", {}))


@cache
def all_profiles() -> dict[str, Profile]:
    """Every packaged profile by name (files starting with "_" hold shared defaults)."""
    folder = resources.files("ipops.ingest").joinpath("profiles")
    shared = _shared_transform()
    found: dict[str, Profile] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml") and not entry.name.startswith("_"):
            profile = _parse_profile(tomllib.loads(entry.read_text(encoding="utf-8")), shared, entry.name)
            found[profile.name] = profile
    return found


@cache
def _global_index() -> dict[str, tuple[str, str, str]]:
    """Loose alias key → (field, alias, profile) over all profiles; first profile wins a key."""
    index: dict[str, tuple[str, str, str]] = {}
    for profile in all_profiles().values():
        for key, (field_name, _, alias) in profile.index.items():
            index.setdefault(key, (field_name, alias, profile.name))
    return index


@cache
def _key_owners() -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = {}
    for profile in all_profiles().values():
        for key in profile.index:
            owners.setdefault(key, set()).add(profile.name)
    return {key: frozenset(names) for key, names in owners.items()}


def get_profile(name: str) -> Profile:
    """The profile for `--profile NAME`; an unknown name raises UnknownProfile (Chinese message)."""
    profiles = all_profiles()
    if name not in profiles:
        listing = "、".join(f"{p.name}（{p.label_zh}）" for p in profiles.values())
        raise UnknownProfile(f"未知的表头配置“{name}”。可用的配置：{listing}")
    return profiles[name]


def known_header_count(cells: Sequence[object]) -> int:
    """How many cells are aliases known to any profile: tabular readers use it to find the header row."""
    index = _global_index()
    return sum(1 for cell in cells if cell not in (None, "") and loose_key(cell) in index)


def _fuzzy_guess(header: str) -> ColumnMatch | None:
    """Best guess for a header no chosen profile knows: another profile's alias, then fuzzy."""
    index = _global_index()
    hit = index.get(loose_key(header))
    if hit:
        return ColumnMatch(header, hit[0], "alias", OTHER_PROFILE_CONFIDENCE, hit[1], hit[2])
    bare = bare_key(header)
    if bare in index:
        field_name, alias, profile = index[bare]
        return ColumnMatch(header, field_name, "fuzzy", QUALIFIER_CONFIDENCE, alias, profile)
    best: tuple[float, str] = (0.0, "")
    for key in index:
        score = similarity(bare, key)
        if score > best[0]:
            best = (score, key)
    if best[0] < FUZZY_MIN_CONFIDENCE:
        return None
    field_name, alias, profile = index[best[1]]
    return ColumnMatch(header, field_name, "fuzzy", round(best[0], 3), alias, profile)


def build_mapping(header: Sequence[str], profile: Profile | None, *, fuzzy: bool = True) -> ColumnMapping:
    """Map a file's header with one profile (exact aliases) and, if `fuzzy`, guesses for the rest."""
    ranked: list[tuple[str, int, ColumnMatch]] = []  # (field, priority, match)
    extras: list[str] = []
    unmapped: list[str] = []
    for name in header:
        hit = profile.lookup(name) if profile else None
        match = ColumnMatch(name, hit[0], "exact", 1.0, hit[2], profile.name) if hit and profile else None
        if match is None and fuzzy:
            match = _fuzzy_guess(name)
        if match is None:
            unmapped.append(name)
        elif match.field == EXTRA:
            extras.append(name)
        else:
            rank = hit[1] if hit else 1000 + int((1 - match.confidence) * 1000)
            ranked.append((match.field, rank, match))
    ranked.sort(key=lambda item: (item[0], item[1]))
    fields: dict[str, list[str]] = {}
    for field_name, _, match in ranked:
        fields.setdefault(field_name, []).append(match.header)
    return ColumnMapping(
        fields={k: tuple(v) for k, v in fields.items()},
        transform=profile.transform if profile else _shared_transform(),
        profile=profile.name if profile else None,
        matches=tuple(m for _, _, m in ranked),
        unmapped=tuple(unmapped),
        known_extras=tuple(extras),
    )


def _rank(profile: Profile, header: Sequence[str]) -> tuple[float, int, int]:
    """(share recognised, exclusive aliases matched, −vocabulary size): larger is better."""
    owners = _key_owners()
    names = [h for h in header if h]
    hits = [profile.lookup(h) for h in names]
    recognised = sum(1 for hit in hits if hit)
    exclusive = sum(
        1 for name, hit in zip(names, hits, strict=True) if hit and len(owners.get(loose_key(name), ())) == 1
    )
    share = recognised / len(names) if names else 0.0
    return share, exclusive, -len(profile.index)


def detect_profile(header: Sequence[str], *, fuzzy: bool = True) -> ProfileMatch:
    """Choose the profile recognising the largest share of `header`; a tie goes to the more
    specific profile (more aliases only it knows, then the smaller vocabulary)."""
    ranks = {name: _rank(profile, header) for name, profile in all_profiles().items()}
    best_name = max(ranks, key=lambda name: ranks[name])
    best = all_profiles()[best_name] if ranks[best_name][0] > 0 else None
    return ProfileMatch(
        profile=best,
        score=ranks[best_name][0] if best else 0.0,
        mapping=build_mapping(header, best, fuzzy=fuzzy),
        scores={name: rank[0] for name, rank in sorted(ranks.items(), key=lambda kv: -kv[1][0])},
    )


def load_mapping_file(path: Path) -> ColumnMapping:
    """Read `--mapping FILE`: TOML or JSON, either {field: header | [headers]} or the profile
    layout ([columns] and optional [transform]). Unknown field names are an error."""
    text = Path(path).read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text) if Path(path).suffix.lower() == ".toml" else json.loads(text)
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"映射文件 {Path(path).name} 无法解析：{error}") from error
    if not isinstance(data, dict):
        raise ValueError(f"映射文件 {Path(path).name} 应为“字段: 列名”的对象")
    columns = data.get("columns", data)
    columns = {k: v for k, v in columns.items() if k != "transform"}
    unknown = sorted(set(columns) - set(ALL_FIELDS))
    if unknown:
        raise ValueError(f"映射文件中有未知字段：{'、'.join(unknown)}。可用字段：{'、'.join(ALL_FIELDS)}")
    fields = {k: (v,) if isinstance(v, str) else tuple(v) for k, v in columns.items()}
    matches = tuple(ColumnMatch(h, k, "manual", 1.0, h, None) for k, hs in fields.items() for h in hs)
    transform = _merge(_shared_transform(), data.get("transform", {}))
    return ColumnMapping(fields=fields, transform=transform, profile=None, matches=matches)


def bind_mapping(mapping: ColumnMapping, header: Sequence[str]) -> ColumnMapping:
    """`mapping` restricted to a file's header: absent headers are dropped (and reported as
    missing), headers it does not use are listed as unmapped."""
    present = set(header)
    fields = {k: tuple(h for h in hs if h in present) for k, hs in mapping.fields.items()}
    used = {h for hs in fields.values() for h in hs}
    return ColumnMapping(
        fields={k: v for k, v in fields.items() if v},
        transform=mapping.transform,
        profile=mapping.profile,
        matches=tuple(m for m in mapping.matches if m.header in present),
        unmapped=tuple(h for h in header if h not in used and h not in mapping.known_extras),
        known_extras=tuple(h for h in mapping.known_extras if h in present),
        missing=tuple(sorted({h for hs in mapping.fields.values() for h in hs} - present)),
    )
