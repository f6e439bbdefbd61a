// Benchmark: generates a large, healthy Alembic history in a temp folder and times the analysis
// core on it (cold, after one edit, and the CLI end to end), then `verify` on a generated Prisma
// history. Prints figures only.
//   npm run bench   (BENCH_REVISIONS=n, BENCH_VERIFY_REVISIONS=n to change the sizes, BENCH_KEEP=1 to keep the projects)
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import type { AnalysisResult } from "../server/src/core/analysis/analyzeSets";
import { MigrationWorkspace } from "../server/src/core/analysis/workspace";
import { alembicDate, newRevisionFileName } from "../server/src/core/alembic/newRevisionFile";
import { NodeFileHost } from "../server/src/node/nodeFileHost";
import { prng } from "./benchRandom";
import { measureVerify, type VerifyFigures } from "./benchVerify";

const REVISIONS = Number(process.env["BENCH_REVISIONS"] ?? 5000);
const VERIFY_REVISIONS = Number(process.env["BENCH_VERIFY_REVISIONS"] ?? 500);
const SEED = 0x5eed;
const LABELS = ["audit", "billing", "reporting", "search"];
const COLD_RUNS = 5;
const EDITS = 20;
const REPO = path.resolve(__dirname, "..");

// ---------------------------------------------------------------- generator

interface Revision {
  id: string;
  message: string;
  down: string[];
  labels: string[];
  dependsOn: string[];
  body: string[];
}

interface Lineage {
  label: string | undefined;
  tips: string[];
  ids: string[];
}

const TABLES = ["users", "accounts", "orders", "invoices", "payments", "products", "events", "sessions", "tenants", "audit_log"];
const COLUMNS = ["email", "status", "created_at", "updated_at", "amount", "currency", "note", "external_id", "deleted_at", "region"];

/**
 * An acyclic history of exactly `count` revisions: an unlabelled main line plus labelled branches
 * with their own bases, each forking and merging (2-3 parents) and ending on a single head, with
 * some `depends_on` across branches. Returns the revisions in creation order.
 */
function generateHistory(count: number, seed: number): Revision[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const taken = new Set<string>();
  const newId = (): string => {
    let id = "";
    while (id === "" || taken.has(id)) id = Array.from({ length: 12 }, () => Math.floor(random() * 16).toString(16)).join("");
    taken.add(id);
    return id;
  };
  const lineages: Lineage[] = [{ label: undefined, tips: [], ids: [] }, ...LABELS.map((label) => ({ label, tips: [], ids: [] }))];
  const revisions: Revision[] = [];

  const add = (lineage: Lineage, down: string[]): string => {
    // Each lineage has its own tables, created by its base, so the replayed schema stays healthy.
    const prefix = lineage.label ? `${lineage.label}_` : "";
    const table = prefix + pick(TABLES);
    const isMerge = down.length > 1;
    const isBase = down.length === 0;
    const newTable = random() < 0.25;
    const others = lineages.filter((l) => l !== lineage && l.ids.length > 0);
    const depends = !isMerge && others.length > 0 && random() < (lineage.label ? 0.05 : 0.01) ? [pick(pick(others).ids)] : [];
    const body = isMerge
      ? []
      : isBase
        ? TABLES.map((t) => `op.create_table('${prefix}${t}', sa.Column('id', sa.Integer(), nullable=False), sa.PrimaryKeyConstraint('id'))`)
        : newTable
        ? [`op.create_table('${table}_${revisions.length}', sa.Column('id', sa.Integer(), nullable=False), sa.Column('name', sa.String(length=80), nullable=True), sa.PrimaryKeyConstraint('id'))`]
        : Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => `op.add_column('${table}', sa.Column('${pick(COLUMNS)}_${revisions.length}_${i}', sa.String(length=64), nullable=True))`);
    const revision: Revision = {
      id: newId(),
      message: isMerge ? "merge heads" : isBase ? `create the ${lineage.label ?? "main"} tables` : newTable ? `create ${table} table` : `add columns to ${table}`,
      down,
      labels: down.length === 0 && lineage.label ? [lineage.label] : [],
      dependsOn: depends,
      body,
    };
    revisions.push(revision);
    lineage.ids.push(revision.id);
    lineage.tips = [...lineage.tips.filter((t) => !down.includes(t)), revision.id];
    return revision.id;
  };
  const merge = (lineage: Lineage, width: number): void => {
    const tips = [...lineage.tips];
    const parents = Array.from({ length: width }, () => tips.splice(Math.floor(random() * tips.length), 1)[0] as string);
    add(lineage, parents);
  };

  // Tips stay an antichain: extending, forking and merging always replace the tips they build on.
  const reserve = 16; // enough revisions left to merge every lineage down to one head
  while (revisions.length < count - reserve) {
    const lineage = random() < 0.8 ? lineages[0]! : pick(lineages.slice(1));
    const tips = lineage.tips.length;
    const r = random();
    if (tips === 0) add(lineage, []);
    else if (tips >= 2 && r < 0.12) merge(lineage, tips >= 3 && random() < 0.3 ? 3 : 2);
    else if (tips < 4 && r < 0.2) {
      const tip = pick(lineage.tips); // a branch point: two children
      add(lineage, [tip]);
      add(lineage, [tip]);
    } else add(lineage, [pick(lineage.tips)]);
  }
  for (const lineage of lineages) while (lineage.tips.length > 1) merge(lineage, Math.min(3, lineage.tips.length));
  const main = lineages[0]!;
  while (revisions.length < count) add(main, main.tips.length > 0 ? [pick(main.tips)] : []);
  return revisions;
}

const py = (ids: readonly string[], tupleAlways = false): string =>
  ids.length === 0 ? "None" : ids.length === 1 && !tupleAlways ? `'${ids[0]}'` : `(${ids.map((i) => `'${i}'`).join(", ")}${ids.length === 1 ? "," : ""})`;

/** Alembic's default `script.py.mako` output, with a real upgrade/downgrade body. */
function renderRevision(rev: Revision, createDate: Date): string {
  const stamp = createDate.toISOString().replace("T", " ").replace("Z", "000");
  // Autogenerated bodies carry Alembic's marker comments; `alembic merge` writes a bare `pass`.
  const block = (lines: readonly string[]): string =>
    lines.length === 0
      ? "    pass"
      : ["# ### commands auto generated by Alembic - please adjust! ###", ...lines, "# ### end Alembic commands ###"].map((l) => `    ${l}`).join("\n");
  const upgrade = rev.body;
  const downgrade = [...rev.body].reverse().map(undo);
  return `"""${rev.message}

Revision ID: ${rev.id}
Revises: ${rev.down.join(", ")}
Create Date: ${stamp}

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '${rev.id}'
down_revision: Union[str, Sequence[str], None] = ${py(rev.down, rev.down.length > 1)}
branch_labels: Union[str, Sequence[str], None] = ${py(rev.labels, true)}
depends_on: Union[str, Sequence[str], None] = ${py(rev.dependsOn)}


def upgrade() -> None:
${block(upgrade)}


def downgrade() -> None:
${block(downgrade)}
`;
}

function undo(line: string): string {
  const created = /^op\.create_table\('(\w+)'/.exec(line);
  if (created) return `op.drop_table('${created[1]}')`;
  const added = /^op\.add_column\('(\w+)', sa\.Column\('(\w+)'/.exec(line);
  return added ? `op.drop_column('${added[1]}', '${added[2]}')` : "pass";
}

/** Writes the project; returns the revision files' paths in creation order. */
function writeProject(root: string, revisions: readonly Revision[]): string[] {
  const versions = path.join(root, "alembic", "versions");
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(root, "alembic.ini"), "[alembic]\nscript_location = %(here)s/alembic\nsqlalchemy.url = postgresql://localhost/bench\n");
  // The edits measured below add columns to a table the application owns.
  fs.writeFileSync(path.join(root, ".migration-lens.toml"), 'external-tables = ["bench_edits"]\n');
  fs.writeFileSync(path.join(root, "alembic", "env.py"), "from alembic import context\n\ncontext.configure(url='sqlite:///bench.db')\n");
  const start = Date.UTC(2019, 0, 1);
  return revisions.map((rev, i) => {
    const date = new Date(start + i * 5 * 3600_000);
    const file = path.join(versions, newRevisionFileName({ id: rev.id, message: rev.message, date: alembicDate(date) }));
    fs.writeFileSync(file, renderRevision(rev, date));
    return file;
  });
}

// ---------------------------------------------------------------- measuring

const peak = { rss: 0, heapUsed: 0 };
function sampleMemory(): void {
  const m = process.memoryUsage();
  peak.rss = Math.max(peak.rss, m.rss);
  peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
}

function time<T>(fn: () => T): [T, number] {
  const start = performance.now();
  const value = fn();
  const ms = performance.now() - start;
  sampleMemory();
  return [value, ms];
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

interface Figures {
  result: AnalysisResult;
  cold: { discover: number; analyze: number }[];
  edits: { refresh: number; analyze: number }[];
  cli: { ms: number; status: number | null; maxRssKb: number | undefined; errors: number | string };
  verify: VerifyFigures;
}

/** `tmp` holds the project folder `root` and the bench's own helper files. */
function measure(tmp: string, root: string, files: readonly string[]): Figures {
  const cold: Figures["cold"] = [];
  const coldRun = (): [MigrationWorkspace, AnalysisResult] => {
    const ws = new MigrationWorkspace(new NodeFileHost(), [root]);
    const [, discover] = time(() => ws.discover());
    const [result, analyze] = time(() => ws.analyze());
    cold.push({ discover, analyze });
    return [ws, result];
  };
  for (let run = 1; run < COLD_RUNS; run++) coldRun();
  const [ws, result] = coldRun();

  const edits: Figures["edits"] = [];
  for (let i = 0; i < EDITS; i++) {
    const file = files[Math.floor(((i + 0.5) * files.length) / EDITS)]!;
    const text = fs.readFileSync(file, "utf8");
    const line = `    op.add_column('bench_edits', sa.Column('edit_${i}', sa.Integer(), nullable=True))\n`;
    fs.writeFileSync(file, text.replace(/(def upgrade\(\) -> None:\n.*\n)/, `$1${line}`));
    const [, refresh] = time(() => ws.refresh(file));
    const [, analyze] = time(() => ws.analyze());
    edits.push({ refresh, analyze });
  }

  const cliPath = path.join(REPO, "dist", "cli.js");
  if (!fs.existsSync(cliPath)) spawnSync(process.execPath, [path.join(REPO, "scripts", "build.mjs")], { cwd: REPO, stdio: "inherit" });
  // A preload reports the child's own peak RSS (getrusage ru_maxrss, in KiB) on stderr.
  const preload = path.join(tmp, "maxrss.cjs");
  fs.writeFileSync(preload, "process.on('exit', () => process.stderr.write('\\nBENCH_MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));\n");
  const start = performance.now();
  const child = spawnSync(process.execPath, ["--require", preload, cliPath, "check", root, "--format", "json"], { cwd: REPO, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - start;
  const maxRss = /BENCH_MAXRSS (\d+)/.exec(child.stderr ?? "");
  let errors: number | string;
  try {
    errors = (JSON.parse(child.stdout) as { summary: { errors: number } }).summary.errors;
  } catch {
    errors = `? (no JSON report: ${(child.error?.message ?? child.stderr ?? "").trim().split("\n")[0]})`;
  }
  const verify = measureVerify(cliPath, tmp, VERIFY_REVISIONS, SEED);
  return { result, cold, edits, cli: { ms, status: child.status, maxRssKb: maxRss ? Number(maxRss[1]) : undefined, errors }, verify };
}

// ---------------------------------------------------------------- printing

function print(revisions: readonly Revision[], generateMs: number, f: Figures): void {
  const ms = (x: number): string => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(1)} ms`);
  const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
  const sets = f.result.sets;
  const sum = (n: (s: (typeof sets)[number]) => number): number => sets.reduce((a, s) => a + n(s), 0);
  const bySeverity = (s: string): number => f.result.findings.filter((x) => x.severity === s).length;
  const coldTotals = f.cold.map((c) => c.discover + c.analyze);
  const editTotals = f.edits.map((e) => e.refresh + e.analyze);
  const rows: [string, string][] = [
    ["revisions", `${sum((s) => s.graph.nodes.size)} in ${sets.length} set(s); ${f.result.files.length} files analysed (revision files + config)`],
    ["shape", `${sum((s) => s.graph.heads.length)} heads, ${sum((s) => s.graph.bases.length)} bases, ${sum((s) => s.graph.mergePoints.length)} merges, ${sum((s) => s.graph.branchPoints.length)} branch points, ${revisions.filter((r) => r.dependsOn.length > 0).length} depends_on`],
    ["findings", `${f.result.findings.length} (errors ${bySeverity("error")}, warnings ${bySeverity("warning")}, infos ${bySeverity("info")})`],
    ["generate", ms(generateMs)],
    [`cold, median of ${f.cold.length}`, `${ms(median(coldTotals))}  (discover ${ms(median(f.cold.map((c) => c.discover)))} + analyze ${ms(median(f.cold.map((c) => c.analyze)))}; first run ${ms(coldTotals[0] ?? 0)})`],
    [`one edit, median of ${f.edits.length}`, `${ms(median(editTotals))}  (refresh ${ms(median(f.edits.map((e) => e.refresh)))} + analyze ${ms(median(f.edits.map((e) => e.analyze)))}; max ${ms(Math.max(...editTotals))})`],
    ["cli check --format json", `${ms(f.cli.ms)} wall, exit ${f.cli.status}, errors ${f.cli.errors}, child max RSS ${f.cli.maxRssKb === undefined ? "?" : mb(f.cli.maxRssKb * 1024)}`],
    [`cli verify, ${f.verify.revisions} Prisma revisions`, `${ms(f.verify.ms)} wall, exit ${f.verify.status}, ${f.verify.tables} tables at the head; ${f.verify.summary}`],
    ["memory (this process)", `peak rss ${mb(peak.rss)}, peak heapUsed ${mb(peak.heapUsed)} (sampled); maxRSS ${mb(process.resourceUsage().maxRSS * 1024)}`],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  console.log(`Migration Lens benchmark: ${REVISIONS} generated revisions, seed 0x${SEED.toString(16)}, node ${process.version}, ${os.cpus().length} cpus`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(width)}  ${v}`);
}

function main(): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "migration-lens-bench-"));
  const root = path.join(tmp, "project");
  try {
    const [written, generateMs] = time(() => {
      const revisions = generateHistory(REVISIONS, SEED);
      return { revisions, files: writeProject(root, revisions) };
    });
    print(written.revisions, generateMs, measure(tmp, root, written.files));
  } finally {
    // BENCH_KEEP=1 keeps the generated project (to profile or inspect it); its path is printed.
    if (process.env["BENCH_KEEP"]) console.log(`  kept                     ${root}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
