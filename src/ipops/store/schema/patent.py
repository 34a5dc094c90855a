"""Patents, their publications and IPC assignments.

Region codes are denormalised onto the patent (province/city/county of the first right holder)
because every indicator filters on them; the party links keep the full picture.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipops.store.db import Base, JsonType
from ipops.store.schema.mixins import TimestampMixin


class Patent(TimestampMixin, Base):
    __tablename__ = "patent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    app_number: Mapped[str] = mapped_column(String(32), unique=True)  # canonical, e.g. CN201410000511.3
    country: Mapped[str] = mapped_column(String(2), default="CN")
    patent_type: Mapped[str | None] = mapped_column(String(16), index=True)
    pct_national_phase: Mapped[bool] = mapped_column(Boolean, default=False)
    title: Mapped[str] = mapped_column(Text, default="")
    abstract: Mapped[str | None] = mapped_column(Text)
    claims: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    app_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    pub_number: Mapped[str | None] = mapped_column(String(32), index=True)
    pub_date: Mapped[dt.date | None] = mapped_column(Date)
    grant_number: Mapped[str | None] = mapped_column(String(32), index=True)
    grant_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    priority_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    ipc_main: Mapped[str | None] = mapped_column(String(32))
    cpc: Mapped[list[str] | None] = mapped_column(JsonType)
    applicants_display: Mapped[str | None] = mapped_column(Text)  # "甲公司; 乙大学" for lists and exports
    address: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(16))
    province_code: Mapped[str | None] = mapped_column(String(6), index=True)
    city_code: Mapped[str | None] = mapped_column(String(6), index=True)
    county_code: Mapped[str | None] = mapped_column(String(6), index=True)
    holder_country: Mapped[str | None] = mapped_column(String(2))  # CN, HK, MO, TW, US …
    legal_status: Mapped[str | None] = mapped_column(String(24), index=True)
    legal_status_raw: Mapped[str | None] = mapped_column(Text)
    legal_status_date: Mapped[dt.date | None] = mapped_column(Date)
    # where the status came from: source (the imported data), derived (from publications: B → granted),
    # simulated (demo content, shown as 模拟数据)
    legal_status_basis: Mapped[str | None] = mapped_column(String(12))
    family_size: Mapped[int | None] = mapped_column(Integer)
    family_countries: Mapped[list[str] | None] = mapped_column(JsonType)
    granted_abroad: Mapped[bool | None] = mapped_column(Boolean)
    cited_by_count: Mapped[int | None] = mapped_column(Integer)
    cites_count: Mapped[int | None] = mapped_column(Integer)
    transfer_count: Mapped[int | None] = mapped_column(Integer)
    licence_count: Mapped[int | None] = mapped_column(Integer)
    pledge_count: Mapped[int | None] = mapped_column(Integer)
    extras: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    content_hash: Mapped[str | None] = mapped_column(String(40))
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    import_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_run.id", ondelete="SET NULL"))
    source_row: Mapped[int | None] = mapped_column(Integer)

    publications: Mapped[list[Publication]] = relationship(
        back_populates="patent", cascade="all, delete-orphan", passive_deletes=True, order_by="Publication.date"
    )
    ipcs: Mapped[list[PatentIpc]] = relationship(
        back_populates="patent", cascade="all, delete-orphan", passive_deletes=True, order_by="PatentIpc.seq"
    )

    __table_args__ = (Index("ix_patent_city_type_status", "city_code", "patent_type", "legal_status"),)


class PatentRecordHash(Base):
    """Hash of every source record merged into a patent: re-importing the same row is a no-op."""

    __tablename__ = "patent_record_hash"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    record_hash: Mapped[str] = mapped_column(String(40), unique=True)


class Publication(Base):
    """One publication of a patent (A, B, U, S and their corrections)."""

    __tablename__ = "publication"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(4))
    date: Mapped[dt.date | None] = mapped_column(Date)

    patent: Mapped[Patent] = relationship(back_populates="publications")


class PatentIpc(Base):
    """One IPC code of a patent; subclass and main group are stored for fast prefix roll-ups."""

    __tablename__ = "patent_ipc"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(32), index=True)
    subclass: Mapped[str] = mapped_column(String(4), index=True)
    main_group: Mapped[str] = mapped_column(String(16))
    seq: Mapped[int] = mapped_column(Integer, default=0)
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)

    patent: Mapped[Patent] = relationship(back_populates="ipcs")
