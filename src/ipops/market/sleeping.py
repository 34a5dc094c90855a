"""Sleeping patents (沉睡专利) of universities and institutes: the inventory, its market-potential
screen, and the outcome of each patent put back on the market (listed, matched, licensed).

Inventory: granted patents in force, held by the organisation, with no transfer or licence event
from the source data and no vendor transfer/licence count. Patents revived through IPOps (a
platform deal or an outcome row) stay in the list with their outcome. The screen's thresholds are in
data/market/rules.toml [sleeping]; every criterion met is listed as a reason.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics import rights
from ipops.domain.errors import Forbidden, NotFound
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH
from ipops.domain.terms import remaining_term_days
from ipops.market import patent_state
from ipops.market.rules import MarketRules, SleepingScreen, load_rules
from ipops.market.schemas import OutcomeIn, SleepingPage, SleepingRow, Viewer
from ipops.store.db import in_keys
from ipops.store.repos.patents import find_patent
from ipops.store.schema import (
    AuditLog,
    MarketListing,
    Organisation,
    Patent,
    PatentFact,
    PatentGrade,
    SleepingOutcome,
)
from ipops.valuation.inputs import PatentInputs, load_inputs

SLEEPING_KINDS = {"university", "institute"}
OUTCOME_LABELS_ZH = {"listed": "已挂牌", "matched": "已对接", "licensed": "已转化（许可/转让）"}
OUTCOME_RANK = {"listed": 1, "matched": 2, "licensed": 3}
POTENTIAL_LABELS_ZH = {"high": "高", "medium": "中", "low": "低"}
CRITERIA_ZH = {"remaining_term": "剩余保护期", "grade": "价值等级", "ipc_breadth": "IPC 小类数", "claims": "权利要求数",
               "patent_type": "专利类型"}  # fmt: skip
FROM_LISTING = {"published": "listed", "negotiating": "matched", "concluded": "licensed"}


def organisation_for(session: Session, viewer: Viewer, org_id: int | None) -> Organisation:
    """The university/institute whose inventory is asked for: one's own, or any for the IP office."""
    if org_id is not None and org_id != viewer.organisation_id and not viewer.sees_all:
        raise NotFound(f"未找到机构 #{org_id}")
    wanted = org_id if org_id is not None else viewer.organisation_id
    org = session.get(Organisation, wanted) if wanted is not None else None
    if org is None:
        raise NotFound("未找到机构" if wanted is None else f"未找到机构 #{wanted}")
    if org.kind not in SLEEPING_KINDS:
        raise Forbidden("沉睡专利盘点面向高校和科研院所")
    return org


def criteria_zh(s: SleepingScreen) -> list[str]:
    return [f"剩余保护期不少于 {s.min_remaining_years:g} 年", f"价值等级为 {'、'.join(s.grades)}",
            f"IPC 小类不少于 {s.min_ipc_subclasses} 个", f"权利要求不少于 {s.min_claims} 项",
            f"专利类型为{'、'.join(PATENT_TYPE_LABELS_ZH[t] for t in s.patent_types)}",
            f"必须满足：{'、'.join(CRITERIA_ZH[r] for r in s.required) or '无'}；满足 {s.high_min_points} 项及以上为「高」，"
            f"{s.medium_min_points} 项为「中」"]  # fmt: skip


def screen(s: SleepingScreen, *, remaining: float | None, grade: str | None, subclasses: int, claims: int | None,
           patent_type: str | None) -> tuple[str, list[str]]:  # fmt: skip
    """Market potential (high/medium/low) and the reasons: one per criterion met."""
    met: dict[str, str] = {}
    if remaining is not None and remaining >= s.min_remaining_years:
        met["remaining_term"] = f"剩余保护期 {remaining:.1f} 年"
    if grade in s.grades:
        met["grade"] = f"价值等级 {grade}"
    if subclasses >= s.min_ipc_subclasses:
        met["ipc_breadth"] = f"覆盖 {subclasses} 个 IPC 小类"
    if claims is not None and claims >= s.min_claims:
        met["claims"] = f"权利要求 {claims} 项"
    if patent_type in s.patent_types:
        met["patent_type"] = "发明专利" if patent_type == "invention" else "专利类型符合"
    points = len(met)
    if any(r not in met for r in s.required):
        return "low", list(met.values())
    level = "high" if points >= s.high_min_points else "medium" if points >= s.medium_min_points else "low"
    return level, list(met.values())


def _outcomes(session: Session, org_id: int, ids: list[int]) -> dict[int, tuple[str, dt.date | None]]:
    """Stored outcome rows, raised to what the organisation's listings show (published → listed …)."""
    out: dict[int, tuple[str, dt.date | None]] = {}
    for x in session.scalars(sa.select(MarketListing).where(MarketListing.org_id == org_id,
                                                           in_keys(session, MarketListing.patent_id, ids))):  # fmt: skip
        derived = FROM_LISTING.get(x.status)
        if derived and OUTCOME_RANK[derived] > OUTCOME_RANK.get(out.get(x.patent_id, ("", None))[0], 0):
            out[x.patent_id] = (derived, x.deal_date or (x.published_at.date() if x.published_at else None))
    for row in session.scalars(sa.select(SleepingOutcome).where(SleepingOutcome.org_id == org_id)):
        if OUTCOME_RANK[row.outcome] >= OUTCOME_RANK.get(out.get(row.patent_id, ("", None))[0], 0):
            out[row.patent_id] = (row.outcome, row.outcome_date)
    return out


def _remaining(p: Patent, on: dt.date) -> float | None:
    if p.expiry_date:
        return max((p.expiry_date - on).days + 1, 0) / 365.25
    if p.app_date and p.patent_type:
        return remaining_term_days(p.patent_type, p.app_date, on) / 365.25
    return None


def _row(p: Patent, inp: PatentInputs | None, grade: str | None, outcome: tuple[str, dt.date | None] | None,
         on: dt.date, s: SleepingScreen) -> SleepingRow:  # fmt: skip
    remaining = _remaining(p, on)
    subclasses = len(inp.subclasses) if inp else 0
    claims = inp.claims_count() if inp else None
    level, reasons = screen(s, remaining=remaining, grade=grade, subclasses=subclasses, claims=claims,
                            patent_type=p.patent_type)  # fmt: skip
    age = (on - p.app_date).days / 365.25 if p.app_date else 0.0
    return SleepingRow(patent_id=p.id, app_number=p.app_number, title=p.title, patent_type=p.patent_type,
                       app_date=p.app_date, grant_date=p.grant_date, age_years=round(age, 1),
                       remaining_years=round(remaining, 1) if remaining is not None else None, grade=grade,
                       ipc_subclasses=subclasses, claims=claims, potential=level,  # type: ignore[arg-type]
                       potential_label=POTENTIAL_LABELS_ZH[level], reasons=reasons,
                       outcome=outcome[0] if outcome else None,
                       outcome_label=OUTCOME_LABELS_ZH[outcome[0]] if outcome else None,
                       outcome_date=outcome[1] if outcome else None, href=f"/patents/{p.app_number}")  # fmt: skip


def _sleeping_ids(session: Session, org: Organisation, on: dt.date) -> list[Patent]:
    ids = patent_state.org_patent_ids(session, org)
    dealt = patent_state.ever_dealt(session, ids, platform=False)
    patents = session.scalars(
        sa.select(Patent).where(in_keys(session, Patent.id, ids)).order_by(Patent.app_date, Patent.id)
    ).all()
    # the facts in one read: rights.ended then finds each in the session instead of querying per patent
    session.scalars(sa.select(PatentFact).where(in_keys(session, PatentFact.patent_id, ids))).all()
    return [p for p in patents if p.grant_date is not None and p.id not in dealt
            and not (p.transfer_count or p.licence_count) and not rights.ended(session, p, on)[0]]  # fmt: skip


def inventory(session: Session, *, viewer: Viewer, org_id: int | None = None, on: dt.date | None = None,
              rules: MarketRules | None = None) -> SleepingPage:  # fmt: skip
    """The organisation's sleeping patents with the screen, best potential first."""
    today = on or dt.date.today()
    s = (rules or load_rules()).sleeping
    org = organisation_for(session, viewer, org_id)
    patents = _sleeping_ids(session, org, today)
    ids = [p.id for p in patents]
    inputs = load_inputs(session, ids) if ids else {}
    grades = dict(
        session.execute(
            sa.select(PatentGrade.patent_id, PatentGrade.grade).where(in_keys(session, PatentGrade.patent_id, ids))
        ).all()
    )
    outcomes = _outcomes(session, org.id, ids)
    rows = [_row(p, inputs.get(p.id), grades.get(p.id), outcomes.get(p.id), today, s) for p in patents]
    order = {"high": 0, "medium": 1, "low": 2}
    rows.sort(key=lambda r: (order[r.potential], -(r.remaining_years or 0), r.app_number))
    counts = {"total": len(rows), **{k: sum(r.potential == k for r in rows) for k in order},
              **{k: sum(r.outcome == k for r in rows) for k in OUTCOME_RANK}}  # fmt: skip
    return SleepingPage(org_id=org.id, org=org.name, on=today, criteria=criteria_zh(s), rows=rows, counts=counts,
                        version=(rules or load_rules()).version)  # fmt: skip


def set_outcome(
    session: Session, *, viewer: Viewer, data: OutcomeIn, org_id: int | None = None
) -> SleepingRow | None:
    """Record what became of one of the organisation's patents (listed, matched, licensed)."""
    org = organisation_for(session, viewer, org_id)
    if viewer.organisation_id != org.id and not viewer.sees_all:
        raise Forbidden("只能更新本机构专利的盘活情况")
    patent = find_patent(session, data.number)
    if patent.id not in patent_state.org_patent_ids(session, org):
        raise NotFound(f"专利 {patent.app_number} 不是「{org.name}」的专利")
    row = session.scalar(sa.select(SleepingOutcome).where(SleepingOutcome.org_id == org.id,
                                                         SleepingOutcome.patent_id == patent.id))  # fmt: skip
    before = row.outcome if row else None
    if row is None:
        row = SleepingOutcome(org_id=org.id, patent_id=patent.id, outcome=data.outcome)
        session.add(row)
    row.outcome, row.outcome_date = data.outcome, data.outcome_date or dt.date.today()
    row.note, row.updated_by = (data.note or "").strip() or None, viewer.user_id
    session.add(AuditLog(user_id=viewer.user_id, action="market.sleeping.outcome", object_type="sleeping_outcome",
                         object_id=f"{org.id}:{patent.id}", details={"from": before, "to": data.outcome,
                                                                     "patent": patent.app_number}))  # fmt: skip
    session.flush()
    page = inventory(session, viewer=viewer, org_id=org.id)
    return next((r for r in page.rows if r.patent_id == patent.id), None)
