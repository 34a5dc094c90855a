"""Platform administration: create/upgrade the database, load reference data, the demo corpus, status.

Sits above ingest/refdata/store and below web/cli, which call it.
"""
