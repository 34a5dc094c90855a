"""Turn vendor legal-event history cells (法律事件 / 法律状态历史) into typed `EventRecord`s.

Indicators count transfers, licences and pledges, but exports give them as free text:

* one event per line or per ";": "2019-05-10 专利权的转移 IPC(主分类)：… 登记生效日：2019.04.22
  变更前权利人：甲公司 变更后权利人：乙公司";
* CNIPA gazette blocks: "专利权质押合同登记的注销\\n专利号:…\\n登记号:…\\n解除日:…\\n出质人:…";
* "#"-separated history blocks: "#法律状态公告日：20121219;法律状态：专利申请权、专利权的转移;
  描述信息：…;变更事项:专利权人;变更前权利人:…;变更后权利人:…;登记生效日:20121116;".

An event starts where a known heading (`legal_event_map.csv`, target "event") stands at the
start of the cell or after a separator, optionally preceded by a date. Everything up to the
next event is parsed as "key：value" pairs into `details`. Which keys give the counterparty,
the date and the amount, and how 许可种类 maps to `LicenceType`, is data in the same file.
The event date is the effective date (登记生效日, 备案日期, 解除日, 终止日期 …) when given, else
the date written before the heading, else `default_date`. Amounts are returned in 万元.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from importlib.resources import files
from typing import Any

from ipops.domain.legal_events import LegalEventKind, LicenceType
from ipops.ingest.normalise.dates import parse_date
from ipops.ingest.record import EventRecord

_DATE = r"\d{4}[-./年]\d{1,2}[-./月]\d{1,2}日?|\d{8}"
_KEY = r"[\u4e00-\u9fffA-Za-z()（）]{2,14}"
_PAIR = re.compile(rf"({_KEY}):\s*(.*?)\s*(?=[;；\n#]|\s+{_KEY}:|$)")
_AMOUNT = re.compile(r"(-?\d+(?:\.\d+)?)\s*(亿元|万元|元|亿|万)?")
_UNIT = {"亿元": Decimal(10000), "亿": Decimal(10000), "万元": Decimal(1), "万": Decimal(1),
         "元": Decimal("0.0001")}


@dataclass(frozen=True, slots=True)
class EventRules:
    heading: re.Pattern[str]
    kinds: tuple[tuple[str, LegalEventKind], ...]  # (pattern, kind), most specific first
    licence_types: tuple[tuple[str, LicenceType], ...]
    counterparty: dict[str, frozenset[str]]  # key → event kinds it names the counterparty for
    date_keys: tuple[str, ...]
    amount_keys: tuple[str, ...]


@lru_cache(maxsize=1)
def load_event_rules() -> EventRules:
    """Read `legal_event_map.csv` once and compile the heading finder."""
    path = files("ipops") / "data" / "normalise" / "legal_event_map.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = sorted(csv.DictReader(fh), key=lambda r: (-int(r["priority"]), -len(r["pattern"])))
    by = {t: [r for r in rows if r["target"] == t] for t in ("event", "licence_type", "counterparty", "date", "amount")}
    kinds = tuple((r["pattern"], LegalEventKind(r["value"])) for r in by["event"])
    names = "|".join(re.escape(p) for p in sorted({p for p, _ in kinds}, key=len, reverse=True))
    # A heading stands at a separator, maybe after a date, and is not itself a "key:" label
    # ("授权公告日:" is a field, "授权" an event).
    heading = re.compile(
        rf"(?:^|[\n;；])\s*(?:({_DATE})\s*)?(?![\u4e00-\u9fff]{{2,8}}:)(?=[^\s:;；\n]{{0,12}}?(?:{names}))"
    )
    return EventRules(
        heading=heading,
        kinds=kinds,
        licence_types=tuple((r["pattern"], LicenceType(r["value"])) for r in by["licence_type"]),
        counterparty={r["pattern"]: frozenset(r["value"].split()) for r in by["counterparty"]},
        date_keys=tuple(r["pattern"] for r in by["date"]),
        amount_keys=tuple(r["pattern"] for r in by["amount"]),
    )


def _kind_of(text: str, rules: EventRules) -> LegalEventKind:
    for pattern, kind in rules.kinds:
        if pattern in text:
            return kind
    return LegalEventKind.other


def _pairs(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    # Gazette texts glue the heading to the first field: "专利权的转移IPC(主分类):A41D 1/00".
    for key, value in _PAIR.findall(text.replace("IPC(主分类)", ";IPC(主分类)")):
        out.setdefault(key.strip(), []).append(value.strip().rstrip(";；。"))
    return out


def parse_amount(text: str | None, *, default_unit: str | None = None) -> Decimal | None:
    """"500万元" → 500, "1.2亿元" → 12000, "3000000元" → 300 (万元); a bare number needs `default_unit`."""
    match = _AMOUNT.search(unicodedata.normalize("NFKC", text or "").replace(",", ""))
    if not match:
        return None
    unit = match.group(2) or default_unit
    if unit is None:
        return None
    try:
        return Decimal(match.group(1)) * _UNIT[unit]
    except (InvalidOperation, KeyError):
        return None


def _counterparty(kind: LegalEventKind, pairs: dict[str, list[str]], rules: EventRules) -> str | None:
    for key, kinds in rules.counterparty.items():
        values = pairs.get(key)
        if not values or kind.value not in kinds:
            continue
        items = pairs.get("变更事项")
        if key == "变更后权利人" and items and len(items) == len(values):
            values = [v for item, v in zip(items, values, strict=True) if "权人" in item or "申请人" in item]
        unique = list(dict.fromkeys(v for v in values if v))
        if unique:
            return ";".join(unique)
    return None


def _event_date(pairs: dict[str, list[str]], lead: str | None, default: date | None,
                rules: EventRules) -> date | None:
    for key in rules.date_keys:
        for value in pairs.get(key, ()):
            try:
                found = parse_date(value.split()[0] if value else value)
            except ValueError:
                continue
            if found and (key not in ("法律状态公告日", "公告日") or not lead):
                return found
    try:
        return parse_date(lead) if lead else default
    except ValueError:
        return default


def _amount(pairs: dict[str, list[str]], rules: EventRules) -> Decimal | None:
    for key in rules.amount_keys:
        for full_key, values in pairs.items():
            if full_key.startswith(key):
                unit = "万元" if "万元" in full_key else "亿元" if "亿元" in full_key else None
                amount = parse_amount(values[0], default_unit=unit)
                if amount is not None:
                    return amount
    return None


_BLOCK_SPLIT = re.compile(r"#|(?=法律状态公告日)")


def _segments(text: str, rules: EventRules) -> Iterator[tuple[str | None, str]]:
    if "法律状态公告日" in text:  # "#法律状态公告日：…;法律状态：…;描述信息：…" history blocks
        for block in _BLOCK_SPLIT.split(text):
            yield None, block
        return
    starts = [(m.start(), m.end(), m.group(1)) for m in rules.heading.finditer(text)]
    if not starts:
        yield None, text
        return
    for index, (_, body_start, lead) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
        yield lead, text[body_start:end]


def _build(lead: str | None, body: str, default: date | None, rules: EventRules) -> EventRecord:
    pairs = _pairs(body)
    head = pairs.get("法律状态", [""])[0] or body.split(":")[0]
    kind = _kind_of(head, rules)
    if kind is LegalEventKind.other:
        kind = _kind_of(body, rules)
    licence = None
    for value in pairs.get("许可种类", ()):
        licence = next((lt.value for p, lt in rules.licence_types if p in value), None)
    details: dict[str, Any] = {k: (v[0] if len(v) == 1 else v) for k, v in pairs.items()}
    if lead:
        details.setdefault("公告日", lead)
    return EventRecord(
        kind=kind.value,
        date=_event_date(pairs, lead, default, rules),
        raw_text=((lead + " ") if lead else "") + body.strip(" ;；#\n"),
        amount=_amount(pairs, rules),
        counterparty=_counterparty(kind, pairs, rules),
        licence_type=licence or (LicenceType.open.value if kind is LegalEventKind.open_licence_declared else None),
        details=details,
    )


def parse_legal_events(text: str | None, *, default_date: date | None = None) -> list[EventRecord]:
    """All events in a vendor cell, in source order; [] for an empty cell."""
    cleaned = unicodedata.normalize("NFKC", text or "").replace("\r\n", "\n").strip()
    if not cleaned or cleaned in ("-", "无"):
        return []
    rules = load_event_rules()
    return [_build(lead, body, default_date, rules) for lead, body in _segments(cleaned, rules)
            if body.strip(" ;；#\n")]


def counter_value(value: object) -> int | None:
    """Vendor counter cells (专利转移次数 …): "3" → 3, "0" → 0, "" / "-" / None → None."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        raise ValueError(f"无法识别的次数：{value}")
    if isinstance(value, int | float) and float(value).is_integer() and value >= 0:
        return int(value)
    text = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("次")
    if text in ("", "-", "--", "—", "无", "null", "None"):
        return None
    if re.fullmatch(r"\d+(?:\.0+)?", text):
        return int(float(text))
    raise ValueError(f"无法识别的次数：{value}")
