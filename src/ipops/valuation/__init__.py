"""Patent valuation and grading (专利分级与价值评估) in the structure of GB/T 42748-2023.

Explainable scores from data (weights in `data/valuation/`), grades A–D. Imports store, refdata,
ingest and domain only (a sibling of search and analytics, so it reads their tables, not code).
"""
