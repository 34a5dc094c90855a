"""Custody use cases (专利托管): portfolios, adding patents, the fee calendar, budget, alerts, payments.

Every function takes the `Viewer` and checks the organisation: a firm sees only its own
portfolios (another firm's is NotFound, so ids cannot be probed); the IP office sees all. No
commit here: the request or CLI command owns the unit of work.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ipops.analytics.rights import fee_table
from ipops.custody.schemas import (
    ALERT_LABELS_ZH,
    STATUS_LABELS_ZH,
    AddItemsResult,
    AddRowResult,
    Alert,
    AlertList,
    BudgetYear,
    CalendarRow,
    FeeYearRead,
    ItemRead,
    PatentFeeCalendar,
    PortfolioCalendar,
    PortfolioDetail,
    PortfolioRead,
    Viewer,
)
from ipops.domain.errors import Conflict, Forbidden, InvalidNumber, IpopsError, NotFound
from ipops.domain.fees import FeeCalendar, FeeTable, FeeYear, OpenLicencePeriod, amount_owed, fee_calendar
from ipops.domain.legal_status import LABELS_ZH, LegalStatus, is_dead, status_label
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.domain.terms import patent_year
from ipops.store.repos.patents import find_patent
from ipops.store.schema import CustodyItem, CustodyPayment, CustodyPortfolio, Organisation, Patent
from ipops.store.schema.mixins import utcnow

DUE_WITHIN_DAYS = 60
EXPIRY_WITHIN_DAYS = 365


# --- one patent -------------------------------------------------------------------------------


def calendar_for(
    *, patent_type: str, filing_date: dt.date, grant_date: dt.date, reduction_percent: Decimal | int = 0,
    open_licence: tuple[dt.date | None, dt.date | None] = (None, None), table: FeeTable | None = None,
) -> FeeCalendar:  # fmt: skip
    """The domain calendar with the packaged fee table (rules §3.3–§3.6)."""
    start, end = open_licence
    licences = [OpenLicencePeriod(start, end)] if start else []
    return fee_calendar(patent_type=patent_type, filing_date=filing_date, grant_date=grant_date,
                        table=table or fee_table(), reduction_percent=reduction_percent, open_licences=licences)  # fmt: skip


def patent_fee_calendar(
    session: Session | None, *, number: str | None = None, patent_type: str | None = None,
    filing_date: dt.date | None = None, grant_date: dt.date | None = None, reduction_percent: Decimal | int = 0,
) -> PatentFeeCalendar:  # fmt: skip
    """The calendar of a patent in the database (any number form), or of one described by its dates."""
    app_number = title = None
    if number and session is not None and not (patent_type and filing_date and grant_date):
        patent = find_patent(session, number)
        _check_feeable(patent)
        app_number, title = patent.app_number, patent.title
        patent_type, filing_date, grant_date = patent.patent_type, patent.app_date, patent.grant_date
    elif not (patent_type and filing_date and grant_date):
        raise IpopsError("请给出专利号，或给出专利类型、申请日和授权日")
    else:
        app_number = number
    cal = calendar_for(patent_type=patent_type, filing_date=filing_date, grant_date=grant_date,  # type: ignore[arg-type]
                       reduction_percent=reduction_percent)  # fmt: skip
    return PatentFeeCalendar.of(cal, app_number=app_number, title=title, version=fee_table().version)


def _check_feeable(patent: Patent) -> None:
    if patent.country != "CN" or patent.patent_type not in {t.value for t in PatentType}:
        raise IpopsError(f"{patent.app_number} 不是中国专利，无中国年费日历")
    if patent.app_date is None:
        raise IpopsError(f"{patent.app_number} 缺少申请日，无法计算年费")
    if patent.grant_date is None:
        raise IpopsError(f"{patent.app_number} 尚未授权，授权后才缴纳年费")


def _item_calendar(item: CustodyItem) -> FeeCalendar:
    p = item.patent
    return calendar_for(patent_type=p.patent_type or "", filing_date=p.app_date, grant_date=p.grant_date,  # type: ignore[arg-type]
                        reduction_percent=item.reduction_percent,
                        open_licence=(item.open_licence_from, item.open_licence_to))  # fmt: skip


def _paid_up_to(item: CustodyItem, cal: FeeCalendar) -> int:
    return item.paid_up_to_year or cal.grant_year  # the grant-year fee is paid at registration


def _default_paid_up_to(cal: FeeCalendar, on: dt.date) -> int:
    """Assumed paid on adding: years before the current one; the current one too once its grace is over
    (a right still in force after its grace period was paid). Users correct it with mark-as-paid."""
    if on < cal.years[0].due_date:
        return cal.grant_year
    current = min(patent_year(cal.filing_date, on), cal.years[-1].year)
    entry = cal.year(current) if current >= cal.grant_year else cal.years[0]
    in_grace = entry.grace_end is not None and on <= entry.grace_end
    return max(cal.grant_year, current - 1 if in_grace else current)


# --- portfolios -------------------------------------------------------------------------------


def _read(p: CustodyPortfolio, org_name: str, count: int) -> PortfolioRead:
    return PortfolioRead(id=p.id, name=p.name, organisation_id=p.organisation_id, organisation_name=org_name,
                         note=p.note, items=count, href=f"/custody/{p.id}")  # fmt: skip


def _portfolio_read(session: Session, p: CustodyPortfolio) -> PortfolioRead:
    org = session.get(Organisation, p.organisation_id)
    return _read(p, org.name if org else "", len(p.items))


def list_portfolios(session: Session, *, viewer: Viewer) -> list[PortfolioRead]:
    """The viewer's organisation's portfolios (the IP office: everyone's)."""
    count = select(func.count(CustodyItem.id)).where(CustodyItem.portfolio_id == CustodyPortfolio.id)
    q = (select(CustodyPortfolio, Organisation.name, count.scalar_subquery())
         .join(Organisation, Organisation.id == CustodyPortfolio.organisation_id)
         .order_by(CustodyPortfolio.id))  # fmt: skip
    if not viewer.sees_all:
        q = q.where(CustodyPortfolio.organisation_id == (viewer.organisation_id or -1))
    return [_read(p, name, n) for p, name, n in session.execute(q)]


def create_portfolio(
    session: Session,
    *,
    viewer: Viewer,
    name: str,
    note: str | None = None,
    organisation_id: int | None = None,
) -> PortfolioRead:
    """A new, empty portfolio of the viewer's organisation (the IP office may name another one)."""
    org_id = organisation_id if organisation_id is not None and viewer.sees_all else viewer.organisation_id
    if organisation_id is not None and organisation_id != viewer.organisation_id and not viewer.sees_all:
        raise Forbidden("只能为本机构创建托管组合")
    if org_id is None or session.get(Organisation, org_id) is None:
        raise Forbidden("账号未关联机构，不能创建托管组合")
    name = name.strip()
    if not name:
        raise IpopsError("请填写组合名称")
    exists = select(CustodyPortfolio.id).where(
        CustodyPortfolio.organisation_id == org_id, CustodyPortfolio.name == name
    )
    if session.scalar(exists):
        raise Conflict(f"本机构已有名为“{name}”的托管组合")
    portfolio = CustodyPortfolio(
        organisation_id=org_id, name=name, note=note or None, created_by=viewer.user_id
    )
    session.add(portfolio)
    session.flush()
    return _portfolio_read(session, portfolio)


def _portfolio(session: Session, viewer: Viewer, portfolio_id: int) -> CustodyPortfolio:
    p = session.get(
        CustodyPortfolio, portfolio_id,
        options=[selectinload(CustodyPortfolio.items).selectinload(CustodyItem.patent)],
    )  # fmt: skip
    if p is None or not (viewer.sees_all or p.organisation_id == viewer.organisation_id):
        raise NotFound(f"未找到托管组合 {portfolio_id}")  # another firm's portfolio looks like a missing one
    return p


def get_portfolio(session: Session, *, viewer: Viewer, portfolio_id: int) -> PortfolioRead:
    return _portfolio_read(session, _portfolio(session, viewer, portfolio_id))


def split_numbers(text: str) -> list[str]:
    """Numbers pasted one per line, or separated by commas, semicolons or spaces."""
    for sep in ",，;；、\t":
        text = text.replace(sep, "\n")
    return [line.strip() for line in text.splitlines() if line.strip()]


def add_patents(
    session: Session, *, viewer: Viewer, portfolio_id: int, numbers: Iterable[str],
    reduction_percent: Decimal | int = 0, on: dt.date | None = None,
) -> AddItemsResult:  # fmt: skip
    """Add patents by any number form; each row succeeds or fails on its own (Chinese reason)."""
    portfolio = _portfolio(session, viewer, portfolio_id)
    rate = Decimal(reduction_percent)
    if rate not in {Decimal(0), *(fee_table().reduction_rates or {}).values()}:
        raise IpopsError(f"费减比例只能是 0、70 或 85，而不是 {reduction_percent}")
    on = on or dt.date.today()
    have = {i.patent_id for i in portfolio.items}
    rows = []
    for row, number in enumerate(numbers, start=1):
        rows.append(_add_one(session, portfolio, have, row, number.strip(), rate, on))
    session.flush()
    added = sum(r.ok for r in rows)
    return AddItemsResult(added=added, rejected=len(rows) - added, rows=rows)


def _add_one(
    session: Session,
    portfolio: CustodyPortfolio,
    have: set[int],
    row: int,
    number: str,
    rate: Decimal,
    on: dt.date,
) -> AddRowResult:
    try:
        if not number:
            raise InvalidNumber("号码为空")
        patent = find_patent(session, number)
        _check_feeable(patent)
    except NotFound:
        return AddRowResult(
            row=row, number=number, ok=False, message=f"数据库中没有专利 {number}，请先导入该专利"
        )
    except IpopsError as exc:
        return AddRowResult(row=row, number=number, ok=False, message=exc.message_zh)
    if patent.id in have:
        return AddRowResult(row=row, number=number, ok=False, app_number=patent.app_number, title=patent.title,
                            message=f"{patent.app_number} 已在本组合中")  # fmt: skip
    item = CustodyItem(
        patent=patent, reduction_percent=rate, checked_status=patent.legal_status, checked_at=utcnow()
    )
    item.paid_up_to_year = _default_paid_up_to(_item_calendar(item), on)
    portfolio.items.append(item)
    have.add(patent.id)
    return AddRowResult(row=row, number=number, ok=True, app_number=patent.app_number, title=patent.title,
                        message=f"已加入，默认已缴至第 {item.paid_up_to_year} 年度")  # fmt: skip


# --- calendar, budget, alerts -------------------------------------------------------------------


def _status(entry: FeeYear, on: dt.date) -> str:
    if on <= entry.due_date:
        return "upcoming"
    return "in_grace" if entry.grace_end and on <= entry.grace_end else "overdue"


def _is_dead(item: CustodyItem) -> bool:
    return is_dead(item.patent.legal_status)


def _row(item: CustodyItem, entry: FeeYear, on: dt.date) -> CalendarRow:
    status = _status(entry, on)
    read = FeeYearRead.of(entry)
    return CalendarRow(
        item_id=item.id, app_number=item.patent.app_number, title=item.patent.title, year=entry.year,
        due_date=entry.due_date, amount=entry.amount, reduction_percent=entry.reduction_percent,
        payable=entry.payable, grace_end=entry.grace_end, status=status, status_label=STATUS_LABELS_ZH[status],
        owed_today=amount_owed(entry, on=max(on, entry.due_date) if status == "upcoming" else on, table=fee_table()).remaining,
        late_bands=read.late_bands,
    )  # fmt: skip


def _calendar(session: Session, p: CustodyPortfolio, *, on: dt.date, years: int) -> PortfolioCalendar:
    until = dt.date(on.year + years, on.month, min(on.day, 28))
    rows = []
    for item in p.items:
        if _is_dead(item):
            continue
        cal = _item_calendar(item)
        paid = _paid_up_to(item, cal)
        rows += [_row(item, e, on) for e in cal.years if e.year > paid and e.due_date <= until]
    rows.sort(key=lambda r: (r.due_date, r.app_number))
    budget: dict[int, list[CalendarRow]] = defaultdict(list)
    for r in rows:
        budget[r.due_date.year].append(r)
    forecast = [BudgetYear(year=y, fees=len(rs), amount=sum((r.amount for r in rs), Decimal(0)),
                           payable=sum((r.owed_today for r in rs), Decimal(0))) for y, rs in sorted(budget.items())]  # fmt: skip
    return PortfolioCalendar(
        portfolio=_portfolio_read(session, p), on=on, until=until, rows=rows, budget=forecast
    )


def portfolio_calendar(
    session: Session, *, viewer: Viewer, portfolio_id: int, on: dt.date | None = None, years: int = 3
) -> PortfolioCalendar:
    """Unpaid annual fees due before ``on`` + ``years`` (overdue ones included), and the budget per year."""
    return _calendar(
        session, _portfolio(session, viewer, portfolio_id), on=on or dt.date.today(), years=years
    )


def _item_alerts(item: CustodyItem, on: dt.date) -> list[Alert]:
    p = item.patent
    found: list[tuple[str, dt.date | None, Decimal | None, str]] = []
    if p.legal_status != item.checked_status:
        old, new = status_label(item.checked_status, "无"), status_label(p.legal_status, "无")
        found.append(("status_changed", p.legal_status_date, None, f"法律状态由“{old}”变为“{new}”"))
    if _is_dead(item):
        found.append(
            (
                "lapsed",
                p.legal_status_date,
                None,
                f"法律状态为“{LABELS_ZH[LegalStatus(p.legal_status)]}”，不再缴纳年费",
            )
        )
        return [_alert(item, *f) for f in found]
    cal = _item_calendar(item)
    nxt = next((e for e in cal.years if e.year > _paid_up_to(item, cal)), None)
    if nxt is not None:
        owed = amount_owed(nxt, on=on, table=fee_table())
        if on <= nxt.due_date <= on + dt.timedelta(days=DUE_WITHIN_DAYS):
            found.append(
                (
                    "due_soon",
                    nxt.due_date,
                    nxt.payable,
                    f"第 {nxt.year} 年度年费 {nxt.due_date} 到期，应缴 {nxt.payable} 元",
                )
            )
        elif owed.status == "late":
            found.append(("in_grace", nxt.grace_end, owed.remaining,
                          f"第 {nxt.year} 年度年费已于 {nxt.due_date} 到期未缴，今日补缴需 {owed.remaining} 元"
                          + (f"（含滞纳金 {owed.late_fee} 元，{owed.late_percent}%）" if owed.late_fee else "（逾期不足一个月，暂无滞纳金）")
                          + f"，滞纳期至 {nxt.grace_end}"))  # fmt: skip
        elif owed.status == "lapsed":
            found.append(("overdue", nxt.grace_end or nxt.due_date, owed.remaining,
                          f"第 {nxt.year} 年度年费已过缴费期限，专利权可能终止；恢复权利需 {owed.remaining} 元"
                          f"（年费、滞纳金与恢复费），并在收到通知后 2 个月内请求恢复"))  # fmt: skip
    if on <= cal.expiry <= on + dt.timedelta(days=EXPIRY_WITHIN_DAYS):
        found.append(("expiring", cal.expiry, None, f"专利权期限于 {cal.expiry} 届满"))
    return [_alert(item, *f) for f in found]


def _alert(item: CustodyItem, kind: str, day: dt.date | None, amount: Decimal | None, message: str) -> Alert:
    return Alert(kind=kind, label=ALERT_LABELS_ZH[kind], item_id=item.id, app_number=item.patent.app_number,
                 title=item.patent.title, date=day, amount=amount, message=message)  # fmt: skip


def portfolio_alerts(
    session: Session, *, viewer: Viewer, portfolio_id: int, on: dt.date | None = None
) -> AlertList:
    """Fees due within 60 days, in the grace period or past it, status changes since the last check,
    lapsed rights and terms ending within a year."""
    p = _portfolio(session, viewer, portfolio_id)
    on = on or dt.date.today()
    alerts = [a for item in p.items for a in _item_alerts(item, on)]
    alerts.sort(key=lambda a: (a.date or dt.date.max, a.app_number))
    return AlertList(portfolio=_portfolio_read(session, p), on=on, alerts=alerts)


def acknowledge_alerts(session: Session, *, viewer: Viewer, portfolio_id: int) -> int:
    """Record the current legal statuses as seen: status-change alerts clear until the next change."""
    p = _portfolio(session, viewer, portfolio_id)
    changed = [i for i in p.items if i.checked_status != i.patent.legal_status]
    for item in p.items:
        item.checked_status, item.checked_at = item.patent.legal_status, utcnow()
    session.flush()
    return len(changed)


# --- items ------------------------------------------------------------------------------------


def _item_read(item: CustodyItem) -> ItemRead:
    p = item.patent
    cal = _item_calendar(item)
    nxt = None if _is_dead(item) else next((e for e in cal.years if e.year > _paid_up_to(item, cal)), None)
    return ItemRead(
        id=item.id, patent_id=p.id, app_number=p.app_number, title=p.title,
        patent_type_label=PATENT_TYPE_LABELS_ZH.get(PatentType(p.patent_type), "") if p.patent_type else "",
        app_date=p.app_date, grant_date=p.grant_date,
        legal_status=LABELS_ZH[LegalStatus(p.legal_status)] if p.legal_status else None,
        reduction_percent=item.reduction_percent, paid_up_to_year=_paid_up_to(item, cal),
        next_year=nxt.year if nxt else None, next_due_date=nxt.due_date if nxt else None,
        next_payable=nxt.payable if nxt else None, expiry=cal.expiry, notes=item.notes,
    )  # fmt: skip


def mark_paid(
    session: Session, *, viewer: Viewer, portfolio_id: int, item_id: int, year: int, paid_on: dt.date,
    amount: Decimal | None = None,
) -> ItemRead:  # fmt: skip
    """Record the annual fee of ``year`` as paid on ``paid_on``; the amount defaults to what was owed that day."""
    p = _portfolio(session, viewer, portfolio_id)
    item = next((i for i in p.items if i.id == item_id), None)
    if item is None:
        raise NotFound(f"托管组合中没有条目 {item_id}")
    cal = _item_calendar(item)
    try:
        entry = cal.year(year)
    except KeyError:
        raise IpopsError(f"第 {year} 年度不在 {item.patent.app_number} 的年费期间内") from None
    if amount is None:
        amount = amount_owed(entry, on=paid_on, table=fee_table()).remaining
    session.add(
        CustodyPayment(item_id=item.id, year=year, paid_on=paid_on, amount=amount, recorded_by=viewer.user_id)
    )
    item.paid_up_to_year = max(_paid_up_to(item, cal), year)
    session.flush()
    return _item_read(item)


def portfolio_detail(
    session: Session, *, viewer: Viewer, portfolio_id: int, on: dt.date | None = None, years: int = 3
) -> PortfolioDetail:
    """Everything the portfolio page shows: the patents, the calendar with its budget, the alerts."""
    p = _portfolio(session, viewer, portfolio_id)
    on = on or dt.date.today()
    calendar = _calendar(session, p, on=on, years=years)
    alerts = portfolio_alerts(session, viewer=viewer, portfolio_id=portfolio_id, on=on).alerts
    return PortfolioDetail(portfolio=calendar.portfolio, items=[_item_read(i) for i in p.items], calendar=calendar,
                           alerts=alerts)  # fmt: skip
