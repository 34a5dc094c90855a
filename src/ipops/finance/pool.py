"""The risk-compensation pool (风险补偿资金池): contributions, compensation on default, recoveries.

Shares come from data/finance/risk_pool.toml and are copied onto each project when it is created.
On default the loss splits bank / pool / guarantor; the pool's part is booked as compensation.
A disposal's proceeds return to the pool in its share (never more than it paid).
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.domain.errors import Forbidden
from ipops.finance.rules import pool_shares
from ipops.finance.schemas import LossSplit, PoolEntryIn, PoolEntryRead, PoolSummary, Viewer
from ipops.store.schema import AuditLog, PledgeProject, RiskPoolEntry

KIND_LABELS_ZH = {"contribution": "注资", "compensation": "代偿（违约损失分担）", "recovery": "处置回收"}
SIGN = {"contribution": 1, "compensation": -1, "recovery": 1}
Q = Decimal("0.0001")


def _part(amount: Decimal, percent: Decimal) -> Decimal:
    return (amount * percent / 100).quantize(Q, rounding=ROUND_HALF_UP)


def loss_split(project: PledgeProject, loss: Decimal | None = None) -> LossSplit:
    """Who bears a defaulted loan's loss, by the project's shares; the bank takes the rounding rest."""
    total = loss if loss is not None else (project.loss_amount if project.loss_amount is not None else project.amount)
    pool, guarantor = _part(total, project.pool_share), _part(total, project.guarantor_share)
    return LossSplit(loss=total, bank=total - pool - guarantor, pool=pool, guarantor=guarantor)


def book_default(session: Session, *, viewer: Viewer, project: PledgeProject, on: dt.date) -> LossSplit:
    split = loss_split(project)
    if split.pool > 0:
        session.add(RiskPoolEntry(kind="compensation", amount=split.pool, entry_date=on, project_id=project.id,
                                  user_id=viewer.user_id, note=f"项目 #{project.id} 违约，资金池分担 {project.pool_share}%"))  # fmt: skip
    return split


def book_recovery(session: Session, *, viewer: Viewer, project: PledgeProject, on: dt.date) -> Decimal:
    recovered = project.recovered_amount or Decimal(0)
    if recovered <= 0 or not pool_shares().recovery_shared:
        return Decimal(0)
    paid = session.scalar(sa.select(sa.func.coalesce(sa.func.sum(RiskPoolEntry.amount), 0))
                          .where(RiskPoolEntry.project_id == project.id, RiskPoolEntry.kind == "compensation")) or 0  # fmt: skip
    back = min(_part(recovered, project.pool_share), Decimal(paid))
    if back > 0:
        session.add(RiskPoolEntry(kind="recovery", amount=back, entry_date=on, project_id=project.id,
                                  user_id=viewer.user_id, note=f"项目 #{project.id} 质物处置回收，按 {project.pool_share}% 返还资金池"))  # fmt: skip
    return back


def _office(viewer: Viewer) -> None:
    if not viewer.sees_all:
        raise Forbidden("风险补偿资金池仅供知识产权局管理")


def add_contribution(session: Session, *, viewer: Viewer, data: PoolEntryIn) -> PoolEntryRead:
    """Money paid into the pool (财政注资 …), 万元."""
    _office(viewer)
    entry = RiskPoolEntry(kind="contribution", amount=data.amount, entry_date=data.entry_date or dt.date.today(),
                          note=(data.note or "").strip() or None, user_id=viewer.user_id)  # fmt: skip
    session.add(entry)
    session.flush()
    session.add(AuditLog(user_id=viewer.user_id, action="pool.contribution", object_type="risk_pool_entry",
                         object_id=str(entry.id), details={"amount": str(data.amount)}))  # fmt: skip
    return _entry(entry)


def _entry(e: RiskPoolEntry) -> PoolEntryRead:
    return PoolEntryRead(id=e.id, kind=e.kind, kind_label=KIND_LABELS_ZH[e.kind], amount=e.amount,
                         entry_date=e.entry_date, project_id=e.project_id, note=e.note)  # fmt: skip


def summary(session: Session, *, viewer: Viewer) -> PoolSummary:
    """Balance = contributions − compensations + recoveries, with every entry and the defaulted projects."""
    from ipops.finance.service import list_projects  # the listing lives with the projects

    _office(viewer)
    entries = list(session.scalars(sa.select(RiskPoolEntry).order_by(RiskPoolEntry.entry_date, RiskPoolEntry.id)))
    total = {k: sum((e.amount for e in entries if e.kind == k), Decimal(0)) for k in SIGN}
    shares = pool_shares()
    return PoolSummary(balance=total["contribution"] - total["compensation"] + total["recovery"],
                       contributions=total["contribution"], compensations=total["compensation"],
                       recoveries=total["recovery"],
                       shares={"bank": shares.bank, "pool": shares.pool, "guarantor": shares.guarantor},
                       entries=[_entry(e) for e in entries],
                       defaulted=list_projects(session, viewer=viewer, status=["defaulted", "disposed"]))  # fmt: skip
