"""A looser grouping key than `name_key`, to find parties that are probably one organisation.

`name_key` already merges spellings that differ in width, brackets' shape, spaces and
有限责任公司/有限公司 — those are one party row. What it must keep apart, because they may be
different legal persons, this key brings together *for review only*:

* a bracketed region ("西门子（中国）有限公司", "海尔（青岛）…"): removed when the bracket holds a
  region name (NBS names and their short forms) or 中国 — other bracket text such as
  "中国石油大学（华东）" vs "（北京）" names different universities and is kept;
* the company form at the end: 股份有限公司, 有限公司, 集团, 公司 … (not 分公司, a branch);
  for Latin names the legal tokens name_key produced ("co ltd", "inc", "gmbh" …).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ipops.ingest.normalise.names import is_cjk, name_key, normalise_name
from ipops.refdata.regions_file import load_region_table, short_name

REASON_LABELS = {"region_bracket": "地区括注不同", "company_form": "公司形式不同"}
_BRACKET = re.compile(r"（([^（）]*)）")
_CJK_FORM = re.compile(
    r"(?:集团)?(?:股份有限公司|有限责任公司|有限公司|股份公司|集团公司|总公司|(?<!分)公司)$|集团$"
)
_LATIN_FORMS = frozenset(
    "co ltd inc corp llc gmbh ag sa kk plc bv nv spa srl pte pty oy ab lp kg se the".split()
)


@lru_cache(maxsize=1)
def region_words() -> frozenset[str]:
    """Every region name and its short form (山东省 → 山东), plus 中国 and 中华人民共和国."""
    words = {"中国", "中华人民共和国", *load_region_table().sar_names}
    for region in load_region_table().regions.values():
        words.update(w for w in (region.name, short_name(region.name)) if w)
    return frozenset(words)


def _drop_region_brackets(text: str) -> str:
    return _BRACKET.sub(lambda m: "" if m.group(1) in region_words() else m.group(0), text)


def _drop_cjk_form(text: str) -> str:
    while (shorter := _CJK_FORM.sub("", text)) != text and len(shorter) >= 2:
        text = shorter
    return text


def _drop_latin_form(key: str) -> str:
    tokens = key.split()
    while len(tokens) > 1 and tokens[-1] in _LATIN_FORMS:
        tokens.pop()
    return " ".join(tokens)


@lru_cache(maxsize=200_000)
def loose_key(name: str) -> tuple[str, tuple[str, ...]]:
    """(key, reasons): the key parties are grouped by, and which loosening steps changed the name."""
    text = normalise_name(name)
    if not is_cjk(text):
        strict = name_key(text)
        key = _drop_latin_form(strict)
        return key, (("company_form",) if key != strict else ())
    reasons: list[str] = []
    unbracketed = _drop_region_brackets(text)
    if unbracketed != text:
        reasons.append("region_bracket")
    bare = _drop_cjk_form(unbracketed)
    if bare != unbracketed:
        reasons.append("company_form")
    return name_key(bare), tuple(reasons)
