import * as path from "node:path";
import type { FileHost } from "../host";

/** How far above the migrations folder a package.json is looked for (prisma/migrations sits below the package). */
const MAX_DEPTH = 10;

/**
 * The Prisma a project declares in the nearest package.json above `folder` that names `prisma`
 * or `@prisma/client` (dependencies or devDependencies), when its version range cannot reach
 * Prisma 7: `^6.19.3`, `~5.22.0`, `6.1.0`. Read as data; undefined for any other range (`>=6`,
 * `latest`, `workspace:*`), or none found. The text says what was read, for messages.
 */
export function prismaBefore7(host: FileHost, folder: string): string | undefined {
  for (let current = folder, depth = 0; depth < MAX_DEPTH; current = path.dirname(current), depth++) {
    const text = host.readFile(path.join(current, "package.json"));
    const declared = text === undefined ? undefined : declaredPrisma(text);
    if (declared) return highestMajor(declared.range) !== undefined && highestMajor(declared.range)! < 7 ? `${declared.name} ${declared.range}` : undefined;
    if (path.dirname(current) === current) break;
  }
  return undefined;
}

function declaredPrisma(text: string): { name: string; range: string } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  for (const field of ["dependencies", "devDependencies"]) {
    const deps = (json as Record<string, unknown>)[field];
    if (typeof deps !== "object" || deps === null) continue;
    for (const name of ["prisma", "@prisma/client"]) {
      const range = (deps as Record<string, unknown>)[name];
      if (typeof range === "string") return { name, range };
    }
  }
  return undefined;
}

/** The major version a caret, tilde or exact range stays within; undefined for any other range. */
function highestMajor(range: string): number | undefined {
  const match = /^\s*[\^~=]?v?(\d+)(\.\d+){0,2}\s*$/.exec(range);
  return match ? Number(match[1]) : undefined;
}
