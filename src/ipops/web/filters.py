"""Query-string filters shared by the patent API and the patent pages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query

from ipops.catalog.service import PatentFilters


def patent_filters(
    q: Annotated[str | None, Query(description="Words in the title or applicant names.")] = None,
    type: Annotated[str | None, Query(description="invention | utility_model | design")] = None,
    status: Annotated[str | None, Query(description="Normalised legal status, e.g. granted.")] = None,
    region: Annotated[str | None, Query(description="NBS code of a province, city or county.")] = None,
    ipc: Annotated[str | None, Query(description="IPC prefix: H01M, H01M10/00, H01M10/0525.")] = None,
    applicant: Annotated[str | None, Query(description="Part of an applicant name.")] = None,
    year: Annotated[str | None, Query(description="Application year, e.g. 2016.")] = None,
) -> PatentFilters:
    return PatentFilters(q=q, patent_type=type, legal_status=status, region=region, ipc=ipc,
                         applicant=applicant, year=int(year) if year and year.isdigit() else None)  # fmt: skip


FiltersDep = Annotated[PatentFilters, Depends(patent_filters)]
