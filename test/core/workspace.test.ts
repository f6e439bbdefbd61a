import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { MigrationWorkspace } from "../../server/src/core/analysis/workspace";
import { NodeFileHost } from "../../server/src/node/nodeFileHost";

class CountingHost extends NodeFileHost {
  readonly reads: string[] = [];
  override readFile(file: string): string | undefined {
    this.reads.push(file);
    return super.readFile(file);
  }
}

function copyExample(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-ws-"));
  fs.cpSync(path.resolve("examples", "blog"), folder, { recursive: true });
  return folder;
}

test("an edit re-reads and re-parses only the edited file", () => {
  const folder = copyExample();
  const host = new CountingHost();
  const workspace = new MigrationWorkspace(host, [folder]);
  workspace.discover();
  const before = workspace.analyze().sets[0]!.files;
  const edited = before.find((f) => f.path.endsWith("3c4d5e6f7081_add_post_slug.py"))!;
  fs.writeFileSync(edited.path, edited.text.replace('"2b3c4d5e6f7"', '"2b3c4d5e6f70"'));

  host.reads.length = 0;
  workspace.refresh(edited.path);
  const result = workspace.analyze();
  assert.deepEqual(host.reads, [edited.path]);
  const after = result.sets[0]!.files;
  for (const file of after) {
    const previous = before.find((f) => f.path === file.path);
    if (file.path === edited.path) assert.notEqual(file, previous);
    else assert.equal(file, previous, `${path.basename(file.path)} was parsed again`);
  }
  assert.deepEqual(result.findings, []);
  fs.rmSync(folder, { recursive: true, force: true });
});

test("files created and deleted in a version folder join and leave the graph", () => {
  const folder = copyExample();
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder]);
  workspace.discover();
  const versions = path.join(folder, "alembic", "versions");
  const created = path.join(versions, "9f_extra.py");
  fs.writeFileSync(created, 'revision = "9f"\ndown_revision = "4d5e6f708192"\n');
  assert.equal(workspace.belongsToKnownSet(created), true);
  workspace.fileCreatedOrDeleted(created);
  assert.deepEqual([...workspace.analyze().sets[0]!.graph.heads].sort(), ["2b3c4d5e6f70", "9f"]);
  fs.rmSync(created);
  workspace.fileCreatedOrDeleted(created);
  assert.deepEqual([...workspace.analyze().sets[0]!.graph.heads].sort(), ["2b3c4d5e6f70", "4d5e6f708192"]);
  fs.rmSync(folder, { recursive: true, force: true });
});

test("binary, empty and unreadable files never stop the analysis", () => {
  const folder = copyExample();
  const versions = path.join(folder, "alembic", "versions");
  fs.writeFileSync(path.join(versions, "blob.py"), Buffer.from([0, 1, 2, 3, 255, 0]));
  fs.writeFileSync(path.join(versions, "empty.py"), "");
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder]);
  workspace.discover();
  const result = workspace.analyze();
  assert.equal(result.sets[0]!.graph.nodes.size, 4);
  fs.rmSync(folder, { recursive: true, force: true });
});

test("a huge revision file is read from its beginning and reported, not skipped", () => {
  const folder = copyExample();
  const huge = path.join(folder, "alembic", "versions", "5f_seed_data.py");
  const rows = "    op.execute(\"INSERT INTO users (email) VALUES ('someone@example.com')\")\n".repeat(40_000);
  fs.writeFileSync(huge, `revision = "5f"\ndown_revision = "4d5e6f708192"\n\ndef upgrade():\n${rows}`);
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder]);
  workspace.discover();
  const result = workspace.analyze();
  assert.ok(result.sets[0]!.graph.nodes.has("5f"));
  const rules = result.findings.filter((f) => f.file === huge).map((f) => f.rule);
  assert.ok(rules.includes("file-too-large"), rules.join());
  assert.ok(!rules.includes("python-syntax-error"), "the cut is not a syntax error");
  fs.rmSync(folder, { recursive: true, force: true });
});

test("a project module whose helpers a revision calls is read again when it changes", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-ws-"));
  fs.cpSync(path.resolve("test", "fixtures", "schema", "fp-alembic-project-helpers"), folder, { recursive: true });
  const utils = path.join(folder, "myapp", "migrations", "shared", "utils.py");
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder]);
  workspace.discover();
  const missing = (): string[] => workspace.analyze().findings.filter((f) => f.rule === "table-not-found" && f.file.endsWith("p02_owners.py")).map((f) => path.basename(f.file));
  assert.deepEqual(missing(), ["p02_owners.py"]);
  // The helper no longer creates anything: dashboards and slices are never created.
  fs.writeFileSync(utils, fs.readFileSync(utils, "utf8").replace("    op.create_table(table_name, *columns)", "    pass"));
  assert.equal(workspace.refresh(utils), true);
  assert.deepEqual(missing(), ["p02_owners.py", "p02_owners.py", "p02_owners.py"]);
  // Without being told: the analysis itself notices a changed module.
  fs.writeFileSync(utils, fs.readFileSync(utils, "utf8").replace("    pass", "    op.create_table(table_name, *columns)"));
  assert.deepEqual(missing(), ["p02_owners.py"]);
  fs.rmSync(folder, { recursive: true, force: true });
});

test("edits keep a set's files in their order, and a file that stops or starts looking like a revision leaves or joins a set found without config", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-ws-"));
  const versions = path.join(folder, "migrations", "versions");
  fs.mkdirSync(versions, { recursive: true });
  const revision = (id: string, down: string | undefined): string => `revision = "${id}"\ndown_revision = ${down ? `"${down}"` : "None"}\n\ndef upgrade():\n    pass\n\ndef downgrade():\n    pass\n`;
  const write = (name: string, text: string): string => {
    fs.writeFileSync(path.join(versions, name), text);
    return path.join(versions, name);
  };
  write("a1.py", revision("a1", undefined));
  const b2 = write("b2.py", revision("b2", "a1"));
  const c3 = write("c3.py", revision("c3", "b2"));
  const helper = write("d4_helpers.py", "TABLE = 'users'\n");
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder]);
  workspace.discover();
  // What a workspace reading the folder afresh lists: the kept list, patched edit by edit, must equal it.
  const listed = (ws: MigrationWorkspace): string[] => ws.analyze().sets.flatMap((s) => s.files.map((f) => path.basename(f.path)));
  const cold = (): string[] => {
    const fresh = new MigrationWorkspace(new NodeFileHost(), [folder]);
    fresh.discover();
    return listed(fresh);
  };
  const step = (file: string, text: string, expected: string[]): void => {
    fs.writeFileSync(file, text);
    workspace.refresh(file);
    const files = listed(workspace);
    assert.deepEqual(files, expected);
    assert.deepEqual(files, cold());
  };
  assert.deepEqual(listed(workspace), ["a1.py", "b2.py", "c3.py"]);
  step(b2, revision("b2", "a1") + "# edited\n", ["a1.py", "b2.py", "c3.py"]);
  assert.ok(workspace.analyze().sets[0]!.files[1]!.text.endsWith("# edited\n"), "the edited reading is in its place");
  step(c3, "print('not a revision any more')\n", ["a1.py", "b2.py"]);
  step(helper, revision("d4", "b2"), ["a1.py", "b2.py", "d4_helpers.py"]);
  step(c3, revision("c3", "b2"), ["a1.py", "b2.py", "c3.py", "d4_helpers.py"]);
  fs.rmSync(folder, { recursive: true, force: true });
});
