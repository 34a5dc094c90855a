"""A workflow as data: a transition table, who may take each action, and the Chinese labels.

Pledge projects (finance) and listings (market) are both such tables; this is the one engine they
share, so an action missing from the table or taken by the wrong party is refused the same way, with
the same kind of message, everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

from ipops.domain.errors import Forbidden, InvalidTransition

St = TypeVar("St", bound=StrEnum)
Ac = TypeVar("Ac", bound=StrEnum)


@dataclass(frozen=True)
class Workflow(Generic[St, Ac]):
    noun: str  # what moves through it, for messages: 挂牌, 项目
    status_type: type[St]
    transitions: Mapping[tuple[St, str], St]
    actors: Mapping[str, frozenset[Ac]]  # action → who may take it
    status_labels: Mapping[str, str]
    action_labels: Mapping[str, str]
    actor_labels: Mapping[Ac, str]  # in the order messages list them

    def label(self, status: str) -> str:
        return self.status_labels.get(status, status)

    def next_status(self, status: str, action: str) -> St:
        """The status after ``action``; InvalidTransition (in Chinese) when the table has no such step."""
        try:
            return self.transitions[(self.status_type(status), action)]
        except (KeyError, ValueError):
            act = self.action_labels.get(action, action)
            raise InvalidTransition(f"{self.noun}当前状态为「{self.label(status)}」，不能执行「{act}」") from None

    def apply(self, status: str, action: str, *, actors: frozenset[Ac] | set[Ac]) -> St:
        """The new status; InvalidTransition for a step the table lacks, Forbidden when none of
        ``actors`` (the parts the user plays for this record) may take it."""
        new = self.next_status(status, action)
        allowed = self.actors[action]
        if not allowed & set(actors):
            act = self.action_labels.get(action, action)
            who = "、".join(text for a, text in self.actor_labels.items() if a in allowed)
            raise Forbidden(f"「{act}」只能由{who}操作")
        return new

    def actions_from(self, status: str) -> list[str]:
        """The actions the table allows from ``status`` (for buttons)."""
        return [a for (s, a) in self.transitions if s == status]
