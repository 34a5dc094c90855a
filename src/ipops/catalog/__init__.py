"""The patent catalogue: lists with filters and cursor pagination, and the full record of one patent.

Read-only service over the store; used by both the JSON API and the HTML pages.
"""
