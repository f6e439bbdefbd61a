import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import { RULES } from "../../server/src/core/rules";
import { OPERATION_RULES } from "../../server/src/core/rules/schema";

test("every rule is documented in the README with its severity, under its stable name, at an anchor named after it", () => {
  const readme = fs.readFileSync("README.md", "utf8");
  const all = [...RULES, ...OPERATION_RULES];
  for (const rule of all) {
    assert.match(rule.name, /^[a-z]+(-[a-z]+)*$/, "rule names are kebab-case");
    // The anchor is where SARIF's helpUri for the rule points.
    assert.ok(readme.includes(`| <a id="${rule.name}"></a>\`${rule.name}\` | ${rule.severity} |`), `README rules table lacks ${rule.name} (${rule.severity}) with its anchor`);
  }
  assert.equal(new Set(all.map((r) => r.name)).size, all.length, "rule names are unique");
});
