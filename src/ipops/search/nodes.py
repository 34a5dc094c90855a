"""The parsed form of a search query: small frozen dataclasses, no SQL.

`query.parse()` builds these; `compile` turns them into SQL and `fulltext` into FTS
expressions (the module is `nodes`, not `ast`, to stay clear of the standard library). Each leaf keeps `pos`, the character offset it came from, so later checks (an
unknown region, say) can still point at the right place in the query box.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

# Full-text fields: which indexed columns a word must appear in. "any" is the plain keyword box
# (title, abstract, claims and applicant names); "fulltext" is 全文 (title, abstract, claims).
TEXT_FIELDS = ("any", "title", "abstract", "claims", "fulltext")


@dataclass(frozen=True)
class Text:
    """Words (or a "quoted phrase") to find in the full-text index."""

    field: str  # one of TEXT_FIELDS
    text: str
    phrase: bool = False
    pos: int = 0


@dataclass(frozen=True)
class Like:
    """A name or address fragment: 申请人, 发明人, 地址 (substring match, case-insensitive)."""

    field: str  # applicant | inventor | address
    text: str
    pos: int = 0


@dataclass(frozen=True)
class Ipc:
    """An IPC prefix at a level boundary: H01M, H01M10/00 (main group), H01M10/0525."""

    code: str  # canonical symbol from domain.ipc
    level: str
    pos: int = 0


@dataclass(frozen=True)
class DateRange:
    """申请日 / 公开日 / 授权日 between two dates, both inclusive; None is open-ended."""

    field: str  # app_date | pub_date | grant_date
    start: dt.date | None
    end: dt.date | None
    pos: int = 0


@dataclass(frozen=True)
class Number:
    """An application or publication number, normalised; `prefix` when no kind code was given."""

    field: str  # app_number | pub_number
    value: str
    prefix: bool = False
    pos: int = 0


@dataclass(frozen=True)
class Choice:
    """A coded value: 法律状态, 专利类型 or 申请人类型 (one label may stand for several codes)."""

    field: str  # legal_status | patent_type | applicant_type
    values: tuple[str, ...]
    pos: int = 0


@dataclass(frozen=True)
class Region:
    """地区: an NBS code or a region name, resolved against the region table when compiled."""

    text: str
    pos: int = 0


@dataclass(frozen=True)
class Industry:
    """行业: SEI 2018 industry or branch codes (resolved from a code or a name when parsed)."""

    codes: tuple[str, ...]
    pos: int = 0


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    child: Node


Leaf = Text | Like | Ipc | DateRange | Number | Choice | Region | Industry
Node = Leaf | And | Or | Not


def leaves(node: Node) -> Iterator[Leaf]:
    """Every leaf, left to right."""
    if isinstance(node, And | Or):
        for child in node.children:
            yield from leaves(child)
    elif isinstance(node, Not):
        yield from leaves(node.child)
    else:
        yield node


def positive_texts(node: Node, negated: bool = False) -> Iterator[Text]:
    """Full-text leaves that are not under a NOT: the words that rank and get highlighted."""
    if isinstance(node, And | Or):
        for child in node.children:
            yield from positive_texts(child, negated)
    elif isinstance(node, Not):
        yield from positive_texts(node.child, not negated)
    elif isinstance(node, Text) and not negated:
        yield node


def without_positive_texts(node: Node) -> Node | None:
    """The query's other conditions once its ranking words are dropped; None when nothing is left.

    A semantic hit need not contain the keyword-box words, but it must still meet the fields
    (申请日, 地区, IPC …) and the exclusions (NOT …): `电池 AND 申请日=2016` keeps `申请日=2016`.
    Words the user put in a field (`名称=石墨烯`) are a deliberate condition and stay. A word in an
    OR makes that whole OR unconditional; anything under NOT stays as written.
    """
    if isinstance(node, Text) and node.field == "any":
        return None
    if isinstance(node, And):
        kept = tuple(c for c in (without_positive_texts(c) for c in node.children) if c is not None)
        return None if not kept else kept[0] if len(kept) == 1 else And(kept)
    if isinstance(node, Or):
        relaxed = [without_positive_texts(c) for c in node.children]
        return None if any(c is None for c in relaxed) else Or(tuple(c for c in relaxed if c is not None))
    return node
