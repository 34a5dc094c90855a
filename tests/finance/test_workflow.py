"""The transition table: every allowed step, every refused one (Chinese message), who may act."""

from __future__ import annotations

import pytest

from ipops.domain.errors import Forbidden, InvalidTransition
from ipops.finance.workflow import TRANSITIONS, Party, PledgeStatus, actions_from, apply, next_status

ALL_ACTIONS = sorted({a for _, a in TRANSITIONS})
ALLOWED_BY = {"submit": Party.applicant, "accept": Party.bank, "approve": Party.bank, "reject": Party.bank,
              "register": Party.office, "repay": Party.bank, "default": Party.office, "dispose": Party.bank}  # fmt: skip


@pytest.mark.parametrize(("status", "action"), list(TRANSITIONS))
def test_each_allowed_step(status: PledgeStatus, action: str) -> None:
    assert apply(status, action, actors={ALLOWED_BY[action]}) == TRANSITIONS[(status, action)]


INVALID = [(s, a) for s in PledgeStatus for a in ALL_ACTIONS if (s, a) not in TRANSITIONS]


@pytest.mark.parametrize(("status", "action"), INVALID)
def test_each_invalid_step_raises_in_chinese(status: PledgeStatus, action: str) -> None:
    with pytest.raises(InvalidTransition) as err:
        apply(status, action, actors=set(Party))
    assert "项目当前状态为" in str(err.value) and "不能执行" in str(err.value)


def test_the_chain_reaches_disposal() -> None:
    status = PledgeStatus.draft
    for action in ["submit", "accept", "approve", "register", "default", "dispose"]:
        status = next_status(status, action)
    assert status is PledgeStatus.disposed
    assert actions_from("registered") == ["repay", "default"]
    assert actions_from("rejected") == [] and actions_from("repaid") == []


@pytest.mark.parametrize(("action", "status", "wrong"), [
    ("submit", PledgeStatus.draft, Party.bank),
    ("approve", PledgeStatus.bank_review, Party.applicant),
    ("approve", PledgeStatus.bank_review, Party.office),  # the credit decision is the bank's
    ("register", PledgeStatus.approved, Party.applicant),
])  # fmt: skip
def test_wrong_party_is_forbidden(action: str, status: PledgeStatus, wrong: Party) -> None:
    with pytest.raises(Forbidden, match="只能由"):
        apply(status, action, actors={wrong})


def test_unknown_status_is_an_invalid_transition() -> None:
    with pytest.raises(InvalidTransition, match="不能执行「提交申请」"):
        apply("archived", "submit", actors={Party.applicant})
