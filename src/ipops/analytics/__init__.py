"""Indicators (每万人口高价值发明专利拥有量 …), high-value classification, plan targets and office inputs.

Definitions, categories and targets are data files under `ipops/data/indicators/`; this package
reads them and evaluates them with SQL over the derived `patent_fact` table. Imports ingest,
refdata, store and domain only (never search: the two are siblings).
"""
