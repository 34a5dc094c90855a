"""Header spelling folds and the fuzzy scorer used to recognise vendor column names.

Exports of the same vendor differ in bracket width ("公开（公告）号" / "公开(公告)号"), spaces
("标题 (中文)"), "[标]" markers for vendor-standardised names and qualifiers such as "(中文)"
or "(译)(简体中文)". Folding both the header and every alias the same way lets a profile list
each name once; the fuzzy scorer is only the fallback for exports no profile describes.
"""

from __future__ import annotations

import re
import unicodedata
from difflib import SequenceMatcher

_BRACKETS = str.maketrans({"【": "[", "】": "]", "〔": "[", "〕": "]", "〈": "<", "〉": ">"})
_STD_MARKER = re.compile(r"^\[(?:标|標|std\.?)\]")
_DEDUP_SUFFIX = re.compile(r"_\d+$")  # "IPC分类号_2" from tabular's duplicate-header renaming
_QUALIFIER = re.compile(r"\([^()]*\)$")
_SPACES = re.compile(r"\s+")
_EDGE = ":：*#"


def strict_key(header: object) -> str:
    """Width, bracket, space and case folding only: "公开（公告）号" → "公开(公告)号"."""
    text = unicodedata.normalize("NFKC", str(header)).translate(_BRACKETS)
    return _SPACES.sub("", text).strip(_EDGE).casefold()


def loose_key(header: object) -> str:
    """strict_key without a leading "[标]" marker or a "_2" duplicate suffix."""
    key = _STD_MARKER.sub("", strict_key(header))
    return _DEDUP_SUFFIX.sub("", key)


def bare_key(header: object) -> str:
    """loose_key without trailing qualifiers: "专利名称(中文)" → "专利名称", "标题(译)(简体中文)" → "标题"."""
    key = loose_key(header)
    while True:
        shorter = _QUALIFIER.sub("", key)
        if shorter == key or not shorter:
            return key
        key = shorter


def similarity(header_key: str, alias_key: str) -> float:
    """0…1 closeness of two folded names: the better of edit ratio and containment.

    Containment scores the share of the longer name the alias covers, so "申请号码" ⊃ "申请号"
    scores 0.75 while "申请人所在国/地区" ⊃ "申请人" scores only 0.33.
    """
    if not header_key or not alias_key:
        return 0.0
    if header_key == alias_key:
        return 1.0
    contained = 0.0
    if alias_key in header_key or header_key in alias_key:
        contained = min(len(header_key), len(alias_key)) / max(len(header_key), len(alias_key))
    matcher = SequenceMatcher(None, header_key, alias_key, autojunk=False)
    if matcher.real_quick_ratio() <= contained:
        return contained
    return max(contained, matcher.ratio())
