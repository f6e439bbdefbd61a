import { test } from "node:test";
import * as assert from "node:assert/strict";
import { readAlembicOptions } from "../../server/src/core/alembic/alembicOptions";
import { readIni, readSection, sectionNames } from "../../server/src/core/discovery/iniFile";
import type { FileHost } from "../../server/src/core/host";

// Expected values are what Python's configparser.ConfigParser({"here": "/p"}) returns for the same text.
const TEXT = `[DEFAULT]
script_location = %(here)s/migrations
file_template = %%(rev)s_%(style)s
style = %%(slug)s

[alembic]
style = plain

[other]
here = /elsewhere
`;

test("[DEFAULT] is no section of its own", () => {
  assert.deepEqual(sectionNames(readIni(TEXT)), ["alembic", "other"]);
});

test("a section inherits [DEFAULT]'s options, interpolated in its own view", () => {
  const alembic = readSection(readIni(TEXT), "alembic", { here: "/p" });
  assert.equal(alembic.get("script_location")?.value, "/p/migrations");
  assert.equal(alembic.get("script_location")?.line, 1);
  // `style` is the section's own value, though file_template is written in [DEFAULT].
  assert.equal(alembic.get("file_template")?.value, "%(rev)s_plain");
});

test("the file's own `here` beats the parser's default", () => {
  const other = readSection(readIni(TEXT), "other", { here: "/p" });
  assert.equal(other.get("script_location")?.value, "/elsewhere/migrations");
});

test("a section the file lacks reads as [DEFAULT] alone", () => {
  const missing = readSection(readIni(TEXT), "nowhere", { here: "/p" });
  assert.equal(missing.get("style")?.value, "%(slug)s");
});

test("Alembic's options include what [DEFAULT] gives the set's section", () => {
  const host: FileHost = { readFile: (p) => (p === "/p/alembic.ini" ? TEXT : undefined), readDirectory: () => undefined };
  const spec = { kind: "alembic" as const, root: "/p/migrations", configFile: "/p/alembic.ini", section: "alembic", versionLocations: [], recursive: false, problems: [] };
  assert.equal(readAlembicOptions(host, spec).get("file_template"), "%(rev)s_plain");
});
