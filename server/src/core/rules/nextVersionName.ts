import * as path from "node:path";
import type { SqlMigrationSpec } from "../discovery/sqlFolders";
import type { FileRename } from "../model/findings";

/**
 * The renames that make a migration the next one after `newest`, in the tool's own naming: a
 * fresh Prisma timestamp, the next Flyway version, the next golang-migrate / numbered prefix
 * (a timestamp prefix stays a timestamp). File names, not code: read with patterns.
 */
export function nextVersionRenames(kind: string, moving: SqlMigrationSpec, newest: SqlMigrationSpec, now: Date): FileRename[] | undefined {
  if (kind === "prisma") {
    const folder = path.dirname(moving.file);
    const next = nextNumber(leadingDigits(path.basename(folder)), leadingDigits(path.basename(path.dirname(newest.file))), now);
    if (!next) return undefined;
    return [{ from: folder, to: path.join(path.dirname(folder), next.value + path.basename(folder).slice(next.replacedLength)) }];
  }
  if (kind === "flyway") {
    const version = /^[VU](\d+(?:[._]\d+)*)__/.exec(path.basename(newest.file))?.[1];
    const own = /^[VU](\d+(?:[._]\d+)*)__/.exec(path.basename(moving.file))?.[1];
    if (!version || !own) return undefined;
    const parts = version.split(/([._])/);
    const last = parts.length - 1;
    parts[last] = String(BigInt(parts[last]!) + 1n).padStart(parts[last]!.length, "0");
    const next = parts.join("");
    return renameAll(moving, (name) => name[0] + next + name.slice(1 + own.length));
  }
  const next = nextNumber(leadingDigits(path.basename(moving.file)), leadingDigits(path.basename(newest.file)), now);
  if (!next) return undefined;
  return renameAll(moving, (name) => next.value + name.slice(next.replacedLength));
}

function renameAll(moving: SqlMigrationSpec, rename: (name: string) => string): FileRename[] {
  return [moving.file, ...(moving.downFile ? [moving.downFile] : [])].map((file) => ({ from: file, to: path.join(path.dirname(file), rename(path.basename(file))) }));
}

function leadingDigits(name: string): string {
  return /^\d*/.exec(name)![0];
}

/** After `newest`: its number plus one, or now as a timestamp of the same shape when that is later. */
function nextNumber(own: string, newest: string, now: Date): { value: string; replacedLength: number } | undefined {
  if (!own || !newest) return undefined;
  let next = BigInt(newest) + 1n;
  if (newest.length === 14) {
    const stamp = BigInt(now.toISOString().replace(/\D/g, "").slice(0, 14));
    if (stamp > next) next = stamp;
  }
  return { value: String(next).padStart(newest.length, "0"), replacedLength: own.length };
}
