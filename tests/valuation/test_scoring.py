"""Scoring rules without a database: monotonic behaviour, the data file, renormalisation, grades."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipops.valuation.cohorts import Cohorts, Distribution
from ipops.valuation.inputs import Event, PatentInputs
from ipops.valuation.rules import interpolate, load_rules
from ipops.valuation.scoring import value

AS_OF = dt.date(2026, 12, 4)
RULES = load_rules()
NO_COHORTS = Cohorts(by_subclass_year={}, by_year={})
WEIGHTS = Path(__file__).parents[2] / "src" / "ipops" / "data" / "valuation" / "weights.toml"


def inputs(**overrides: object) -> PatentInputs:
    """The real application CN201611067191.9 (tests/factories.py) with scenario data added."""
    data: dict[str, object] = dict(
        id=1, app_number="CN201611067191.9", title="一种可扩展的用户提示信息定义方法及系统", patent_type="invention",
        app_date=dt.date(2016, 11, 25), legal_status="granted", legal_status_basis="source", claims=None, extras=None,
        family_size=None, family_countries=None, granted_abroad=None, cited_by_count=None, transfer_count=None,
        licence_count=None, pledge_count=None, is_demo=False, main_subclass="G06F", subclasses={"G06F"},
        holder_type="enterprise", holder_role="applicant", has_fact=True, sei=False,
    )  # fmt: skip
    data.update(overrides)
    return PatentInputs(**data)  # type: ignore[arg-type]


def dimension(v: object, dim: str) -> float | None:
    return next(d.score for d in v.dimensions if d.id == dim)  # type: ignore[attr-defined]


# --- monotonic behaviour ------------------------------------------------------------------


@pytest.mark.parametrize("patent_type", ["invention", "utility_model", "design"])
@pytest.mark.parametrize("status", ["granted", "under_examination", "published"])
@pytest.mark.parametrize(("older", "newer"), [(2007, 2010), (2010, 2016), (2016, 2019), (2019, 2025), (2001, 2025)])
def test_more_remaining_term_never_lowers_the_legal_score(patent_type: str, status: str, older: int, newer: int) -> None:
    # a later filing date leaves more of the statutory term on the valuation date
    less = value(inputs(patent_type=patent_type, legal_status=status, app_date=dt.date(older, 3, 1)),
                 rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)  # fmt: skip
    more = value(inputs(patent_type=patent_type, legal_status=status, app_date=dt.date(newer, 3, 1)),
                 rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)  # fmt: skip
    term = [next(i for i in v.indicators if i.id == "remaining_term") for v in (less, more)]
    assert term[0].raw is not None and term[1].raw is not None and term[0].raw <= term[1].raw
    assert dimension(less, "legal") <= dimension(more, "legal")  # type: ignore[operator]


def _cohort(values: list[int]) -> Cohorts:
    dist = Distribution()
    for v in sorted(set(values)):
        dist.values.append(v)
        dist.cumulative.append((dist.cumulative[-1] if dist.cumulative else 0) + values.count(v))
    return Cohorts(by_subclass_year={("G06F", 2016): dist}, by_year={2016: dist})


@pytest.mark.parametrize("others", [[0, 0, 0, 0, 0], [0, 1, 3, 8, 20], [5, 5, 5, 5, 5, 5, 5], [2, 40, 40, 41, 100]])
@pytest.mark.parametrize(("fewer", "more"), [(0, 1), (1, 5), (5, 6), (3, 40), (40, 41), (0, 200)])
def test_more_citations_never_lower_the_technical_score(others: list[int], fewer: int, more: int) -> None:
    # the patent itself is one member of its cohort, as in the database
    low = value(inputs(cited_by_count=fewer), rules=RULES, cohorts=_cohort([*others, fewer]), as_of=AS_OF)
    high = value(inputs(cited_by_count=more), rules=RULES, cohorts=_cohort([*others, more]), as_of=AS_OF)
    assert dimension(low, "technical") <= dimension(high, "technical")  # type: ignore[operator]


BASE_EVENTS = [[], [Event("transfer", dt.date(2018, 1, 5))], [Event("licence", dt.date(2019, 2, 1), "ordinary")],
               [Event("licence", dt.date(2019, 2, 1), "exclusive")] * 3 + [Event("pledge", dt.date(2020, 6, 1))]]  # fmt: skip


@pytest.mark.parametrize("events", BASE_EVENTS)
@pytest.mark.parametrize("licence_count", [None, 0, 2, 5])
@pytest.mark.parametrize("licence_type", ["ordinary", "exclusive", "open"])
def test_an_added_licence_never_lowers_the_economic_score(events: list[Event], licence_count: int | None,
                                                          licence_type: str) -> None:  # fmt: skip
    before = value(inputs(events=list(events), licence_count=licence_count), rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)
    added = [*events, Event("licence", dt.date(2024, 8, 20), licence_type)]
    after = value(inputs(events=added, licence_count=licence_count), rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)
    assert dimension(before, "economic") <= dimension(after, "economic")  # type: ignore[operator]


def test_an_event_after_the_valuation_date_does_not_count() -> None:
    later = [Event("licence", dt.date(2027, 1, 1), "ordinary")]
    v = value(inputs(events=later), rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)
    assert next(i for i in v.indicators if i.id == "licences").raw == 0


# --- reproducible from the data file ------------------------------------------------------

SPARSE = dict(app_date=None, legal_status_basis="derived", subclasses={"G06F", "H04L"}, has_fact=False)


def test_score_is_the_weighted_mean_of_the_data_file(tmp_path: Path) -> None:
    # with data: 法律状态 授权有效 → 100 (weight 10), IPC 小类 2 个 → 60 (7), 权利人 企业 → 100 (4);
    # by hand: (10×100 + 7×60 + 4×100) ÷ (10 + 7 + 4) = 1820 ÷ 21 = 86.67
    v = value(inputs(**SPARSE), rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)
    assert [i.id for i in v.indicators if i.score is not None] == ["legal_status", "ipc_breadth", "holder_type"]
    assert v.score == pytest.approx(86.7, abs=0.05)
    # a test copy of the data file with the IPC-breadth weight raised from 7 to 21:
    # (10×100 + 21×60 + 4×100) ÷ 35 = 2660 ÷ 35 = 76.0
    copy = tmp_path / "weights.toml"
    text = WEIGHTS.read_text(encoding="utf-8")
    marker = 'id = "ipc_breadth"'
    head, tail = text.split(marker)
    copy.write_text(head + marker + tail.replace("weight = 7", "weight = 21", 1), encoding="utf-8")
    changed = load_rules(copy)
    assert changed.indicator("ipc_breadth").weight == 21 and changed.sha256 != RULES.sha256
    assert value(inputs(**SPARSE), rules=changed, cohorts=NO_COHORTS, as_of=AS_OF).score == pytest.approx(76.0, abs=0.05)


def test_piecewise_mapping_interpolates_and_is_flat_outside() -> None:
    points = RULES.indicator("remaining_term").points  # 0→0, 10→25, 25→50, 50→80, 75→100
    assert interpolate(points, -5) == 0 and interpolate(points, 90) == 100
    assert interpolate(points, 37.5) == pytest.approx(65.0)


# --- missing data --------------------------------------------------------------------------


def test_missing_indicators_are_excluded_and_weights_renormalised() -> None:
    v = value(inputs(**SPARSE), rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)
    missing = [i for i in v.indicators if i.score is None]
    assert len(missing) == 11 and all(i.effective_weight == 0 and i.raw is None for i in missing)
    assert sum(i.effective_weight for i in v.indicators) == pytest.approx(1.0, abs=1e-3)
    assert v.coverage == pytest.approx(0.21)
    # never a silent 0: counting the missing ones as 0 would give 18.2
    assert v.score != pytest.approx(1820 / 100)
    assert "不按 0 分计" in v.explanation and "剩余保护期占比" in v.explanation
    assert "缺申请日" in next(i for i in v.indicators if i.id == "remaining_term").explanation
    assert next(i for i in v.indicators if i.id == "transfers").explanation.startswith("来源数据未提供法律事件")
    # 21% of the weight is below min_coverage (50%): a score but no grade
    assert v.grade is None and "数据不足" in v.grade_label


def test_no_data_at_all_gives_no_score() -> None:
    v = value(inputs(app_date=None, legal_status=None, legal_status_basis=None, subclasses=set(), holder_type=None,
                     has_fact=False), rules=RULES, cohorts=NO_COHORTS, as_of=AS_OF)  # fmt: skip
    assert v.score is None and v.grade is None and v.coverage == 0


def test_an_ended_right_has_no_remaining_term() -> None:
    v = value(inputs(legal_status="lapsed_fee", end_date=dt.date(2018, 3, 23)), rules=RULES, cohorts=NO_COHORTS,
              as_of=AS_OF)  # fmt: skip
    by_id = {i.id: i for i in v.indicators}
    assert by_id["remaining_term"].raw == 0 and by_id["remaining_term"].score == 0
    assert by_id["legal_status"].raw == "ended" and "2018-03-23" in by_id["remaining_term"].explanation


def test_claims_are_counted_from_the_numbered_text() -> None:
    claims = "1.一种锂离子电池负极材料，其特征在于……。2.根据权利要求1所述的负极材料，其特征在于……。3、根据权利要求2所述的……"
    assert inputs(claims=claims).claims_count() == 3
    assert inputs(extras={"权利要求数": "12"}).claims_count() == 12


# --- grades ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("score", "grade"), [(100, "A"), (75, "A"), (74.99, "B"), (60, "B"), (59.9, "C"),
                                              (45, "C"), (44.9, "D"), (0, "D")])  # fmt: skip
def test_grade_thresholds_come_from_the_data_file(score: float, grade: str) -> None:
    assert RULES.grade_of(score).grade == grade
    assert [(g.grade, g.min_score) for g in RULES.grades] == [("A", 75), ("B", 60), ("C", 45), ("D", 0)]


def test_every_indicator_has_a_dimension_and_the_weights_add_up() -> None:
    assert sum(i.weight for i in RULES.indicators) == 100
    assert {i.dimension for i in RULES.indicators} == {"legal", "technical", "economic"}
    assert "GB/T 42748" in WEIGHTS.read_text(encoding="utf-8") and "NOT retrieved" in WEIGHTS.read_text(encoding="utf-8")
