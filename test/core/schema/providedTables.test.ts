import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { tableHoverAt } from "../../../server/src/core/schema/tableHover";
import { renderDdl } from "../../../server/src/core/schema/renderDdl";
import { schemaAtHeads } from "../../../server/src/core/schema/schemaAt";

function analyze(fixture: string) {
  const folder = path.resolve("test", "fixtures", "schema", fixture);
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder]);
  workspace.discover();
  return { folder, result: workspace.analyze() };
}

/** The hover over the first occurrence of `text` in the file. */
function hoverOver(fixture: string, file: string, text: string): string | undefined {
  const { folder, result } = analyze(fixture);
  const full = path.join(folder, file);
  const lines = fs.readFileSync(full, "utf8").split("\n");
  const line = lines.findIndex((l) => l.includes(text));
  return tableHoverAt(result, full, { line, character: lines[line]!.indexOf(text) + 1 })?.markdown;
}

test("hover on a migration tool's table says who makes it and claims no columns", () => {
  const markdown = hoverOver("fp-golang-migrate-tool-tables", "migrations/000002_dirty_flag.up.sql", "schema_migrations");
  assert.match(markdown ?? "", /\*\*schema_migrations\*\*/);
  assert.match(markdown ?? "", /Made by golang-migrate, not by the migrations; its columns are not modelled\./);
  assert.doesNotMatch(markdown ?? "", /\| column \|/);
});

test("a framework's table the migrations extend lists only the added columns, and says so", () => {
  const markdown = hoverOver("fp-alembic-framework-imported", "migrations/versions/c1_jobs.py", '"ab_user", sa.Column("theme"');
  assert.match(markdown ?? "", /\| theme \| varchar\(32\) \| yes \|/);
  assert.match(markdown ?? "", /Only the columns the migrations add are listed: its others are not known\./);
  assert.match(markdown ?? "", /Created by Flask-AppBuilder; last changed by `c1`/);
});

test("the schema as DDL leaves out tool tables no migration touched, and never invents their columns", () => {
  const { folder, result } = analyze("fp-alembic-flask-appbuilder-tables");
  const ddl = renderDdl(schemaAtHeads(result.sets[0]!), "heads", folder);
  assert.doesNotMatch(ddl, /alembic_version|-- ab_|CREATE TABLE ab_/);
  assert.match(ddl, /REFERENCES ab_user \(id\)/);
  assert.match(ddl, /CREATE TABLE dashboards/);
});
