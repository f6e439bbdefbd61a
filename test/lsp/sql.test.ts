import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { LspClient } from "../support/lspClient";

const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "ml-lsp-sql-"));
const migrations = path.join(workspace, "prisma", "migrations");
const second = path.join(migrations, "20240215000000_orders_status", "migration.sql");
const uri = (file: string): string => `file://${file}`;
let client: LspClient;

before(async () => {
  fs.cpSync(path.resolve("examples", "shop-prisma"), workspace, { recursive: true });
  client = await LspClient.start(workspace);
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test("a Prisma migration's problems are published, and typing a fix clears them", async () => {
  await client.waitFor("add-required-column and table-dropped-earlier", () => {
    const codes = client.codes(second);
    return codes.includes("add-required-column") && codes.includes("table-dropped-earlier");
  });
  const text = fs.readFileSync(second, "utf8");
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: uri(second), languageId: "sql", version: 1, text } });
  const fixed = text.replace(`"status" "OrderStatus" NOT NULL;`, `"status" "OrderStatus" NOT NULL DEFAULT 'pending';`);
  await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uri(second), version: 2 }, contentChanges: [{ text: fixed }] });
  await client.waitFor("add-required-column gone while table-dropped-earlier stays", () => {
    const codes = client.codes(second);
    return !codes.includes("add-required-column") && codes.includes("table-dropped-earlier");
  });
});

test("a new migration folder written on disk joins the history", async () => {
  const third = path.join(migrations, "20240301000000_drop_total", "migration.sql");
  fs.mkdirSync(path.dirname(third));
  fs.writeFileSync(third, 'ALTER TABLE "orders" DROP COLUMN "total";\n');
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", { changes: [{ uri: uri(third), type: 1 }] });
  await client.waitFor("drop-column on the new migration", () => client.codes(third).includes("drop-column"));
  assert.ok(client.alive);
});

test("a SQL statement that does not parse is reported and the others still count", async () => {
  const text = fs.readFileSync(second, "utf8").replace("-- CreateIndex", "ALTER TABLE orders ADD COLUMN;\n-- CreateIndex");
  await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: uri(second), version: 3 }, contentChanges: [{ text }] });
  await client.waitFor("sql-syntax-error beside the other findings", () => {
    const codes = client.codes(second);
    return codes.includes("sql-syntax-error") && codes.includes("non-concurrent-index");
  });
});
