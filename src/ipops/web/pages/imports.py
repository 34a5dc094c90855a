"""Import pages (IP office): upload a file, watch its progress, read the report, get the errors."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ipops.ingest.error_export import errors_xlsx
from ipops.ingest.runs import get_run, list_runs
from ipops.jobs.imports import UploadTooLarge, save_upload, start_import_job
from ipops.store.schema import User
from ipops.web.auth import CsrfField, check_csrf, require
from ipops.web.deps import SessionDep
from ipops.web.templating import render

router = APIRouter()
Reader = Annotated[User, require("imports.read")]
Uploader = Annotated[User, require("imports.upload")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/imports", response_class=HTMLResponse)
def import_list(request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    return render(request, "imports/list.html", {"runs": list_runs(session)})


@router.post("/imports")
def upload(request: Request, user: Uploader, file: Annotated[UploadFile, File()], csrf: CsrfField = None) -> Response:
    """Store the file, start the import in the background, go to its live report."""
    check_csrf(request, csrf)
    db = request.app.state.db
    try:
        path = save_upload(db, file.file, file.filename or "upload")
    except UploadTooLarge as exc:
        return render(request, "error.html", {"message": str(exc), "status": 413}, status_code=413)
    run_id = start_import_job(db, path, display_name=file.filename or path.name, user_id=user.id)
    return RedirectResponse(f"/imports/{run_id}", status_code=303)


@router.get("/imports/{run_id}", response_class=HTMLResponse)
def import_report(run_id: int, request: Request, session: SessionDep, user: Reader) -> HTMLResponse:
    return render(request, "imports/report.html", {"run": get_run(session, run_id)})


@router.get("/imports/{run_id}/errors.xlsx")
def import_errors(run_id: int, session: SessionDep, user: Reader) -> Response:
    get_run(session, run_id, error_limit=0)  # 404 for an unknown run
    headers = {"Content-Disposition": f'attachment; filename="import-{run_id}-errors.xlsx"'}
    return Response(errors_xlsx(session, run_id), media_type=XLSX, headers=headers)
