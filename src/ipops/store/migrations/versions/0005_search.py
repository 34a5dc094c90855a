"""search: search_doc bookkeeping and the engine-specific full-text index

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04

The index is derived data. SQLite: an FTS5 table over the space-separated jieba tokens, with a
trigger that drops a patent's entry when its search_doc row goes (patent deleted). PostgreSQL:
one `tsvector` per patent (weights A title, B abstract, C claims, D applicants) with a GIN index.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_SQLITE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, abstract, claims, applicants, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "CREATE TRIGGER search_doc_gone AFTER DELETE ON search_doc BEGIN "
    "DELETE FROM search_fts WHERE rowid = old.patent_id; END",
)
_POSTGRESQL = (
    "CREATE TABLE search_fts (patent_id INTEGER PRIMARY KEY REFERENCES patent(id) ON DELETE CASCADE, "
    "tsv TSVECTOR NOT NULL)",
    "CREATE INDEX ix_search_fts_tsv ON search_fts USING GIN (tsv)",
)


def upgrade() -> None:
    op.create_table(
        "search_doc",
        sa.Column("patent_id", sa.Integer(), nullable=False),
        sa.Column("source_updated_at", sa.DateTime(), nullable=False),
        sa.Column("indexed_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["patent_id"], ["patent.id"], name=op.f("fk_search_doc_patent_id_patent"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("patent_id", name=op.f("pk_search_doc")),
    )
    for statement in _SQLITE if op.get_bind().dialect.name == "sqlite" else _POSTGRESQL:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS search_doc_gone")
    op.execute("DROP TABLE IF EXISTS search_fts")
    op.drop_table("search_doc")
