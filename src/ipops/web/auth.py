"""Signed-cookie sessions, the current user, permission checks and CSRF tokens for forms."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Form, Request

from ipops.accounts.roles import allows
from ipops.accounts.service import get_user
from ipops.domain.errors import Forbidden, IpopsError, NotFound, Unauthenticated
from ipops.store.schema import User
from ipops.web.deps import SessionDep

SESSION_USER = "uid"
SESSION_CSRF = "csrf"


def current_user(request: Request, session: SessionDep) -> User | None:
    uid = request.session.get(SESSION_USER)
    if uid is None:
        return None
    try:
        return get_user(session, int(uid))
    except NotFound:
        request.session.pop(SESSION_USER, None)
        return None


OptionalUser = Annotated[User | None, Depends(current_user)]


@dataclass(frozen=True)
class SignedIn:
    """Who is signed in, as plain values: error pages render after the request's session has
    closed, when the ORM `User` can no longer load attributes."""

    id: int
    username: str
    display_name: str
    role: str

    @classmethod
    def of(cls, user: User | None) -> SignedIn | None:
        return cls(user.id, user.username, user.display_name, user.role) if user else None


def require(permission: str):  # type: ignore[no-untyped-def]
    """Dependency: the signed-in user, if their role grants `permission` (else 401/403)."""

    def dependency(user: OptionalUser) -> User:
        if user is None:
            raise Unauthenticated()
        if not allows(user.role, permission):
            raise Forbidden()
        return user

    return Depends(dependency)


def csrf_token(request: Request) -> str:
    token = request.session.get(SESSION_CSRF)
    if not token:
        token = request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
    return str(token)


class CsrfFailed(IpopsError):
    default_message_zh = "表单已过期或来源不明，请刷新页面后重试"


# Optional in the signature so a form without a token gets the 403 below, not a 422 validation error.
CsrfField = Annotated[str | None, Form()]


def check_csrf(request: Request, token: str | None) -> None:
    expected = request.session.get(SESSION_CSRF)
    if not expected or not token or not secrets.compare_digest(str(expected), token):
        raise CsrfFailed()
