"""Why a patent is (or is not) a 高价值发明专利 at a date: the categories it meets, with evidence.

The same facts and category conditions as the indicator engine, for one patent, so the answer
of `GET /api/v1/patents/{number}/high-value` always agrees with the counts it is part of.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics import facts
from ipops.analytics.conditions import years_before
from ipops.analytics.rules import IndicatorRules, high_value_categories
from ipops.analytics.schemas import HighValueReason, HighValueResult
from ipops.store.repos.patents import find_patent
from ipops.store.schema import Industry, IndustryIpcRule, Patent, PatentAward, PatentFact, PatentIpc

AWARD_NAMES = {"china_patent_award": "中国专利奖", "state_sci_tech_award": "国家科学技术奖"}


def _fact(session: Session, patent: Patent, rules: IndicatorRules) -> PatentFact:
    fact = session.get(PatentFact, patent.id)
    if fact is None or fact.source_updated_at != patent.updated_at:
        facts.refresh(session, rules, [patent.id])
        fact = session.get(PatentFact, patent.id, populate_existing=True)
    assert fact is not None
    return fact


def _sei_detail(session: Session, patent_id: int) -> str:
    stmt = (
        sa.select(Industry.code, Industry.name, sa.func.min(PatentIpc.code)).distinct()
        .join(IndustryIpcRule, IndustryIpcRule.ipc_pattern == PatentIpc.code)
        .join(Industry, Industry.id == IndustryIpcRule.industry_id)
        .where(PatentIpc.patent_id == patent_id).group_by(Industry.code, Industry.name).order_by(Industry.code)
    )  # fmt: skip
    return "；".join(f"{code} {name}（IPC {ipc}）" for code, name, ipc in session.execute(stmt))


def _award_detail(session: Session, app_number: str, rules: IndicatorRules, day: dt.date) -> str:
    rows = session.scalars(sa.select(PatentAward).where(PatentAward.app_number == app_number,
                                                        PatentAward.year <= day.year).order_by(PatentAward.year))  # fmt: skip
    return "、".join(f"{a.year}年{AWARD_NAMES.get(a.award, a.award)}{a.level or ''}" for a in rows
                    if a.level not in rules.award_levels_excluded)  # fmt: skip


def _reasons(session: Session, patent: Patent, fact: PatentFact, rules: IndicatorRules, day: dt.date
             ) -> list[HighValueReason]:  # fmt: skip
    cats = high_value_categories()
    met: dict[str, str] = {}
    if fact.sei:
        met["sei"] = _sei_detail(session, patent.id)
    if fact.granted_abroad:
        met["abroad"] = "、".join(c for c in (patent.family_countries or []) if c != "CN")
    if fact.app_date and fact.app_date < years_before(day, rules.maintained_years):
        met["maintained"] = fact.app_date.isoformat()
    if fact.pledge_hv_date and fact.pledge_hv_date <= day:
        met["pledge"] = f"{float(fact.pledge_max_amount):g}" if fact.pledge_max_amount is not None else "—"
    if fact.award_date and fact.award_date <= day:
        met["award"] = _award_detail(session, patent.app_number, rules, day)
    in_force = rules.categories_for(day.year)
    return [
        HighValueReason(category=c, name=cats[c].name, reason=cats[c].reason.format(
            detail=met[c], years=rules.maintained_years, threshold=f"{rules.pledge_threshold_10k:g}"))
        for c in in_force if c in met
    ]  # fmt: skip


def classify_patent(session: Session, *, rules: IndicatorRules, number: str, as_of: dt.date | None = None
                    ) -> HighValueResult:  # fmt: skip
    """The categories a patent meets at `as_of` (default today) and whether it counts as high-value."""
    patent = find_patent(session, number)
    fact = _fact(session, patent, rules)
    day = as_of or dt.date.today()
    valid = bool(fact.grant_date and fact.grant_date <= day and (fact.end_date is None or fact.end_date > day))
    invention = fact.patent_type == "invention"
    reasons = _reasons(session, patent, fact, rules, day)
    is_hv = invention and valid and fact.domestic and fact.country == "CN" and bool(reasons)
    return HighValueResult(
        app_number=patent.app_number, title=patent.title, as_of=day.isoformat(), is_invention=invention,
        is_valid=valid, domestic=fact.domestic, high_value=is_hv, categories=reasons,
        categories_in_force=list(rules.categories_for(day.year)),
        explanation=_explain(is_hv, invention, valid, fact.domestic and fact.country == "CN", reasons),
    )  # fmt: skip


def _explain(is_hv: bool, invention: bool, valid: bool, domestic: bool, reasons: list[HighValueReason]) -> str:
    if is_hv:
        return f"计为高价值发明专利（满足{len(reasons)}类，只计一次）：" + "；".join(r.name for r in reasons)
    if not invention:
        return "不计入：只有发明专利可以是高价值发明专利"
    if not valid:
        return "不计入：该日期专利权不在有效状态"
    if not domestic:
        return "不计入：权利人不在中国大陆（统计口径为国内，不含港澳台）"
    return "不计入：不满足任何一类高价值条件"
