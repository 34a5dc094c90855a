"""Per-field fill rates of the patent table, in one scan plus one pass over the party links.

A text column counts as filled when it is neither NULL nor the empty string (title defaults to
""), so `COUNT(NULLIF(col, ''))` does the work in the database, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ipops.quality.schemas import FieldFill, percent
from ipops.store.schema import Patent, PatentParty

# (key, Chinese label, column, is_text): the order is the order of the page
FIELDS: tuple[tuple[str, str, Any, bool], ...] = (
    ("title", "名称", Patent.title, True),
    ("abstract", "摘要", Patent.abstract, True),
    ("claims", "权利要求", Patent.claims, True),
    ("description", "说明书", Patent.description, True),
    ("patent_type", "专利类型", Patent.patent_type, True),
    ("app_date", "申请日", Patent.app_date, False),
    ("pub_number", "公开号", Patent.pub_number, True),
    ("pub_date", "公开日", Patent.pub_date, False),
    ("grant_date", "授权公告日", Patent.grant_date, False),
    ("priority_date", "优先权日", Patent.priority_date, False),
    ("ipc_main", "IPC 主分类号", Patent.ipc_main, True),
    ("address", "申请人地址", Patent.address, True),
    ("postcode", "邮编", Patent.postcode, True),
    ("province_code", "省级代码", Patent.province_code, True),
    ("city_code", "市级代码", Patent.city_code, True),
    ("county_code", "县级代码", Patent.county_code, True),
    ("holder_country", "权利人国别", Patent.holder_country, True),
    ("legal_status", "法律状态", Patent.legal_status, True),
    ("cited_by_count", "被引次数", Patent.cited_by_count, False),
)
# party roles reported as "has at least one" (and, for applicants, "has several": 共同申请)
ROLES: tuple[tuple[str, str], ...] = (
    ("applicant", "申请人"),
    ("holder", "当前权利人"),
    ("inventor", "发明人"),
)


def count_patents(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Patent)) or 0


def field_fill(session: Session, *, total: int) -> list[FieldFill]:
    """Filled count and share of every column in FIELDS, then of the party roles."""
    aggregates = [
        func.count(func.nullif(col, "")) if is_text else func.count(col) for _, _, col, is_text in FIELDS
    ]
    counts = session.execute(select(*aggregates).select_from(Patent)).one()
    fills = [FieldFill(key=key, label=label, filled=n, total=total, percent=percent(n, total))
             for (key, label, _, _), n in zip(FIELDS, counts, strict=True)]  # fmt: skip
    return fills + _role_fill(session, total=total)


def _role_fill(session: Session, *, total: int) -> list[FieldFill]:
    """Patents with ≥ 1 party of a role, plus those with ≥ 2 applicants (one GROUP BY over the links)."""
    per_patent = (
        select(PatentParty.patent_id, PatentParty.role, func.count().label("n"))
        .group_by(PatentParty.patent_id, PatentParty.role)
        .subquery()
    )
    several = func.sum(case((per_patent.c.n >= 2, 1), else_=0))
    rows = {role: (n, int(multi or 0)) for role, n, multi in
            session.execute(select(per_patent.c.role, func.count(), several).group_by(per_patent.c.role))}  # fmt: skip
    fills = []
    for role, label in ROLES:
        n = rows.get(role, (0, 0))[0]
        fills.append(
            FieldFill(key=f"party_{role}", label=label, filled=n, total=total, percent=percent(n, total))
        )
    multi = rows.get("applicant", (0, 0))[1]
    fills.append(FieldFill(key="party_applicant_2plus", label="两个及以上申请人", filled=multi, total=total,
                           percent=percent(multi, total)))  # fmt: skip
    return fills
