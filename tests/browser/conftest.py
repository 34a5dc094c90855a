"""Browser tests: the real server in a thread, driven by Debian's Chromium through Playwright.

Chromium comes from the Debian package (`scripts/system-deps.sh`); Playwright's own browser
download is never used. Without Chromium the tests skip with the reason — except under CI=true.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from ipops.admin.init import initialise
from ipops.store.db import Database
from ipops.store.settings import Settings
from ipops.web.app import create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"]  # fmt: skip
ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory: pytest.TempPathFactory) -> Database:
    tmp = tmp_path_factory.mktemp("browser")
    db = Database(Settings(database_url=f"sqlite:///{tmp / 'ipops.db'}", demo_on_empty=False, data_dir=tmp))
    initialise(db)
    return db


@pytest.fixture(scope="session")
def server(browser_db: Database) -> Iterator[str]:
    port = _free_port()
    config = uvicorn.Config(create_app(browser_db.settings, database=browser_db), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM}")
        pytest.skip(f"Chromium not installed at {CHROMIUM} (run scripts/system-deps.sh)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN")  # type: ignore[attr-defined]
    pg = context.new_page()
    yield pg
    context.close()


def screenshot(page: object, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)  # type: ignore[attr-defined]
    return path


def sign_in(page, server: str, username: str, password: str, target: str) -> None:  # type: ignore[no-untyped-def]
    """Through the login form, landing on ``target``."""
    page.goto(f"{server}/login?next={target}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(f"**{target}")
