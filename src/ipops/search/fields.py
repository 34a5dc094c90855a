"""The searchable fields: their Chinese names (as in CNIPA 专利检索及分析), aliases and kinds.

A field's *kind* decides how its value is read: words for the full-text index, a fragment for
names and addresses, an IPC symbol, a date or range, a number, a coded value, or a region.
"""

from __future__ import annotations

from dataclasses import dataclass

from ipops.domain.legal_status import LABELS_ZH as STATUS_LABELS
from ipops.domain.legal_status import LegalStatus
from ipops.domain.numbers import PATENT_TYPE_LABELS_ZH
from ipops.domain.parties import PARTY_TYPE_LABELS_ZH


@dataclass(frozen=True)
class Field:
    name_zh: str
    key: str  # the value's field in nodes (title, applicant, app_date …)
    kind: str  # text | like | ipc | date | number | choice | region | industry
    aliases: tuple[str, ...] = ()


FIELDS: tuple[Field, ...] = (
    Field("名称", "title", "text", ("title", "ti", "发明名称", "标题")),
    Field("摘要", "abstract", "text", ("abstract", "ab")),
    Field("权利要求", "claims", "text", ("claims", "claim", "cl")),
    Field("全文", "fulltext", "text", ("fulltext", "text", "tx", "关键词")),
    Field("申请人", "applicant", "like", ("applicant", "pa", "申请（专利权）人", "专利权人", "权利人")),
    Field("发明人", "inventor", "like", ("inventor", "in", "设计人")),
    Field("地址", "address", "like", ("address", "addr", "申请人地址")),
    Field("IPC", "ipc", "ipc", ("ipc", "ic", "分类号", "IPC分类号")),
    Field("申请号", "app_number", "number", ("appno", "an", "app_number", "专利号", "申请（专利）号")),
    Field("公开号", "pub_number", "number", ("pubno", "pn", "pub_number", "公告号", "公开（公告）号")),
    Field("申请日", "app_date", "date", ("appdate", "ad", "app_date")),
    Field("公开日", "pub_date", "date", ("pubdate", "pd", "pub_date", "公开（公告）日")),
    Field("授权日", "grant_date", "date", ("grantdate", "gd", "grant_date", "授权公告日")),
    Field("法律状态", "legal_status", "choice", ("status", "legal_status", "ls")),
    Field("专利类型", "patent_type", "choice", ("type", "patent_type", "类型")),
    Field("申请人类型", "applicant_type", "choice", ("applicant_type", "pt")),
    Field("地区", "region", "region", ("region", "area", "省市")),
    Field("行业", "industry", "industry", ("industry", "产业", "战略性新兴产业")),
)

_BY_NAME: dict[str, Field] = {}
for _f in FIELDS:
    for _name in (_f.name_zh, *_f.aliases):
        _BY_NAME[_name.casefold()] = _f


def find_field(name: str) -> Field | None:
    """The field for a Chinese name or alias, case-insensitive (名称, title, TI)."""
    return _BY_NAME.get(name.casefold())


def field_names_zh() -> str:
    return "、".join(f.name_zh for f in FIELDS)


_LAPSED = ("rejected", "withdrawn", "deemed_withdrawn", "abandoned", "lapsed_fee", "expired", "invalidated")
# Coded values by what users type: the labels pages show, codes, and the usual summary words.
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "legal_status": {
        **{label: (code.value,) for code, label in STATUS_LABELS.items()},
        **{code.value: (code.value,) for code in LegalStatus},
        "授权": ("granted",), "有效": ("granted",), "专利权维持": ("granted",),
        "审中": ("published", "under_examination"), "在审": ("published", "under_examination"),
        "实审": ("under_examination",), "失效": _LAPSED, "无效": _LAPSED,
    },
    "patent_type": {
        **{label: (code.value,) for code, label in PATENT_TYPE_LABELS_ZH.items()},
        **{code.value: (code.value,) for code in PATENT_TYPE_LABELS_ZH},
        "发明专利": ("invention",), "实用新型专利": ("utility_model",), "外观": ("design",),
        "外观设计专利": ("design",),
    },
    "applicant_type": {
        **{label: (code.value,) for code, label in PARTY_TYPE_LABELS_ZH.items()},
        **{code.value: (code.value,) for code in PARTY_TYPE_LABELS_ZH},
        "大学": ("university",), "院校": ("university",), "科研机构": ("institute",), "机关": ("government",),
    },
}  # fmt: skip


def choice_values(field_key: str, text: str) -> tuple[str, ...] | None:
    table = CHOICES[field_key]
    return table.get(text) or table.get(text.casefold())


def choice_labels(field_key: str) -> str:
    """The Chinese values a user may type, for error messages and the help panel."""
    return "、".join(k for k in CHOICES[field_key] if not k.isascii())
