"""From a patent's raw data to indicator scores, dimension scores, the total and the grade.

Pure functions over `PatentInputs`, the citation cohorts and the rules file: no database here,
so a score can be checked by hand. An indicator without data scores None and its weight is
spread over the others (renormalisation), never counted as 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ipops.domain.legal_status import LegalStatus, is_dead, status_label
from ipops.domain.numbers import PatentType
from ipops.domain.parties import PARTY_TYPE_LABELS_ZH, PartyType
from ipops.domain.terms import expiry_date, remaining_term_days
from ipops.valuation.cohorts import Cohorts, Distribution
from ipops.valuation.inputs import Event, PatentInputs
from ipops.valuation.rules import COHORT_LABELS, Indicator, ValuationRules
from ipops.valuation.schemas import DimensionScore, IndicatorScore, Valuation

NO_EVENTS = "来源数据未提供法律事件（无法律状态来源、事件或计数），无法判断次数"


@dataclass
class Raw:
    """A raw value with its reader's label and explanation; value None = missing data."""

    value: float | str | None
    label: str
    explanation: str
    score: float | None = None  # set by percentile indicators, whose score needs the cohort


def _missing(reason: str) -> Raw:
    return Raw(None, "缺数据", reason)


def _until(events: list[Event], as_of: dt.date, *kinds: str) -> list[Event]:
    return [e for e in events if e.kind in kinds and (e.date is None or e.date <= as_of)]


def _ended(p: PatentInputs, as_of: dt.date) -> bool:
    if p.end_date is not None and p.end_date <= as_of:
        return True
    return is_dead(p.legal_status)


def remaining_term(p: PatentInputs, as_of: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    if p.app_date is None or p.patent_type not in {t.value for t in PatentType}:
        return _missing("缺申请日或专利类型，无法推算法定期限")
    last = expiry_date(p.patent_type, p.app_date)
    total = (last - p.app_date).days + 1
    if _ended(p, as_of):
        when = f"于 {p.end_date}" if p.end_date else ""
        return Raw(0.0, "0%", f"权利已{when}终止（法律状态：{status_label(p.legal_status, '—')}），剩余保护期按 0 计")
    left = min(remaining_term_days(p.patent_type, p.app_date, as_of), total)
    share = round(100 * left / total, 1)
    return Raw(share, f"{share:g}%", f"法定期限至 {last}（申请日起算，未计补偿期），评估日 {as_of} 剩余约 {left / 365.25:.1f} 年，占法定期限 {share:g}%")




def legal_status(p: PatentInputs, as_of: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    if p.legal_status in (None, LegalStatus.unknown.value):
        return _missing("来源未提供可识别的法律状态")
    basis = "（由公开/授权公告推定）" if p.legal_status_basis == "derived" else ""
    if _ended(p, as_of):
        when = f"，终止日 {p.end_date}" if p.end_date else ""
        return Raw("ended", "已失效", f"法律状态“{status_label(p.legal_status, '—')}”{basis}{when}：权利不再有效")
    category = {"granted": "in_force", "under_examination": "under_examination", "published": "published"}[p.legal_status]
    label = {"in_force": "授权有效", "under_examination": "实质审查中", "published": "已公开待审"}[category]
    return Raw(category, label, f"法律状态“{status_label(p.legal_status, '—')}”{basis}")


def stability(p: PatentInputs, as_of: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    if not p.has_event_data:
        return _missing(NO_EVENTS)
    restored = len(_until(p.events, as_of, "restoration"))
    partial = len(_until(p.events, as_of, "partial_invalidation"))
    n = restored + partial
    return Raw(float(n), f"{n} 次", f"权利恢复 {restored} 次、部分无效 {partial} 次（来源未单独记录无效宣告请求）")


def claims_count(p: PatentInputs, _a: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    n = p.claims_count()
    if n is None:
        return _missing("来源未提供权利要求书或权利要求项数")
    return Raw(float(n), f"{n} 项", f"权利要求 {n} 项")


def abroad(p: PatentInputs, _a: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    foreign = sorted({c for c in (p.family_countries or []) if c and c != "CN"})
    if p.granted_abroad:
        return Raw("granted_abroad", "境外已授权", "同族在境外获得授权" + (f"（同族国家/地区：{'、'.join(foreign)}）" if foreign else ""))
    if foreign:
        return Raw("filed_abroad", "有境外同族", f"有境外同族申请（{'、'.join(foreign)}），未见境外授权")
    if p.family_countries:
        return Raw("domestic_only", "仅中国", "同族仅在中国")
    return _missing("来源未提供同族国家或境外授权信息")


def forward_citations(p: PatentInputs, _a: dt.date, c: Cohorts, ind: Indicator) -> Raw:
    if p.cited_by_count is None:
        return _missing("来源未提供被引用次数")
    if p.app_date is None:
        return _missing("缺申请日，无法确定同年份对比组")
    year = p.app_date.year
    tried: list[tuple[str, str, Distribution | None]] = []
    for kind in (ind.cohort, ind.fallback_cohort):
        if kind == "ipc_subclass_year" and p.main_subclass:
            tried.append((kind, f"{p.main_subclass}×{year}年", c.by_subclass_year.get((p.main_subclass, year))))
        elif kind == "year":
            tried.append((kind, f"{year}年", c.by_year.get(year)))
    for kind, key, dist in tried:
        if dist is not None and dist.size >= ind.min_cohort:
            pct = dist.percentile(p.cited_by_count)
            return Raw(float(p.cited_by_count), f"{p.cited_by_count} 次（百分位 {100 * pct:.0f}）",
                       f"被引用 {p.cited_by_count} 次，在{COHORT_LABELS[kind]}对比组 {key}（{dist.size} 件）中位于第 {100 * pct:.1f} 百分位",
                       score=100 * pct)  # fmt: skip
    sizes = "、".join(f"{key} {dist.size if dist else 0} 件" for _, key, dist in tried)
    return _missing(f"对比组专利不足 {ind.min_cohort} 件（{sizes}），无法计算百分位")


def ipc_breadth(p: PatentInputs, _a: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    if not p.subclasses:
        return _missing("来源未提供 IPC 分类号")
    names = "、".join(sorted(p.subclasses))
    return Raw(float(len(p.subclasses)), f"{len(p.subclasses)} 个", f"IPC 小类 {len(p.subclasses)} 个：{names}")


def family_size(p: PatentInputs, _a: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    if p.family_size is not None:
        return Raw(float(p.family_size), f"{p.family_size} 件", f"同族专利 {p.family_size} 件")
    countries = sorted({c for c in (p.family_countries or []) if c})
    if countries:
        return Raw(float(len(countries)), f"{len(countries)} 个国家/地区",
                   f"来源无同族数量，按同族国家/地区数计：{'、'.join(countries)}")  # fmt: skip
    return _missing("来源未提供同族数量或同族国家")


def sei(p: PatentInputs, _a: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    if not p.has_fact:
        return _missing("产业归属尚未计算（运行 ipops indicators refresh 后可用）")
    if p.sei:
        return Raw("yes", "属于", "主要 IPC 分类号在战略性新兴产业参照关系表中")
    return Raw("no", "不属于", "IPC 分类号不在战略性新兴产业参照关系表中")


def _count(kind: str, label: str, counter: Callable[[PatentInputs], int | None]) -> Callable[..., Raw]:
    def compute(p: PatentInputs, as_of: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
        if not p.has_event_data:
            return _missing(NO_EVENTS)
        events = len(_until(p.events, as_of, kind))
        vendor = counter(p)
        n = max(events, vendor or 0)
        source = f"法律事件 {events} 次" + (f"、来源计数 {vendor} 次，取较大者" if vendor is not None else "")
        return Raw(float(n), f"{n} 次", f"{label} {n} 次（{source}）")

    return compute


def holder_type(p: PatentInputs, _a: dt.date, _c: Cohorts, ind: Indicator) -> Raw:
    if p.holder_type is None or p.holder_type not in ind.scores:
        return _missing("权利人/申请人类型未识别")
    who = "当前专利权人" if p.holder_role == "holder" else "第一申请人"
    label = PARTY_TYPE_LABELS_ZH.get(PartyType(p.holder_type), p.holder_type)
    return Raw(p.holder_type, label, f"{who}为{label}")


def open_licence(p: PatentInputs, as_of: dt.date, _c: Cohorts, _i: Indicator) -> Raw:
    if not p.has_event_data:
        return _missing(NO_EVENTS)
    marks = _until(p.events, as_of, "open_licence_declared", "open_licence_withdrawn")
    if marks and marks[-1].kind == "open_licence_declared":
        return Raw("declared", "已声明", f"{marks[-1].date or ''} 发布开放许可声明，评估日仍有效")
    return Raw("none", "无", "评估日无有效的开放许可声明" + ("（声明已撤回）" if marks else ""))


COMPUTE: dict[str, Callable[[PatentInputs, dt.date, Cohorts, Indicator], Raw]] = {
    "remaining_term": remaining_term, "legal_status": legal_status, "stability": stability,
    "claims_count": claims_count, "abroad": abroad, "forward_citations": forward_citations,
    "ipc_breadth": ipc_breadth, "family_size": family_size, "sei": sei,
    "transfers": _count("transfer", "转让", lambda p: p.transfer_count),
    "licences": _count("licence", "许可备案", lambda p: p.licence_count),
    "pledges": _count("pledge", "质押登记", lambda p: p.pledge_count),
    "holder_type": holder_type, "open_licence": open_licence,
}  # fmt: skip


def score_indicator(ind: Indicator, raw: Raw) -> float | None:
    if raw.value is None:
        return None
    if ind.method == "percentile":
        return raw.score
    return ind.score_of(raw.value)


def value(p: PatentInputs, *, rules: ValuationRules, cohorts: Cohorts, as_of: dt.date) -> Valuation:
    """Score every indicator, aggregate by dimension and in total, grade."""
    rows: list[tuple[Indicator, Raw, float | None]] = []
    for ind in rules.indicators:
        compute = COMPUTE.get(ind.id)
        raw = compute(p, as_of, cohorts, ind) if compute else _missing("IPOps 尚未实现该指标的取值")
        rows.append((ind, raw, score_indicator(ind, raw)))
    available = sum(ind.weight for ind, _, s in rows if s is not None)
    total_weight = sum(ind.weight for ind in rules.indicators) or 1.0
    total = sum(ind.weight * s for ind, _, s in rows if s is not None) / available if available else None
    indicators = [IndicatorScore(
        id=ind.id, name=ind.name, dimension=ind.dimension, raw=raw.value, raw_label=raw.label,
        score=None if s is None else round(s, 1), weight=ind.weight,
        effective_weight=round(ind.weight / available, 4) if s is not None and available else 0.0,
        mapping=ind.mapping_zh(), explanation=raw.explanation) for ind, raw, s in rows]  # fmt: skip
    dimensions = [_dimension(rules, d.id, d.name, rows) for d in rules.dimensions]
    coverage = available / total_weight
    graded = total is not None and coverage >= rules.min_coverage
    grade = rules.grade_of(total) if graded and total is not None else None
    missing = [ind.name for ind, _, s in rows if s is None]
    return Valuation(
        patent_id=p.id, app_number=p.app_number, title=p.title, patent_type=p.patent_type, as_of=as_of,
        score=None if total is None else round(total, 1), grade=grade.grade if grade else None,
        grade_label=grade.label if grade else "数据不足，未定级", coverage=round(coverage, 4), dimensions=dimensions,
        indicators=indicators, missing=missing, rules_version=rules.version, is_demo=p.is_demo,
        explanation=_summary(rules, total, grade.grade if grade else None, dimensions, rows, available, total_weight),
    )  # fmt: skip


def _dimension(rules: ValuationRules, dim: str, name: str, rows: list[tuple[Indicator, Raw, float | None]]) -> DimensionScore:
    mine = [(ind, s) for ind, _, s in rows if ind.dimension == dim]
    avail = sum(ind.weight for ind, s in mine if s is not None)
    score = sum(ind.weight * s for ind, s in mine if s is not None) / avail if avail else None
    return DimensionScore(id=dim, name=name, score=None if score is None else round(score, 1),
                          weight=sum(ind.weight for ind, _ in mine), available_weight=avail)  # fmt: skip


def _summary(rules: ValuationRules, total: float | None, grade: str | None, dims: list[DimensionScore],
             rows: list[tuple[Indicator, Raw, float | None]], available: float, total_weight: float) -> str:  # fmt: skip
    if total is None:
        return "没有任何指标有数据，无法评分。"
    parts = [f"总分 {total:.1f}" + (f"，{grade} 级（{rules.grade_of(total).label}）。" if grade else
                                   f"，有数据的指标仅占权重 {100 * available / total_weight:.0f}%，低于 {100 * rules.min_coverage:.0f}%，数据不足，未定级。")]  # fmt: skip
    parts.append("；".join(f"{d.name} {d.score:.1f}" if d.score is not None else f"{d.name} 无数据" for d in dims) + "。")
    missing = [(ind, raw) for ind, raw, s in rows if s is None]
    if missing:
        lost = sum(ind.weight for ind, _ in missing)
        parts.append(f"{len(missing)} 项指标缺少数据（{'、'.join(ind.name for ind, _ in missing)}，合计权重 {lost:g} 分），"
                     f"未参与计算，也不按 0 分计；其余指标的权重按比例放大为原来的 {total_weight / available:.2f} 倍。")  # fmt: skip
    parts.append("维度划分依 GB/T 42748-2023《专利评估指引》；指标、评分曲线、权重与等级线为 IPOps 设定（该标准未公布权重）。")
    return "".join(parts)
