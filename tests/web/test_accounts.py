"""Signing in and out: Chinese messages, CSRF on every form, safe redirects, audit."""

from __future__ import annotations

from fastapi.testclient import TestClient
from selectolax.lexbor import LexborHTMLParser as HTMLParser
from sqlalchemy import select

from ipops.store.db import Database
from ipops.store.schema import AuditLog, User
from tests.web.accounts import PASSWORD, csrf_of, make_user


def _login(client: TestClient, username: str, password: str, **extra: str) -> object:
    form = {"username": username, "password": password, "csrf": csrf_of(client), **extra}
    return client.post("/login", data=form, follow_redirects=False)


def test_login_goes_to_next_and_shows_who_is_signed_in(client: TestClient, db: Database) -> None:
    make_user(db, "liming", display_name="李明")
    resp = _login(client, "LiMing ", PASSWORD, next="/imports")  # user names ignore case and spaces
    assert resp.status_code == 303 and resp.headers["location"] == "/imports"
    page = HTMLParser(client.get("/imports").text)
    assert page.css_first(".who").text() == "李明"
    with db.session() as s:
        assert s.scalar(select(AuditLog.action).join(User, AuditLog.user_id == User.id)) == "login"
        assert s.scalar(select(User.last_login_at)) is not None


def test_a_wrong_password_or_user_gets_one_chinese_message(client: TestClient, db: Database) -> None:
    make_user(db, "liming")
    for username, password in [("liming", "wrong-password-1"), ("nobody", PASSWORD)]:
        resp = _login(client, username, password)
        assert resp.status_code == 401
        html = HTMLParser(resp.text)
        assert html.css_first("#login-error").text() == "用户名或密码错误"
        assert html.css_first("input[name=username]").attributes["value"] == username
    assert client.get("/api/v1/imports").status_code == 401  # still signed out


def test_a_deactivated_user_cannot_sign_in(client: TestClient, db: Database) -> None:
    make_user(db, "left")
    with db.session() as s:
        s.scalars(select(User)).one().is_active = False
    assert _login(client, "left", PASSWORD).status_code == 401


def test_a_form_post_without_or_with_a_wrong_token_is_refused(client: TestClient, db: Database) -> None:
    make_user(db, "liming")
    csrf_of(client)  # the session holds a token; the posts below do not carry it
    for extra in ({}, {"csrf": "forged-token"}):
        resp = client.post("/login", data={"username": "liming", "password": PASSWORD, **extra}, follow_redirects=False)
        assert resp.status_code == 403
        assert "表单已过期或来源不明" in HTMLParser(resp.text).css_first(".error-message").text()
    assert client.get("/api/v1/imports").status_code == 401


def test_logout_needs_the_token_and_ends_the_session(client: TestClient, db: Database) -> None:
    make_user(db, "liming")
    assert _login(client, "liming", PASSWORD).status_code == 303
    assert client.post("/logout", follow_redirects=False).status_code == 403
    assert client.get("/api/v1/imports").status_code == 200  # a forged logout changes nothing
    resp = client.post("/logout", data={"csrf": csrf_of(client, "/imports")}, follow_redirects=False)
    assert resp.status_code == 303 and resp.headers["location"] == "/"
    assert client.get("/api/v1/imports").status_code == 401
    assert HTMLParser(client.get("/").text).css_first(".account a").text() == "登录"


def test_login_never_redirects_to_another_site(client: TestClient, db: Database) -> None:
    make_user(db, "liming")
    resp = _login(client, "liming", PASSWORD, next="//evil.example.com/x")
    assert resp.headers["location"] == "/"
