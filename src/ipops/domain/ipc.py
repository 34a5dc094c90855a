"""International Patent Classification symbols (IPC分类号).

Exports write the same symbol as "H01M 10/0525", "H01M10/0525(2010.01)", the WIPO 14-character
form "H01M0010052500" or with full-width characters; lists come separated by ";", "；", ",",
"|", new lines or runs of spaces (the 2017 CN-BIBS slice writes "E04H15/00;E04H15/42;").
Everything is parsed into IpcCode so that SEI↔IPC tables (rules §2.1) and searches compare
the same strings. The real hierarchy below a main group is given by the dots of the scheme,
not by the symbol, so ``parent`` of a subgroup is its main group.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from ipops.domain.errors import InvalidIpc

IpcLevel = Literal["section", "class", "subclass", "main_group", "subgroup"]

_LABEL = re.compile(
    r"^\s*(?:IPC\s*(?:分类号)?|国际专利分类号?|分类号|INT\.?\s*CL\.?\s*\d*)\s*[:：]?\s*", re.IGNORECASE
)
_EDITION_TAIL = re.compile(r"[(\[]\s*\d{4}\s*\.\s*\d{2}\s*[)\]]$")
_WIPO14 = re.compile(r"([A-H])(\d{2})([A-Z])(\d{4})(\d{6})")
_SYMBOL = re.compile(r"([A-H])(?:(\d{2})(?:([A-Z])(?:(\d{1,4})(?:/(\d{2,6}))?)?)?)?")
_STRONG_SEPARATORS = re.compile(r"[;；,，|｜、\r\n\t]+")
_SUBCLASS_TOKEN = re.compile(r"[A-H]\d{2}[A-Z]")
_GROUP_TOKEN = re.compile(r"\d{1,4}(?:/\d+)?(?:[(\[]\s*\d{4}\.\d{2}\s*[)\]])?")
_EDITION_TOKEN = re.compile(r"[(\[]\s*\d{4}\s*\.\s*\d{2}\s*[)\]]")
_WHITESPACE = re.compile(r"\s+")
_MAIN_GROUP_SUBGROUP = "00"


@dataclass(frozen=True)
class IpcCode:
    """One IPC symbol at any level; a main group is stored with subgroup "00" (H01M10/00)."""

    section: str
    class_: str | None = None
    subclass_letter: str | None = None
    main_group: str | None = None
    subgroup: str | None = None

    def __post_init__(self) -> None:
        parts = (self.section, self.class_, self.subclass_letter, self.main_group, self.subgroup)
        present = [p is not None for p in parts]
        if present != sorted(present, reverse=True) or (self.main_group or "1").strip("0") == "":
            raise InvalidIpc(f"IPC分类号不完整或无效：{''.join(p or '?' for p in parts)}")
        if self.main_group is not None:
            # "H01M010" and "H01M10" are one main group; the subgroup defaults to "00"
            object.__setattr__(self, "main_group", self.main_group.lstrip("0"))
            if self.subgroup is None:
                object.__setattr__(self, "subgroup", _MAIN_GROUP_SUBGROUP)

    @property
    def level(self) -> IpcLevel:
        if self.subgroup is not None:
            return "main_group" if self.subgroup == _MAIN_GROUP_SUBGROUP else "subgroup"
        if self.subclass_letter is not None:
            return "subclass"
        return "class" if self.class_ is not None else "section"

    @property
    def class_code(self) -> str | None:
        return f"{self.section}{self.class_}" if self.class_ is not None else None

    @property
    def subclass_code(self) -> str | None:
        if self.subclass_letter is None:
            return None
        return f"{self.section}{self.class_}{self.subclass_letter}"

    @property
    def main_group_code(self) -> str | None:
        if self.main_group is None:
            return None
        return f"{self.subclass_code}{self.main_group}/{_MAIN_GROUP_SUBGROUP}"

    @property
    def code(self) -> str:
        """Canonical symbol without spaces: "H01M10/0525", "H01M10/00", "H01M", "H01", "H"."""
        if self.main_group is not None:
            return f"{self.subclass_code}{self.main_group}/{self.subgroup}"
        return self.subclass_code or self.class_code or self.section

    @property
    def wipo14(self) -> str | None:
        """WIPO 14-character form (subclass, 4-digit main group, 6-digit subgroup); None above main group."""
        if self.main_group is None or self.subgroup is None:
            return None
        return f"{self.subclass_code}{self.main_group.zfill(4)}{self.subgroup.ljust(6, '0')}"

    @property
    def parent(self) -> IpcCode | None:
        """Next level up: subgroup → main group → subclass → class → section → None."""
        level = self.level
        if level == "subgroup":
            return IpcCode(self.section, self.class_, self.subclass_letter, self.main_group)
        if level == "main_group":
            return IpcCode(self.section, self.class_, self.subclass_letter)
        if level == "subclass":
            return IpcCode(self.section, self.class_)
        return IpcCode(self.section) if level == "class" else None

    def __str__(self) -> str:
        return self.code


def _fold(text: str) -> str:
    """Full-width → ASCII (NFKC), brackets unified, upper case, leading "IPC:" label removed."""
    folded = unicodedata.normalize("NFKC", text).upper().replace("【", "[").replace("】", "]")
    return _LABEL.sub("", folded)


def _clean(text: str) -> str:
    """One symbol as a compact string: folded, edition tail and all spaces removed."""
    folded = _fold(text).strip().rstrip(";,|").strip()
    return _WHITESPACE.sub("", _EDITION_TAIL.sub("", folded))


def _from_wipo14(match: re.Match[str]) -> IpcCode:
    section, class_, letter, main, sub = match.groups()
    # the subgroup is right-padded with zeros; keep at least two digits ("/00", "/10", "/02")
    subgroup = sub.rstrip("0").ljust(2, "0")
    return IpcCode(section, class_, letter, str(int(main)), subgroup)


@lru_cache(maxsize=65_536)  # a corpus repeats a few ten thousand symbols; IpcCode is frozen
def parse_ipc(text: str) -> IpcCode:
    """Read one IPC symbol in any common spelling; subgroup digits are kept as given.

    "H01M10" is read as the main group H01M10/00. Raises InvalidIpc with a Chinese message.
    """
    cleaned = _clean(text)
    wipo = _WIPO14.fullmatch(cleaned)
    if wipo is not None:
        return _from_wipo14(wipo)
    match = _SYMBOL.fullmatch(cleaned)
    if match is None:
        raise InvalidIpc(f"无法识别的IPC分类号：{text.strip()}")
    section, class_, letter, main, sub = match.groups()
    if main is not None and not main.strip("0"):
        raise InvalidIpc(f"IPC分类号的大组号不能为 0：{text.strip()}")
    return IpcCode(section, class_, letter, main, sub)


def _fragments(text: str) -> list[str]:
    """Split a list of symbols without cutting "H01M 10/0525" (subclass + group are re-joined).

    Fragments keep the user's spelling so that unreadable ones can be reported as typed.
    """
    fragments: list[str] = []
    for chunk in _STRONG_SEPARATORS.split(text):
        for token in _LABEL.sub("", chunk).split():
            folded = _fold(token)
            if _EDITION_TOKEN.fullmatch(folded):
                continue  # "(2010.01)" after "H01M 10/0525 " belongs to the previous symbol
            if (
                fragments
                and _GROUP_TOKEN.fullmatch(folded)
                and _SUBCLASS_TOKEN.fullmatch(_fold(fragments[-1]))
            ):
                fragments[-1] += f" {token}"
            else:
                fragments.append(token)
    return fragments


def parse_ipc_list_lenient(text: str | None) -> tuple[list[IpcCode], list[str]]:
    """Symbols in order without duplicates, plus the fragments that could not be read.

    Importers keep the good symbols of a row and report the bad fragments.
    """
    codes: list[IpcCode] = []
    errors: list[str] = []
    seen: set[IpcCode] = set()
    for fragment in _fragments(text or ""):
        try:
            code = parse_ipc(fragment)
        except InvalidIpc:
            errors.append(fragment)
            continue
        if code not in seen:
            seen.add(code)
            codes.append(code)
    return codes, errors


def parse_ipc_list(text: str | None) -> list[IpcCode]:
    """Strict variant of parse_ipc_list_lenient: any unreadable fragment raises InvalidIpc."""
    codes, errors = parse_ipc_list_lenient(text)
    if errors:
        raise InvalidIpc(f"无法识别的IPC分类号：{'、'.join(errors)}")
    return codes


def ipc_matches(code: str | IpcCode, pattern: str | IpcCode) -> bool:
    """True when ``code`` lies at or below ``pattern``, cut at level boundaries.

    A section, class or subclass pattern matches everything under it ("H01M" ⊇ "H01M10/0525",
    but "H01" does not match "H011…"). A main-group pattern ("H01M10" or "H01M10/00") matches
    the group and all its subgroups, not "H01M1/…" nor "H01M100/…". A subgroup pattern matches
    itself and the subgroups whose digits extend it ("10/05" ⊇ "10/052", "10/0525"; not
    "10/06"): the decimal numbering places them right after it, an approximation of the dot
    hierarchy that only the scheme knows. A trailing "*" (SEI tables, rules §2.1) is ignored.
    """
    target = code if isinstance(code, IpcCode) else parse_ipc(code)
    if isinstance(pattern, str):
        pattern = parse_ipc(pattern.strip().rstrip("*").rstrip("/"))
    level = pattern.level
    if level in ("section", "class", "subclass"):
        return target.code.startswith(pattern.code)
    if target.main_group_code != pattern.main_group_code:
        return False
    if level == "main_group":
        return True
    return target.level == "subgroup" and (target.subgroup or "").startswith(pattern.subgroup or "")
