"""Technology marketplace (运营交易): listings and their history, technology needs and their
classification, and the outcome of sleeping patents put back on the market.

A listing moves through `ipops.market.workflow`; every step is a `market_listing_log` row (and an
`audit_log` row). A concluded deal is also a `legal_event` (kind transfer / licence, origin
"platform"), which is what the transfer and licence indicators count.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipops.store.db import Base, JsonType
from ipops.store.schema.mixins import TimestampMixin, utcnow
from ipops.store.schema.patent import Patent


class MarketListing(TimestampMixin, Base):
    """One patent offered by its holder for transfer (转让), licence (许可) or open licence (开放许可)."""

    __tablename__ = "market_listing"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    deal_type: Mapped[str] = mapped_column(String(16), index=True)  # transfer | licence | open_licence
    licence_type: Mapped[str | None] = mapped_column(String(16))  # domain.legal_events.LicenceType
    lump_sum: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))  # 万元
    royalty_rate: Mapped[Decimal | None] = mapped_column(Numeric(7, 3))  # percent
    royalty_base: Mapped[str | None] = mapped_column(String(16))  # net_sales | profit
    term_months: Mapped[int | None] = mapped_column(Integer)  # licence term
    royalty_note: Mapped[str | None] = mapped_column(Text)  # 许可使用费估算说明
    description: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(200))
    pledgee_consent: Mapped[bool] = mapped_column(Boolean, default=False)  # 质权人同意
    evaluation_report: Mapped[bool] = mapped_column(Boolean, default=False)  # 专利权评价报告 (UM/design)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    check_summary: Mapped[dict[str, Any] | None] = mapped_column(
        JsonType
    )  # the checks at the last submission
    review_note: Mapped[str | None] = mapped_column(Text)
    counterparty: Mapped[str | None] = mapped_column(String(400))  # 受让人 / 被许可人
    counterparty_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"),
                                                            index=True)  # fmt: skip
    deal_date: Mapped[dt.date | None] = mapped_column(Date)
    deal_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))  # 万元
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    published_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    closed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)  # concluded / withdrawn
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))

    patent: Mapped[Patent] = relationship()


class MarketListingLog(Base):
    """One workflow step of a listing: action, status before and after, who, when, note."""

    __tablename__ = "market_listing_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    listing_id: Mapped[int] = mapped_column(ForeignKey("market_listing.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)


class MarketNeed(TimestampMixin, Base):
    """A technology need (技术需求) posted by a firm, in free Chinese text."""

    __tablename__ = "market_need"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text)
    industry_code: Mapped[str | None] = mapped_column(String(32))  # industry.code, scheme sei2018
    region_code: Mapped[str | None] = mapped_column(String(6))  # NBS code
    budget: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))  # 万元
    deadline: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default="open", index=True)  # open | closed
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))

    classes: Mapped[list[MarketNeedClass]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MarketNeedClass.rank"
    )


class MarketNeedClass(Base):
    """One class a need was assigned to (IPC subclass or SEI industry), with its score; matching joins on it."""

    __tablename__ = "market_need_class"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("market_need.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))  # ipc | industry
    code: Mapped[str] = mapped_column(String(32), index=True)
    label: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (UniqueConstraint("need_id", "kind", "code"),)


class SleepingOutcome(Base):
    """What became of a sleeping patent an organisation put back on the market: listed, matched, licensed."""

    __tablename__ = "sleeping_outcome"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str] = mapped_column(String(12))  # listed | matched | licensed
    outcome_date: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    __table_args__ = (UniqueConstraint("org_id", "patent_id"),)
