"""Parties (organisations and persons) and their links to patents.

A party is de-duplicated on `name_key` (the normalised name); every spelling seen in the
sources is kept in `party_name`, so a review of likely duplicates has the evidence.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipops.store.db import Base
from ipops.store.schema.mixins import TimestampMixin


class Party(TimestampMixin, Base):
    __tablename__ = "party"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    name_key: Mapped[str] = mapped_column(String(400), unique=True)
    party_type: Mapped[str] = mapped_column(String(16), default="unknown", index=True)
    is_person: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(2))
    region_code: Mapped[str | None] = mapped_column(String(6), index=True)
    address: Mapped[str | None] = mapped_column(Text)

    names: Mapped[list[PartyName]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class PartyName(Base):
    """A spelling of a party's name as it appeared in a source (name variant / former name)."""

    __tablename__ = "party_name"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(400))

    __table_args__ = (UniqueConstraint("party_id", "name"),)


class PatentParty(Base):
    """Who is applicant, current holder, inventor or agency of a patent, in source order."""

    __tablename__ = "patent_party"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    raw_name: Mapped[str] = mapped_column(String(400))

    party: Mapped[Party] = relationship()

    __table_args__ = (Index("ix_patent_party_party_role", "party_id", "role"),)
