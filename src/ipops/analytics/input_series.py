"""The series the IP office maintains itself (有效注册商标量, 贯标企业 …), as packaged data.

`data/indicators/input_series.toml` lists every series an office may import with
`ipops inputs import --kind series` (table `indicator_input`): its id, Chinese name, unit,
whether city values add up to the province, and what one value means.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ipops.refdata.load import read_toml

SOURCE = "input_series.toml"
_ID = re.compile(r"[a-z][a-z0-9_]*")
_FIELDS = {"id", "name", "unit", "additive", "note"}


@dataclass(frozen=True, slots=True)
class InputSeries:
    """One office-maintained series; `additive`: the cities' values sum to the province's."""

    id: str
    name: str
    unit: str
    additive: bool
    note: str


def read_indicator_file(name: str) -> dict[str, Any]:
    """A TOML file of the packaged `ipops/data/indicators/` folder."""
    return read_toml(f"indicators/{name}")


def parse_input_series(data: dict[str, Any], *, source: str = SOURCE) -> tuple[InputSeries, ...]:
    """Validate the `[[series]]` tables of `data`; ValueError names the faulty entry."""
    entries = data.get("series")
    if not isinstance(entries, list) or not entries:
        raise ValueError(f"{source}：没有 [[series]] 条目")
    out: list[InputSeries] = []
    ids: set[str] = set()
    names: set[str] = set()
    for number, entry in enumerate(entries, start=1):
        label = f"{source} 第 {number} 条 [[series]]（{entry.get('id', '?') if isinstance(entry, dict) else '?'}）"
        if not isinstance(entry, dict):
            raise ValueError(f"{label}：应为表")
        unknown = set(entry) - _FIELDS
        missing = _FIELDS - set(entry)
        if unknown or missing:
            raise ValueError(f"{label}：未知字段 {sorted(unknown)}，缺少字段 {sorted(missing)}")
        series_id = entry["id"]
        if not isinstance(series_id, str) or not _ID.fullmatch(series_id):
            raise ValueError(f"{label}：id 应为小写字母、数字和下划线")
        for key in ("name", "unit", "note"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                raise ValueError(f"{label}：{key} 应为非空文字")
        if not isinstance(entry["additive"], bool):
            raise ValueError(f"{label}：additive 应为 true 或 false")
        if series_id in ids or entry["name"] in names:
            raise ValueError(f"{label}：id 或 name 重复")
        ids.add(series_id)
        names.add(entry["name"])
        out.append(InputSeries(series_id, entry["name"].strip(), entry["unit"].strip(), entry["additive"],
                               entry["note"].strip()))  # fmt: skip
    return tuple(out)


@functools.cache
def load_input_series() -> tuple[InputSeries, ...]:
    """Every packaged input series, validated (read once per process)."""
    return parse_input_series(read_indicator_file(SOURCE))


@functools.cache
def input_series_by_id() -> dict[str, InputSeries]:
    return {s.id: s for s in load_input_series()}
