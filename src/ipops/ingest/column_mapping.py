"""Which source column feeds which PatentRecord field: the contract between profiles and mapper.

A `ColumnMapping` is built by `ingest.profiles` (detected profile, `--profile`, `--mapping`
file) and consumed by `ingest.mapping.map_row`. Several headers may feed one field, in
priority order: the first non-empty cell wins and the others stay in `extras`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

# PatentRecord attributes a column can fill, plus three hints the mapper uses but does not
# store as attributes (kept in extras): province_code (province hint for address resolution),
# applicant_type (申请人类型), family_members (简单同族 numbers → family size/countries).
RECORD_FIELDS: tuple[str, ...] = (
    "app_number", "app_date", "pub_number", "pub_date", "grant_number", "grant_date", "patent_type",
    "title", "abstract", "claims", "applicants", "holders", "inventors", "agency", "agents",
    "address", "postcode", "ipc", "ipc_main", "cpc", "priority_date", "legal_status",
    "legal_status_date", "legal_events", "family_size", "family_countries", "granted_abroad",
    "cited_by_count", "cites_count", "transfer_count", "licence_count", "pledge_count", "country",
)  # fmt: skip
HINT_FIELDS: tuple[str, ...] = ("province_code", "applicant_type", "applicant_country", "family_members")
ALL_FIELDS: tuple[str, ...] = RECORD_FIELDS + HINT_FIELDS

FIELD_LABELS_ZH: dict[str, str] = {
    "app_number": "申请号", "app_date": "申请日", "pub_number": "公开号", "pub_date": "公开日",
    "grant_number": "授权公告号", "grant_date": "授权公告日", "patent_type": "专利类型", "title": "名称",
    "abstract": "摘要", "claims": "权利要求", "applicants": "申请人", "holders": "专利权人（当前）",
    "inventors": "发明人", "agency": "代理机构", "agents": "代理人", "address": "地址", "postcode": "邮编",
    "ipc": "IPC分类号", "ipc_main": "IPC主分类号", "cpc": "CPC分类号", "priority_date": "优先权日",
    "legal_status": "法律状态", "legal_status_date": "法律状态日", "legal_events": "法律事件",
    "family_size": "同族数量", "family_countries": "同族国家", "granted_abroad": "海外授权",
    "cited_by_count": "被引用次数", "cites_count": "引用次数", "transfer_count": "转让次数",
    "licence_count": "许可次数", "pledge_count": "质押次数", "country": "国家/地区",
    "province_code": "国省代码", "applicant_type": "申请人类型", "applicant_country": "申请人国家/地区", "family_members": "同族专利",
}  # fmt: skip
METHOD_LABELS_ZH = {"exact": "配置", "alias": "其他配置的列名", "fuzzy": "模糊匹配", "manual": "映射文件"}


@dataclass(frozen=True)
class ColumnMatch:
    """One source header assigned to a field, and how sure the assignment is."""

    header: str
    field: str
    method: str  # "exact" | "alias" (another profile's name) | "fuzzy" | "manual"
    confidence: float
    alias: str | None = None
    profile: str | None = None


@dataclass(frozen=True)
class ColumnMapping:
    """field → source headers (priority order), transform hints, and what was left over."""

    fields: dict[str, tuple[str, ...]]
    transform: dict[str, Any]
    profile: str | None = None
    matches: tuple[ColumnMatch, ...] = ()
    unmapped: tuple[str, ...] = ()  # headers no field uses: kept in extras
    known_extras: tuple[str, ...] = ()  # recognised provenance/vendor columns: kept in extras
    missing: tuple[str, ...] = ()  # headers a --mapping file names that the file lacks

    def headers(self, field_name: str) -> tuple[str, ...]:
        return self.fields.get(field_name, ())

    @cached_property
    def mapped_headers(self) -> frozenset[str]:
        return frozenset(h for hs in self.fields.values() for h in hs)

    def report(self) -> dict[str, Any]:
        """JSON-ready description for the import report: each column, its field and confidence."""
        return {
            "profile": self.profile,
            "columns": [
                {
                    "header": m.header,
                    "field": m.field,
                    "field_label": FIELD_LABELS_ZH.get(m.field, m.field),
                    "method": m.method,
                    "method_label": METHOD_LABELS_ZH.get(m.method, m.method),
                    "confidence": m.confidence,
                    "alias": m.alias,
                    "alias_profile": m.profile,
                }
                for m in self.matches
            ],
            "known_extras": list(self.known_extras),
            "unmapped": list(self.unmapped),
            "missing": list(self.missing),
        }
