"""The home page's overview: counts by type, status, city and year."""

from __future__ import annotations

from typing import Any

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from ipops.catalog.service import region_name
from ipops.domain.legal_status import LABELS_ZH as STATUS_LABELS
from ipops.domain.legal_status import LegalStatus
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.store.schema import ImportRun, Party, Patent


def _grouped(session: Session, column: Any, limit: int | None = None) -> list[tuple[Any, int]]:
    count = func.count()
    stmt = select(column, count).group_by(column).order_by(count.desc())
    return [(k, n) for k, n in session.execute(stmt.limit(limit) if limit else stmt)]


def platform_overview(session: Session) -> dict[str, Any]:
    """Headline numbers; every one links to the list of patents behind it."""
    total = session.scalar(select(func.count()).select_from(Patent)) or 0
    demo = session.scalar(select(func.count()).select_from(Patent).where(Patent.is_demo.is_(True))) or 0
    by_type = [(t, PATENT_TYPE_LABELS_ZH.get(PatentType(t), t) if t else "未知", n) for t, n in _grouped(session, Patent.patent_type)]
    by_status = [(s, STATUS_LABELS.get(LegalStatus(s), s) if s else "未知", n) for s, n in _grouped(session, Patent.legal_status)]
    by_city = [(c, region_name(c) or "未解析地址", n) for c, n in _grouped(session, Patent.city_code, 20)]
    year = extract("year", Patent.app_date)
    by_year = sorted((y, n) for y, n in _grouped(session, year) if y)
    derived = session.scalar(select(func.count()).select_from(Patent).where(Patent.legal_status_basis == "derived")) or 0
    return {
        "total": total, "demo": demo, "derived_status": derived, "by_type": by_type, "by_status": by_status,
        "by_city": by_city, "by_year": by_year[-12:],
        "parties": session.scalar(select(func.count()).select_from(Party)) or 0,
        "imports": session.scalar(select(func.count()).select_from(ImportRun)) or 0,
    }  # fmt: skip
