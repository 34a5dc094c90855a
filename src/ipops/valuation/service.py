"""Valuation use cases: one patent's explained valuation, grading every patent, grades by id.

Services add and flush; the caller commits. Scores depend on the whole database (citation
cohorts), so stored grades carry a fingerprint of the data and rules they were computed from
and `grades_for` recomputes the stale ones.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from ipops.store.db import bulk_insert, in_keys
from ipops.store.repos.patents import find_patent
from ipops.store.schema import LegalEvent, Party, Patent, PatentFact, PatentGrade, PatentIndustry
from ipops.valuation import cohorts, scoring
from ipops.valuation.inputs import load_inputs
from ipops.valuation.rules import ValuationRules, load_rules
from ipops.valuation.schemas import Valuation

BATCH = 2000


@dataclass
class GradeReport:
    graded: int
    by_grade: dict[str, int]
    ungraded: int
    data_state: str
    top: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def value_patent(session: Session, *, number: str, as_of: dt.date | None = None,
                 rules: ValuationRules | None = None) -> Valuation:  # fmt: skip
    """The explained valuation of one patent (any number form); raises NotFound."""
    patent = find_patent(session, number)
    return value_patents(session, [patent.id], as_of=as_of, rules=rules)[patent.id]


def value_patents(session: Session, patent_ids: Iterable[int], *, as_of: dt.date | None = None,
                  rules: ValuationRules | None = None) -> dict[int, Valuation]:  # fmt: skip
    """Valuations of many patents, a few queries per batch of 2,000."""
    rules = rules or load_rules()
    day = as_of or dt.date.today()
    cohort = cohorts.citation_cohorts(session)
    ids = sorted(set(patent_ids))
    out: dict[int, Valuation] = {}
    for start in range(0, len(ids), BATCH):
        for pid, inputs in load_inputs(session, ids[start : start + BATCH]).items():
            out[pid] = scoring.value(inputs, rules=rules, cohorts=cohort, as_of=day)
    return out


def data_state(session: Session, rules: ValuationRules) -> str:
    """Fingerprint of everything a stored grade depends on (not the calendar: re-run `ipops grade`)."""
    parts = [rules.sha256, cohorts.state_of(session)]
    for stmt in (sa.select(sa.func.count(), sa.func.max(LegalEvent.id), sa.func.max(LegalEvent.updated_at)),
                 sa.select(sa.func.count(), sa.func.max(PatentFact.built_at)),
                 sa.select(sa.func.count(), sa.func.max(PatentIndustry.patent_id)),
                 sa.select(sa.func.count(), sa.func.max(Party.updated_at))):  # fmt: skip
        parts.append(":".join(str(v) for v in session.execute(stmt).one()))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()


def _store(session: Session, valuations: dict[int, Valuation], state: str) -> None:
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    session.execute(sa.delete(PatentGrade).where(in_keys(session, PatentGrade.patent_id, list(valuations))))
    bulk_insert(session, PatentGrade, [
        {"patent_id": pid, "score": v.score, "grade": v.grade, "coverage": v.coverage, "data_state": state,
         "computed_at": now} for pid, v in valuations.items()])  # fmt: skip


def grade_all(session: Session, *, rules: ValuationRules | None = None, top: int = 20,
              progress: Callable[[int], None] | None = None) -> GradeReport:  # fmt: skip
    """Grade every patent and store the results in `patent_grade` (replacing what was there)."""
    rules = rules or load_rules()
    state = data_state(session, rules)
    ids = list(session.scalars(sa.select(Patent.id).order_by(Patent.id)))
    session.execute(sa.delete(PatentGrade))
    counts: Counter[str] = Counter()
    for start in range(0, len(ids), BATCH):
        batch = value_patents(session, ids[start : start + BATCH], rules=rules)
        _store(session, batch, state)
        counts.update(v.grade or "" for v in batch.values())
        if progress:
            progress(min(start + BATCH, len(ids)))
    session.flush()
    ungraded = counts.pop("", 0)
    return GradeReport(graded=sum(counts.values()), by_grade={g.grade: counts.get(g.grade, 0) for g in rules.grades},
                       ungraded=ungraded, data_state=state, top=top_grades(session, limit=top))  # fmt: skip


def top_grades(session: Session, *, limit: int = 20) -> list[dict[str, Any]]:
    """The highest stored scores among graded patents, for the CLI listing."""
    rows = session.execute(sa.select(Patent.app_number, Patent.title, PatentGrade.score, PatentGrade.grade)
                           .join(PatentGrade, PatentGrade.patent_id == Patent.id)
                           .where(PatentGrade.grade.is_not(None))
                           .order_by(PatentGrade.score.desc(), Patent.app_number).limit(limit))  # fmt: skip
    return [{"app_number": n, "title": t, "score": s, "grade": g} for n, t, s, g in rows]


def grades_for(session: Session, patent_ids: Iterable[int], *, rules: ValuationRules | None = None) -> dict[int, str]:
    """patent id → grade (A–D) for the patents given, from `patent_grade` where it is current,
    else computed now and stored. Patents with too little data to grade are absent."""
    rules = rules or load_rules()
    ids = sorted(set(patent_ids))
    if not ids:
        return {}
    state = data_state(session, rules)
    out: dict[int, str] = {}
    fresh: set[int] = set()
    for start in range(0, len(ids), BATCH):
        rows = session.execute(sa.select(PatentGrade.patent_id, PatentGrade.grade)
                               .where(in_keys(session, PatentGrade.patent_id, ids[start : start + BATCH]),
                                      PatentGrade.data_state == state))  # fmt: skip
        for pid, grade in rows:
            fresh.add(pid)
            if grade:
                out[pid] = grade
    stale = [i for i in ids if i not in fresh]
    if stale:
        computed = value_patents(session, stale, rules=rules)
        _store(session, computed, state)
        session.flush()
        out.update({pid: v.grade for pid, v in computed.items() if v.grade})
    return out
