import { after, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { PGlite } from "@electric-sql/pglite";
import { notTextIn } from "../../server/src/node/notText";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";

const PYTHON = "/usr/bin/python3";
const hasAlembic = spawnSync(PYTHON, ["-c", "import alembic"], { cwd: "/" }).status === 0;
const ALEMBIC_FIXTURE = path.resolve("test", "fixtures", "alembic", "not-a-text-file");
const SQL_FIXTURE = path.resolve("test", "fixtures", "schema", "sql-not-a-text-file", "migrations");

const scratch: string[] = [];
after(() => scratch.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function copyOf(folder: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "not-text-"));
  scratch.push(dir);
  fs.cpSync(folder, dir, { recursive: true });
  return dir;
}

test("bytes are UTF-8 exactly when a strict UTF-8 decoder takes them", () => {
  const samples = [
    [0x63, 0x61, 0x66, 0xc3, 0xa9], // café
    [0x63, 0x61, 0x66, 0xe9], // Latin-1 é
    [0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80], // € and an emoji
    [0xc0, 0xaf], // overlong /
    [0xed, 0xa0, 0x80], // a surrogate
    [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
    [0xe2, 0x82], // cut short
    [0x80], // a lone continuation byte
    [0xef, 0xbb, 0xbf, 0x41], // BOM
  ];
  const strict = new TextDecoder("utf-8", { fatal: true });
  for (const bytes of samples) {
    const array = new Uint8Array(bytes);
    let decodes = true;
    try {
      strict.decode(array);
    } catch {
      decodes = false;
    }
    assert.equal(notTextIn(array) === undefined, decodes, bytes.map((b) => b.toString(16)).join(" "));
  }
  assert.deepEqual(notTextIn(new Uint8Array([0x63, 0x61, 0x66, 0xe9])), { kind: "not-utf8", offset: 3, byte: 0xe9, textOffset: 3 });
  // Where the byte lands in the text as read: a BOM is left out, an emoji counts two UTF-16 units.
  assert.equal(notTextIn(new Uint8Array([0xef, 0xbb, 0xbf, 0xf0, 0x9f, 0x98, 0x80, 0x41, 0xe9]))?.textOffset, 3);
  assert.deepEqual(notTextIn(new Uint8Array([0xe9, 0x41, 0x00])), { kind: "nul", offset: 2, byte: 0 });
});

test("Alembic 1.8 fails loading a version folder holding a binary .py, and loads it once the file is gone", { skip: !hasAlembic && "Alembic is not installed for /usr/bin/python3" }, () => {
  const project = copyOf(ALEMBIC_FIXTURE);
  const heads = () => spawnSync(PYTHON, ["-m", "alembic", "-c", path.join(project, "alembic.ini"), "heads"], { cwd: project, encoding: "utf8" });
  const failed = heads();
  assert.notEqual(failed.status, 0);
  assert.match(failed.stderr, /source code string cannot contain null bytes/);
  fs.rmSync(path.join(project, "alembic", "versions", "diagram.py"));
  const loaded = heads();
  assert.equal(loaded.status, 0, loaded.stderr);
  assert.match(loaded.stdout, /5e6f7a8b9c0d \(head\)/);
});

test("PostgreSQL refuses the SQL migrations the rule reports, and runs them once they are text", async () => {
  const db = new PGlite();
  await db.waitReady;
  try {
    await db.exec(fs.readFileSync(path.join(SQL_FIXTURE, "000001_accounts.up.sql"), "utf8"));
    // A NUL byte: the statement cannot even be sent.
    const withNul = fs.readFileSync(path.join(SQL_FIXTURE, "000003_notes.up.sql"), "latin1");
    await assert.rejects(db.exec(withNul), /invalid message format/);
    await db.exec(withNul.replace(/\0/g, ""));
    // Latin-1 bytes: sent as they are in the file, as a migration tool sends them.
    const latin1 = fs.readFileSync(path.join(SQL_FIXTURE, "000002_seed_account.up.sql"));
    assert.match(await rawQueryError(db, latin1), /invalid byte sequence for encoding "UTF8": 0xe9/);
    await db.exec(latin1.toString("latin1"));
  } finally {
    await db.close();
  }
});

/** Sends the bytes as a simple-query message, without decoding them first; the server's error, or "" when it ran. */
async function rawQueryError(db: PGlite, sql: Buffer): Promise<string> {
  const message = Buffer.alloc(1 + 4 + sql.length + 1);
  message.write("Q", 0);
  message.writeInt32BE(4 + sql.length + 1, 1);
  sql.copy(message, 5);
  try {
    await db.execProtocol(new Uint8Array(message));
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

test("a migration deleted, replaced by a binary file or restored between analyses never breaks the analysis", () => {
  const project = copyOf(ALEMBIC_FIXTURE);
  const versions = path.join(project, "alembic", "versions");
  const binary = path.join(versions, "diagram.py");
  const revision = path.join(versions, "5e6f7a8b9c0d_create_projects.py");
  const workspace = new MigrationWorkspace(new NodeFileHost(), [project]);
  workspace.discover();
  const rules = () => workspace.analyze().findings.map((f) => `${f.rule} ${path.basename(f.file)}`);
  assert.deepEqual(rules(), ["not-a-text-file diagram.py"]);

  // Deleted: nothing is said about it any more.
  fs.rmSync(binary);
  workspace.fileCreatedOrDeleted(binary);
  assert.deepEqual(rules(), []);

  // A revision overwritten with binary bytes while listed: reported, and left out of the graph.
  const text = fs.readFileSync(revision);
  fs.writeFileSync(revision, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
  workspace.refresh(revision);
  assert.deepEqual(rules(), ["not-a-text-file 5e6f7a8b9c0d_create_projects.py"]);

  // Deleted without the workspace being told: read as absent.
  fs.rmSync(revision);
  workspace.refresh(revision);
  assert.deepEqual(rules(), []);

  fs.writeFileSync(revision, text);
  workspace.fileCreatedOrDeleted(revision);
  assert.deepEqual(rules(), []);
  assert.equal(workspace.analyze().sets[0]?.files.length, 1);
});
