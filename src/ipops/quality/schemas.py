"""Page objects of the data-quality view: what the API returns and the template renders."""

from __future__ import annotations

from pydantic import BaseModel


def percent(part: int, whole: int) -> float:
    """Share in per cent with one decimal; 0 for an empty corpus instead of a division error."""
    return round(100.0 * part / whole, 1) if whole else 0.0


class FieldFill(BaseModel):
    key: str
    label: str
    filled: int
    total: int
    percent: float


class AddressBucket(BaseModel):
    key: str  # city | sar | province_only | unresolved | no_address | foreign
    label: str
    count: int
    percent: float


class AddressSample(BaseModel):
    text: str  # a full address, or its first characters for prefixes
    count: int


class HomeProvince(BaseModel):
    code: str
    name: str
    total: int  # rows attributed to the province, or whose unresolved address starts with its name
    resolved_city: int
    percent: float
    href: str


class AddressQuality(BaseModel):
    total: int
    resolved_city: int
    unresolved_city: int
    unresolved_percent: float
    domestic_unresolved: int  # no city, not foreign (includes HK/MO/TW and rows without address)
    foreign: int
    buckets: list[AddressBucket]
    top_addresses: list[AddressSample]  # domestic, not HK/MO/TW, address without a city: commonest first
    top_prefixes: list[AddressSample]
    home: HomeProvince | None


class WarningGroup(BaseModel):
    column: str | None
    severity: str  # warning: row kept, value unparsed; error: row rejected
    reason: str  # the reason up to its first "：", so "邮编应为 6 位数字：2210" groups with its kind
    count: int
    distinct_values: int
    examples: list[str]
    latest_run_id: int


class WarningSummary(BaseModel):
    warnings: int
    errors: int
    runs: int
    groups: list[WarningGroup]


class PartyVariant(BaseModel):
    party_id: int
    name: str
    party_type: str
    patents: int
    href: str


class DuplicateGroup(BaseModel):
    key: str
    reasons: list[str]
    reason_labels: list[str]
    patents: int
    parties: list[PartyVariant]


class DuplicateParties(BaseModel):
    scanned: int  # organisations looked at (persons are never grouped: same name ≠ same person)
    total_groups: int
    parties_involved: int
    groups: list[DuplicateGroup]  # the largest groups first, capped


class BasisShare(BaseModel):
    basis: str | None
    label: str
    count: int
    percent: float
    demo: int


class StatusQuality(BaseModel):
    total: int
    demo: int
    demo_percent: float
    by_basis: list[BasisShare]


class QualityReport(BaseModel):
    total_patents: int
    fields: list[FieldFill]
    address: AddressQuality
    unparsed: WarningSummary
    parties: DuplicateParties
    status: StatusQuality
