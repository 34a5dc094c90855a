"""Finding a patent by whatever number a user pastes (shared by the catalogue and the indicators)."""

from __future__ import annotations

from sqlalchemy import select
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
