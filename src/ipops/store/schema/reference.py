"""Reference tables loaded by `ipops init` from the packaged data files."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import DateTime, Float, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ipops.store.db import Base
from ipops.store.schema.mixins import utcnow


class Region(Base):
    """NBS statistical division (统计用区划代码): province → city → county, 6-digit codes."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(6), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    short_name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(10), index=True)  # province | city | county
    parent_code: Mapped[str | None] = mapped_column(String(6), index=True)
    lon: Mapped[float | None] = mapped_column(Float)
    lat: Mapped[float | None] = mapped_column(Float)


class RegionAlias(Base):
    """Former or informal names (莱芜市, 即墨市, 高新区 …) that addresses still use."""

    __tablename__ = "region_alias"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alias: Mapped[str] = mapped_column(String(100), unique=True)
    region_code: Mapped[str] = mapped_column(String(6))
    valid_until: Mapped[str | None] = mapped_column(String(10))
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)


class RegionPopulation(Base):
    """Population of a region in a year, with the publication it was copied from."""

    __tablename__ = "region_population"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(6), index=True)
    year: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(40))  # yearend_resident | census_resident
    population_10k: Mapped[Decimal] = mapped_column(Numeric(14, 4))  # 万人
    period: Mapped[str | None] = mapped_column(String(20))
    source_kind: Mapped[str | None] = mapped_column(Text)
    source_url: Mapped[str | None] = mapped_column(Text)
    source_title: Mapped[str | None] = mapped_column(Text)
    quoted_text: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (UniqueConstraint("region_code", "year", "kind"),)


class IpcClass(Base):
    """An IPC scheme entry with its Chinese (2026.01) and English titles."""

    __tablename__ = "ipc_class"

    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    level: Mapped[str] = mapped_column(String(12))
    parent: Mapped[str | None] = mapped_column(String(32), index=True)
    title_zh: Mapped[str | None] = mapped_column(Text)
    title_en: Mapped[str | None] = mapped_column(Text)


class Industry(Base):
    """An industry in a taxonomy (scheme `sei2018`: 战略性新兴产业; local chains later)."""

    __tablename__ = "industry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    scheme: Mapped[str] = mapped_column(String(32))
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[int] = mapped_column(Integer)
    parent_code: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (UniqueConstraint("scheme", "code"),)


class IndustryIpcRule(Base):
    """IPC code → industry, with the keyword condition of the official table where it has one."""

    __tablename__ = "industry_ipc_rule"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    industry_id: Mapped[int] = mapped_column(ForeignKey("industry.id", ondelete="CASCADE"), index=True)
    ipc_pattern: Mapped[str] = mapped_column(String(32), index=True)
    rule_ref: Mapped[str | None] = mapped_column(String(32))
    keywords: Mapped[str | None] = mapped_column(Text)


class University(Base):
    """教育部《全国高等学校名单》 entry, used for applicant typing and rankings."""

    __tablename__ = "university"

    moe_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    authority: Mapped[str | None] = mapped_column(String(200))
    location: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str | None] = mapped_column(String(10))


class RefdataVersion(Base):
    """Which packaged data file (by hash) is loaded, so `ipops init` reloads only what changed."""

    __tablename__ = "refdata_version"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    rows: Mapped[int] = mapped_column(Integer)
    loaded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
