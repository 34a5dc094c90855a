"""Patent search: the query language, Chinese full text (jieba → FTS5 | tsvector), facets, export.

Above ingest and below the services (catalog, marketplace … may call `service.search()`);
imports store, refdata and domain only. The full-text index is derived data, kept by
`indexer`; semantic ranking plugs in through `ranking.Ranker`.
"""
