import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readRevisionFile, type RevisionFile } from "../../../server/src/core/alembic/revisionFile";
import { analyzeSets } from "../../../server/src/core/analysis/analyzeSets";
import { mergeSettings, type PartialSettings } from "../../../server/src/core/config/settings";
import type { MigrationSetSpec } from "../../../server/src/core/discovery/migrationSet";
import type { Operation } from "../../../server/src/core/schema/operations";
import { schemaAt, schemaAtHeads } from "../../../server/src/core/schema/schemaAt";

const at = (line: number) => ({ range: { start: { line, character: 0 }, end: { line, character: 10 } } });
const spec: MigrationSetSpec = { kind: "alembic", root: "/m", configFile: undefined, section: undefined, versionLocations: ["/m"], recursive: false, problems: [] };

type WithoutRange<T> = T extends unknown ? Omit<T, "range"> : never;

/** A revision whose upgrade is the given operations (each on its own line, from line 10). */
function revision(id: string, parents: string[], ops: WithoutRange<Operation>[]): RevisionFile {
  const down = parents.length === 0 ? "None" : parents.length === 1 ? `"${parents[0]}"` : `(${parents.map((p) => `"${p}"`).join(", ")})`;
  const file = readRevisionFile(`/m/${id}.py`, `revision = "${id}"\ndown_revision = ${down}\n`);
  const operations = ops.map((op, i) => ({ ...op, ...at(10 + i) }) as Operation);
  return { ...file, upgrade: { present: true, operations, problems: [] }, downgrade: { present: true, operations: [{ kind: "unknown", reason: "test", ...at(50) }], problems: [] } };
}

function analyze(files: RevisionFile[], settings: PartialSettings = {}) {
  return analyzeSets([{ spec, files, settings: mergeSettings(settings) }], { now: () => new Date(0) });
}

const users = { name: "users" };
const column = (name: string, nullable = true) => ({ name, type: "text", nullable });
const codes = (result: ReturnType<typeof analyze>) => result.findings.map((f) => `${f.file.slice(3)}:${f.range.start.line} ${f.rule}`);

test("an ALTER of a table no migration creates is table-not-found; declaring it external silences it", () => {
  const files = [revision("a", [], [{ kind: "add_column", table: { name: "runs" }, column: column("x") }])];
  assert.deepEqual(codes(analyze(files)), ["a.py:10 table-not-found"]);
  assert.deepEqual(codes(analyze(files, { externalTables: ["runs"] })), []);
});

test("an ALTER of a table an earlier revision dropped names that revision", () => {
  const files = [
    revision("a", [], [{ kind: "create_table", table: users, columns: [column("id", false)], constraints: [] }]),
    revision("b", ["a"], [{ kind: "drop_table", table: users }]),
    revision("c", ["b"], [{ kind: "add_column", table: users, column: column("x") }]),
  ];
  const result = analyze(files);
  assert.deepEqual(codes(result), ["b.py:10 drop-table", "c.py:10 table-dropped-earlier"]);
  assert.match(result.findings[1]!.message, /dropped by revision 'b'/);
  assert.equal(result.findings[1]!.related[0]!.file, "/m/b.py");
});

test("guarded operations are never missing or duplicate", () => {
  const files = [revision("a", [], [{ kind: "add_column", table: { name: "runs" }, column: column("x"), guarded: true }])];
  assert.deepEqual(codes(analyze(files)), []);
});

test("nothing done to a table in the migration that creates it is unsafe", () => {
  const files = [
    revision("a", [], [
      { kind: "create_table", table: users, columns: [column("id", false)], constraints: [] },
      { kind: "add_column", table: users, column: column("email", false) },
      { kind: "create_index", table: users, name: "ix", columns: ["email"], unique: true, concurrently: false },
      { kind: "drop_column", table: users, column: "email" },
    ]),
  ];
  assert.deepEqual(codes(analyze(files)), []);
});

test("a NOT NULL column without default on an existing table warns; with additive = true it is an error", () => {
  const files = [
    revision("a", [], [{ kind: "create_table", table: users, columns: [column("id", false)], constraints: [] }]),
    revision("b", ["a"], [{ kind: "add_column", table: users, column: column("email", false) }]),
  ];
  assert.deepEqual(analyze(files).findings.map((f) => [f.rule, f.severity]), [["add-required-column", "warning"]]);
  assert.deepEqual(analyze(files, { additive: true }).findings.map((f) => [f.rule, f.severity]), [["add-required-column", "error"]]);
  assert.deepEqual(analyze(files, { rules: { "add-required-column": "off" } }).findings, []);
});

test("at a merge the schema is the union of the parents'", () => {
  const files = [
    revision("a", [], [{ kind: "create_table", table: users, columns: [column("id", false)], constraints: [] }]),
    revision("b", ["a"], [{ kind: "create_table", table: { name: "posts" }, columns: [column("id", false)], constraints: [] }]),
    revision("c", ["a"], [{ kind: "add_column", table: users, column: column("name") }]),
    revision("d", ["b", "c"], [{ kind: "add_column", table: { name: "posts" }, column: column("title") }, { kind: "drop_column", table: users, column: "name" }]),
  ];
  const result = analyze(files);
  assert.deepEqual(codes(result), ["d.py:11 drop-column"]);
  const set = result.sets[0]!;
  // alembic_version: Alembic's own, there before the first revision.
  assert.deepEqual([...schemaAt(set, "d").tables.keys()].sort(), ["alembic_version", "posts", "users"]);
  assert.deepEqual([...schemaAt(set, "b").tables.keys()].sort(), ["alembic_version", "posts", "users"]);
  assert.deepEqual([...schemaAt(set, "c").table(users)!.columns.keys()], ["id", "name"]);
  assert.deepEqual([...schemaAtHeads(set).table({ name: "posts" })!.columns.keys()], ["id", "title"]);
});

test("a renamed table is gone under its old name and present under the new one", () => {
  const files = [
    revision("a", [], [{ kind: "create_table", table: users, columns: [column("id", false)], constraints: [] }]),
    revision("b", ["a"], [{ kind: "rename_table", table: users, newName: "accounts" }]),
    revision("c", ["b"], [{ kind: "add_column", table: { name: "accounts" }, column: column("x") }, { kind: "add_column", table: users, column: column("y") }]),
  ];
  assert.deepEqual(codes(analyze(files)), ["b.py:10 rename-table", "c.py:11 table-dropped-earlier"]);
});

test("a dropped then re-created table is present again", () => {
  const files = [
    revision("a", [], [{ kind: "create_table", table: users, columns: [column("id", false)], constraints: [] }]),
    revision("b", ["a"], [{ kind: "drop_table", table: users }, { kind: "create_table", table: users, columns: [column("id", false)], constraints: [] }]),
    revision("c", ["b"], [{ kind: "add_column", table: users, column: column("x") }]),
  ];
  assert.deepEqual(codes(analyze(files)), ["b.py:10 drop-table"]);
});
