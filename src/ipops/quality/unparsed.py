"""Values the importer could not parse (warnings) and rows it rejected (errors), grouped.

Importing the same file again records its warnings again, so only the latest run of each file
(by sha256) counts. Reasons often end with the offending value ("邮编应为 6 位数字：2210"), so
they are grouped by the text before the first full-width colon — computed in SQL with each
engine's own string function.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, case, cast, func, select
from sqlalchemy.orm import Session

from ipops.quality.schemas import WarningGroup, WarningSummary
from ipops.store.schema import ImportError_, ImportRun

COLON = "："


def _reason_kind(dialect: str) -> Any:
    reason = ImportError_.reason
    if dialect == "postgresql":
        return func.split_part(reason, COLON, 1)
    at = func.instr(reason, COLON)
    return case((at > 0, func.substr(reason, 1, at - 1)), else_=reason)


def _latest_runs() -> Any:
    """The newest run of each file; runs without a hash (none today) stand alone."""
    file_key = func.coalesce(ImportRun.file_sha256, cast(ImportRun.id, String))
    return select(func.max(ImportRun.id)).group_by(file_key)


def unparsed_values(session: Session, *, limit: int = 50) -> WarningSummary:
    """Counts per (column, severity, kind of reason), with two example values, biggest first."""
    kind = _reason_kind(session.get_bind().dialect.name).label("kind")
    latest = _latest_runs().scalar_subquery()
    e = ImportError_
    n = func.count()
    stmt = (
        select(e.column, e.severity, kind, n, func.count(func.distinct(e.value)), func.min(e.value), func.max(e.value),
               func.max(e.run_id))
        .where(e.run_id.in_(latest))
        .group_by(e.column, e.severity, kind)
        .order_by(n.desc(), e.column, kind)
        .limit(limit)
    )  # fmt: skip
    groups = [
        WarningGroup(column=col, severity=sev, reason=reason, count=count, distinct_values=distinct,
                     examples=list(dict.fromkeys(v for v in (lo, hi) if v)), latest_run_id=run)
        for col, sev, reason, count, distinct, lo, hi, run in session.execute(stmt)
    ]  # fmt: skip
    totals = dict(
        session.execute(select(e.severity, n).where(e.run_id.in_(latest)).group_by(e.severity)).all()
    )
    runs = session.scalar(select(func.count()).select_from(_latest_runs().subquery())) or 0
    return WarningSummary(
        warnings=totals.get("warning", 0), errors=totals.get("error", 0), runs=runs, groups=groups
    )
