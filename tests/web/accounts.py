"""Signing in through the real login form (CSRF token included), for page and API tests."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from ipops.accounts.roles import OrgKind
from ipops.accounts.service import create_user, get_or_create_organisation
from ipops.store.db import Database

PASSWORD = "import-pass-2024"
ORG_NAMES = {OrgKind.ip_office: "烟台市知识产权局", OrgKind.enterprise: "烟台万华测试有限公司"}


def make_user(db: Database, username: str, *, kind: OrgKind = OrgKind.ip_office, display_name: str | None = None) -> None:
    with db.session() as s:
        org = get_or_create_organisation(s, name=ORG_NAMES.get(kind, f"{kind.value} 测试机构"), kind=kind)
        create_user(s, username=username, password=PASSWORD, organisation=org, display_name=display_name)


def csrf_of(client: TestClient, path: str = "/login") -> str:
    """The token a page's forms carry (it lives in the signed session cookie)."""
    field = HTMLParser(client.get(path).text).css_first("input[name=csrf]")
    assert field is not None, f"{path} has no CSRF field"
    return str(field.attributes["value"])


def sign_in(client: TestClient, db: Database, username: str = "admin", *, kind: OrgKind = OrgKind.ip_office) -> None:
    make_user(db, username, kind=kind)
    form = {"username": username, "password": PASSWORD, "csrf": csrf_of(client), "next": "/"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303


def open_client(app: Any, username: str, password: str) -> TestClient:
    """A client signed in through the form (the caller closes it with ``__exit__``)."""
    client = TestClient(app)
    client.__enter__()
    form = {"username": username, "password": password, "csrf": csrf_of(client), "next": "/"}
    assert client.post("/login", data=form, follow_redirects=False).status_code == 303
    return client


@contextmanager
def signed_in(app: Any, usernames: Iterable[str], password: str) -> Iterator[dict[str, TestClient]]:
    """One signed-in client per existing user, closed afterwards."""
    out = {name: open_client(app, name, password) for name in usernames}
    try:
        yield out
    finally:
        for client in out.values():
            client.__exit__(None, None, None)
