import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { MigrationWorkspace } from "../../../server/src/core/analysis/workspace";
import type { ParseCache } from "../../../server/src/core/cache/parseCache";
import { NodeFileHost } from "../../../server/src/node/nodeFileHost";
import { loadSqlJudge } from "../../../server/src/node/databaseParsers";
import type { SqlJudge } from "../../../server/src/core/sql/sqlJudge";
import type { AnalysisResult } from "../../../server/src/core/analysis/analyzeSets";

let sqlJudge: SqlJudge;
before(async () => {
  sqlJudge = await loadSqlJudge();
});

/** A cache in memory that counts what it was asked. */
class CountingCache implements ParseCache {
  readonly entries = new Map<string, string>();
  hits = 0;
  misses = 0;
  read(key: string): string | undefined {
    const value = this.entries.get(key);
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }
  write(key: string, value: string): void {
    this.entries.set(key, value);
  }
}

const NOW = new Date(2025, 0, 1, 12, 0, 0);

function analyse(folder: string, cache?: ParseCache): AnalysisResult {
  const workspace = new MigrationWorkspace(new NodeFileHost(), [folder], { now: () => NOW, sqlJudge }, cache);
  workspace.discover();
  return workspace.analyze();
}

/** Everything the analysis says, with its fixes and related places, and every file's reading as the rules see it. */
function said(result: AnalysisResult): string {
  const readings = result.sets.map((set) => set.files.map(({ lines: _lines, text: _text, ...rest }) => rest));
  return JSON.stringify({ findings: result.findings, readings }, (_key, value: unknown) =>
    value instanceof Map ? { map: [...value] } : value instanceof Set ? { set: [...value] } : value === undefined ? "<undefined>" : value,
  );
}

const FIXTURES = path.resolve("test", "fixtures");
const projects = fs
  .readdirSync(FIXTURES)
  .flatMap((group) => (fs.statSync(path.join(FIXTURES, group)).isDirectory() ? fs.readdirSync(path.join(FIXTURES, group)).map((name) => path.join(FIXTURES, group, name)) : []))
  .filter((folder) => fs.statSync(folder).isDirectory())
  .sort();

test("every fixture read from a warm cache says exactly what a cold analysis says, without parsing a file again", () => {
  let kept = 0;
  for (const folder of projects) {
    const cold = said(analyse(folder));
    const cache = new CountingCache();
    assert.equal(said(analyse(folder, cache)), cold, `${path.relative(FIXTURES, folder)}: filling the cache changed the analysis`);
    const written = cache.entries.size;
    cache.hits = cache.misses = 0;
    assert.equal(said(analyse(folder, cache)), cold, `${path.relative(FIXTURES, folder)}: the cached readings changed the analysis`);
    assert.equal(cache.misses, 0, `${path.relative(FIXTURES, folder)}: a file was parsed again`);
    assert.equal(cache.entries.size, written);
    kept += written;
  }
  assert.ok(kept > 300, `only ${kept} readings kept over ${projects.length} fixtures`);
});

test("an entry that is not a reading (corrupt, or written by something else) is ignored and replaced", () => {
  const folder = projects.find((f) => f.endsWith(path.join("alembic", "seed-004-broken-chain")))!;
  const cold = said(analyse(folder));
  const cache = new CountingCache();
  analyse(folder, cache);
  const keys = [...cache.entries.keys()];
  const garbage = ["", "{", "null", "[]", '{"file":{"path":"/elsewhere.py"},"modules":[]}', '{"file":{}}', "\u0000\u0001binary"];
  keys.forEach((key, i) => cache.entries.set(key, garbage[i % garbage.length]!));
  assert.equal(said(analyse(folder, cache)), cold);
  assert.ok(keys.every((key) => !garbage.includes(cache.entries.get(key)!)), "the bad entries were written again");
});
