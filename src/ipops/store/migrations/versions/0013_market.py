"""market: listings, their history, technology needs and classes, sleeping-patent outcomes (运营交易)

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text  # noqa: F401  (JSONB variants render with it)
from sqlalchemy.dialects import postgresql

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "market_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("industry_code", sa.String(length=32), nullable=True),
        sa.Column("region_code", sa.String(length=6), nullable=True),
        sa.Column("budget", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
            name=op.f("fk_market_need_created_by_app_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_market_need_org_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_market_need")),
    )
    with op.batch_alter_table("market_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_market_need_org_id"), ["org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_need_status"), ["status"], unique=False)

    op.create_table(
        "market_need_class",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("need_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["need_id"],
            ["market_need.id"],
            name=op.f("fk_market_need_class_need_id_market_need"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_market_need_class")),
        sa.UniqueConstraint("need_id", "kind", "code", name=op.f("uq_market_need_class_need_id")),
    )
    with op.batch_alter_table("market_need_class", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_market_need_class_code"), ["code"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_need_class_need_id"), ["need_id"], unique=False)

    op.create_table(
        "market_listing",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("patent_id", sa.Integer(), nullable=False),
        sa.Column("deal_type", sa.String(length=16), nullable=False),
        sa.Column("licence_type", sa.String(length=16), nullable=True),
        sa.Column("lump_sum", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("royalty_rate", sa.Numeric(precision=7, scale=3), nullable=True),
        sa.Column("royalty_base", sa.String(length=16), nullable=True),
        sa.Column("term_months", sa.Integer(), nullable=True),
        sa.Column("royalty_note", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("pledgee_consent", sa.Boolean(), nullable=False),
        sa.Column("evaluation_report", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column(
            "check_summary",
            sa.JSON(none_as_null=True).with_variant(
                postgresql.JSONB(none_as_null=True, astext_type=Text()), "postgresql"
            ),
            nullable=True,
        ),
        sa.Column("review_note", sa.Text(), nullable=True),
        sa.Column("counterparty", sa.String(length=400), nullable=True),
        sa.Column("counterparty_org_id", sa.Integer(), nullable=True),
        sa.Column("deal_date", sa.Date(), nullable=True),
        sa.Column("deal_amount", sa.Numeric(precision=18, scale=4), nullable=True),
        sa.Column("submitted_at", sa.DateTime(), nullable=True),
        sa.Column("published_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["counterparty_org_id"],
            ["organisation.id"],
            name=op.f("fk_market_listing_counterparty_org_id_organisation"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["app_user.id"],
            name=op.f("fk_market_listing_created_by_app_user"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_market_listing_org_id_organisation"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["patent_id"], ["patent.id"], name=op.f("fk_market_listing_patent_id_patent"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_market_listing")),
    )
    with op.batch_alter_table("market_listing", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_market_listing_counterparty_org_id"), ["counterparty_org_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_market_listing_deal_type"), ["deal_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_listing_org_id"), ["org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_listing_patent_id"), ["patent_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_market_listing_status"), ["status"], unique=False)

    op.create_table(
        "sleeping_outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("patent_id", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("outcome_date", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organisation.id"],
            name=op.f("fk_sleeping_outcome_org_id_organisation"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["patent_id"],
            ["patent.id"],
            name=op.f("fk_sleeping_outcome_patent_id_patent"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["app_user.id"],
            name=op.f("fk_sleeping_outcome_updated_by_app_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sleeping_outcome")),
        sa.UniqueConstraint("org_id", "patent_id", name=op.f("uq_sleeping_outcome_org_id")),
    )
    with op.batch_alter_table("sleeping_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sleeping_outcome_org_id"), ["org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_sleeping_outcome_patent_id"), ["patent_id"], unique=False)

    op.create_table(
        "market_listing_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("listing_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("from_status", sa.String(length=16), nullable=True),
        sa.Column("to_status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["listing_id"],
            ["market_listing.id"],
            name=op.f("fk_market_listing_log_listing_id_market_listing"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["app_user.id"],
            name=op.f("fk_market_listing_log_user_id_app_user"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_market_listing_log")),
    )
    with op.batch_alter_table("market_listing_log", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_market_listing_log_listing_id"), ["listing_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("market_listing_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_market_listing_log_listing_id"))

    op.drop_table("market_listing_log")
    with op.batch_alter_table("sleeping_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sleeping_outcome_patent_id"))
        batch_op.drop_index(batch_op.f("ix_sleeping_outcome_org_id"))

    op.drop_table("sleeping_outcome")
    with op.batch_alter_table("market_listing", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_market_listing_status"))
        batch_op.drop_index(batch_op.f("ix_market_listing_patent_id"))
        batch_op.drop_index(batch_op.f("ix_market_listing_org_id"))
        batch_op.drop_index(batch_op.f("ix_market_listing_deal_type"))
        batch_op.drop_index(batch_op.f("ix_market_listing_counterparty_org_id"))

    op.drop_table("market_listing")
    with op.batch_alter_table("market_need_class", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_market_need_class_need_id"))
        batch_op.drop_index(batch_op.f("ix_market_need_class_code"))

    op.drop_table("market_need_class")
    with op.batch_alter_table("market_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_market_need_status"))
        batch_op.drop_index(batch_op.f("ix_market_need_org_id"))

    op.drop_table("market_need")
