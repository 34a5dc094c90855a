"""finance: pledge-loan projects, their patents and history, the risk-compensation pool (质押融资)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy import Text  # noqa: F401  (JSONB variants render with it)
from sqlalchemy.dialects import postgresql

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('pledge_project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('applicant_org_id', sa.Integer(), nullable=False),
    sa.Column('bank_org_id', sa.Integer(), nullable=False),
    sa.Column('amount', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('term_months', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('co_owner_consent', sa.Boolean(), nullable=False),
    sa.Column('warnings_acknowledged', sa.Boolean(), nullable=False),
    sa.Column('submitted_at', sa.DateTime(), nullable=True),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('registration_number', sa.String(length=64), nullable=True),
    sa.Column('registration_date', sa.Date(), nullable=True),
    sa.Column('loan_end_date', sa.Date(), nullable=True),
    sa.Column('closed_date', sa.Date(), nullable=True),
    sa.Column('disposed_date', sa.Date(), nullable=True),
    sa.Column('bank_share', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('pool_share', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('guarantor_share', sa.Numeric(precision=5, scale=2), nullable=False),
    sa.Column('loss_amount', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('recovered_amount', sa.Numeric(precision=18, scale=4), nullable=True),
    sa.Column('check_summary', sa.JSON(none_as_null=True).with_variant(postgresql.JSONB(none_as_null=True, astext_type=Text()), 'postgresql'), nullable=True),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['applicant_org_id'], ['organisation.id'], name=op.f('fk_pledge_project_applicant_org_id_organisation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['bank_org_id'], ['organisation.id'], name=op.f('fk_pledge_project_bank_org_id_organisation'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by'], ['app_user.id'], name=op.f('fk_pledge_project_created_by_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_project'))
    )
    with op.batch_alter_table('pledge_project', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_project_applicant_org_id'), ['applicant_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_project_bank_org_id'), ['bank_org_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_project_status'), ['status'], unique=False)

    op.create_table('pledge_project_log',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=24), nullable=False),
    sa.Column('from_status', sa.String(length=16), nullable=True),
    sa.Column('to_status', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['project_id'], ['pledge_project.id'], name=op.f('fk_pledge_project_log_project_id_pledge_project'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_pledge_project_log_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_project_log'))
    )
    with op.batch_alter_table('pledge_project_log', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_project_log_project_id'), ['project_id'], unique=False)

    op.create_table('risk_pool_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('amount', sa.Numeric(precision=18, scale=4), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['pledge_project.id'], name=op.f('fk_risk_pool_entry_project_id_pledge_project'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], name=op.f('fk_risk_pool_entry_user_id_app_user'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_pool_entry'))
    )
    with op.batch_alter_table('risk_pool_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_risk_pool_entry_project_id'), ['project_id'], unique=False)

    op.create_table('pledge_project_patent',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('patent_id', sa.Integer(), nullable=False),
    sa.Column('pledgor', sa.String(length=400), nullable=False),
    sa.Column('invalidation_pending', sa.Boolean(), nullable=False),
    sa.Column('status_at_registration', sa.String(length=24), nullable=True),
    sa.ForeignKeyConstraint(['patent_id'], ['patent.id'], name=op.f('fk_pledge_project_patent_patent_id_patent'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['project_id'], ['pledge_project.id'], name=op.f('fk_pledge_project_patent_project_id_pledge_project'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_pledge_project_patent')),
    sa.UniqueConstraint('project_id', 'patent_id', name=op.f('uq_pledge_project_patent_project_id'))
    )
    with op.batch_alter_table('pledge_project_patent', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_pledge_project_patent_patent_id'), ['patent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_pledge_project_patent_project_id'), ['project_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('pledge_project_patent', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_project_patent_project_id'))
        batch_op.drop_index(batch_op.f('ix_pledge_project_patent_patent_id'))

    op.drop_table('pledge_project_patent')
    with op.batch_alter_table('risk_pool_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_pool_entry_project_id'))

    op.drop_table('risk_pool_entry')
    with op.batch_alter_table('pledge_project_log', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_project_log_project_id'))

    op.drop_table('pledge_project_log')
    with op.batch_alter_table('pledge_project', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_pledge_project_status'))
        batch_op.drop_index(batch_op.f('ix_pledge_project_bank_org_id'))
        batch_op.drop_index(batch_op.f('ix_pledge_project_applicant_org_id'))

    op.drop_table('pledge_project')
