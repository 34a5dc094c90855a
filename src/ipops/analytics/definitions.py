"""Indicator definitions, read from `data/indicators/indicators.toml` and the input-series list.

Definitions are data so that an office can see (and a release can change) exactly what each
number counts; this module only validates them. `docs/indicators.md` documents every field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from ipops.analytics.input_series import load_input_series, read_indicator_file
from ipops.domain.errors import NotFound

Measure = Literal["stock", "flow", "event", "ratio", "input"]
MEASURES = ("stock", "flow", "event", "ratio", "input")
STATES = ("valid", "high_value")
DATES = ("app_date", "grant_date")
BREAKDOWNS = ("patent_type", "high_value_category", "industry")
PATENT_TYPES = ("invention", "utility_model", "design")


@dataclass(frozen=True)
class IndicatorDef:
    id: str
    name: str
    unit: str
    measure: Measure
    state: str | None = None
    date: str | None = None
    patent_types: tuple[str, ...] = ()
    offices: tuple[str, ...] = ("CN",)
    domestic_only: bool = False
    kinds: tuple[str, ...] = ()
    value: str = "count"
    numerator: str | None = None
    breakdowns: tuple[str, ...] = ()
    additive: bool = True
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def as_dict(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "extra"}
        return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}





def _check(entry: dict[str, Any]) -> None:
    where = f"indicator {entry.get('id', '?')!r}"
    if entry["measure"] not in MEASURES:
        raise ValueError(f"{where}: unknown measure {entry['measure']!r}")
    if entry["measure"] == "stock" and entry.get("state") not in STATES:
        raise ValueError(f"{where}: a stock needs state in {STATES}")
    if entry["measure"] == "flow" and entry.get("date") not in DATES:
        raise ValueError(f"{where}: a flow needs date in {DATES}")
    if entry["measure"] == "event" and (not entry.get("kinds") or entry.get("value") not in ("count", "amount")):
        raise ValueError(f"{where}: an event indicator needs kinds and value = count | amount")
    if entry["measure"] == "ratio" and not entry.get("numerator"):
        raise ValueError(f"{where}: a ratio needs a numerator")
    for key in entry.get("breakdowns", ()):
        if key not in BREAKDOWNS:
            raise ValueError(f"{where}: unknown breakdown {key!r}")
    for key in entry.get("patent_types", ()):
        if key not in PATENT_TYPES:
            raise ValueError(f"{where}: unknown patent type {key!r}")


def _build(entry: dict[str, Any]) -> IndicatorDef:
    _check(entry)
    known = set(IndicatorDef.__dataclass_fields__) - {"extra"}
    kwargs = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items() if k in known}
    if entry["measure"] == "event" and entry.get("kinds") and "additive" not in entry:
        # a pledge contract can cover patents of several cities: counted once per city
        kwargs["additive"] = entry["kinds"] != ["pledge"]
    return IndicatorDef(**kwargs, extra={k: v for k, v in entry.items() if k not in known})


def _input_defs() -> list[IndicatorDef]:
    """The office series of `input_series.toml` (validated by `input_series`) as input indicators."""
    return [
        IndicatorDef(id=s.id, name=s.name, unit=s.unit, measure="input", offices=(), additive=s.additive, note=s.note)
        for s in load_input_series()
    ]


@cache
def load_definitions() -> dict[str, IndicatorDef]:
    """Every indicator by id, in file order (patent-based ones first, then office input series)."""
    defs = [_build(e) for e in read_indicator_file("indicators.toml")["indicator"]] + _input_defs()
    by_id: dict[str, IndicatorDef] = {}
    for d in defs:
        if d.id in by_id:
            raise ValueError(f"indicator {d.id!r} defined twice")
        by_id[d.id] = d
    for d in defs:
        if d.measure == "ratio" and d.numerator not in by_id:
            raise ValueError(f"indicator {d.id!r}: numerator {d.numerator!r} is not defined")
    return by_id


def get_definition(indicator_id: str) -> IndicatorDef:
    """The definition, or `domain.errors.NotFound` with a Chinese message."""
    try:
        return load_definitions()[indicator_id]
    except KeyError:
        raise NotFound(f"未知指标：{indicator_id}") from None
