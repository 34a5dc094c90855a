"""行业 in search: the SEI 2018 industries (战略性新兴产业分类) a patent belongs to through its IPC.

Which industries a patent is in is derived data of the indicator engine (`patent_industry`,
refreshed after every import); search reads it. Names and codes come from the shipped table
`data/sei/sei_codes.csv` (9 industries, 40 branches), so a query is checked without the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ipops.domain.errors import QuerySyntaxError
from ipops.refdata.load import read_csv

SCHEME = "sei2018"


@dataclass(frozen=True)
class SeiIndustry:
    code: str  # 1 (industry) or 1.2 (branch)
    name: str
    parent: str | None


@lru_cache(maxsize=1)
def sei_industries() -> dict[str, SeiIndustry]:
    rows = read_csv("sei/sei_codes.csv")
    return {r["code"]: SeiIndustry(r["code"], r["name"], r["parent_code"] or None) for r in rows}


def resolve(text: str, pos: int = 0) -> tuple[str, ...]:
    """Codes meant by a code (1, 1.2), a full name (电子核心产业) or a part of names (新能源)."""
    table = sei_industries()
    if text in table:
        return (text,)
    exact = [i.code for i in table.values() if i.name == text]
    found = exact or [i.code for i in table.values() if text in i.name]
    if not found:
        tops = "、".join(i.name for i in table.values() if i.parent is None)
        raise QuerySyntaxError(f"未知的行业“{text}”（战略性新兴产业：{tops}；也可写代码 1 或 1.2）", position=pos)
    return tuple(found)


def label(code: str) -> str:
    found = sei_industries().get(code)
    return found.name if found else code
