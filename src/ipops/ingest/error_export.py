"""The error list of an import run as a streamed XLSX (rows, columns, values, reasons)."""

from __future__ import annotations

from collections.abc import Iterator
from io import BytesIO

from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from ipops.store.schema import ImportError_

HEADER = ("级别", "行号", "列", "值", "原因")
_SEVERITY = {"error": "拒绝", "warning": "警告"}


def iter_errors(session: Session, run_id: int) -> Iterator[tuple[object, ...]]:
    stmt = (
        select(ImportError_.severity, ImportError_.row_number, ImportError_.column, ImportError_.value, ImportError_.reason)
        .where(ImportError_.run_id == run_id)
        .order_by(ImportError_.severity, ImportError_.row_number, ImportError_.id)
        .execution_options(yield_per=5000)
    )
    for severity, row, column, value, reason in session.execute(stmt):
        yield _SEVERITY.get(severity, severity), row, column, value, reason


def errors_xlsx(session: Session, run_id: int) -> bytes:
    """Every error and warning of a run (no cap); write-only workbook keeps memory flat."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("导入问题")
    ws.append(HEADER)
    for row in iter_errors(session, run_id):
        ws.append(row)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
