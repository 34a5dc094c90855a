"""Where legal statuses come from: the source, inferred from publications, or simulated demo content.

Indicators that count valid patents (有效专利) are only as good as the statuses behind them, so
the view says how much of the corpus is 推定 (derived) or 模拟 (simulated) rather than sourced.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipops.quality.schemas import BasisShare, StatusQuality, percent
from ipops.store.schema import Patent

BASIS_LABELS: dict[str | None, str] = {
    "source": "来源数据",
    "derived": "推定（由公开/授权公告）",
    "simulated": "模拟数据（演示）",
    None: "无法律状态",
}


def status_quality(session: Session, *, total: int) -> StatusQuality:
    """Counts per basis, each with how many are demo rows; one GROUP BY."""
    rows = session.execute(
        select(Patent.legal_status_basis, Patent.is_demo, func.count()).group_by(
            Patent.legal_status_basis, Patent.is_demo
        )
    ).all()
    count: dict[str | None, int] = {}
    demo: dict[str | None, int] = {}
    for basis, is_demo, n in rows:
        count[basis] = count.get(basis, 0) + n
        demo[basis] = demo.get(basis, 0) + (n if is_demo else 0)
    order = list(BASIS_LABELS) + sorted(b for b in count if b not in BASIS_LABELS and b is not None)
    shares = [BasisShare(basis=b, label=BASIS_LABELS.get(b, str(b)), count=count.get(b, 0),
                         percent=percent(count.get(b, 0), total), demo=demo.get(b, 0)) for b in order]  # fmt: skip
    demo_total = sum(demo.values())
    return StatusQuality(
        total=total, demo=demo_total, demo_percent=percent(demo_total, total), by_basis=shares
    )
