// The generated Alembic history the benchmark measures: a seeded, healthy history of any size
// (main line, labelled branches, merges, depends_on) rendered as Alembic's own template writes
// revision files. Kept apart so every measurement (CLI, in-process, language server, Alembic) loads
// the very same folder.
import * as fs from "node:fs";
import * as path from "node:path";
import { alembicDate, newRevisionFileName } from "../server/src/core/alembic/newRevisionFile";
import { prng } from "./benchRandom";

const LABELS = ["audit", "billing", "reporting", "search"];

export interface Revision {
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
export function generateHistory(count: number, seed: number): Revision[] {
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
export function renderRevision(rev: Revision, createDate: Date): string {
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
export function writeProject(root: string, revisions: readonly Revision[]): string[] {
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
