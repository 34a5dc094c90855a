"""Dated legal events: what transfer, licence and pledge indicators count."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ipops.store.db import Base, JsonType
from ipops.store.schema.mixins import TimestampMixin


class LegalEvent(TimestampMixin, Base):
    __tablename__ = "legal_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    patent_id: Mapped[int] = mapped_column(ForeignKey("patent.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(32))  # domain.legal_events.LegalEventKind
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    raw_text: Mapped[str | None] = mapped_column(Text)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 4))  # 万元
    counterparty: Mapped[str | None] = mapped_column(String(400))
    licence_type: Mapped[str | None] = mapped_column(String(16))
    details: Mapped[dict[str, Any] | None] = mapped_column(JsonType)
    is_simulated: Mapped[bool] = mapped_column(Boolean, default=False)  # 模拟数据 (demo only)
    # import: from a source file (replaced when the patent is re-imported); platform: recorded by
    # IPOps itself (a concluded marketplace deal, a registered pledge) and never touched by imports
    origin: Mapped[str] = mapped_column(String(16), default="import")
    import_run_id: Mapped[int | None] = mapped_column(ForeignKey("import_run.id", ondelete="SET NULL"))

    __table_args__ = (Index("ix_legal_event_kind_date", "kind", "event_date"),)
