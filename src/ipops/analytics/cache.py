"""A small in-process cache of indicator grids, keyed on everything a grid depends on.

At 10^6 patents a province × cities × six-years grid costs seconds on SQLite (grouped scans
SQLite cannot hash), yet the data change only through imports and office uploads. The key holds
the database, the arguments, the rules and a data stamp read in a few milliseconds: the facts
generation (a new value at every facts refresh that changed rows), the fact count, and the
change stamps of the office inputs and population tables. A stale grid is never served: any
import refreshes the facts, which changes the stamp. Grids are also written to the
`indicator_cache` table, so other server processes and the next start find them computed.
Setting `indicator_cache_size = 0` turns both off.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.store.schema import IndicatorCache, IndicatorInput, PatentFact, RefdataVersion, RegionPopulation

GENERATION_KEY = "patent_fact_generation"
log = logging.getLogger(__name__)
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
    """The value for `key` under the current data stamp: from memory, else from the shared
    `indicator_cache` table (other processes, earlier runs), else `compute()` (then stored in both)."""
    if size <= 0:
        return compute()
    stamp = data_stamp(session)
    full = (str(session.get_bind().url), *key, stamp)
    with _lock:
        if full in _entries:
            _entries.move_to_end(full)
            return _entries[full]  # type: ignore[no-any-return]
    digest, stamp_digest = _digest(key), _digest(stamp)
    value: T | None = _load(session, digest, stamp_digest)
    if value is None:
        value = compute()
        _store(session, digest, stamp_digest, value)
    with _lock:
        _entries[full] = value
        while len(_entries) > size:
            _entries.popitem(last=False)
    return value


def _digest(parts: Any) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def _load(session: Session, key: str, stamp: str) -> Any:
    row = session.get(IndicatorCache, key)
    if row is None or row.stamp != stamp:
        return None
    try:
        return pickle.loads(row.payload)  # written by IPOps itself (see _store), never by users
    except Exception:  # noqa: BLE001 - an unreadable entry (older code) is recomputed
        return None


def _store(session: Session, key: str, stamp: str, value: Any) -> None:
    """Best effort in a savepoint: a failed cache write must not fail the request that computed."""
    try:
        with session.begin_nested():
            session.execute(sa.delete(IndicatorCache).where(IndicatorCache.stamp != stamp))  # outdated grids
            session.merge(IndicatorCache(key=key, stamp=stamp, payload=pickle.dumps(value, pickle.HIGHEST_PROTOCOL)))
    except Exception:  # noqa: BLE001 - e.g. a concurrent writer of the same key; the next call retries
        log.warning("indicator cache write failed", exc_info=True)


def clear() -> None:
    with _lock:
        _entries.clear()
