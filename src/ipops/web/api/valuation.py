"""Valuation API: one patent's score, grade and per-indicator explanation (every signed-in role)."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from fastapi import APIRouter, Query

from ipops.store.schema import User
from ipops.valuation.schemas import Valuation
from ipops.valuation.service import value_patent
from ipops.web.auth import require
from ipops.web.deps import SessionDep

router = APIRouter(tags=["valuation"])
Reader = Annotated[User, require("valuation.read")]
AsOfQuery = Annotated[dt.date | None, Query(description="Valuation date YYYY-MM-DD (default: today).")]


@router.get("/patents/{number}/valuation", response_model=Valuation)
def patent_valuation(number: str, session: SessionDep, user: Reader, as_of: AsOfQuery = None) -> Valuation:
    """Score 0–100, grade A–D, dimension scores and every indicator's raw value → score → weight."""
    return value_patent(session, number=number, as_of=as_of)
