"""Plan targets as data: every target is quotable from its policy text, in valid ids and units."""

from __future__ import annotations

import re
import tomllib
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

from ipops.analytics.input_series import load_input_series, parse_input_series
from ipops.analytics.targets import (
    KINDS,
    PlanTarget,
    indicator_units,
    load_targets,
    parse_targets,
    targets_for,
)

POLICY = Path(__file__).parents[1] / "fixtures" / "policy"
REGIONS = {"370000", "370100", "370600", "371000"}
INPUT_IDS = {"trademarks_valid", "geographical_indications", "gbt29490_firms", "advantage_firms_national",
             "demonstration_firms_national", "advantage_firms_municipal", "patent_agencies",
             "ip_pledge_financing", "patent_tech_contract_value"}  # fmt: skip


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _policy_texts() -> dict[str, str]:
    return {p.name[:3]: _squash(p.read_text(encoding="utf-8")) for p in sorted(POLICY.glob("00*.txt"))}


def _raw() -> dict:
    return tomllib.loads(
        (files("ipops") / "data" / "indicators" / "targets.toml").read_text(encoding="utf-8")
    )


def _one(region: str, indicator: str, by: int) -> PlanTarget:
    (found,) = [t for t in targets_for(region, indicator) if t.by == by]
    return found


def test_every_quote_occurs_in_its_policy_text() -> None:
    texts = _policy_texts()
    assert sorted(texts) == ["000", "001", "002", "003", "004"]
    missing = [(t.doc, t.quote) for t in load_targets() if _squash(t.quote) not in texts[t.doc]]
    assert missing == []


def test_titles_regions_and_units_are_valid() -> None:
    targets = load_targets()
    assert len(targets) >= 60
    units = indicator_units()
    titles = {"000": "烟台市推进新时代", "001": "烟台市知识产权运营服务体系", "002": "关于促进知识产权高质量发展",
              "003": "济南市建设国家知识产权强市", "004": "知识产权创新支持新旧动能转换"}  # fmt: skip
    for t in targets:
        assert t.region_code in REGIONS
        assert t.kind in KINDS and t.comparison in (">=", ">")
        assert t.unit == ("%" if t.kind == "avg_growth" else units[t.indicator_id])
        assert t.doc_title.startswith(titles[t.doc]) and _squash(t.doc_title) in _policy_texts()[t.doc]
        assert t.start_year <= t.by and t.value > 0
        assert (t.base_value is None) == (t.base_year is None)
    # ids outside the computed indicators and the listed office inputs are prefixed input_
    computed = set(units) - {s.id for s in load_input_series()}
    assert {t.indicator_id for t in targets} - computed - INPUT_IDS == {
        t.indicator_id for t in targets if t.indicator_id.startswith("input_")
    }


def test_known_targets() -> None:
    yantai = _one("370600", "hv_invention_per_10k", 2027)
    assert (yantai.value, yantai.kind, yantai.doc) == (Decimal("13.2"), "level", "000")
    weihai = _one("371000", "hv_invention_per_10k", 2025)
    assert (weihai.value, weihai.base_value, weihai.base_year) == (Decimal("10.02"), Decimal("4.99"), 2020)
    assert _one("370100", "hv_invention_per_10k", 2025).value == 16
    assert _one("370600", "trademarks_valid", 2027).value == 180000
    assert _one("370600", "trademarks_valid", 2027).comparison == ">"
    assert _one("371000", "ip_pledge_financing", 2025).value == 850000  # 85 亿元 in 万元
    assert _one("371000", "invention_grants", 2025).kind == "yearly"
    assert _one("370100", "pledge_amount", 2025).kind == "cumulative"
    growth = [t for t in targets_for("370600", "transfers_licences")]
    assert sorted((t.by, t.value) for t in growth) == [(2023, 20), (2027, 15)]


def test_every_input_series_is_described_and_every_input_target_has_a_series() -> None:
    series = {s.id: s for s in load_input_series()}
    assert INPUT_IDS <= set(series)
    assert {t.indicator_id for t in load_targets() if t.indicator_id.startswith("input_")} <= set(series)
    assert all(s.name and s.unit and s.note for s in series.values())
    assert series["trademarks_valid"].additive and not series["input_protection_satisfaction"].additive


def test_unknown_kind_names_the_entry() -> None:
    data = _raw()
    data["target"][2]["kind"] = "maximum"
    with pytest.raises(ValueError, match=r"第 3 条.*370600 transfers_licences.*maximum"):
        parse_targets(data)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [("indicator_id", "nope", "未知指标"), ("region_code", "379999", "区划代码"), ("unit", "件", "unit"),
     ("comparison", "<=", "comparison"), ("value", "13", "数字"), ("by", 2024, "start_year")],
)  # fmt: skip
def test_invalid_fields_are_rejected(field: str, value: object, message: str) -> None:
    data = _raw()
    data["target"][0][field] = value
    with pytest.raises(ValueError, match=message):
        parse_targets(data)


def test_duplicates_and_unknown_fields_are_rejected() -> None:
    data = _raw()
    data["target"].append(dict(data["target"][0]))
    with pytest.raises(ValueError, match="重复"):
        parse_targets(data)
    data = _raw()
    data["target"][0]["target_value"] = 1
    with pytest.raises(ValueError, match="未知字段"):
        parse_targets(data)
    with pytest.raises(ValueError, match="additive"):
        parse_input_series(
            {"series": [{"id": "x", "name": "甲", "unit": "件", "additive": "yes", "note": "n"}]}
        )
