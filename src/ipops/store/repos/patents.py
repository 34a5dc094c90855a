"""Finding a patent by whatever number a user pastes (shared by the catalogue and the indicators)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session, selectinload

from ipops.domain.errors import InvalidNumber, NotFound
from ipops.domain.numbers import parse_application_number, parse_publication_number
from ipops.store.schema import Patent, Publication


def find_patent(session: Session, number: str) -> Patent:
    """A patent by any number form users paste: application, ZL patent number or publication."""
    options = [selectinload(Patent.publications), selectinload(Patent.ipcs)]
    try:
        app = parse_application_number(number)
        found = session.scalar(select(Patent).options(*options).where(Patent.app_number == app.canonical))
    except InvalidNumber as app_error:
        try:
            pub = parse_publication_number(number).canonical
        except InvalidNumber:
            raise app_error from None
        pid = session.scalar(select(Publication.patent_id).where(Publication.number == pub).limit(1))
        found = session.get(Patent, pid, options=options) if pid else None
        if found is None:
            found = session.scalar(select(Patent).options(*options).where(Patent.app_number == number.strip()))
    if found is None:
        raise NotFound(f"未找到专利 {number}")
    return found


def stale_patent_ids(session: Session, derived: Any, *on: Any) -> list[int]:
    """Patents with no row in a derived table (search index, indicator facts, vectors) or a row built
    from an older version of the patent (`source_updated_at` ≠ `patent.updated_at`), by id.

    `on`: extra join conditions, for tables holding several rows per patent (a model's vectors).
    """
    stmt = (
        select(Patent.id).outerjoin(derived, and_(derived.patent_id == Patent.id, *on))
        .where(or_(derived.patent_id.is_(None), derived.source_updated_at != Patent.updated_at))
        .order_by(Patent.id)
    )  # fmt: skip
    return list(session.scalars(stmt))
