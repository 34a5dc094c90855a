"""Facet counts over the whole result set, each bucket with the query clause that selects it.

Single-valued facets (year, type, legal status, city, applicant type) partition the hits:
their buckets plus `other` plus `missing` add up to the total. IPC subclass and applicant
are multi-valued (a patent has several IPC codes and applicants) and count patents per value.
Adding a bucket's `filter` to the query yields exactly that bucket's count (tests check it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.legal_status import LABELS_ZH as STATUS_LABELS
from ipops.domain.legal_status import LegalStatus
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.domain.parties import PARTY_TYPE_LABELS_ZH, PartyType
from ipops.refdata.regions_file import load_region_table
from ipops.search.compile import first_applicant_join
from ipops.search.industries import SCHEME
from ipops.search.industries import label as industry_label
from ipops.search.schemas import Facet, FacetBucket
from ipops.store.schema import IpcClass, Party, Patent, PatentIndustry, PatentIpc, PatentParty

DEFAULT_FACETS = ("year", "patent_type", "legal_status", "ipc", "industry", "city", "applicant", "applicant_type")
TOP = 10


@dataclass(frozen=True)
class _Spec:
    label: str
    counts: Callable[[Session, Any], list[tuple[Any, int]]]  # (value or None, patents) per value
    label_of: Callable[[Session, list[str]], dict[str, str]]
    clause: Callable[[str, str], str]  # (value, label) → query clause
    multi_valued: bool = False
    top: int = TOP


def _grouped(key: Any, *joins: Any) -> Callable[[Session, Any], list[tuple[Any, int]]]:
    def counts(session: Session, where: Any) -> list[tuple[Any, int]]:
        stmt = sa.select(key, sa.func.count(sa.distinct(Patent.id))).select_from(Patent)
        for target, on in joins:
            stmt = stmt.outerjoin(target, on)
        return [(v, c) for v, c in session.execute(stmt.where(where).group_by(key))]

    return counts


def _first_applicant_type(session: Session, where: Any) -> list[tuple[Any, int]]:
    first = sa.select(Party.party_type).where(*first_applicant_join()).correlate_except(PatentParty, Party)
    party_type = first.limit(1).scalar_subquery()
    stmt = (
        sa.select(party_type.label("t"), sa.func.count())
        .select_from(Patent)
        .where(where)
        .group_by(sa.text("t"))
    )
    return [(v, c) for v, c in session.execute(stmt)]


def _ipc_titles(session: Session, codes: list[str]) -> dict[str, str]:
    rows = session.execute(
        sa.select(IpcClass.code, IpcClass.title_zh, IpcClass.title_en).where(IpcClass.code.in_(codes))
    )
    return {code: f"{code} {_short(zh or en or '')}".strip() for code, zh, en in rows}


def _short(title: str) -> str:
    head = re.split(r"[（(；;]", title, maxsplit=1)[0]
    return head[:14] + ("…" if len(head) > 14 else "")


def _labels(table: dict[Any, str], enum: Any) -> Callable[[Session, list[str]], dict[str, str]]:
    return lambda _s, values: {v: table.get(enum(v), v) if v in enum.__members__ else v for v in values}


def _region_names(_session: Session, codes: list[str]) -> dict[str, str]:
    table = load_region_table()
    return {c: r.name if (r := table.get(c)) else c for c in codes}


def _industry_names(_session: Session, codes: list[str]) -> dict[str, str]:
    return {c: industry_label(c) for c in codes}


def _text(value: Any) -> str:
    """A bucket value as text; years come back as int (SQLite) or Decimal (PostgreSQL)."""
    return str(int(value)) if isinstance(value, int | float | Decimal) else str(value)


def _quoted(value: str) -> str:
    return '"' + value.replace('"', "") + '"'


_year = sa.extract("year", Patent.app_date)
_industry = (PatentIndustry, sa.and_(PatentIndustry.patent_id == Patent.id, PatentIndustry.scheme == SCHEME))
_applicant = (
    PatentParty,
    sa.and_(PatentParty.patent_id == Patent.id, PatentParty.role.in_(("applicant", "holder"))),
)
SPECS: dict[str, _Spec] = {
    "year": _Spec("申请年", _grouped(_year), lambda _s, v: {x: x for x in v}, lambda v, _l: f"申请日={v}", top=20),
    "patent_type": _Spec("专利类型", _grouped(Patent.patent_type), _labels(PATENT_TYPE_LABELS_ZH, PatentType),
                         lambda _v, label: f"专利类型={label}"),
    "legal_status": _Spec("法律状态", _grouped(Patent.legal_status), _labels(STATUS_LABELS, LegalStatus),
                          lambda _v, label: f"法律状态={label}"),
    "ipc": _Spec("IPC小类", _grouped(PatentIpc.subclass, (PatentIpc, PatentIpc.patent_id == Patent.id)), _ipc_titles,
                 lambda v, _l: f"IPC={v}", multi_valued=True),
    "city": _Spec("地市", _grouped(Patent.city_code), _region_names, lambda v, _l: f"地区={v}"),
    "applicant": _Spec("申请人", _grouped(PatentParty.raw_name, _applicant), lambda _s, v: {x: x for x in v},
                       lambda v, _l: f"申请人={_quoted(v)}", multi_valued=True),
    "industry": _Spec("行业（战略性新兴产业）", _grouped(PatentIndustry.top_code, _industry), _industry_names,
                      lambda v, _l: f"行业={v}", multi_valued=True),
    "applicant_type": _Spec("申请人类型", _first_applicant_type, _labels(PARTY_TYPE_LABELS_ZH, PartyType),
                            lambda _v, label: f"申请人类型={label}"),
}  # fmt: skip


def unknown_facets(names: Sequence[str]) -> list[str]:
    return [name for name in names if name not in SPECS]


def compute_facets(session: Session, where: Any, names: Sequence[str]) -> list[Facet]:
    """Counts for each requested facet over every patent matching `where`."""
    return [_facet(session, where, name, SPECS[name]) for name in names]


def _facet(session: Session, where: Any, name: str, spec: _Spec) -> Facet:
    rows = spec.counts(session, where)
    missing = sum(c for v, c in rows if v in (None, ""))
    present = sorted(((_text(v), c) for v, c in rows if v not in (None, "")), key=lambda vc: (-vc[1], vc[0]))
    shown = present[: spec.top]
    labels = spec.label_of(session, [v for v, _ in shown])
    buckets = [FacetBucket(value=v, label=labels.get(v, v), count=c, filter=spec.clause(v, labels.get(v, v)))
               for v, c in shown]  # fmt: skip
    other = sum(c for _, c in present[spec.top :])
    return Facet(name=name, label=spec.label, buckets=buckets, other=other, missing=missing,
                 multi_valued=spec.multi_valued)  # fmt: skip
