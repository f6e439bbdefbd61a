"""env.py for the fix harness: offline mode only, PostgreSQL SQL, one transaction as Alembic's template."""
from alembic import context

context.configure(url="postgresql://", literal_binds=True, dialect_opts={"paramstyle": "named"})
with context.begin_transaction():
    context.run_migrations()
