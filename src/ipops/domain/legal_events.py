"""Typed legal events (法律事件). Indicators count events, not status flags.

Transfers, licences, pledges and open-licence declarations are what the plan targets count
(专利转让/许可次数, 质押登记项数/金额, 开放许可); each arrives as text in vendor exports and as a
typed row here.
"""

from __future__ import annotations

from enum import StrEnum


class LegalEventKind(StrEnum):
    publication = "publication"  # 公开
    exam_request = "exam_request"  # 实质审查的生效
    grant = "grant"  # 授权
    transfer = "transfer"  # 专利权(申请权)的转移
    licence = "licence"  # 专利实施许可合同备案的生效
    licence_change = "licence_change"  # …备案的变更
    licence_cancel = "licence_cancel"  # …备案的注销
    pledge = "pledge"  # 专利权质押合同登记的生效
    pledge_change = "pledge_change"  # …登记的变更
    pledge_cancel = "pledge_cancel"  # …登记的注销
    open_licence_declared = "open_licence_declared"  # 开放许可声明
    open_licence_withdrawn = "open_licence_withdrawn"  # 开放许可声明撤回
    fee_termination = "fee_termination"  # 未缴年费专利权终止
    restoration = "restoration"  # 专利权的恢复 / 权利恢复
    invalidation = "invalidation"  # 专利权全部无效
    partial_invalidation = "partial_invalidation"  # 部分无效
    expiry = "expiry"  # 专利权有效期届满
    rejection = "rejection"  # 发明专利申请公布后的驳回
    withdrawal = "withdrawal"  # 撤回
    deemed_withdrawal = "deemed_withdrawal"  # 视为撤回
    abandonment = "abandonment"  # 放弃专利权
    bibliographic_change = "bibliographic_change"  # 著录事项变更
    other = "other"


class LicenceType(StrEnum):
    exclusive = "exclusive"  # 独占许可
    sole = "sole"  # 排他许可
    ordinary = "ordinary"  # 普通许可
    open = "open"  # 开放许可


EVENT_LABELS_ZH: dict[LegalEventKind, str] = {
    LegalEventKind.publication: "公开",
    LegalEventKind.exam_request: "实质审查的生效",
    LegalEventKind.grant: "授权",
    LegalEventKind.transfer: "专利权的转移",
    LegalEventKind.licence: "专利实施许可合同备案的生效",
    LegalEventKind.licence_change: "专利实施许可合同备案的变更",
    LegalEventKind.licence_cancel: "专利实施许可合同备案的注销",
    LegalEventKind.pledge: "专利权质押合同登记的生效",
    LegalEventKind.pledge_change: "专利权质押合同登记的变更",
    LegalEventKind.pledge_cancel: "专利权质押合同登记的注销",
    LegalEventKind.open_licence_declared: "开放许可声明",
    LegalEventKind.open_licence_withdrawn: "开放许可声明撤回",
    LegalEventKind.fee_termination: "未缴年费专利权终止",
    LegalEventKind.restoration: "专利权的恢复",
    LegalEventKind.invalidation: "专利权全部无效",
    LegalEventKind.partial_invalidation: "专利权部分无效",
    LegalEventKind.expiry: "专利权有效期届满",
    LegalEventKind.rejection: "驳回",
    LegalEventKind.withdrawal: "撤回",
    LegalEventKind.deemed_withdrawal: "视为撤回",
    LegalEventKind.abandonment: "放弃专利权",
    LegalEventKind.bibliographic_change: "著录事项变更",
    LegalEventKind.other: "其他",
}

LICENCE_LABELS_ZH: dict[LicenceType, str] = {
    LicenceType.exclusive: "独占许可",
    LicenceType.sole: "排他许可",
    LicenceType.ordinary: "普通许可",
    LicenceType.open: "开放许可",
}
