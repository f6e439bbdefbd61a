"""add user name

Revision ID: 4d5e6f708192
Revises: 3c4d5e6f7081
Create Date: 2024-02-03 16:45:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = "4d5e6f708192"
down_revision = "3c4d5e6f7081"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("name", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "name")
