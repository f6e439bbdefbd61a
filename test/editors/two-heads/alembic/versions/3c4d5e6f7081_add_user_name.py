"""add user name, written on another branch (its docstring still names the revision it was first based on)

Revision ID: 3c4d5e6f7081
Revises: 2b3c4d5e6f70
Create Date: 2024-01-12 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = "3c4d5e6f7081"
down_revision = "1a2b3c4d5e6f"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("users", sa.Column("name", sa.String(100), nullable=True))


def downgrade() -> None:
    op.drop_column("users", "name")
