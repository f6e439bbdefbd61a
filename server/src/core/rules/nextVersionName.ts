import * as path from "node:path";
import type { SqlMigrationSpec } from "../discovery/sqlFolders";
import type { FileRename } from "../model/findings";

/**
 * The renames that put a migration after `last`, as the `rank`-th of those moved (so no two get
 * one version), in the tool's own naming: a fresh Prisma timestamp, the next Flyway version, the
 * next golang-migrate / numbered prefix (a timestamp prefix stays a timestamp). File names, not
 * code: read with patterns.
 */
export function nextVersionRenames(kind: string, moving: SqlMigrationSpec, last: SqlMigrationSpec, rank: number, now: Date): FileRename[] | undefined {
  if (kind === "prisma") {
    const folder = path.dirname(moving.file);
    const next = nextNumber(leadingDigits(path.basename(folder)), leadingDigits(path.basename(path.dirname(last.file))), rank, now);
    if (!next) return undefined;
    return [{ from: folder, to: path.join(path.dirname(folder), next.value + path.basename(folder).slice(next.replacedLength)) }];
  }
  if (kind === "flyway") {
    const version = /^[VU](\d+(?:[._]\d+)*)__/.exec(path.basename(last.file))?.[1];
    const own = /^[VU](\d+(?:[._]\d+)*)__/.exec(path.basename(moving.file))?.[1];
    if (!version || !own) return undefined;
    const parts = version.split(/([._])/);
    const end = parts.length - 1;
    parts[end] = String(BigInt(parts[end]!) + 1n + BigInt(rank)).padStart(parts[end]!.length, "0");
    const next = parts.join("");
    return renameAll(moving, (name) => name[0] + next + name.slice(1 + own.length));
  }
  const next = nextNumber(leadingDigits(path.basename(moving.file)), leadingDigits(path.basename(last.file)), rank, now);
  if (!next) return undefined;
  return renameAll(moving, (name) => next.value + name.slice(next.replacedLength));
}

function renameAll(moving: SqlMigrationSpec, rename: (name: string) => string): FileRename[] {
  return [moving.file, ...(moving.downFile ? [moving.downFile] : [])].map((file) => ({ from: file, to: path.join(path.dirname(file), rename(path.basename(file))) }));
}

function leadingDigits(name: string): string {
  return /^\d*/.exec(name)![0];
}

/** After `last`: its number plus one (plus the rank), or now as a timestamp of the same shape when that is later. */
function nextNumber(own: string, last: string, rank: number, now: Date): { value: string; replacedLength: number } | undefined {
  if (!own || !last) return undefined;
  let next = BigInt(last) + 1n;
  if (last.length === 14) {
    const stamp = BigInt(now.toISOString().replace(/\D/g, "").slice(0, 14));
    if (stamp > next) next = stamp;
  }
  return { value: String(next + BigInt(rank)).padStart(last.length, "0"), replacedLength: own.length };
}
