"""Clean applicant / holder / inventor names and build a deduplication key.

The same organisation reaches IPOps spelled many ways: full-width letters, "（中国）" vs
"(中国)", stray spaces ("青岛 海尔"), trailing "；", "Co., Ltd." vs "CO LTD". Counting patents
per holder needs one spelling to show (`normalise_name`) and one key to group by
(`name_key`). Decisions:

* NFKC turns full-width ASCII into half-width. Brackets are then unified by script: a name
  containing CJK uses full-width （）, as CNIPA prints Chinese names (and as the MOE list writes
  "中国石油大学（华东）"); a Latin-only name uses half-width ().
* Whitespace is collapsed and removed wherever a CJK character (or a bracket next to one)
  touches it: Chinese names never contain meaningful spaces.
* A "." between Han characters in a transliterated foreign name becomes the middle dot "·".
* Leading/trailing separators (，,;；、。) are stripped; a trailing "." is kept on Latin names
  because it belongs to abbreviations ("Inc.").
* `name_key` folds 有限责任公司 → 有限公司 (the Company Law lets an LLC call itself 有限公司), but
  keeps 股份有限公司 distinct: a joint-stock company is a different legal person from an LLC
  with a similar name. Brackets and punctuation are dropped and case is folded; English legal
  forms are reduced to short tokens ("Company Limited" → "co ltd", "Incorporated" → "inc").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAS_CJK = re.compile(f"[{_CJK}]")
_SPACE_NEAR_CJK = re.compile(f"(?<=[{_CJK}（）])\\s+|\\s+(?=[{_CJK}（）])")
_DOT_BETWEEN = re.compile(f"(?<=[{_CJK}A-Z])[.．](?=[{_CJK}])|(?<=[{_CJK}])[.．](?=[{_CJK}A-Z])")
_EDGE_PUNCT = "，,;；、。:：|/\\-_ \t"
_DOTS = str.maketrans({"•": "·", "‧": "·", "・": "·", "･": "·", "．": "."})

_LATIN_FORMS = (
    (r"\bcompany\b", "co"),
    (r"\blimited\b", "ltd"),
    (r"\bcorporation\b", "corp"),
    (r"\bincorporated\b", "inc"),
    (r"\bkabushiki kaisha\b", "kk"),
    (r"\baktiengesellschaft\b", "ag"),
    (r"\bgesellschaft mit beschrankter haftung\b", "gmbh"),
)
_LATIN_FORMS_RE = tuple((re.compile(p), r) for p, r in _LATIN_FORMS)
_KEY_DROP = re.compile(r"[\s()（）\[\]【】,.，。;；:：'\"“”‘’·&＆\-]+")


def is_cjk(text: str) -> bool:
    """True when `text` contains at least one CJK ideograph."""
    return bool(_HAS_CJK.search(text))


@lru_cache(maxsize=200_000)
def normalise_name(name: str) -> str:
    """Display form of a party name (see module docstring for the rules)."""
    text = unicodedata.normalize("NFKC", name or "").translate(_DOTS)
    text = " ".join(text.split())
    if is_cjk(text):
        text = text.replace("(", "（").replace(")", "）")
        text = _SPACE_NEAR_CJK.sub("", text)
        text = _DOT_BETWEEN.sub("·", text)  # "伊曼纽尔.范帕里斯" → "伊曼纽尔·范帕里斯"
        text = text.strip(_EDGE_PUNCT + ".")
    else:
        text = text.replace("（", "(").replace("）", ")")
        text = text.strip(_EDGE_PUNCT)
    return text


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """Grouping key: equal keys mean "same party" for counting and deduplication."""
    text = normalise_name(name).casefold()
    if is_cjk(text):
        text = text.replace("有限责任公司", "有限公司")
    else:
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
        text = re.sub(r"[^\w&]+", " ", text)
        for pattern, repl in _LATIN_FORMS_RE:
            text = pattern.sub(repl, text)
    return _KEY_DROP.sub(" " if not is_cjk(text) else "", text).strip()


_SEPARATORS = re.compile(r"[;；|｜、\n\r]+")
_COMMA = re.compile(r"[,，]")
_LATIN_SUFFIX = re.compile(
    r"^\s*(?:co\b|ltd\b|inc\b|llc\b|l\.?l\.?c\b|corp\b|gmbh\b|ag\b|s\.?a\b|b\.?v\b|n\.?v\b|plc\b|"
    r"limited\b|kg\b|l\.?p\b|s\.?p\.?a\b|s\.?r\.?l\b|pte\b|pty\b|oy\b|ab\b)",
    re.IGNORECASE,
)


def _split_commas(part: str) -> list[str]:
    """Split a CJK list on commas, gluing back "…, Ltd." style Latin company suffixes."""
    pieces: list[str] = []
    for piece in _COMMA.split(part):
        if pieces and (_LATIN_SUFFIX.match(piece) or not piece.strip()):
            pieces[-1] = f"{pieces[-1]},{piece}"
        else:
            pieces.append(piece)
    return pieces


def split_names(text: str | None) -> list[str]:
    """Split a multi-party cell into normalised names, keeping order and dropping duplicates.

    Separators: ; ； | 、 and line breaks always; a comma only in CJK text (Latin names use
    commas inside "Smith, John" and "Co., Ltd.").
    """
    if not text:
        return []
    out: list[str] = []
    seen: set[str] = set()
    for part in _SEPARATORS.split(text):
        pieces = _split_commas(part) if is_cjk(part) else [part]
        for piece in pieces:
            name = normalise_name(piece)
            key = name_key(name)
            if name and key not in seen:
                seen.add(key)
                out.append(name)
    return out
