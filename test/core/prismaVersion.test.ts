import { test } from "node:test";
import * as assert from "node:assert/strict";
import { prismaBefore7 } from "../../server/src/core/discovery/prismaVersion";
import { memoryHost } from "../support/memoryHost";

// Prisma 7.4 runs a migration's statements one by one; before 7 it sends the file as one query.
// Only a range that cannot reach Prisma 7 counts.
const MIGRATIONS = "/app/packages/db/prisma/migrations";

function declared(packages: Record<string, object>): string | undefined {
  return prismaBefore7(memoryHost(Object.fromEntries(Object.entries(packages).map(([folder, json]) => [`${folder}/package.json`, JSON.stringify(json)]))), MIGRATIONS);
}

test("a caret, tilde or exact range below 7 is read, with what was declared", () => {
  assert.equal(declared({ "/app/packages/db": { devDependencies: { prisma: "^6.19.3" } } }), "prisma ^6.19.3");
  assert.equal(declared({ "/app/packages/db": { dependencies: { "@prisma/client": "~5.22.0" } } }), "@prisma/client ~5.22.0");
  assert.equal(declared({ "/app/packages/db": { dependencies: { prisma: "4.16.2" } } }), "prisma 4.16.2");
});

test("Prisma 7, open ranges and tags are not read", () => {
  for (const range of ["7.8.0", "^7.3.0", ">=6", "6.x || 7.x", "latest", "workspace:*", "*"]) assert.equal(declared({ "/app/packages/db": { devDependencies: { prisma: range } } }), undefined, range);
});

test("the nearest package.json that names Prisma counts, above one that does not", () => {
  assert.equal(declared({ "/app/packages/db": { dependencies: { zod: "^3" } }, "/app": { devDependencies: { prisma: "^6.1.0" } } }), "prisma ^6.1.0");
  assert.equal(declared({ "/app/packages/db": { devDependencies: { prisma: "^7.1.0" } }, "/app": { devDependencies: { prisma: "^6.1.0" } } }), undefined);
  assert.equal(declared({}), undefined);
});
