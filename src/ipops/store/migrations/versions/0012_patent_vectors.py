"""patent vectors: embeddings per encoder for semantic search, and each encoder's write version

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "patent_vector",
        sa.Column("patent_id", sa.Integer(), nullable=False),
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("source_updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["patent_id"], ["patent.id"], name=op.f("fk_patent_vector_patent_id_patent"),
                                ondelete="CASCADE"),  # fmt: skip
        sa.PrimaryKeyConstraint("patent_id", "model", name=op.f("pk_patent_vector")),
    )
    op.create_index("ix_patent_vector_model_version", "patent_vector", ["model", "version"])
    op.create_table(
        "vector_state",
        sa.Column("model", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("model", name=op.f("pk_vector_state")),
    )


def downgrade() -> None:
    op.drop_table("vector_state")
    op.drop_index("ix_patent_vector_model_version", table_name="patent_vector")
    op.drop_table("patent_vector")
