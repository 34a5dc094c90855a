"""Progress against plan targets, with every number worked out by hand in the comments."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from ipops.analytics.progress import assess


@dataclass
class T:
    kind: str
    value: float
    base_value: float | None = None
    base_year: int | None = None
    start_year: int = 2021
    by: int = 2025


def test_level_with_base() -> None:
    # 威海-like: base 4.99 (2020) → 10.02 by 2025; 2023 value 7.5
    a = assess(T("level", 10.02, 4.99, 2020), {2021: 5.8, 2022: 6.6, 2023: 7.5}, 2023)
    assert a.value == 7.5
    assert a.progress == pytest.approx((7.5 - 4.99) / (10.02 - 4.99))  # 2.51 / 5.03 = 0.499
    assert a.needed_per_year == pytest.approx((10.02 - 7.5) / 2)  # 1.26 a year for 2024, 2025
    # trend of 2021-2023: slope 0.85, mean 6.6333 at 2022 → 2025: 6.6333 + 3 × 0.85 = 9.1833
    assert a.projected == pytest.approx(9.18333, abs=1e-4)
    assert a.on_track is False and a.status_zh == "按当前趋势难以达成"


def test_level_reached_and_without_base() -> None:
    a = assess(T("level", 200), {2024: 210.0}, 2024)
    assert a.progress == pytest.approx(1.05) and a.needed_per_year is None
    assert a.on_track is True and a.status_zh == "已达成"
    missing = assess(T("level", 200), {2024: None}, 2024)
    assert (missing.value, missing.on_track, missing.status_zh) == (None, None, "数据不足，无法判断")


def test_avg_growth() -> None:
    # from 2020 (the year before start 2021): 100 → 150 in 2022 is √1.5 - 1 = 22.47 % a year
    a = assess(T("avg_growth", 20), {2020: 100.0, 2021: 120.0, 2022: 150.0}, 2022)
    assert a.value == 22.47
    assert a.progress == pytest.approx(((1.5**0.5) - 1) * 100 / 20)  # 1.1237
    # needed by 2025: 100 × 1.2^5 = 248.832; from 150 over 3 years: (248.832/150)^(1/3) - 1 = 18.37 %
    assert a.needed_per_year == pytest.approx(((248.832 / 150) ** (1 / 3) - 1) * 100)
    assert a.on_track is True and a.status_zh == "按当前趋势可达成"
    slow = assess(T("avg_growth", 20), {2020: 100.0, 2022: 121.0}, 2022)
    assert slow.value == pytest.approx(10.0)  # √1.21 = 1.1
    # (248.832/121)^(1/3) - 1 = 27.16 %
    assert slow.needed_per_year == pytest.approx(((248.832 / 121) ** (1 / 3) - 1) * 100)
    assert slow.on_track is False and slow.status_zh == "按当前趋势难以达成"
    done = assess(T("avg_growth", 20), {2020: 100.0, 2025: 260.0}, 2025)
    assert done.status_zh == "已达成" and done.needed_per_year is None
    assert assess(T("avg_growth", 20), {2021: 120.0}, 2021).status_zh == "数据不足，无法判断"  # no 2020 value


def test_avg_growth_exactly_on_target_is_on_track() -> None:
    a = assess(T("avg_growth", 20), {2020: 100.0, 2022: 144.0}, 2022)
    assert a.value == 20.0
    assert a.on_track is True and a.status_zh == "按当前趋势可达成"


def test_yearly() -> None:
    a = assess(T("yearly", 500), {2023: 450.0}, 2023)
    assert (a.value, a.progress, a.on_track, a.status_zh) == (450.0, 0.9, False, "未达到年度目标")
    assert assess(T("yearly", 500), {2023: 520.0}, 2023).status_zh == "已达成"


def test_cumulative() -> None:
    # 100 projects over 2022-2025; 20 + 30 by 2023 = 50, 50 still needed over 2 years = 25 a year;
    # projected 50 + 25 × 2 = 100 → on track
    a = assess(T("cumulative", 100, start_year=2022), {2022: 20.0, 2023: 30.0}, 2023)
    assert (a.value, a.progress, a.needed_per_year, a.projected, a.on_track) == (50.0, 0.5, 25.0, 100.0, True)
    assert a.status_zh == "按当前趋势可达成"
    gap = assess(T("cumulative", 100, start_year=2022), {2022: 20.0, 2023: None}, 2023)
    assert gap.status_zh == "数据不足，无法判断"
