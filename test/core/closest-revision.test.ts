import { test } from "node:test";
import * as assert from "node:assert/strict";
import type { AnalyzedSet } from "../../server/src/core/analysis/analyzedSet";
import { readRevisionFile } from "../../server/src/core/alembic/revisionFile";
import { buildRevisionGraph } from "../../server/src/core/graph/revisionGraph";
import { suggestRevision } from "../../server/src/core/rules/closestRevision";
import { DEFAULT_SETTINGS } from "../../server/src/core/config/settings";

function set(files: Record<string, string>): AnalyzedSet {
  const parsed = Object.entries(files).map(([name, id]) => readRevisionFile(`/v/${name}`, `revision = "${id}"\ndown_revision = None\n`));
  return {
    spec: { kind: "alembic", root: "/v", configFile: undefined, section: undefined, versionLocations: ["/v"], recursive: false, problems: [] },
    files: parsed,
    graph: buildRevisionGraph(parsed),
    settings: DEFAULT_SETTINGS,
  };
}

const history = set({ "0001_initial.py": "a1b2c3d4e5f6", "0002_add_users.py": "0f9e8d7c6b5a", "0003_add_index.py": "77aa88bb99cc" });

test("a file name written as the id suggests the id that file defines", () => {
  assert.deepEqual(suggestRevision(history, "0002_add_users", undefined), { id: "0f9e8d7c6b5a", reason: "the revision defined in 0002_add_users.py" });
  assert.equal(suggestRevision(history, "0002_add_users.py", undefined)?.id, "0f9e8d7c6b5a");
});

test("the numbered prefix of a file name suggests that file's id", () => {
  assert.equal(suggestRevision(history, "0003", undefined)?.id, "77aa88bb99cc");
});

test("a typo suggests the nearest id; nothing near enough suggests nothing", () => {
  assert.equal(suggestRevision(history, "a1b2c3d4e5f", undefined)?.id, "a1b2c3d4e5f6");
  assert.equal(suggestRevision(history, "a1b2c3d4e5f7", undefined)?.id, "a1b2c3d4e5f6");
  assert.equal(suggestRevision(history, "zzzzzzzzzzzz", undefined), undefined);
});

test("a revision is never suggested as its own parent", () => {
  assert.notEqual(suggestRevision(history, "a1b2c3d4e5f", "a1b2c3d4e5f6")?.id, "a1b2c3d4e5f6");
});
