"""Forward-citation cohorts: IPC subclass × filing year (OECD, Squicciarini et al. 2013).

The distribution of `cited_by_count` per cohort comes from two grouped-count queries (one per
cohort kind) that run on SQLite and PostgreSQL alike, and is cached per database state, so
grading every patent reads the whole table once.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import OrderedDict
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.store.schema import Patent, PatentIpc

_CACHE: OrderedDict[tuple[str, str], Cohorts] = OrderedDict()
_CACHE_SIZE = 8


@dataclass
class Distribution:
    """Sorted values of one cohort with cumulative counts, for mid-rank percentiles."""

    values: list[int] = field(default_factory=list)
    cumulative: list[int] = field(default_factory=list)  # patents with value ≤ values[i]

    @property
    def size(self) -> int:
        return self.cumulative[-1] if self.cumulative else 0

    def percentile(self, value: int) -> float:
        """(patents below + ½ × patents equal) ÷ size, the patent itself counted among the equal."""
        lo = bisect_left(self.values, value)
        below = self.cumulative[lo - 1] if lo else 0
        hi = bisect_right(self.values, value)
        equal = (self.cumulative[hi - 1] if hi else 0) - below
        if equal == 0:  # a value not in the cohort (e.g. a what-if): count it as one more patent
            return (below + 0.5) / (self.size + 1)
        return (below + 0.5 * equal) / self.size


@dataclass
class Cohorts:
    by_subclass_year: dict[tuple[str, int], Distribution]
    by_year: dict[int, Distribution]


def _distributions(rows: list[tuple[object, int, int]]) -> dict[object, Distribution]:
    out: dict[object, Distribution] = {}
    for key, value, n in sorted(rows, key=lambda r: (str(r[0]), r[1])):
        d = out.setdefault(key, Distribution())
        d.values.append(value)
        d.cumulative.append((d.cumulative[-1] if d.cumulative else 0) + n)
    return out


def state_of(session: Session) -> str:
    """A cheap fingerprint of what the cohorts depend on (patent rows and their IPC codes)."""
    patents = session.execute(sa.select(sa.func.count(), sa.func.max(Patent.updated_at))).one()
    ipcs = session.execute(sa.select(sa.func.count(), sa.func.max(PatentIpc.id))).one()
    return f"{patents[0]}:{patents[1]}:{ipcs[0]}:{ipcs[1]}"


def citation_cohorts(session: Session) -> Cohorts:
    """The cohorts for the database as it is now (cached while it does not change)."""
    key = (str(session.get_bind().url), state_of(session))
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    cohorts = _compute(session)
    _CACHE[key] = cohorts
    while len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return cohorts


def _compute(session: Session) -> Cohorts:
    year = sa.extract("year", Patent.app_date)
    # each patent's main IPC subclass: the main code's, else the first code's (inputs.py does the same)
    ranked = sa.select(PatentIpc.patent_id, PatentIpc.subclass, sa.func.row_number().over(
        partition_by=PatentIpc.patent_id, order_by=(PatentIpc.is_main.desc(), PatentIpc.seq)).label("rn")).subquery()  # fmt: skip
    with_data = (Patent.cited_by_count.is_not(None), Patent.app_date.is_not(None))
    by_subclass = session.execute(
        sa.select(ranked.c.subclass, year, Patent.cited_by_count, sa.func.count())
        .join(ranked, sa.and_(ranked.c.patent_id == Patent.id, ranked.c.rn == 1))
        .where(*with_data).group_by(ranked.c.subclass, year, Patent.cited_by_count)
    ).all()  # fmt: skip
    by_year = session.execute(
        sa.select(year, Patent.cited_by_count, sa.func.count()).where(*with_data).group_by(year, Patent.cited_by_count)
    ).all()  # fmt: skip
    sub = _distributions([((s, int(y)), int(v), int(n)) for s, y, v, n in by_subclass])
    years = _distributions([(int(y), int(v), int(n)) for y, v, n in by_year])
    return Cohorts(by_subclass_year=sub, by_year=years)  # type: ignore[arg-type]


def clear_cache() -> None:
    _CACHE.clear()
