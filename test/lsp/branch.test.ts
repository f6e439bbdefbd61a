import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SetsRequest } from "../../server/src/protocol";
import { LspClient } from "../support/lspClient";
import { TempRepo, writeAlembicProject, writeRevision } from "../git/repo";

// The server over stdio in a real git repository: only the branch's migrations are judged for
// safety, and the pre-merge finding appears when the base moves on (its ref file changes).
let client: LspClient;
let repo: TempRepo;
/** A git that answers slowly, so requests arrive while the server is still reading the branch. */
let slowGit: string;

before(async () => {
  slowGit = fs.mkdtempSync(path.join(os.tmpdir(), "ml-slow-git-"));
  const real = execFileSync("sh", ["-c", "command -v git"], { encoding: "utf8" }).trim();
  fs.writeFileSync(path.join(slowGit, "git"), `#!/bin/sh\nsleep 0.3\nexec ${real} "$@"\n`, { mode: 0o755 });
  repo = TempRepo.init();
  writeAlembicProject(repo);
  writeRevision(repo, "aaa1", undefined, `op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))`);
  writeRevision(repo, "bbb2", "aaa1", `op.add_column("users", sa.Column("email", sa.String, nullable=False))`);
  repo.commitAll("history");
  repo.git("checkout", "-q", "-b", "feature");
  writeRevision(repo, "ccc3", "bbb2", `op.drop_column("users", "email")`);
  repo.commitAll("feature");
  client = await LspClient.start(repo.root, { env: { ...process.env, PATH: `${slowGit}${path.delimiter}${process.env["PATH"] ?? ""}` } });
  // The Migrations view asks for the sets at once: its answer must not publish the whole history's findings.
  await client.connection.sendRequest(SetsRequest, undefined);
});

after(async () => {
  await client.stop();
});

const file = (id: string): string => path.join(repo.root, "alembic", "versions", `${id}_rev.py`);

test("the first diagnostics judge only what the branch adds; history that ran is not flooded", async () => {
  await client.waitFor("drop-column on the branch's revision", () => client.codes(file("ccc3")).includes("drop-column"));
  assert.deepEqual(client.codes(file("bbb2")), []);
  assert.deepEqual(client.codes(file("aaa1")), []);
  assert.deepEqual(client.everPublished.filter((uri) => !uri.endsWith("ccc3_rev.py")), [], "history that ran was never published, not even before git was read");
});

test("the base moves on: heads-after-merge appears on the branch's down_revision, and its quick fix clears it", async () => {
  repo.git("checkout", "-q", "main");
  writeRevision(repo, "eee5", "bbb2", "pass");
  repo.commitAll("main moves on");
  repo.git("checkout", "-q", "feature");
  await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
    changes: [
      { uri: `file://${path.join(repo.root, ".git", "refs", "heads", "main")}`, type: 2 },
      { uri: `file://${path.join(repo.root, ".git", "HEAD")}`, type: 2 },
    ],
  });
  await client.waitFor("heads-after-merge", () => client.codes(file("ccc3")).includes("heads-after-merge"));
  const diagnostic = client.diagnostics.get(`file://${file("ccc3")}`)!.find((d) => d.code === "heads-after-merge")!;
  assert.equal(diagnostic.range.start.line, 11);
  const [action] = (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: `file://${file("ccc3")}` },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as { title: string; edit: { changes: Record<string, { range: unknown; newText: string }[]> } }[];
  assert.equal(action!.title, "Re-parent onto 'eee5' (down_revision and Revises:)");
  const edits = action!.edit.changes[`file://${file("ccc3")}`]!;
  assert.deepEqual(edits.map((e) => e.newText), ["eee5", "eee5"]);

  // The editor applies the fix to the open document: the finding clears as typed.
  const text = repo.read(`alembic/versions/ccc3_rev.py`).replace('down_revision = "bbb2"', 'down_revision = "eee5"').replace("Revises: bbb2", "Revises: eee5");
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: `file://${file("ccc3")}`, languageId: "python", version: 1, text } });
  await client.waitFor("heads-after-merge cleared", () => !client.codes(file("ccc3")).includes("heads-after-merge"));
  assert.ok(client.codes(file("ccc3")).includes("drop-column"));
  // The checkout has two heads until the base is merged in, but none competes: the status bar stays calm.
  const { sets } = await client.connection.sendRequest(SetsRequest, undefined);
  assert.deepEqual([sets[0]!.heads.length, sets[0]!.competingHeads], [2, []]);
});
