// The `verify` part of the benchmark: a generated Prisma history (one migration.sql per revision:
// tables with foreign keys, columns, indexes, enums and their labels, renames), run by the CLI's
// `verify` on the embedded PostgreSQL. Prints its figures; asserts nothing.
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { prng } from "./benchRandom";

export interface VerifyFigures {
  revisions: number;
  tables: number;
  ms: number;
  status: number | null;
  summary: string;
}

/** Writes `count` migrations under root/migrations; returns how many tables the last one leaves. */
export function writePrismaHistory(root: string, count: number, seed: number): number {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const tables: { name: string; columns: string[]; indexes: string[] }[] = [];
  const enums: { name: string; labels: string[] }[] = [];
  const folder = path.join(root, "migrations");
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, "migration_lock.toml"), 'provider = "postgresql"\n');
  for (let i = 0; i < count; i++) {
    const sql: string[] = [];
    const r = random();
    if (tables.length < 8 || r < 0.15) {
      const name = `Table${tables.length}`;
      const parent = tables.length > 0 ? pick(tables) : undefined;
      sql.push(`CREATE TABLE "${name}" (\n    "id" SERIAL NOT NULL,\n    "name" TEXT NOT NULL,\n    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,${parent ? `\n    "${parent.name}Id" INTEGER,` : ""}\n    CONSTRAINT "${name}_pkey" PRIMARY KEY ("id")\n);`);
      if (parent) {
        sql.push(`CREATE INDEX "${name}_${parent.name}Id_idx" ON "${name}"("${parent.name}Id");`);
        sql.push(`ALTER TABLE "${name}" ADD CONSTRAINT "${name}_${parent.name}Id_fkey" FOREIGN KEY ("${parent.name}Id") REFERENCES "${parent.name}"("id") ON DELETE CASCADE ON UPDATE CASCADE;`);
      }
      tables.push({ name, columns: ["name"], indexes: parent ? [`${name}_${parent.name}Id_idx`] : [] });
    } else if (r < 0.45) {
      const table = pick(tables);
      const column = `col${i}`;
      const type = enums.length > 0 && random() < 0.3 ? `"${pick(enums).name}"` : pick(["TEXT", "INTEGER", "BOOLEAN NOT NULL DEFAULT false", "JSONB", "TIMESTAMP(3)"]);
      sql.push(`ALTER TABLE "${table.name}" ADD COLUMN "${column}" ${type};`);
      table.columns.push(column);
    } else if (r < 0.6) {
      const table = pick(tables);
      const column = pick(table.columns);
      const index = `${table.name}_${column}_${i}_idx`;
      sql.push(`CREATE ${random() < 0.3 ? "UNIQUE " : ""}INDEX "${index}" ON "${table.name}"("${column}");`);
      table.indexes.push(index);
    } else if (r < 0.7) {
      const name = `Kind${enums.length}`;
      sql.push(`CREATE TYPE "${name}" AS ENUM ('A', 'B');`);
      enums.push({ name, labels: ["A", "B"] });
    } else if (r < 0.8 && enums.length > 0) {
      const type = pick(enums);
      const label = `L${i}`;
      sql.push(`ALTER TYPE "${type.name}" ADD VALUE '${label}';`);
      type.labels.push(label);
    } else if (r < 0.9) {
      const table = pick(tables);
      const index = table.indexes.pop();
      if (index) sql.push(`DROP INDEX "${index}";`);
      else sql.push(`ALTER TABLE "${table.name}" ALTER COLUMN "name" SET DEFAULT '';`);
    } else {
      const table = pick(tables);
      const from = table.columns.findIndex((c) => c !== "name");
      if (from >= 0) {
        const to = `renamed${i}`;
        sql.push(`ALTER TABLE "${table.name}" RENAME COLUMN "${table.columns[from]}" TO "${to}";`);
        table.columns[from] = to;
      } else sql.push(`ALTER TABLE "${table.name}" ADD COLUMN "note${i}" TEXT;`);
    }
    const dir = path.join(folder, `${String(20200101000000 + i * 100)}_step_${i}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "migration.sql"), `-- step ${i}\n${sql.join("\n\n")}\n`);
  }
  return tables.length;
}

/** Generates the history in `tmp`, runs the bundled CLI's verify on it, and reads its report. */
export function measureVerify(cliPath: string, tmp: string, revisions: number, seed: number): VerifyFigures {
  const root = path.join(tmp, "prisma");
  const tables = writePrismaHistory(root, revisions, seed);
  const start = performance.now();
  const child = spawnSync(process.execPath, [cliPath, "verify", root, "--format", "json"], { encoding: "utf8", maxBuffer: 1 << 28 });
  const ms = performance.now() - start;
  let summary: string;
  try {
    const report = JSON.parse(child.stdout) as { sets: { verified: number; revisions: number; rejected: number; mismatches: number; notVerified: number }[] };
    summary = report.sets.map((s) => `${s.verified} of ${s.revisions} ran, ${s.rejected} rejected, ${s.mismatches} mismatch(es), ${s.notVerified} not verified`).join("; ");
  } catch {
    summary = `? (no JSON report: ${(child.error?.message ?? child.stderr ?? "").trim().split("\n")[0]})`;
  }
  return { revisions, tables, ms, status: child.status, summary };
}
