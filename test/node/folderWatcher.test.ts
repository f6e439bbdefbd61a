import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FileChange } from "../../server/src/lsp/folderWatcher";
import { isWatchedFile } from "../../server/src/lsp/watchedPatterns";
import { NodeFolderWatcher } from "../../server/src/node/nodeFolderWatcher";

test("the watched patterns: migration files, configuration and git refs; not git's objects or index", () => {
  for (const file of ["/p/alembic/versions/1a_x.py", "/p/alembic.ini", "/p/pyproject.toml", "/p/.migration-lens.toml", "/p/db/V1__a.sql", "/p/db/V1__a.sql.conf", "/p/.git/HEAD", "/p/.git/packed-refs", "/p/.git/refs/heads/main"]) {
    assert.ok(isWatchedFile(file), file);
  }
  for (const file of ["/p/README.md", "/p/.git/index", "/p/.git/objects/ab/cdef", "/p/.git/logs/HEAD", "/p/src/HEAD"]) assert.ok(!isWatchedFile(file), file);
});

test("the server's own watcher: files in a new folder, git refs; nothing from node_modules or git objects", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-watch-"));
  fs.mkdirSync(path.join(root, "node_modules", "pkg"), { recursive: true });
  fs.mkdirSync(path.join(root, ".git", "refs", "heads"), { recursive: true });
  fs.mkdirSync(path.join(root, ".git", "objects"), { recursive: true });
  const batches: FileChange[][] = [];
  let wake = (): void => undefined;
  const watching = new NodeFolderWatcher().watch([root], isWatchedFile, (changes) => {
    batches.push([...changes]);
    wake();
  });
  /** Resolves once the watcher has reported the file (each batch wakes it); fails after a deadline, which also keeps the process up, as the watcher does not. */
  const reported = (file: string, kind: FileChange["kind"]): Promise<void> =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`${kind} ${file} not reported; got ${JSON.stringify(batches)}`)), 10_000);
      wake = () => {
        if (!batches.flat().some((c) => c.file === file && c.kind === kind)) return;
        clearTimeout(deadline);
        resolve();
      };
      wake();
    });
  try {
    fs.writeFileSync(path.join(root, "node_modules", "pkg", "setup.py"), "");
    fs.writeFileSync(path.join(root, ".git", "objects", "x.py"), "");
    const versions = path.join(root, "alembic", "versions");
    fs.mkdirSync(versions, { recursive: true });
    const revision = path.join(versions, "1a_first.py");
    fs.writeFileSync(revision, 'revision = "1a"\n');
    await reported(revision, "created");
    const ref = path.join(root, ".git", "refs", "heads", "main");
    fs.writeFileSync(ref, "0".repeat(40));
    await reported(ref, "created");
    fs.rmSync(revision);
    await reported(revision, "deleted");
    const files = batches.flat().map((c) => path.relative(root, c.file));
    assert.ok(!files.some((f) => f.startsWith("node_modules") || f.includes("objects")), files.join(", "));
  } finally {
    watching.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
