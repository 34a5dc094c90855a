"""Tables of the indicator engine (`ipops.analytics`).

`patent_fact` and `patent_industry` are derived data, rebuilt from the patents, their IPC codes,
legal events and the award list by `ipops.analytics.facts.refresh`: one narrow, indexed row per
patent so that a province × city × year indicator table is a few GROUP BY scans, not joins over
the wide `patent` table. `patent_award` and `indicator_input` hold what the IP office maintains
by hand (award lists, trademark counts …), imported from CSV/XLSX templates.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ipops.store.db import Base
from ipops.store.schema.mixins import utcnow

_FLOW_KEYS = ("province_code", "city_code", "county_code", "patent_type", "country", "domestic")


class PatentFact(Base):
    """What the indicators need of one patent, with the dates its states begin and end."""

    __tablename__ = "patent_fact"

    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), primary_key=True)
    patent_type: Mapped[str | None] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2), default="CN")  # office of the record (CN, US, WO …)
    domestic: Mapped[bool] = mapped_column(Boolean, default=False)  # right holder in mainland China
    province_code: Mapped[str | None] = mapped_column(String(6))
    city_code: Mapped[str | None] = mapped_column(String(6))
    county_code: Mapped[str | None] = mapped_column(String(6))
    app_date: Mapped[dt.date | None] = mapped_column(Date)
    grant_date: Mapped[dt.date | None] = mapped_column(Date)
    # the day the right (or the application) stopped: lapse, expiry, invalidation, withdrawal …;
    # null while alive. An end known without its date is set to the grant date (never counted).
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_date_known: Mapped[bool] = mapped_column(Boolean, default=True)
    pct: Mapped[bool] = mapped_column(Boolean, default=False)  # PCT national-phase entry
    sei: Mapped[bool] = mapped_column(Boolean, default=False)  # in a strategic emerging industry
    granted_abroad: Mapped[bool] = mapped_column(Boolean, default=False)
    award_date: Mapped[dt.date | None] = mapped_column(Date)  # first qualifying award (1 Jan of its year)
    pledge_hv_date: Mapped[dt.date | None] = mapped_column(Date)  # first pledge over the threshold
    pledge_max_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))  # 万元
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    source_updated_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    built_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        Index("ix_patent_fact_city", "city_code", "patent_type", "grant_date"),
        Index("ix_patent_fact_county", "county_code"),
        Index("ix_patent_fact_province", "province_code"),
        # flows count one period at a time: a covering range scan instead of a pass over every patent
        Index("ix_patent_fact_app_date", "app_date", *_FLOW_KEYS),
        Index("ix_patent_fact_grant_date", "grant_date", *_FLOW_KEYS),
    )


class PatentIndustry(Base):
    """A patent's industry (SEI 2018 branch such as 1.2 电子核心产业) through the IPC reference table."""

    __tablename__ = "patent_industry"

    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), primary_key=True)
    scheme: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    top_code: Mapped[str] = mapped_column(String(32), index=True)


class PatentAward(Base):
    """A 中国专利奖 or 国家科学技术奖 given to a patent, from an imported award list."""

    __tablename__ = "patent_award"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    app_number: Mapped[str] = mapped_column(String(32), index=True)  # canonical, as patent.app_number
    award: Mapped[str] = mapped_column(String(32))  # china_patent_award | state_sci_tech_award
    level: Mapped[str | None] = mapped_column(String(32))  # 金奖 / 银奖 / 优秀奖 / 一等奖 …
    year: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("app_number", "award", "year"),)


class IndicatorInput(Base):
    """A value the office maintains itself (有效注册商标量, 地理标志, 贯标企业 …) for a region and period."""

    __tablename__ = "indicator_input"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[str] = mapped_column(String(64))
    region_code: Mapped[str] = mapped_column(String(6))
    year: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(10))  # 2025 | 2025Q3 | 2025H1 | 2025-06
    value: Mapped[Decimal] = mapped_column(Numeric(18, 4))
    source: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("indicator_id", "region_code", "period"),)


class IndicatorCache(Base):
    """Evaluated indicator grids shared by processes and kept across restarts (derived, disposable).

    `stamp` is the data stamp the grid was computed under (`ipops.analytics.cache.data_stamp`); a
    row whose stamp differs from the current one is never used and is replaced on the next write.
    """

    __tablename__ = "indicator_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    stamp: Mapped[str] = mapped_column(String(64))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
