"""Roles and organisation kinds, with their Chinese labels and what each role may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    office_admin = "office_admin"  # 知识产权局管理员
    enterprise = "enterprise"  # 企业用户
    university = "university"  # 高校/科研院所用户
    bank = "bank"  # 银行用户
    agency = "agency"  # 服务机构用户


class OrgKind(StrEnum):
    ip_office = "ip_office"
    enterprise = "enterprise"
    university = "university"
    institute = "institute"
    bank = "bank"
    agency = "agency"


ROLE_LABELS_ZH: dict[Role, str] = {
    Role.office_admin: "知识产权局管理员",
    Role.enterprise: "企业用户",
    Role.university: "高校/院所用户",
    Role.bank: "银行用户",
    Role.agency: "服务机构用户",
}

ORG_KIND_LABELS_ZH: dict[OrgKind, str] = {
    OrgKind.ip_office: "知识产权局",
    OrgKind.enterprise: "企业",
    OrgKind.university: "高校",
    OrgKind.institute: "科研院所",
    OrgKind.bank: "银行",
    OrgKind.agency: "服务机构",
}

# The role a user of each organisation kind gets.
ROLE_OF_KIND: dict[OrgKind, Role] = {
    OrgKind.ip_office: Role.office_admin,
    OrgKind.enterprise: Role.enterprise,
    OrgKind.university: Role.university,
    OrgKind.institute: Role.university,
    OrgKind.bank: Role.bank,
    OrgKind.agency: Role.agency,
}

# What a role may do, by permission name; pages and API routes ask for a permission, not a role.
PERMISSIONS: dict[str, frozenset[Role]] = {
    "imports.upload": frozenset({Role.office_admin}),
    "imports.read": frozenset({Role.office_admin}),
    "quality.read": frozenset({Role.office_admin}),
    "indicators.read": frozenset({Role.office_admin}),
    "users.manage": frozenset({Role.office_admin}),
    "custody.read": frozenset({Role.office_admin, Role.enterprise, Role.university}),
    "custody.manage": frozenset({Role.office_admin, Role.enterprise, Role.university}),
    "valuation.read": frozenset(Role),  # every signed-in role (docs/valuation.md)
    "finance.read": frozenset({Role.office_admin, Role.enterprise, Role.university, Role.bank}),  # docs/finance.md
    "finance.apply": frozenset({Role.office_admin, Role.enterprise, Role.university}),
    "finance.pool": frozenset({Role.office_admin}),
    # technology marketplace (docs/marketplace.md): published listings are public to every signed-in role;
    # drafts, needs and deals stay inside their organisation (checked in ipops.market)
    "market.read": frozenset(Role),
    "market.list": frozenset({Role.enterprise, Role.university, Role.agency}),
    "market.review": frozenset({Role.office_admin}),
    "market.needs": frozenset({Role.office_admin, Role.enterprise, Role.university, Role.agency}),
    "market.sleeping": frozenset({Role.office_admin, Role.university}),
}


def allows(role: str | None, permission: str) -> bool:
    return role is not None and Role(role) in PERMISSIONS.get(permission, frozenset())
