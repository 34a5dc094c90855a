"""The records behind a number: the patents (or legal events) one indicator cell counts.

Every number on the pages links here. Uses the SQL conditions of `conditions.py`, so the list
is exactly what the engine counted; a ratio lists its numerator, an input series its rows.
"""

from __future__ import annotations

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipops.analytics.conditions import event_conditions, fact_conditions
from ipops.analytics.definitions import get_definition
from ipops.analytics.engine import LEVEL_COLUMN
from ipops.analytics.grid import resolve_region
from ipops.analytics.periods import Period
from ipops.analytics.rules import IndicatorRules
from ipops.analytics.schemas import PeriodRef, RegionRef
from ipops.domain.legal_events import EVENT_LABELS_ZH, LegalEventKind
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH, PatentType
from ipops.store.schema import IndicatorInput, LegalEvent, Patent, PatentFact


class RecordItem(BaseModel):
    app_number: str
    title: str
    applicants: str | None
    patent_type: str | None
    app_date: str | None
    grant_date: str | None
    event: str | None = None
    event_date: str | None = None
    amount: float | None = None
    counterparty: str | None = None
    href: str


class InputItem(BaseModel):
    period: str
    value: float
    source: str | None
    note: str | None


class RecordsPage(BaseModel):
    indicator_id: str
    indicator_name: str
    unit: str
    region: RegionRef
    period: PeriodRef
    part: str | None
    counted_as: str  # patents | events | inputs
    total: int
    page: int
    limit: int
    items: list[RecordItem] = []
    inputs: list[InputItem] = []


def _patent_item(p: Patent, e: LegalEvent | None = None) -> RecordItem:
    ptype = PATENT_TYPE_LABELS_ZH.get(PatentType(p.patent_type)) if p.patent_type in PatentType.__members__ else None
    item = RecordItem(app_number=p.app_number, title=p.title, applicants=p.applicants_display, patent_type=ptype,
                      app_date=p.app_date.isoformat() if p.app_date else None,
                      grant_date=p.grant_date.isoformat() if p.grant_date else None,
                      href=f"/patents/{p.app_number}")  # fmt: skip
    if e is not None:
        item.event = EVENT_LABELS_ZH.get(LegalEventKind(e.kind), e.kind)
        item.event_date = e.event_date.isoformat() if e.event_date else None
        item.amount = float(e.amount) if e.amount is not None else None
        item.counterparty = e.counterparty
    return item


def indicator_records(session: Session, *, rules: IndicatorRules, indicator_id: str, region_code: str,
                      period: Period, part: str | None = None, page: int = 1, limit: int = 50) -> RecordsPage:  # fmt: skip
    """One page of what the number counts, newest first, with the total."""
    shown = get_definition(indicator_id)
    d = get_definition(shown.numerator) if shown.measure == "ratio" and shown.numerator else shown
    region = resolve_region(region_code)
    base = RecordsPage(indicator_id=shown.id, indicator_name=shown.name, unit=shown.unit,
                       region=RegionRef(code=region.code, name=region.name, level=region.level),
                       period=PeriodRef(key=period.key, label=period.label, start=period.start.isoformat(),
                                        end=period.end.isoformat()),
                       part=part, counted_as="patents", total=0, page=page, limit=limit)  # fmt: skip
    in_region = LEVEL_COLUMN[region.level] == region.code
    offset = (page - 1) * limit
    if d.measure == "input":
        rows = session.scalars(select(IndicatorInput).where(
            IndicatorInput.indicator_id == d.id, IndicatorInput.region_code == region.code,
            IndicatorInput.year == period.year).order_by(IndicatorInput.period))  # fmt: skip
        base.inputs = [InputItem(period=r.period, value=float(r.value), source=r.source, note=r.note) for r in rows]
        base.counted_as, base.total = "inputs", len(base.inputs)
        return base
    if d.measure == "event":
        where = [in_region, *event_conditions(d, period)]
        joined = select(Patent, LegalEvent).join(PatentFact, PatentFact.patent_id == Patent.id).join(
            LegalEvent, LegalEvent.patent_id == Patent.id)  # fmt: skip
        base.counted_as = "events"
        base.total = session.scalar(select(func.count()).select_from(LegalEvent).join(
            PatentFact, PatentFact.patent_id == LegalEvent.patent_id).where(*where)) or 0  # fmt: skip
        rows = session.execute(joined.where(*where).order_by(LegalEvent.event_date.desc(), LegalEvent.id)
                               .offset(offset).limit(limit))  # fmt: skip
        base.items = [_patent_item(p, e) for p, e in rows]
        return base
    where = [in_region, *fact_conditions(d, period, rules, part)]
    base.total = session.scalar(select(func.count()).select_from(PatentFact).where(*where)) or 0
    stmt = (select(Patent).join(PatentFact, PatentFact.patent_id == Patent.id).where(*where)
            .order_by(Patent.grant_date.desc(), Patent.id).offset(offset).limit(limit))  # fmt: skip
    base.items = [_patent_item(p) for p in session.scalars(stmt)]
    return base
