import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";
import { summarizeSets } from "../../server/src/core/navigation/summaries";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";
import { revisionRow } from "../../client/src/views/revisionRow";
import { history } from "./history";

const fixture = (name: string) => path.join(__dirname, "../fixtures/schema", name);
/** The fixtures' findings are theirs to test: the rows here are compared without problem counts. */
const strip = (list: readonly string[] | undefined) => list?.map((r) => r.replace(/ · \d+ (error|warning)s?/g, ""));

/** The Migrations view's rows of every set in a fixture folder, as the server reports the sets, newest first. */
function rows(folder: string): { kind: string; rows: string[] }[] {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder]);
  workspace.discover();
  return summarizeSets(workspace.analyze()).sets.map((set) => ({
    kind: set.kind,
    rows: set.revisions.map((r) => {
      const row = revisionRow(r);
      return `${row.label} | ${row.description}`;
    }),
  }));
}

test("Prisma: the migration's name is the label, its timestamp the description", () => {
  const [prisma] = rows(fixture("sql-prisma"));
  assert.equal(prisma?.kind, "prisma");
  assert.deepEqual(strip(prisma?.rows), [
    "index | 20240301000000 · head",
    "changes | 20240201000000",
    "init | 20240101000000 · base",
  ]);
});

test("golang-migrate, Flyway (a repeatable keeps its id), goose and dbmate: name, then version", () => {
  assert.deepEqual(strip(rows(fixture("sql-golang-migrate"))[0]?.rows.slice(0, 2)), ["after | 000010 · head", "single_index | 000006"]);
  const flyway = strip(rows(fixture("sql-flyway"))[0]?.rows);
  assert.equal(flyway?.[0], "views | R__views · head");
  assert.equal(flyway?.at(-1), "init | 1 · base");
  assert.ok(flyway?.includes("add columns | 1.1"), flyway?.join("\n"));
  const byKind = new Map(rows(fixture("concurrently-sql-tools")).map((s) => [s.rows.at(-1), s.kind]));
  assert.ok(byKind.has("accounts | 20240101000000 · base"), [...byKind.keys()].join("\n"));
});

test("Alembic: the revision id is the label, the message the description", () => {
  const [head] = history([{ id: "a1", message: "create users" }]);
  assert.deepEqual(revisionRow(head!), { label: "a1", description: "create users · head, base" });
  const [untitled] = history([{ id: "b2", message: "" }]);
  assert.equal(revisionRow(untitled!).description, "(no message) · head, base");
});
