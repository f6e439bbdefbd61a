import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { RULES } from "../../server/src/core/rules";

test("every rule is documented in the README with its severity, under its stable name", () => {
  const readme = fs.readFileSync("README.md", "utf8");
  for (const rule of RULES) {
    assert.match(rule.name, /^[a-z]+(-[a-z]+)*$/, "rule names are kebab-case");
    assert.ok(readme.includes(`| \`${rule.name}\` | ${rule.severity} |`), `README rules table lacks ${rule.name} (${rule.severity})`);
  }
  assert.equal(new Set(RULES.map((r) => r.name)).size, RULES.length, "rule names are unique");
});
