"""Data-quality API (IP office): the JSON twin of the /quality page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from ipops.quality.schemas import QualityReport
from ipops.quality.service import quality_report
from ipops.store.schema import User
from ipops.web.auth import require
from ipops.web.deps import SessionDep

router = APIRouter(tags=["quality"])
Reader = Annotated[User, require("quality.read")]


@router.get("/quality", response_model=QualityReport)
def quality(
    session: SessionDep, user: Reader,
    top: Annotated[int, Query(ge=1, le=100, description="Unresolved addresses and prefixes listed.")] = 10,
    groups: Annotated[int, Query(ge=1, le=500, description="Warning and duplicate-party groups listed.")] = 50,
) -> QualityReport:  # fmt: skip
    """Fill rates, address resolution, unparsed values, likely duplicate parties, legal-status basis."""
    return quality_report(session, top=top, group_limit=groups)
