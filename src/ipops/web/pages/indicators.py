"""Indicator pages (IP office): the overview with targets, one indicator, the records behind a number.

Same service calls as `/api/v1/indicators…`; each page links its JSON twin.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from ipops.analytics import service
from ipops.analytics.periods import make_period
from ipops.analytics.records import indicator_records
from ipops.reports.bulletin import generate_bulletin
from ipops.store.schema import User
from ipops.web.api.indicators import PeriodQuery, RegionQuery, YearQuery, resolve_period, rules_of
from ipops.web.auth import require
from ipops.web.deps import SessionDep, SettingsDep
from ipops.web.templating import render

router = APIRouter()
Reader = Annotated[User, require("indicators.read")]
DOCX_MEDIA = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@router.get("/indicators", response_class=HTMLResponse)
def overview(request: Request, session: SessionDep, settings: SettingsDep, user: Reader,
             region: RegionQuery = "370000", year: YearQuery = None) -> HTMLResponse:  # fmt: skip
    """Every indicator of the region for a year with 同比, and the plan targets."""
    the_year = year or service.default_year(session, dt.date.today().year)
    now, before = make_period("year", the_year), make_period("year", the_year - 1)
    rules = rules_of(settings)
    table = service.indicator_table(session, rules=rules, region_code=region, periods=[now, before])
    mine = {(r.indicator_id, r.period): r for r in table.rows if r.region_code == region}
    rows = [{"info": i, "now": mine[(i.id, now.key)], "before": mine[(i.id, before.key)],
             "change": service.relative_change(mine[(i.id, now.key)].value, mine[(i.id, before.key)].value),
             "href": service.records_href(i.id, region, now)} for i in table.indicators]  # fmt: skip
    targets = service.target_progress(session, rules=rules, region_code=region, year=the_year)
    return render(request, "indicators/overview.html", {
        "region": table.region, "year": the_year, "rows": rows, "targets": targets, "seconds": table.seconds,
        "cities": service.child_regions("370000"),
    })  # fmt: skip


@router.get("/indicators/bulletin")
def bulletin(session: SessionDep, settings: SettingsDep, user: Reader, region: RegionQuery = "370000",
             period: Annotated[str, Query(max_length=20)] = "",
             format: Annotated[str, Query(pattern="^(docx|pdf)$")] = "pdf") -> Response:  # fmt: skip
    """The 生成通报 button: the bulletin as a download."""
    body, name = generate_bulletin(session, rules=rules_of(settings), region_code=region,
                                   period=resolve_period(session, None, period or None), fmt=format)  # fmt: skip
    media = "application/pdf" if format == "pdf" else DOCX_MEDIA
    return Response(body, media_type=media, headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


@router.get("/indicators/{indicator_id}", response_class=HTMLResponse)
def detail(request: Request, session: SessionDep, settings: SettingsDep, user: Reader, indicator_id: str,
           region: RegionQuery = "370000", year: YearQuery = None, period: PeriodQuery = None) -> HTMLResponse:  # fmt: skip
    result = service.get_indicator(session, rules=rules_of(settings), indicator_id=indicator_id, region_code=region,
                                   period=resolve_period(session, year, period))  # fmt: skip
    return render(request, "indicators/detail.html", {"r": result})


@router.get("/indicators/{indicator_id}/records", response_class=HTMLResponse)
def records(request: Request, session: SessionDep, settings: SettingsDep, user: Reader, indicator_id: str,
            region: RegionQuery = "370000", year: YearQuery = None, period: PeriodQuery = None,
            part: str | None = None, page: Annotated[int, Query(ge=1)] = 1) -> HTMLResponse:  # fmt: skip
    """The patents or events behind one number (the drill-down target of every link)."""
    result = indicator_records(session, rules=rules_of(settings), indicator_id=indicator_id, region_code=region,
                               period=resolve_period(session, year, period), part=part, page=page, limit=50)  # fmt: skip
    label = service.part_label(part.removeprefix("industry:")) if part else None
    return render(request, "indicators/records.html", {"p": result, "part_label": label,
                                                       "query": request.url.query})  # fmt: skip
