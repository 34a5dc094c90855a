"""Who asks (the Viewer every service call of finance and the market takes).

An organisation sees its own records; the IP office sees all. It lives in the pure domain so the
sibling service packages share one definition without importing one another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

OFFICE_ADMIN_ROLE = "office_admin"


class SignedIn(Protocol):
    """What a viewer is made from (a stored `User`)."""

    id: int
    role: str
    organisation_id: int | None


@dataclass(frozen=True)
class Viewer:
    user_id: int | None
    role: str
    organisation_id: int | None

    @property
    def sees_all(self) -> bool:
        return self.role == OFFICE_ADMIN_ROLE

    @classmethod
    def of(cls, user: SignedIn) -> Viewer:
        return cls(user.id, user.role, user.organisation_id)
