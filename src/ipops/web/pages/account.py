"""Sign in and sign out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ipops.accounts.service import AuthenticationFailed, audit, authenticate
from ipops.web.auth import SESSION_USER, CsrfField, check_csrf
from ipops.web.deps import SessionDep
from ipops.web.templating import render

router = APIRouter()


def _safe_next(target: str | None) -> str:
    """Only local paths: a login link must not send people to another site."""
    return target if target and target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str | None = None) -> HTMLResponse:
    return render(request, "account/login.html", {"next": _safe_next(next), "error": None})


@router.post("/login")
def login(
    request: Request, session: SessionDep, username: Annotated[str, Form()], password: Annotated[str, Form()],
    csrf: CsrfField = None, next: Annotated[str, Form()] = "/",
) -> Response:  # fmt: skip
    check_csrf(request, csrf)
    try:
        user = authenticate(session, username=username, password=password)
    except AuthenticationFailed as exc:
        ctx = {"next": _safe_next(next), "error": exc.message_zh, "username": username}
        return render(request, "account/login.html", ctx, status_code=401)
    request.session.clear()
    request.session[SESSION_USER] = user.id
    audit(session, user_id=user.id, action="login", ip=request.client.host if request.client else None)
    return RedirectResponse(_safe_next(next), status_code=303)


@router.post("/logout")
def logout(request: Request, csrf: CsrfField = None) -> Response:
    check_csrf(request, csrf)
    request.session.clear()
    return RedirectResponse("/", status_code=303)
