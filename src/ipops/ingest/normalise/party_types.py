"""Classify an applicant name as 企业 / 高校 / 科研院所 / 机关团体 / 个人 (`PartyType`).

Every IP-office bulletin breaks counts down by applicant type, and CNIPA records carry no type
field, so the type is derived from the name. The rules are data
(`ipops/data/normalise/party_type_patterns.csv`: type, pattern, kind, priority, note); the
highest-priority matching rule wins. Before any pattern, an exact match against the MOE list
of universities (after normalisation, and after dropping a bracketed campus such as
"山东大学（威海）") returns `university`.

Decisions (see the CSV notes): anything containing 公司 is an enterprise, even a research
institute or a university's asset company; hospitals and schools below higher education are
机关团体 (public institutions), as CNIPA's applicant types have no separate class for them;
2–3 Han characters with no strong organisation marker are a person.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ipops.domain.parties import PartyType
from ipops.ingest.normalise.names import normalise_name
from ipops.refdata.universities_file import load_university_names

_BRACKET_TAIL = re.compile(r"（[^（）]*）$")


@dataclass(frozen=True, slots=True)
class _Rule:
    priority: int
    type: PartyType
    regex: re.Pattern[str]


def _to_regex(pattern: str, kind: str) -> str:
    if kind == "suffix":
        return re.escape(pattern) + "$"
    if kind == "contains":
        return re.escape(pattern)
    if kind == "regex":
        return f"(?i:{pattern[4:]})" if pattern.startswith("(?i)") else f"(?:{pattern})"
    raise ValueError(f"未知的匹配方式：{kind}")


@lru_cache(maxsize=1)
def load_party_rules() -> tuple[_Rule, ...]:
    """Rules grouped by (priority, type) into one regex each, highest priority first."""
    path = files("ipops") / "data" / "normalise" / "party_type_patterns.csv"
    groups: dict[tuple[int, str], list[str]] = {}
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            key = (int(row["priority"]), row["type"])
            groups.setdefault(key, []).append(_to_regex(row["pattern"], row["kind"]))
    rules = [
        _Rule(priority, PartyType(kind), re.compile("|".join(parts)))
        for (priority, kind), parts in groups.items()
    ]
    return tuple(sorted(rules, key=lambda r: -r.priority))


def _is_listed_university(name: str) -> bool:
    universities = load_university_names()
    return name in universities or _BRACKET_TAIL.sub("", name) in universities


@lru_cache(maxsize=200_000)
def classify_party(name: str | None) -> PartyType:
    """The applicant type of `name`; `PartyType.unknown` when nothing fits."""
    text = normalise_name(name or "")
    if not text:
        return PartyType.unknown
    if _is_listed_university(text):
        return PartyType.university
    found = _match_rules(text)
    if found is PartyType.unknown and _BRACKET_TAIL.search(text):
        # "河北医科大学第四医院（河北省肿瘤医院）": the name before the bracket decides.
        found = _match_rules(_BRACKET_TAIL.sub("", text))
    return found


def _match_rules(text: str) -> PartyType:
    for rule in load_party_rules():
        if rule.regex.search(text):
            return rule.type
    return PartyType.unknown
