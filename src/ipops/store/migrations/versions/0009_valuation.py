"""valuation: stored patent grades (patent_grade)

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04

Derived data written by `ipops.valuation.service` (`ipops grade`), read by packages that filter
patents by grade (finance white lists).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('patent_grade',
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('grade', sa.String(length=2), nullable=True),
    sa.Column('coverage', sa.Float(), nullable=False),
    sa.Column('data_state', sa.String(length=64), nullable=False),
    sa.Column('computed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_patent_grade_patent_id_patent'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('patent_id', name=op.f('pk_patent_grade'))
    )
    with op.batch_alter_table('patent_grade', schema=None) as batch_op:
        batch_op.create_index('ix_patent_grade_grade', ['grade'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('patent_grade', schema=None) as batch_op:
        batch_op.drop_index('ix_patent_grade_grade')
    op.drop_table('patent_grade')
