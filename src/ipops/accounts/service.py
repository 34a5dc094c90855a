"""User and organisation use cases: create, authenticate, audit."""

from __future__ import annotations

from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ipops.accounts.roles import ROLE_OF_KIND, OrgKind, Role
from ipops.domain.errors import Conflict, IpopsError, NotFound
from ipops.store.schema import AuditLog, Organisation, User
from ipops.store.schema.mixins import utcnow

_HASHER = PasswordHasher()
MIN_PASSWORD_LENGTH = 10


class AuthenticationFailed(IpopsError):
    """Wrong user name or password; the message never says which."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise IpopsError(f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符")
    return _HASHER.hash(password)


def get_or_create_organisation(session: Session, *, name: str, kind: OrgKind, region_code: str | None = None) -> Organisation:
    org = session.scalar(select(Organisation).where(Organisation.name == name))
    if org is None:
        org = Organisation(name=name, kind=kind.value, region_code=region_code, status="approved")
        session.add(org)
        session.flush()
    return org


def create_user(
    session: Session, *, username: str, password: str, organisation: Organisation,
    display_name: str | None = None, role: Role | None = None,
) -> User:  # fmt: skip
    """A user of an organisation; the role follows the organisation kind unless given."""
    if session.scalar(select(User.id).where(func.lower(User.username) == username.lower())):
        raise Conflict(f"用户名 {username} 已存在")
    user = User(
        username=username, display_name=display_name or username, password_hash=hash_password(password),
        role=(role or ROLE_OF_KIND[OrgKind(organisation.kind)]).value, organisation_id=organisation.id,
    )  # fmt: skip
    session.add(user)
    session.flush()
    return user


def authenticate(session: Session, *, username: str, password: str) -> User:
    user = session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))
    try:
        if user is None or not user.is_active:
            raise VerificationError
        _HASHER.verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        raise AuthenticationFailed("用户名或密码错误") from None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
    user.last_login_at = utcnow()
    return user


def get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        raise NotFound("用户不存在或已停用")
    return user


def has_users(session: Session) -> bool:
    return session.scalar(select(func.count()).select_from(User)) > 0


def audit(session: Session, *, user_id: int | None, action: str, object_type: str | None = None,
          object_id: object = None, details: dict[str, Any] | None = None, ip: str | None = None) -> None:  # fmt: skip
    """Record a write; added to the caller's unit of work so it commits with the change."""
    session.add(AuditLog(user_id=user_id, action=action, object_type=object_type,
                         object_id=None if object_id is None else str(object_id), details=details, ip=ip))  # fmt: skip
