# Alembic environment for the example; Migration Lens never runs it.
from alembic import context

config = context.config
