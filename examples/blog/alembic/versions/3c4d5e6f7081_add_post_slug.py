"""add post slug

Revision ID: 3c4d5e6f7081
Revises: 2b3c4d5e6f70
Create Date: 2024-02-01 11:15:00.000000

"""
from alembic import op
import sqlalchemy as sa


revision = "3c4d5e6f7081"
# A typo: the parent is 2b3c4d5e6f70.
down_revision = "2b3c4d5e6f7"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("posts", sa.Column("slug", sa.String(200), nullable=True))


def downgrade() -> None:
    op.drop_column("posts", "slug")
