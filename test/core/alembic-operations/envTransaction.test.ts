import { test } from "node:test";
import * as assert from "node:assert/strict";
import { findSingleTransaction, readEnvTransaction } from "../../../server/src/core/alembic/envTransaction";
import { LineIndex } from "../../../server/src/core/text/lineIndex";
import { py, slice } from "./support";

function find(text: string): string | undefined {
  const range = findSingleTransaction(text, new LineIndex(text));
  return range && slice(text, range);
}

const HEADER = py`
  from logging.config import fileConfig

  from sqlalchemy import engine_from_config, pool
  from alembic import context

  config = context.config
  if config.config_file_name is not None:
      fileConfig(config.config_file_name)
  target_metadata = None


  def run_migrations_offline() -> None:
      url = config.get_main_option("sqlalchemy.url")
      context.configure(url=url, target_metadata=target_metadata, literal_binds=True, dialect_opts={"paramstyle": "named"})
      with context.begin_transaction():
          context.run_migrations()

`;

const FOOTER = py`

  if context.is_offline_mode():
      run_migrations_offline()
  else:
      run_migrations_online()
`;

const GENERIC = HEADER + py`
  def run_migrations_online() -> None:
      connectable = engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)

      with connectable.connect() as connection:
          context.configure(connection=connection, target_metadata=target_metadata)

          with context.begin_transaction():
              context.run_migrations()
` + FOOTER;

const ASYNC = HEADER + py`
  import asyncio
  from sqlalchemy.ext.asyncio import async_engine_from_config


  def do_run_migrations(connection):
      context.configure(connection=connection, target_metadata=target_metadata)

      with context.begin_transaction():
          context.run_migrations()


  async def run_async_migrations() -> None:
      connectable = async_engine_from_config(config.get_section(config.config_ini_section, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)

      async with connectable.connect() as connection:
          await connection.run_sync(do_run_migrations)

      await connectable.dispose()


  def run_migrations_online() -> None:
      asyncio.run(run_async_migrations())
` + FOOTER;

const MULTIDB = HEADER.replace("def run_migrations_offline", "def unused_offline") + py`
  import re
  USE_TWOPHASE = False
  db_names = config.get_main_option("databases", "")


  def run_migrations_offline() -> None:
      for name in re.split(r",\s*", db_names):
          with open("%s.sql" % name, "w") as buffer:
              context.configure(url=config.get_section_option(name, "sqlalchemy.url"), output_buffer=buffer)
              with context.begin_transaction():
                  context.run_migrations(engine_name=name)


  def run_migrations_online() -> None:
      engines = {}
      for name in re.split(r",\s*", db_names):
          engines[name] = rec = {}
          rec["engine"] = engine_from_config(context.config.get_section(name, {}), prefix="sqlalchemy.", poolclass=pool.NullPool)

      for name, rec in engines.items():
          engine = rec["engine"]
          rec["connection"] = conn = engine.connect()

          if USE_TWOPHASE:
              rec["transaction"] = conn.begin_twophase()
          else:
              rec["transaction"] = conn.begin()

      try:
          for name, rec in engines.items():
              context.configure(connection=rec["connection"], upgrade_token="%s_upgrades" % name, downgrade_token="%s_downgrades" % name)
              context.run_migrations(engine_name=name)

          for rec in engines.values():
              rec["transaction"].commit()
      except:
          for rec in engines.values():
              rec["transaction"].rollback()
          raise
      finally:
          for rec in engines.values():
              rec["connection"].close()
` + FOOTER;

test("Alembic's generic, async and multidb templates open no transaction of their own", () => {
  assert.equal(find(GENERIC), undefined);
  assert.equal(find(ASYNC), undefined);
  assert.equal(find(MULTIDB), undefined);
});

test("with connectable.begin() around run_migrations (seed 002, Finding 2) is reported at the begin() call", () => {
  const text = GENERIC.replace("with connectable.connect() as connection:", "with connectable.begin() as connection:");
  const range = findSingleTransaction(text, new LineIndex(text));
  assert.ok(range);
  assert.equal(slice(text, range), "connectable.begin()");
  assert.equal(range.start.line, text.split("\n").findIndex((l) => l.includes("connectable.begin()")));
});

test("engine.begin() without context.begin_transaction(), and a nested connection.begin(), are reported", () => {
  const direct = HEADER + py`
    from sqlalchemy import create_engine
    def run_migrations_online():
        engine = create_engine(config.get_main_option("sqlalchemy.url"))
        with engine.begin() as conn:
            context.configure(connection=conn, target_metadata=target_metadata)
            context.run_migrations()
  ` + FOOTER;
  assert.equal(find(direct), "engine.begin()");
  const nested = GENERIC.replace("with context.begin_transaction():", "with connection.begin():");
  assert.equal(find(nested), "connection.begin()");
  const twoItems = GENERIC.replace("with connectable.connect() as connection:", "with connectable.connect() as connection, connection.begin():");
  assert.equal(find(twoItems), "connection.begin()");
});

test("a connection.begin() statement before run_migrations is reported unless committed before it", () => {
  const open = GENERIC.replace("context.configure(connection=connection, target_metadata=target_metadata)", "trans = connection.begin()\n        context.configure(connection=connection)");
  assert.equal(find(open), "connection.begin()");
  const committed = GENERIC.replace(
    "context.configure(connection=connection, target_metadata=target_metadata)",
    "trans = connection.begin()\n        connection.execute(text('CREATE SCHEMA IF NOT EXISTS app'))\n        trans.commit()\n        context.configure(connection=connection)",
  );
  assert.equal(find(committed), undefined);
});

test("the async template with begin() instead of connect() is reported through run_sync", () => {
  const text = ASYNC.replace("async with connectable.connect() as connection:", "async with connectable.begin() as connection:");
  assert.equal(find(text), "connectable.begin()");
});

test("a begin() used for something else before migrations run on a fresh connection is not reported", () => {
  const text = ASYNC.replace(
    "async with connectable.connect() as connection:",
    "async with connectable.begin() as connection:\n        await connection.execute(text('CREATE SCHEMA IF NOT EXISTS app'))\n\n    async with connectable.connect() as connection:",
  );
  assert.equal(find(text), undefined);
});

test("transaction_per_migration=True does not undo the outer transaction: reported, with the flag's place", () => {
  const text = GENERIC.replace("with connectable.connect() as connection:", "with connectable.begin() as connection:").replace(
    "context.configure(connection=connection, target_metadata=target_metadata)",
    "context.configure(connection=connection, target_metadata=target_metadata, transaction_per_migration=True)",
  );
  const found = readEnvTransaction(text, new LineIndex(text));
  assert.ok(found?.transactionPerMigration);
  assert.equal(slice(text, found.range), "connectable.begin()");
  assert.equal(slice(text, found.transactionPerMigration), "transaction_per_migration");
  assert.equal(readEnvTransaction(GENERIC, new LineIndex(GENERIC)), undefined);
});

test("an aliased alembic context is followed; run_migrations of something else is not", () => {
  const aliased = py`
    from alembic import context as alembic_context
    def run():
        with engine.begin() as connection:
            alembic_context.configure(connection=connection)
            alembic_context.run_migrations()
    run()
  `;
  assert.equal(find(aliased), "engine.begin()");
  const other = py`
    def run():
        with engine.begin() as connection:
            runner.run_migrations()
    run()
  `;
  assert.equal(find(other), undefined);
});

test("syntax errors and empty files do not throw", () => {
  assert.equal(find(""), undefined);
  assert.equal(find("with engine.begin() as c:\n    context.run_migrations(\n"), "engine.begin()");
});
