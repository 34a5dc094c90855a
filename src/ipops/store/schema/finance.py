"""Pledge finance (知识产权质押融资): loan projects, the patents pledged, their history, the pool.

A project moves through `ipops.finance.workflow`; every step is a `pledge_project_log` row (who,
when, note). A registered pledge is also a `legal_event` (kind "pledge", origin "platform") per
patent, which is what the pledge indicators and other packages read.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipops.store.db import Base, JsonType
from ipops.store.schema.mixins import TimestampMixin, utcnow
from ipops.store.schema.patent import Patent


class PledgeProject(TimestampMixin, Base):
    """One pledge-loan application in the project library (质押融资项目库)."""

    __tablename__ = "pledge_project"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    applicant_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    bank_org_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="RESTRICT"), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 4))  # 万元
    term_months: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default="draft", index=True)  # finance.workflow.PledgeStatus
    co_owner_consent: Mapped[bool] = mapped_column(Boolean, default=False)  # 共有人同意 (§8.1)
    warnings_acknowledged: Mapped[bool] = mapped_column(Boolean, default=False)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    registration_number: Mapped[str | None] = mapped_column(String(64))  # CNIPA 质押登记号
    registration_date: Mapped[dt.date | None] = mapped_column(Date)
    loan_end_date: Mapped[dt.date | None] = mapped_column(Date)
    closed_date: Mapped[dt.date | None] = mapped_column(Date)  # repaid / defaulted
    disposed_date: Mapped[dt.date | None] = mapped_column(Date)
    # risk compensation (风险补偿): shares in percent, copied from data/finance/risk_pool.toml at creation
    bank_share: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    pool_share: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    guarantor_share: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    loss_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))  # 万元, outstanding on default
    recovered_amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))  # 万元, from disposal
    check_summary: Mapped[dict[str, Any] | None] = mapped_column(JsonType)  # last pre-registration checks
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))

    patents: Mapped[list[PledgeProjectPatent]] = relationship(
        back_populates="project", cascade="all, delete-orphan", passive_deletes=True, order_by="PledgeProjectPatent.id"
    )


class PledgeProjectPatent(Base):
    """A patent pledged in a project; ``pledgor`` is the registered holder named by the applicant."""

    __tablename__ = "pledge_project_patent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("pledge_project.id", ondelete="CASCADE"), index=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    pledgor: Mapped[str] = mapped_column(String(400))
    invalidation_pending: Mapped[bool] = mapped_column(Boolean, default=False)  # declared by the applicant
    # what the patent looked like on registration: a later change is a risk alert
    status_at_registration: Mapped[str | None] = mapped_column(String(24))

    project: Mapped[PledgeProject] = relationship(back_populates="patents")
    patent: Mapped[Patent] = relationship()

    __table_args__ = (UniqueConstraint("project_id", "patent_id"),)


class PledgeProjectLog(Base):
    """One workflow step of a project: action, status before and after, who, when, note."""

    __tablename__ = "pledge_project_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("pledge_project.id", ondelete="CASCADE"), index=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(24))
    from_status: Mapped[str | None] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)


class RiskPoolEntry(Base):
    """A movement of the risk-compensation pool (风险补偿资金池), 万元: contribution, compensation, recovery."""

    __tablename__ = "risk_pool_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # contribution | compensation | recovery
    amount: Mapped[Decimal] = mapped_column(Numeric(18, 4))  # positive; the kind gives the sign
    entry_date: Mapped[dt.date] = mapped_column(Date)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("pledge_project.id", ondelete="SET NULL"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
