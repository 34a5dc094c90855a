"""Kinds of parties and their roles on a patent."""

from __future__ import annotations

from enum import StrEnum


class PartyType(StrEnum):
    """Applicant type (申请人类型), the breakdown every IP office bulletin uses."""

    enterprise = "enterprise"  # 企业
    university = "university"  # 高校
    institute = "institute"  # 科研院所
    government = "government"  # 机关团体
    individual = "individual"  # 个人
    unknown = "unknown"


class PartyRole(StrEnum):
    applicant = "applicant"  # 申请人 (original)
    holder = "holder"  # 当前专利权人
    inventor = "inventor"  # 发明人
    agency = "agency"  # 代理机构
    agent = "agent"  # 代理人


PARTY_TYPE_LABELS_ZH: dict[PartyType, str] = {
    PartyType.enterprise: "企业",
    PartyType.university: "高校",
    PartyType.institute: "科研院所",
    PartyType.government: "机关团体",
    PartyType.individual: "个人",
    PartyType.unknown: "未识别",
}

ROLE_LABELS_ZH: dict[PartyRole, str] = {
    PartyRole.applicant: "申请人",
    PartyRole.holder: "专利权人",
    PartyRole.inventor: "发明人",
    PartyRole.agency: "代理机构",
    PartyRole.agent: "代理人",
}
