"""The indicator cache: in memory, then the shared table; never a result computed on older data."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import sqlalchemy as sa

from ipops.analytics import cache, facts, grid
from ipops.analytics.grid import evaluate_grid
from ipops.analytics.periods import parse_period
from ipops.analytics.rules import IndicatorRules
from ipops.store.db import Database
from ipops.store.schema import IndicatorCache, Patent
from tests.analytics import indicator_data

RULES = dataclasses.replace(IndicatorRules(), cache_size=8)
SD = "370000"


def _valid(db: Database) -> float | None:
    with db.session() as s:
        g = evaluate_grid(s, rules=RULES, region_code=SD, periods=[parse_period("2017")], indicator_ids=["valid_invention"])
        return g.get("valid_invention", SD, parse_period("2017")).value


def _no_compute(*args: object, **kwargs: object) -> None:
    raise AssertionError("computed although a cached grid for the same data exists")


def test_a_grid_is_shared_through_the_table(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    indicator_data.load(db)
    cache.clear()
    first = _valid(db)
    with db.session() as s:
        assert s.scalar(sa.select(sa.func.count()).select_from(IndicatorCache)) == 1
    cache.clear()  # another process, or the next start: only the table has it
    monkeypatch.setattr(grid, "compute_grid", _no_compute)
    assert _valid(db) == first


def test_new_facts_change_the_stamp_and_the_answer(db: Database) -> None:
    indicator_data.load(db)
    cache.clear()
    before = _valid(db)
    assert before
    with db.session() as s:  # one valid invention lapses today: its fact is rebuilt, the stamp moves
        pid = s.scalar(sa.select(Patent.id).where(Patent.patent_type == "invention", Patent.grant_date <= dt.date(2017, 6, 30))
                       .order_by(Patent.id).limit(1))  # fmt: skip
        s.execute(sa.update(Patent).where(Patent.id == pid).values(
            legal_status="lapsed_fee", legal_status_date=dt.date(2017, 7, 1), updated_at=dt.datetime(2026, 12, 4, 12)))
        facts.refresh(s, IndicatorRules(), today=indicator_data.TODAY)
    assert _valid(db) == before - 1


def test_cache_off_always_computes(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    indicator_data.load(db)
    cache.clear()
    _valid(db)
    monkeypatch.setattr(grid, "compute_grid", _no_compute)
    with db.session() as s, pytest.raises(AssertionError, match="computed"):
        evaluate_grid(s, rules=IndicatorRules(), region_code=SD, periods=[parse_period("2017")])
