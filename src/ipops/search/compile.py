"""Turn a query tree into one SQL condition on `patent`.

Full-text leaves become `patent.id IN (…index lookup…)` through the engine's `FullText`;
every other field is a plain condition on the patent, party, IPC and publication tables. Each
leaf is NULL-safe (never NULL, only true or false) so that NOT means "everything else":
`NOT 法律状态=有效` includes patents without a status.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ipops.domain.errors import QuerySyntaxError
from ipops.refdata.regions_file import load_region_table
from ipops.search import nodes as n
from ipops.search.fulltext import FullText, TextMatch, text_match
from ipops.search.industries import SCHEME
from ipops.store.schema import Party, Patent, PatentIndustry, PatentIpc, PatentParty, Publication

_RAW_COLUMNS = {
    "any": (Patent.title, Patent.abstract, Patent.claims, Patent.applicants_display),
    "title": (Patent.title,),
    "abstract": (Patent.abstract,),
    "claims": (Patent.claims,),
    "fulltext": (Patent.title, Patent.abstract, Patent.claims),
}
_DATES = {"app_date": Patent.app_date, "pub_date": Patent.pub_date, "grant_date": Patent.grant_date}
_ROLES = {"applicant": ("applicant", "holder"), "inventor": ("inventor",)}


def condition(node: n.Node, fulltext: FullText) -> Any:
    """The SQL condition selecting the patents that `node` describes."""
    if isinstance(node, n.And):
        merged, rest = merged_matches(node)
        parts = [Patent.id.in_(fulltext.matching(m)) if m else sa.false() for m in merged]
        return sa.and_(*parts, *(condition(c, fulltext) for c in rest))
    if isinstance(node, n.Or):
        return sa.or_(*(condition(c, fulltext) for c in node.children))
    if isinstance(node, n.Not):
        return sa.not_(condition(node.child, fulltext))
    return _leaf(node, fulltext)


def merged_matches(node: n.And) -> tuple[list[TextMatch | None], list[n.Node]]:
    """Plain words ANDed in one field become one index lookup (锂电池 负极材料 → one FTS query).

    The index intersects its posting lists far faster than SQL intersects one id set per word
    (a common word alone matches tens of thousands of patents at 10^6). Returns the merged
    lookups (None: a leaf without searchable words, which matches nothing) and the other children.
    """
    groups: dict[str, list[n.Text]] = {}
    rest: list[n.Node] = []
    for child in node.children:
        if isinstance(child, n.Text) and not child.phrase:
            groups.setdefault(child.field, []).append(child)
        else:
            rest.append(child)
    merged: list[TextMatch | None] = []
    for leaves in groups.values():
        matches = [text_match(leaf) for leaf in leaves]
        if any(m is None for m in matches):
            merged.append(None)
            continue
        words = tuple(dict.fromkeys(w for m in matches if m for w in m.words))
        merged.append(TextMatch(matches[0].columns if matches[0] else (), words))
    return merged, rest


def _leaf(leaf: n.Leaf, fulltext: FullText) -> Any:
    if isinstance(leaf, n.Text):
        return _text(leaf, fulltext)
    if isinstance(leaf, n.Like):
        return _like(leaf)
    if isinstance(leaf, n.Ipc):
        return _ipc(leaf)
    if isinstance(leaf, n.DateRange):
        return _date(leaf)
    if isinstance(leaf, n.Number):
        return _number(leaf)
    if isinstance(leaf, n.Choice):
        return _choice(leaf)
    if isinstance(leaf, n.Industry):
        return _industry(leaf)
    return _region(leaf)


def _text(leaf: n.Text, fulltext: FullText) -> Any:
    match = text_match(leaf)
    if match is None:
        return sa.false()
    found = Patent.id.in_(fulltext.matching(match))
    if not leaf.phrase:
        return found
    # the index narrows, the raw text decides: a phrase is those characters in that order
    exact = sa.or_(
        *(sa.and_(c.is_not(None), c.icontains(leaf.text, autoescape=True)) for c in _RAW_COLUMNS[leaf.field])
    )
    return sa.and_(found, exact)


def _like(leaf: n.Like) -> Any:
    if leaf.field == "address":
        return sa.and_(Patent.address.is_not(None), Patent.address.icontains(leaf.text, autoescape=True))
    return sa.exists().where(
        PatentParty.patent_id == Patent.id, PatentParty.role.in_(_ROLES[leaf.field]),
        PatentParty.raw_name.icontains(leaf.text, autoescape=True),
    ).correlate_except(PatentParty)  # fmt: skip


def _ipc(leaf: n.Ipc) -> Any:
    """Prefix at a level boundary, as `domain.ipc.ipc_matches` defines it.

    Prefixes are written as ranges (code >= 'H01M' AND code < 'H01N') so both engines use the
    index on patent_ipc.code (LIKE 'H01M%' scans on PostgreSQL's default collation and on SQLite).
    """
    if leaf.level in ("section", "class", "subclass"):
        cond = _prefix(PatentIpc.code, leaf.code)
    elif leaf.level == "main_group":
        cond = PatentIpc.main_group == leaf.code
    else:
        cond = _prefix(PatentIpc.code, leaf.code)
    return Patent.id.in_(sa.select(PatentIpc.patent_id).where(cond))


def _prefix(column: Any, prefix: str) -> Any:
    return sa.and_(column >= prefix, column < prefix[:-1] + chr(ord(prefix[-1]) + 1))


def _date(leaf: n.DateRange) -> Any:
    column = _DATES[leaf.field]
    parts = [column.is_not(None)]
    if leaf.start:
        parts.append(column >= leaf.start)
    if leaf.end:
        parts.append(column <= leaf.end)
    return sa.and_(*parts)


def _number(leaf: n.Number) -> Any:
    if leaf.field == "app_number":
        return Patent.app_number.startswith(leaf.value) if leaf.prefix else Patent.app_number == leaf.value
    pub = Publication.number.startswith(leaf.value) if leaf.prefix else Publication.number == leaf.value
    return sa.exists().where(Publication.patent_id == Patent.id, pub).correlate_except(Publication)


def _choice(leaf: n.Choice) -> Any:
    if leaf.field == "applicant_type":
        return (
            sa.exists()
            .where(*first_applicant_join(), Party.party_type.in_(leaf.values))
            .correlate_except(PatentParty, Party)
        )
    column = Patent.legal_status if leaf.field == "legal_status" else Patent.patent_type
    return sa.and_(column.is_not(None), column.in_(leaf.values))


def first_applicant_join() -> tuple[Any, ...]:
    """Conditions linking a patent to its first applicant (the facet and the filter agree on it)."""
    return (PatentParty.patent_id == Patent.id, PatentParty.role == "applicant", PatentParty.seq == 0,
            Party.id == PatentParty.party_id)  # fmt: skip


def _industry(leaf: n.Industry) -> Any:
    """In one of the industries (any branch of it) or branches, through `patent_industry`."""
    codes = list(leaf.codes)
    rows = sa.select(PatentIndustry.patent_id).where(
        PatentIndustry.scheme == SCHEME, sa.or_(PatentIndustry.code.in_(codes), PatentIndustry.top_code.in_(codes))
    )
    return Patent.id.in_(rows)


def _region(leaf: n.Region) -> Any:
    codes = region_codes(leaf.text, leaf.pos)
    columns = (Patent.province_code, Patent.city_code, Patent.county_code)
    return sa.or_(*(sa.and_(c.is_not(None), c.in_(codes)) for c in columns))


def region_codes(text: str, pos: int = 0) -> list[str]:
    """NBS codes meant by a code or a (short) name: 370200, 青岛市, 青岛, 山东省, 山东."""
    table = load_region_table()
    if text.isdigit() and table.get(text):
        return [text]
    regions = table.by_name(text) or table.by_short_name(text)
    if not regions and text in table.sar_names:
        return [table.sar_names[text]]
    if not regions:
        raise QuerySyntaxError(f"未知的地区“{text}”（可写 山东、青岛市 或代码 370200）", position=pos)
    return [r.code for r in regions]
