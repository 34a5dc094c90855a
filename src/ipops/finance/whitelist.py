"""The white list (白名单): patents and firms that meet the pledge criteria of data/finance/whitelist.toml.

The criteria are data; each one a patent meets becomes a reason on the list. The grade criterion
uses `ipops.valuation.service.grades_for` (grades A–D after GB/T 42748); with `min_grade = ""` it is off.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.analytics import rights
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.finance import patent_state
from ipops.finance.rules import GRADES, WhitelistCriteria, whitelist_criteria
from ipops.finance.schemas import WhitelistFirm, WhitelistPage, WhitelistRow
from ipops.store.schema import Patent, PatentFact
from ipops.valuation.service import grades_for

DAYS_PER_YEAR = 365.25


def _type_label(code: str | None) -> str:
    try:
        return PATENT_TYPE_LABELS_ZH[PatentType(code)]
    except (ValueError, KeyError):
        return code or "未知类型"


def criteria_text(c: WhitelistCriteria) -> list[str]:
    out = []
    if c.in_force:
        out.append("已授权且有效")
    out.append(f"剩余保护期不少于 {c.min_remaining_years:g} 年")
    out.append("专利类型：" + "、".join(_type_label(t) for t in c.patent_types))
    if c.sei_required:
        out.append("属于战略性新兴产业")
    if c.no_active_pledge:
        out.append("无未注销的质押")
    if c.domestic:
        out.append("专利权人在中国大陆")
    if c.min_grade:
        out.append(f"价值评估等级不低于 {c.min_grade} 级")
    return out


def _region_filter(stmt: sa.Select, region: str | None) -> sa.Select:  # type: ignore[type-arg]
    if not region:
        return stmt
    if region.endswith("0000"):
        return stmt.where(Patent.province_code == region)
    if region.endswith("00"):
        return stmt.where(Patent.city_code == region)
    return stmt.where(Patent.county_code == region)


def whitelist(session: Session, *, region: str | None = None, on: dt.date | None = None,
              criteria: WhitelistCriteria | None = None, limit: int = 1000) -> WhitelistPage:  # fmt: skip
    """Qualifying patents (with the reasons) and the firms holding them, for a region code (province/city/county)."""
    c = criteria or whitelist_criteria()
    today = on or dt.date.today()
    stmt = (sa.select(Patent, PatentFact).join(PatentFact, PatentFact.patent_id == Patent.id)
            .where(Patent.grant_date.is_not(None), Patent.patent_type.in_(c.patent_types))
            .order_by(Patent.grant_date.desc(), Patent.id))  # fmt: skip
    if c.in_force:
        stmt = stmt.where(sa.or_(PatentFact.end_date.is_(None), PatentFact.end_date > today))
    if c.sei_required:
        stmt = stmt.where(PatentFact.sei.is_(True))
    if c.domestic:
        stmt = stmt.where(PatentFact.domestic.is_(True))
    candidates = []
    for patent, fact in session.execute(_region_filter(stmt, region)):
        expiry = rights.expiry_of(patent)
        remaining = (expiry - today).days / DAYS_PER_YEAR if expiry else 0.0
        # the query already dropped facts ended by today; what remains is a term over by today
        # (rights.ended's other case), without a second read of the fact per row
        if c.in_force and expiry is not None and expiry < today:
            continue
        if remaining < c.min_remaining_years:
            continue
        candidates.append((patent, fact, expiry, remaining))
    ids = [p.id for p, *_ in candidates]
    pledged = patent_state.active_pledges(session, ids) if c.no_active_pledge else {}
    candidates = [row for row in candidates if row[0].id not in pledged]
    grades = grades_for(session, [p.id for p, *_ in candidates]) if c.min_grade else {}
    holders = patent_state.holders(session, [p.id for p, *_ in candidates])
    rows: list[WhitelistRow] = []
    for patent, _fact, expiry, remaining in candidates:
        grade = grades.get(patent.id)
        if c.min_grade and (grade is None or GRADES.index(grade) > GRADES.index(c.min_grade)):
            continue
        reasons = [f"已授权（{patent.grant_date}）且有效"] if c.in_force else []
        reasons.append(f"剩余保护期 {remaining:.1f} 年（{expiry} 届满）")
        reasons.append(_type_label(patent.patent_type))
        if c.sei_required:
            reasons.append("属于战略性新兴产业")
        if c.no_active_pledge:
            reasons.append("无未注销的质押")
        if c.min_grade:
            reasons.append(f"价值评估等级 {grade}")
        names = holders.get(patent.id) or [patent.applicants_display or ""]
        rows.append(WhitelistRow(app_number=patent.app_number, title=patent.title, patent_type=patent.patent_type,
                                 holder=names[0], region_code=patent.county_code or patent.city_code or patent.province_code,
                                 grant_date=patent.grant_date, expiry=expiry, remaining_years=round(remaining, 1),
                                 grade=grade, reasons=reasons, href=f"/patents/{patent.app_number}"))  # fmt: skip
        if len(rows) >= limit:
            break
    return WhitelistPage(region=region, on=today, criteria=criteria_text(c), grade_criterion=_grade_note(c),
                         rows=rows, firms=_firms(rows), version=c.version)  # fmt: skip


def _grade_note(c: WhitelistCriteria) -> str:
    if not c.min_grade:
        return "未启用价值评估等级条件"
    return f"价值评估等级 ≥ {c.min_grade}（ipops.valuation，GB/T 42748-2023 结构；无法评级的专利不列入）"


def _firms(rows: list[WhitelistRow]) -> list[WhitelistFirm]:
    by: dict[str, list[WhitelistRow]] = defaultdict(list)
    for r in rows:
        by[r.holder].append(r)
    firms = [WhitelistFirm(holder=h, patents=len(rs), inventions=sum(r.patent_type == "invention" for r in rs),
                           app_numbers=[r.app_number for r in rs]) for h, rs in by.items()]  # fmt: skip
    return sorted(firms, key=lambda f: (-f.patents, f.holder))


def whitelist_xlsx(page: WhitelistPage) -> bytes:
    """The list as a workbook: 专利白名单 (one row per patent with reasons), 企业 (per firm), 条件."""
    from io import BytesIO

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "专利白名单"
    ws.append(["申请号", "名称", "类型", "专利权人", "地区代码", "授权日", "届满日", "剩余年限", "价值等级", "入选理由"])
    for r in page.rows:
        ws.append([r.app_number, r.title, _type_label(r.patent_type), r.holder, r.region_code, r.grant_date, r.expiry,
                   r.remaining_years, r.grade or "", "；".join(r.reasons)])  # fmt: skip
    firms = wb.create_sheet("企业")
    firms.append(["专利权人", "入选专利数", "其中发明", "申请号"])
    for f in page.firms:
        firms.append([f.holder, f.patents, f.inventions, "；".join(f.app_numbers)])
    crit = wb.create_sheet("条件")
    crit.append(["条件", f"版本 {page.version}，基准日 {page.on}，地区 {page.region or '全部'}"])
    for line in [*page.criteria, page.grade_criterion]:
        crit.append([line])
    buf = BytesIO()
    wb.save(buf)
    return buf.getvalue()
