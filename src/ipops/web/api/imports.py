"""Import runs API (IP office): the list, one run with counts and errors, uploads."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile

from ipops.ingest.runs import ImportRunDetail, ImportRunRead, get_run, list_runs
from ipops.jobs.imports import save_upload, start_import_job
from ipops.store.schema import User
from ipops.web.auth import require
from ipops.web.deps import SessionDep

router = APIRouter(tags=["imports"])
Reader = Annotated[User, require("imports.read")]
Uploader = Annotated[User, require("imports.upload")]


@router.get("/imports", response_model=list[ImportRunRead])
def imports(session: SessionDep, user: Reader) -> list[ImportRunRead]:
    """The 50 most recent import runs."""
    return list_runs(session)


@router.get("/imports/{run_id}", response_model=ImportRunDetail)
def import_run(run_id: int, session: SessionDep, user: Reader) -> ImportRunDetail:
    """Counts, column mapping and the first 500 errors and warnings of one run (all: errors.xlsx)."""
    return get_run(session, run_id)


@router.post("/imports", response_model=dict[str, int], status_code=202)
def upload(request: Request, user: Uploader, file: Annotated[UploadFile, File()]) -> dict[str, int]:
    """Start importing an uploaded file; poll GET /imports/{run_id} for progress."""
    db = request.app.state.db
    path = save_upload(db, file.file, file.filename or "upload")
    return {"run_id": start_import_job(db, path, display_name=file.filename or path.name, user_id=user.id)}
