"""Data quality of the loaded corpus (数据质量): fill rates, unresolved addresses, unparsed values,
parties needing review and where legal statuses come from.

A read-only service beside `catalog`, `admin` and `accounts` (same layer, none imports the
others): it reads what `ingest` wrote (patents, parties, import errors) and reuses ingest's
name normaliser, so it sits above `ingest` rather than inside it — ingest writes, this reads.
Every number is a SQL aggregate, so the view stays fast on 10^6 patents.
"""
