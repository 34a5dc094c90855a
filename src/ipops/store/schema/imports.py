"""Import runs and their per-row errors: the audit trail of every file that came in."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ipops.store.db import Base, JsonType
from ipops.store.schema.mixins import utcnow


class ImportRun(Base):
    __tablename__ = "import_run"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    file_size: Mapped[int | None] = mapped_column(Integer)
    format: Mapped[str | None] = mapped_column(String(32))
    profile: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16), default="running")  # running | finished | failed
    started_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    read: Mapped[int] = mapped_column(Integer, default=0)
    inserted: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    rejected: Mapped[int] = mapped_column(Integer, default=0)
    warnings: Mapped[int] = mapped_column(Integer, default=0)
    mapping: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    message: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id", ondelete="SET NULL"))  # web uploads

    errors: Mapped[list[ImportError_]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ImportError_.row_number"
    )


class ImportError_(Base):  # noqa: N801 - trailing underscore avoids shadowing the builtin
    """A rejected row (severity `error`) or a kept row with an unparsed value (`warning`)."""

    __tablename__ = "import_error"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("import_run.id", ondelete="CASCADE"), index=True)
    row_number: Mapped[int | None] = mapped_column(Integer)
    column: Mapped[str | None] = mapped_column(String(200))
    value: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(8), default="error")
    raw: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
