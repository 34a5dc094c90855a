"""Organisations, users and the audit log: who may see and change what."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipops.store.db import Base, JsonType
from ipops.store.schema.mixins import TimestampMixin, utcnow


class Organisation(TimestampMixin, Base):
    """An IP office, enterprise, university/institute, bank or service agency (机构)."""

    __tablename__ = "organisation"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # accounts.roles.OrgKind
    region_code: Mapped[str | None] = mapped_column(String(6))
    status: Mapped[str] = mapped_column(String(12), default="approved")  # pending | approved | rejected
    party_id: Mapped[int | None] = mapped_column(ForeignKey("party.id", ondelete="SET NULL"))


class User(TimestampMixin, Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20))  # accounts.roles.Role
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    organisation: Mapped[Organisation | None] = relationship()


class AuditLog(Base):
    """One row per write a user made: what, on which object, when, from where."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(60))
    object_type: Mapped[str | None] = mapped_column(String(60))
    object_id: Mapped[str | None] = mapped_column(String(60))
    details: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    ip: Mapped[str | None] = mapped_column(String(64))
    note: Mapped[str | None] = mapped_column(Text)
