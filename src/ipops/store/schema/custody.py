"""Portfolio custody (专利托管): a firm's portfolios, the patents in them and the fees paid."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipops.store.db import Base
from ipops.store.schema.mixins import TimestampMixin, utcnow
from ipops.store.schema.patent import Patent


class CustodyPortfolio(TimestampMixin, Base):
    """A named set of patents an organisation keeps its annual fees for (托管组合)."""

    __tablename__ = "custody_portfolio"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisation.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))

    items: Mapped[list[CustodyItem]] = relationship(
        back_populates="portfolio",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="CustodyItem.id",
    )

    __table_args__ = (UniqueConstraint("organisation_id", "name"),)


class CustodyItem(TimestampMixin, Base):
    """One patent in a portfolio: its fee reduction, the last patent year paid, the status last seen."""

    __tablename__ = "custody_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    portfolio_id: Mapped[int] = mapped_column(
        ForeignKey("custody_portfolio.id", ondelete="CASCADE"), index=True
    )
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    reduction_percent: Mapped[Decimal] = mapped_column(
        Numeric(5, 2), default=Decimal(0)
    )  # 0, 70 or 85 (费减)
    paid_up_to_year: Mapped[int | None] = mapped_column(
        Integer
    )  # None: the grant year (paid at registration)
    open_licence_from: Mapped[dt.date | None] = mapped_column(Date)
    open_licence_to: Mapped[dt.date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)
    # legal status when the alerts were last acknowledged: a change since then is an alert
    checked_status: Mapped[str | None] = mapped_column(String(24))
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    portfolio: Mapped[CustodyPortfolio] = relationship(back_populates="items")
    patent: Mapped[Patent] = relationship()

    __table_args__ = (UniqueConstraint("portfolio_id", "patent_id"),)


class CustodyPayment(Base):
    """An annual fee recorded as paid (mark-as-paid), with the late fee included in ``amount``."""

    __tablename__ = "custody_payment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("custody_item.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[dt.date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
