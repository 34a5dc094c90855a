"""Page objects of search: what the API returns as JSON and the search page renders."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel


class SearchHit(BaseModel):
    app_number: str
    title: str
    patent_type: str | None
    patent_type_label: str | None
    app_date: dt.date | None
    pub_number: str | None
    grant_number: str | None
    legal_status: str | None
    legal_status_label: str | None
    legal_status_basis: str | None
    applicants: str | None
    ipc_main: str | None
    is_demo: bool
    # higher is better: BM25 (keyword), cosine (semantic), 1 + reciprocal-rank fusion for hybrid's
    # fused top and BM25 / (1 + BM25) below it; 0 when ranked by date
    score: float
    # HTML, escaped first, query words in <mark>: title always, abstract/claims when they match
    highlights: dict[str, str] = {}


class FacetBucket(BaseModel):
    value: str  # the stored code (granted, 370200, H01M, 2016 …)
    label: str  # what the page shows (授权有效, 青岛市, H01M 电池, 2016)
    count: int
    filter: str  # the query clause that selects this bucket, e.g. 申请日=2016


class Facet(BaseModel):
    name: str
    label: str
    buckets: list[FacetBucket]
    other: int = 0  # hits in buckets beyond the top ones shown
    missing: int = 0  # hits without a value (no application date, no applicant …)
    multi_valued: bool = False  # a patent can be in several buckets (IPC, applicant): no partition


class SearchPage(BaseModel):
    query: str
    total: int
    ranked_by: str  # bm25 | date | semantic | hybrid
    hits: list[SearchHit]
    facets: list[Facet] = []
    next_cursor: str | None
    limit: int


class SimilarPage(BaseModel):
    app_number: str
    available: bool  # False: semantic search is off or no vectors are built yet
    hits: list[SearchHit]
