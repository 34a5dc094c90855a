"""Map vendor legal-status texts (法律状态) to one `LegalStatus` code.

Exports carry CNIPA gazette headings ("发明专利申请公布后的视为撤回"), vendor summaries ("有权-审定
授权", "审中-实审"), English PatSnap values ("Granted", "Pending") and multi-value cells
("实质审查;公开", "授权;未缴年费专利权终止"). The mapping is data
(`ipops/data/normalise/legal_status_map.csv`: pattern, kind, code, priority, source, note).

Precedence: a cell is split on ; ； , ， | 、 / and line breaks; each part is matched (exact
rows first, then contains/regex rows from the highest priority down); the part with the highest
priority decides. Priorities follow the life of a patent, so the latest or most decisive state
wins: 公开 10 < 实质审查 20 < event texts implying a grant 25 < 授权/有效 30 < 部分无效 31 < 撤回 50 <
视为撤回 52 < 驳回 55 < 终止 58 < 未缴年费/放弃 60 < 恢复 75 < 届满 90 < 全部无效 95. Texts that
only say "dead" (失效, 无权, Inactive) give `unknown`, since `LegalStatus` has no code for an
unexplained death; unrecognised text gives `unknown` too; empty text gives None.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import lru_cache
from importlib.resources import files

from ipops.domain.legal_status import LegalStatus

_SPLIT = re.compile(r"[;；,，|｜、/\n\r]+")
_EMPTY = frozenset({"", "-", "--", "—", "无数据", "null", "none", "nan", "n/a"})

Rule = tuple[re.Pattern[str], LegalStatus, int]


@lru_cache(maxsize=1)
def load_status_rules() -> tuple[dict[str, tuple[LegalStatus, int]], tuple[Rule, ...]]:
    """Exact texts (casefolded) and ordered pattern rules from the packaged map."""
    path = files("ipops") / "data" / "normalise" / "legal_status_map.csv"
    exact: dict[str, tuple[LegalStatus, int]] = {}
    rules: list[Rule] = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            code, priority = LegalStatus(row["code"]), int(row["priority"])
            if row["kind"] == "exact":
                exact[row["pattern"].casefold()] = (code, priority)
            elif row["kind"] in ("contains", "regex"):
                pattern = re.escape(row["pattern"]) if row["kind"] == "contains" else row["pattern"]
                rules.append((re.compile(pattern, re.IGNORECASE), code, priority))
            else:
                raise ValueError(f"未知的匹配方式：{row['kind']}")
    rules.sort(key=lambda rule: (-rule[2], -len(rule[0].pattern)))
    return exact, tuple(rules)


def _match_part(part: str) -> tuple[LegalStatus, int] | None:
    exact, rules = load_status_rules()
    hit = exact.get(part.casefold())
    if hit:
        return hit
    for regex, code, priority in rules:
        if regex.search(part):
            return code, priority
    return None


@lru_cache(maxsize=4096)
def normalise_legal_status(text: str | None) -> LegalStatus | None:
    """The status a legal-status cell states (see module docstring for precedence)."""
    cleaned = unicodedata.normalize("NFKC", text or "").strip()
    if cleaned.casefold() in _EMPTY:
        return None
    best: tuple[LegalStatus, int] | None = None
    for part in _SPLIT.split(cleaned):
        part = part.strip()
        if not part:
            continue
        hit = _match_part(part)
        if hit and (best is None or hit[1] > best[1]):
            best = hit
    return best[0] if best else LegalStatus.unknown
