"""A small in-process cache of indicator grids, keyed on everything a grid depends on.

At 10^6 patents a province × cities × six-years grid costs seconds on SQLite (grouped scans
SQLite cannot hash), yet the data change only through imports and office uploads. The key holds
the database, the arguments, the rules and a data stamp read in a few milliseconds: the facts
generation (a new value at every facts refresh that changed rows), the fact count, and the
change stamps of the office inputs and population tables. A stale grid is never served: any
import refreshes the facts, which changes the stamp. Setting `indicator_cache_size = 0` turns it off.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.store.schema import IndicatorInput, PatentFact, RefdataVersion, RegionPopulation

GENERATION_KEY = "patent_fact_generation"
T = TypeVar("T")

_lock = threading.Lock()
_entries: OrderedDict[tuple[Any, ...], Any] = OrderedDict()


def data_stamp(session: Session) -> tuple[Any, ...]:
    """What the indicator results depend on, cheaply: changes whenever any input changes."""
    generation = session.scalar(sa.select(RefdataVersion.sha256).where(RefdataVersion.name == GENERATION_KEY))
    facts = session.scalar(sa.select(sa.func.count()).select_from(PatentFact))
    inputs = session.execute(sa.select(sa.func.count(), sa.func.max(IndicatorInput.updated_at))).one()
    people = session.execute(sa.select(sa.func.count(), sa.func.max(RegionPopulation.id),
                                       sa.func.sum(RegionPopulation.population_10k))).one()  # fmt: skip
    return (generation, facts, *inputs, *people)


def cached(session: Session, key: tuple[Any, ...], compute: Callable[[], T], *, size: int) -> T:
    """The cached value for `key` plus the database and its data stamp, else `compute()`."""
    if size <= 0:
        return compute()
    full = (str(session.get_bind().url), *key, data_stamp(session))
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            return _entries[full]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _entries[full] = value
        while len(_entries) > size:
            _entries.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _entries.clear()
