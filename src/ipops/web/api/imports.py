"""Import runs API: the list and one run with counts and errors."""

from __future__ import annotations

from fastapi import APIRouter

from ipops.ingest.runs import ImportRunDetail, ImportRunRead, get_run, list_runs
from ipops.web.deps import SessionDep

router = APIRouter(tags=["imports"])


@router.get("/imports", response_model=list[ImportRunRead])
def imports(session: SessionDep) -> list[ImportRunRead]:
    """The 50 most recent import runs."""
    return list_runs(session)


@router.get("/imports/{run_id}", response_model=ImportRunDetail)
def import_run(run_id: int, session: SessionDep) -> ImportRunDetail:
    """Counts, column mapping and the first 500 errors and warnings of one run."""
    return get_run(session, run_id)
