"""Reading import runs back: the list, and one run with its errors (web report, API, XLSX)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipops.domain.errors import NotFound
from ipops.store.schema import ImportError_, ImportRun


class ImportRunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    file_name: str
    format: str | None
    profile: str | None
    status: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    read: int
    inserted: int
    updated: int
    unchanged: int
    rejected: int
    warnings: int
    message: str | None
    is_demo: bool


class ImportErrorRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    row_number: int | None
    column: str | None
    value: str | None
    reason: str
    severity: str
    raw: dict[str, Any] | None


class ImportRunDetail(ImportRunRead):
    mapping: dict[str, Any] | None
    errors: list[ImportErrorRead]
    errors_total: int


def list_runs(session: Session, *, limit: int = 50) -> list[ImportRunRead]:
    runs = session.scalars(select(ImportRun).order_by(ImportRun.id.desc()).limit(limit))
    return [ImportRunRead.model_validate(r) for r in runs]


def get_run(session: Session, run_id: int, *, error_limit: int | None = 500) -> ImportRunDetail:
    run = session.get(ImportRun, run_id)
    if run is None:
        raise NotFound(f"未找到导入记录 #{run_id}")
    stmt = select(ImportError_).where(ImportError_.run_id == run_id).order_by(ImportError_.severity, ImportError_.row_number)
    errors = session.scalars(stmt.limit(error_limit) if error_limit else stmt).all()
    total = session.scalar(select(func.count()).where(ImportError_.run_id == run_id)) or 0
    base = ImportRunRead.model_validate(run).model_dump()
    return ImportRunDetail(**base, mapping=run.mapping, errors=[ImportErrorRead.model_validate(e) for e in errors],
                           errors_total=total)  # fmt: skip
