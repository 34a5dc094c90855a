"""Normalised legal status of a patent or application (法律状态).

Vendors print dozens of status texts (有效, 授权, 专利权维持, 未缴年费专利权终止 …); IPOps keeps
the raw text beside one of these codes so indicators can ask "in force?" without string
matching. The text → code mapping is data (`ipops/data/normalise/legal_status_map.csv`).
"""

from __future__ import annotations

from enum import StrEnum


class LegalStatus(StrEnum):
    published = "published"  # 公开 (application published, no exam request yet seen)
    under_examination = "under_examination"  # 实质审查 (substantive examination in effect)
    granted = "granted"  # 授权 / 有效 / 专利权维持 (in force)
    rejected = "rejected"  # 驳回
    withdrawn = "withdrawn"  # 撤回 (by the applicant)
    deemed_withdrawn = "deemed_withdrawn"  # 视为撤回
    abandoned = "abandoned"  # 放弃 (right waived)
    lapsed_fee = "lapsed_fee"  # 未缴年费终止
    expired = "expired"  # 期限届满
    invalidated = "invalidated"  # 全部无效
    unknown = "unknown"  # text present but not recognised (raw text kept)


LABELS_ZH: dict[LegalStatus, str] = {
    LegalStatus.published: "公开",
    LegalStatus.under_examination: "实质审查",
    LegalStatus.granted: "授权有效",
    LegalStatus.rejected: "驳回",
    LegalStatus.withdrawn: "撤回",
    LegalStatus.deemed_withdrawn: "视为撤回",
    LegalStatus.abandoned: "放弃",
    LegalStatus.lapsed_fee: "未缴年费终止",
    LegalStatus.expired: "期限届满",
    LegalStatus.invalidated: "全部无效",
    LegalStatus.unknown: "未识别",
}

IN_FORCE = frozenset({LegalStatus.granted})
PENDING = frozenset({LegalStatus.published, LegalStatus.under_examination})
DEAD = frozenset(
    {
        LegalStatus.rejected,
        LegalStatus.withdrawn,
        LegalStatus.deemed_withdrawn,
        LegalStatus.abandoned,
        LegalStatus.lapsed_fee,
        LegalStatus.expired,
        LegalStatus.invalidated,
    }
)


def status_label(code: str | None, default: str) -> str:
    """The Chinese label of a stored status code; an unknown code is shown as it is, none as `default`."""
    if not code:
        return default
    try:
        return LABELS_ZH[LegalStatus(code)]
    except ValueError:
        return code


def is_dead(status: LegalStatus | str | None) -> bool:
    """True when the right or application has ended (驳回, 撤回, 放弃, 终止, 届满, 无效); a StrEnum set
    matches plain strings, so stored codes need no conversion."""
    return status in DEAD


def is_in_force(status: LegalStatus | str | None) -> bool:
    """True when the right is granted and alive (有效专利), the basis of every 拥有量 indicator."""
    return status is not None and LegalStatus(status) in IN_FORCE
