"""custody: portfolios, their patents and recorded fee payments (专利托管)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('custody_portfolio',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_custody_portfolio_created_by_app_user'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_custody_portfolio_organisation_id_organisation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_portfolio')),
    sa.UniqueConstraint('organisation_id', 'name', name=op.f('uq_custody_portfolio_organisation_id'))
    )
    with op.batch_alter_table('custody_portfolio', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_portfolio_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('custody_item',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('portfolio_id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('reduction_percent', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('paid_up_to_year', sa.Integer(), nullable=True),
    sa.Column('open_licence_from', sa.Date(), nullable=True),
    sa.Column('open_licence_to', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('checked_status', sa.String(length=24), nullable=True),
    sa.Column('checked_at', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_custody_item_patent_id_patent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['portfolio_id'], ['custody_portfolio.id'], name=op.f('fk_custody_item_portfolio_id_custody_portfolio'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_item')),
    sa.UniqueConstraint('portfolio_id', 'patent_id', name=op.f('uq_custody_item_portfolio_id'))
    )
    with op.batch_alter_table('custody_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_item_patent_id'), ['patent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_custody_item_portfolio_id'), ['portfolio_id'], unique=False)

    op.create_table('custody_payment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('item_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('paid_on', sa.Date(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=12, scale=2), nullable=False),
    sa.Column('recorded_by', sa.Integer(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['item_id'], ['custody_item.id'], name=op.f('fk_custody_payment_item_id_custody_item'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by'], ['app_user.id'], name=op.f('fk_custody_payment_recorded_by_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_payment'))
    )
    with op.batch_alter_table('custody_payment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_custody_payment_item_id'), ['item_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('custody_payment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_payment_item_id'))
    op.drop_table('custody_payment')
    with op.batch_alter_table('custody_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_item_portfolio_id'))
        batch_op.drop_index(batch_op.f('ix_custody_item_patent_id'))
    op.drop_table('custody_item')
    with op.batch_alter_table('custody_portfolio', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_custody_portfolio_organisation_id'))
    op.drop_table('custody_portfolio')
