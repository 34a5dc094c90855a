"""fact date indexes: flows scan one period's date range (covering), not every patent

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


KEYS = ["province_code", "city_code", "county_code", "patent_type", "country", "domestic"]


def upgrade() -> None:
    op.create_index("ix_patent_fact_app_date", "patent_fact", ["app_date", *KEYS])
    op.create_index("ix_patent_fact_grant_date", "patent_fact", ["grant_date", *KEYS])


def downgrade() -> None:
    op.drop_index("ix_patent_fact_grant_date", table_name="patent_fact")
    op.drop_index("ix_patent_fact_app_date", table_name="patent_fact")
