import { test } from "node:test";
import * as assert from "node:assert/strict";
import { maskBindParameters } from "../../../server/src/core/alembic/bindParameters";
import { readRevisionFile } from "../../../server/src/core/alembic/revisionFile";

test("bind parameters become numbers of the same length; casts and strings stay", () => {
  assert.equal(maskBindParameters("ALTER TABLE f ADD COLUMN c VARCHAR(:len) NULL", "postgresql"), "ALTER TABLE f ADD COLUMN c VARCHAR(1   ) NULL");
  assert.equal(maskBindParameters("SELECT x::int FROM t WHERE a = :a AND b = ':c'", "postgresql"), "SELECT x::int FROM t WHERE a = 1  AND b = ':c'");
});

test("DDL with a bind parameter inside sa.text() is read, not a syntax error", () => {
  const text = `revision = "a"\ndown_revision = None\nfrom alembic import op\nfrom sqlalchemy import text\n\ndef upgrade():\n    conn = op.get_bind()\n    conn.execute(text("ALTER TABLE folder ADD COLUMN identifier VARCHAR(:len) NULL"), len=191)\n`;
  const file = readRevisionFile("/m/a.py", text, { dialect: "postgresql" });
  assert.deepEqual(file.upgrade?.problems, []);
  assert.deepEqual(file.upgrade?.operations.map((o) => o.kind), ["add_column"]);
});
