"""market digests: per-organisation recommendation snapshots (推荐简报)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "market_digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("items", sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True), "postgresql"),
                  nullable=False),  # fmt: skip
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["org_id"], ["organisation.id"], name=op.f("fk_market_digest_org_id_organisation"),
                                ondelete="CASCADE"),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_market_digest")),
        sa.UniqueConstraint("org_id", "period", name=op.f("uq_market_digest_org_id")),
    )
    op.create_index(op.f("ix_market_digest_org_id"), "market_digest", ["org_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_market_digest_org_id"), table_name="market_digest")
    op.drop_table("market_digest")
