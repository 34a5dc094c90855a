"""The listing transition table: every step, who may take it, and the Chinese refusals."""

from __future__ import annotations

import pytest

from ipops.domain.errors import Forbidden, InvalidTransition
from ipops.market.workflow import ACTORS, TRANSITIONS, Actor, ListingStatus, actions_from, apply, next_status

S = ListingStatus


@pytest.mark.parametrize(
    ("status", "action", "new"), [(s.value, a, n.value) for (s, a), n in TRANSITIONS.items()]
)
def test_every_step_of_the_table(status: str, action: str, new: str) -> None:
    assert apply(status, action, actors=ACTORS[action]) == new


def test_the_main_path_and_the_rejection_loop() -> None:
    assert next_status("draft", "submit") == S.review
    assert next_status("review", "reject") == S.draft
    assert next_status("review", "approve") == S.published
    assert next_status("published", "negotiate") == S.negotiating
    assert next_status("negotiating", "resume") == S.published
    assert next_status("negotiating", "conclude") == S.concluded


@pytest.mark.parametrize(("status", "action"), [("draft", "approve"), ("published", "submit"), ("concluded", "withdraw"),
                                                ("withdrawn", "submit"), ("draft", "conclude")])  # fmt: skip
def test_steps_the_table_lacks_are_refused_in_chinese(status: str, action: str) -> None:
    with pytest.raises(InvalidTransition, match="挂牌当前状态为「.+」，不能执行「.+」"):
        apply(status, action, actors=set(Actor))


def test_who_may_act() -> None:
    with pytest.raises(Forbidden, match="「审核通过」只能由知识产权局操作"):
        apply("review", "approve", actors={Actor.owner})
    with pytest.raises(Forbidden, match="「提交审核」只能由挂牌的权利人操作"):
        apply("draft", "submit", actors={Actor.office, Actor.buyer})
    assert apply("published", "negotiate", actors={Actor.buyer}) == S.negotiating
    with pytest.raises(Forbidden):
        apply("negotiating", "conclude", actors={Actor.buyer})


def test_closed_statuses_offer_no_action() -> None:
    assert actions_from("concluded") == [] and actions_from("withdrawn") == []
    assert set(actions_from("draft")) == {"submit", "withdraw"}
