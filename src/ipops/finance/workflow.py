"""The pledge-project workflow (质押融资项目流程) as a transition table.

draft → submitted (applicant) → bank_review (bank accepts) → approved / rejected (bank) → registered
(CNIPA registration entered by the bank or the office) → repaid / defaulted → disposed (质物处置).
`apply()` is the only way a status changes; the service adds the side effects (legal events, pool).
"""

from __future__ import annotations

from enum import StrEnum

from ipops.domain.workflow import Workflow


class PledgeStatus(StrEnum):
    draft = "draft"
    submitted = "submitted"
    bank_review = "bank_review"
    approved = "approved"
    rejected = "rejected"
    registered = "registered"
    repaid = "repaid"
    defaulted = "defaulted"
    disposed = "disposed"


class Party(StrEnum):
    """Who acts on a project: the applying firm, the bank it is addressed to, the IP office."""

    applicant = "applicant"
    bank = "bank"
    office = "office"


STATUS_LABELS_ZH: dict[str, str] = {
    "draft": "草稿", "submitted": "已提交", "bank_review": "银行审查中", "approved": "已批准", "rejected": "已拒绝",
    "registered": "已质押登记", "repaid": "已还款（已注销质押）", "defaulted": "已违约", "disposed": "已处置",
}  # fmt: skip

ACTION_LABELS_ZH: dict[str, str] = {
    "create": "创建", "submit": "提交申请", "accept": "受理审查", "approve": "批准", "reject": "拒绝",
    "register": "录入质押登记", "repay": "确认还款", "default": "确认违约", "dispose": "质物处置完毕",
}  # fmt: skip

S = PledgeStatus
TRANSITIONS: dict[tuple[PledgeStatus, str], PledgeStatus] = {
    (S.draft, "submit"): S.submitted,
    (S.submitted, "accept"): S.bank_review,
    (S.bank_review, "approve"): S.approved,
    (S.bank_review, "reject"): S.rejected,
    (S.approved, "register"): S.registered,
    (S.registered, "repay"): S.repaid,
    (S.registered, "default"): S.defaulted,
    (S.defaulted, "dispose"): S.disposed,
}

# who may take each action (the office enters registrations and outcomes too, §8.1 joint filing)
ACTORS: dict[str, frozenset[Party]] = {
    "submit": frozenset({Party.applicant}),
    "accept": frozenset({Party.bank}),
    "approve": frozenset({Party.bank}),
    "reject": frozenset({Party.bank}),
    "register": frozenset({Party.bank, Party.office}),
    "repay": frozenset({Party.bank, Party.office}),
    "default": frozenset({Party.bank, Party.office}),
    "dispose": frozenset({Party.bank, Party.office}),
}

PARTY_LABELS_ZH = {Party.applicant: "申请企业", Party.bank: "受理银行", Party.office: "知识产权局"}
ACTIVE = frozenset({S.registered, S.defaulted})  # the pledge is on the register


FLOW = Workflow("项目", PledgeStatus, TRANSITIONS, ACTORS, STATUS_LABELS_ZH, ACTION_LABELS_ZH, PARTY_LABELS_ZH)
label = FLOW.label
next_status = FLOW.next_status
apply = FLOW.apply
actions_from = FLOW.actions_from
