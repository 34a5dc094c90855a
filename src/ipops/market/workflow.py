"""The listing workflow (挂牌交易流程) as a transition table.

draft → review (the holder submits; the checks must pass) → published (the IP office approves) or back
to draft (rejected) → negotiating (the holder names a counterparty, or another organisation says it is
interested) → concluded (a legal event is recorded) | withdrawn (from any open status).
`apply()` is the only way a status changes; the service adds the side effects.
"""

from __future__ import annotations

from enum import StrEnum

from ipops.domain.workflow import Workflow


class ListingStatus(StrEnum):
    draft = "draft"
    review = "review"
    published = "published"
    negotiating = "negotiating"
    concluded = "concluded"
    withdrawn = "withdrawn"


class Actor(StrEnum):
    """Who acts on a listing: the holder organisation, another (interested) organisation, the IP office."""

    owner = "owner"
    buyer = "buyer"
    office = "office"


STATUS_LABELS_ZH: dict[str, str] = {
    "draft": "草稿", "review": "待审核", "published": "已发布", "negotiating": "洽谈中", "concluded": "已成交",
    "withdrawn": "已撤回",
}  # fmt: skip

ACTION_LABELS_ZH: dict[str, str] = {
    "create": "创建", "edit": "修改", "submit": "提交审核", "approve": "审核通过", "reject": "退回修改",
    "negotiate": "进入洽谈", "resume": "洽谈未成，重新发布", "conclude": "确认成交", "withdraw": "撤回挂牌",
}  # fmt: skip

S = ListingStatus
TRANSITIONS: dict[tuple[ListingStatus, str], ListingStatus] = {
    (S.draft, "submit"): S.review,
    (S.review, "approve"): S.published,
    (S.review, "reject"): S.draft,
    (S.published, "negotiate"): S.negotiating,
    (S.negotiating, "resume"): S.published,
    (S.negotiating, "conclude"): S.concluded,
    (S.draft, "withdraw"): S.withdrawn,
    (S.review, "withdraw"): S.withdrawn,
    (S.published, "withdraw"): S.withdrawn,
    (S.negotiating, "withdraw"): S.withdrawn,
}

ACTORS: dict[str, frozenset[Actor]] = {
    "submit": frozenset({Actor.owner}),
    "approve": frozenset({Actor.office}),
    "reject": frozenset({Actor.office}),
    "negotiate": frozenset({Actor.owner, Actor.buyer}),
    "resume": frozenset({Actor.owner}),
    "conclude": frozenset({Actor.owner, Actor.office}),
    "withdraw": frozenset({Actor.owner, Actor.office}),
}

ACTOR_LABELS_ZH = {Actor.owner: "挂牌的权利人", Actor.buyer: "有意向的机构", Actor.office: "知识产权局"}
PUBLIC = frozenset({S.published, S.negotiating, S.concluded})  # every signed-in user sees these


FLOW = Workflow("挂牌", ListingStatus, TRANSITIONS, ACTORS, STATUS_LABELS_ZH, ACTION_LABELS_ZH, ACTOR_LABELS_ZH)
label = FLOW.label
next_status = FLOW.next_status
apply = FLOW.apply
actions_from = FLOW.actions_from
