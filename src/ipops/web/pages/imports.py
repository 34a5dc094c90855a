"""Import runs: the list and one run's report with its rejected rows."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ipops.ingest.runs import get_run, list_runs
from ipops.web.deps import SessionDep
from ipops.web.templating import render

router = APIRouter()


@router.get("/imports", response_class=HTMLResponse)
def import_list(request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "imports/list.html", {"runs": list_runs(session)})


@router.get("/imports/{run_id}", response_class=HTMLResponse)
def import_report(run_id: int, request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "imports/report.html", {"run": get_run(session, run_id)})
