"""Import pages and their JSON twins: upload (CSRF, background job), report, errors XLSX, roles."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from sqlalchemy import func, select

from ipops.accounts.roles import OrgKind
from ipops.ingest.error_export import HEADER
from ipops.ingest.importer import run_import, start_run
from ipops.jobs.imports import wait
from ipops.store.db import Database
from ipops.store.schema import ImportRun
from ipops.web.app import create_app
from tests.fixture_files import CN_TRUNCATED_XML, EXCERPT, bibs_slice, corrupt_copy
from tests.web.accounts import csrf_of, sign_in


@pytest.fixture
def uploads(db: Database, tmp_path: Path) -> Iterator[TestClient]:
    """A client whose server stores uploads under tmp_path (data_dir), on the test database."""
    database = Database(db.settings.model_copy(update={"data_dir": tmp_path / "data"}))
    with TestClient(create_app(database.settings, database=database)) as c:
        yield c
    database.dispose()


def _upload(client: TestClient, path: Path, **form: str) -> int:
    with path.open("rb") as fh:
        resp = client.post("/imports", files={"file": (path.name, fh, "text/csv")}, data=form, follow_redirects=False)
    assert resp.status_code == 303, resp.text
    run_id = int(re.fullmatch(r"/imports/(\d+)", resp.headers["location"]).group(1))  # type: ignore[union-attr]
    wait(run_id, timeout=120)
    return run_id


def _runs(db: Database) -> int:
    with db.session() as s:
        return int(s.scalar(select(func.count()).select_from(ImportRun)) or 0)


def test_the_api_lists_runs_and_shows_counts_and_errors(client: TestClient, db: Database, tmp_path: Path) -> None:
    report = run_import(db.sessions, corrupt_copy(tmp_path / "bad.csv"))
    sign_in(client, db)
    runs = client.get("/api/v1/imports").json()
    assert [(r["id"], r["file_name"], r["status"], r["read"], r["rejected"]) for r in runs] == [
        (report.run_id, "bad.csv", "finished", 200, 2)
    ]
    body = client.get(f"/api/v1/imports/{report.run_id}").json()
    assert {k: body[k] for k in ("inserted", "updated", "unchanged", "warnings", "errors_total")} == {
        "inserted": 197, "updated": 1, "unchanged": 0, "warnings": 2, "errors_total": 4}  # fmt: skip
    first = body["errors"][0]  # errors before warnings, by row
    assert (first["severity"], first["row_number"], first["column"], first["reason"]) == ("error", 20, "申请号", "申请号为空")
    assert body["mapping"]["profile"] == "cnipa_bibs"
    missing = client.get("/api/v1/imports/999999")
    assert missing.status_code == 404 and "未找到导入记录" in missing.json()["message"]


def test_an_upload_imports_in_the_background_and_reports(uploads: TestClient, db: Database, tmp_path: Path) -> None:
    sign_in(uploads, db)
    page = HTMLParser(uploads.get("/imports").text)
    assert page.css_first("#upload-form input[type=file]") is not None
    run_id = _upload(uploads, corrupt_copy(tmp_path / "上传测试.csv"), csrf=csrf_of(uploads, "/imports"))
    api = uploads.get(f"/api/v1/imports/{run_id}").json()
    assert (api["status"], api["file_name"], api["read"], api["rejected"]) == ("finished", "上传测试.csv", 200, 2)
    html = HTMLParser(uploads.get(f"/imports/{run_id}").text)
    assert html.css_first("title").text().startswith(f"导入报告 #{run_id} ·")
    assert html.css_first("#run-status strong").text() == "完成"
    for key in ("read", "inserted", "updated", "unchanged", "rejected", "warnings"):
        assert html.css_first(f"#count-{key}").text() == f"{api[key]:,}"
    cells = [[td.text() for td in tr.css("td")] for tr in html.css("section.card:last-of-type tbody tr")]
    assert cells[:2] == [["拒绝", "20", "申请号", "", "申请号为空"], ["拒绝", "40", "申请号", "CN201610349056.1", api["errors"][1]["reason"]]]
    assert html.css_first("#errors-xlsx").attributes["href"] == f"/imports/{run_id}/errors.xlsx"
    listed = HTMLParser(uploads.get("/imports").text).css_first("table.data tbody tr").text()
    assert "上传测试.csv" in listed and "完成" in listed


def test_the_errors_workbook_lists_every_problem(uploads: TestClient, db: Database, tmp_path: Path) -> None:
    sign_in(uploads, db)
    run_id = _upload(uploads, corrupt_copy(tmp_path / "bad.csv"), csrf=csrf_of(uploads, "/imports"))
    resp = uploads.get(f"/imports/{run_id}/errors.xlsx")
    assert resp.headers["content-type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(resp.content)).active.iter_rows(values_only=True))
    assert rows[0] == HEADER and len(rows) == 5
    wrong = next(r for r in rows if r[1] == 40)
    assert wrong[:4] == ("拒绝", 40, "申请号", "CN201610349056.1") and "校验位应为 7" in wrong[4]
    assert {(r[0], r[1], r[2]) for r in rows[1:] if r[0] == "警告"} == {("警告", 10, "申请日"), ("警告", 30, "申请日")}
    assert uploads.get("/imports/999999/errors.xlsx").status_code == 404


def test_an_unreadable_upload_gives_a_failed_report(uploads: TestClient, db: Database) -> None:
    sign_in(uploads, db)
    run_id = _upload(uploads, CN_TRUNCATED_XML, csrf=csrf_of(uploads, "/imports"))
    html = HTMLParser(uploads.get(f"/imports/{run_id}").text)
    assert html.css_first("#run-status strong").text() == "失败"
    assert "截断" in html.css_first(".notice.error-message").text()


def test_an_upload_cut_short_reports_what_was_saved(uploads: TestClient, db: Database, tmp_path: Path) -> None:
    whole = bibs_slice(tmp_path / "whole.csv.xz", 3000).read_bytes()
    cut = tmp_path / "cut.csv.xz"
    cut.write_bytes(whole[: len(whole) // 2])
    sign_in(uploads, db)
    run_id = _upload(uploads, cut, csrf=csrf_of(uploads, "/imports"))
    api = uploads.get(f"/api/v1/imports/{run_id}").json()
    assert api["status"] == "failed" and api["finished_at"] and api["inserted"] > 0  # never left "running"
    message = HTMLParser(uploads.get(f"/imports/{run_id}").text).css_first(".notice.error-message").text()
    assert "不完整或已损坏" in message and f"此前的 {api['read']:,} 条记录已保存" in message


def test_an_upload_without_the_token_is_refused(uploads: TestClient, db: Database) -> None:
    sign_in(uploads, db)
    for form in ({}, {"csrf": "forged"}):
        with EXCERPT.open("rb") as fh:
            resp = uploads.post("/imports", files={"file": ("x.csv", fh)}, data=form, follow_redirects=False)
        assert resp.status_code == 403 and "表单已过期" in resp.text
    assert _runs(db) == 0


def test_the_api_upload_starts_a_job(uploads: TestClient, db: Database) -> None:
    sign_in(uploads, db)
    with EXCERPT.open("rb") as fh:
        resp = uploads.post("/api/v1/imports", files={"file": (EXCERPT.name, fh, "text/csv")})
    assert resp.status_code == 202
    run_id = resp.json()["run_id"]
    wait(run_id, timeout=120)
    body = uploads.get(f"/api/v1/imports/{run_id}").json()
    assert (body["status"], body["inserted"], body["updated"], body["errors_total"]) == ("finished", 199, 1, 0)


def test_a_running_import_shows_live_progress(client: TestClient, db: Database) -> None:
    run_id = start_run(db.sessions, EXCERPT)  # created, not yet importing
    sign_in(client, db)
    text = client.get(f"/imports/{run_id}").text
    html = HTMLParser(text)
    assert html.css_first("#run-status").attributes["data-status"] == "running"
    assert html.css_first("title").text() == f"导入报告 #{run_id} · 区域知识产权运营公共服务平台"
    assert text.count("/static/js/import-progress.js") == 1


def test_anonymous_visitors_are_sent_to_login(client: TestClient, db: Database) -> None:
    resp = client.get("/imports", follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/login?next=/imports"
    for path in ("/api/v1/imports", "/api/v1/imports/1"):
        resp = client.get(path)
        assert resp.status_code == 401 and resp.json()["message"] == "请先登录"
    assert client.post("/api/v1/imports", files={"file": ("x.csv", b"a,b\n")}).status_code == 401


def test_other_roles_may_not_import(uploads: TestClient, db: Database) -> None:
    sign_in(uploads, db, "firm", kind=OrgKind.enterprise)
    page = uploads.get("/imports")
    assert page.status_code == 403 and "没有权限" in page.text
    assert uploads.get("/api/v1/imports").status_code == 403
    with EXCERPT.open("rb") as fh:
        assert uploads.post("/api/v1/imports", files={"file": (EXCERPT.name, fh)}).status_code == 403
    with EXCERPT.open("rb") as fh:
        form = {"csrf": csrf_of(uploads, "/login")}
        assert uploads.post("/imports", files={"file": (EXCERPT.name, fh)}, data=form).status_code == 403
    assert _runs(db) == 0
