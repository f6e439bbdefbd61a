import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import Ajv from "ajv";
import type * as Sarif from "sarif";
import { ruleNames } from "../../server/src/core/rules/ruleNames";

const CLI = path.resolve("dist", "cli.js");
const SCHEMA = path.join("test", "cli", "sarif", "sarif-schema-2.1.0.json");
// Errors with a fix and related locations (examples), warnings, infos and a fix that creates a file (golang-migrate).
const PROJECT = ["examples", "test/fixtures/schema/sql-golang-migrate"];

const check = (format: string) => spawnSync(process.execPath, [CLI, "check", ...PROJECT, "--all", "--format", format], { encoding: "utf8" });

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
});

/** The official schema, with its two URI formats checked by the URL parser (ajv knows no formats by itself). */
function validator() {
  const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8")) as { $schema: string; $id: string };
  assert.equal(schema.$schema, "http://json-schema.org/draft-07/schema#", "draft-07: the default Ajv class");
  assert.equal(schema.$id, "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json");
  // The schema's `language` pattern holds a stray `]`, an error under the `u` flag Ajv uses by default.
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  ajv.addFormat("uri-reference", (value: string) => URL.canParse(value, "file:///base/"));
  ajv.addFormat("date-time", (value: string) => !Number.isNaN(Date.parse(value)));
  return ajv.compile(schema);
}

test("--format sarif is valid SARIF 2.1.0 by the OASIS schema", () => {
  const { status, stdout } = check("sarif");
  assert.equal(status, 1);
  const validate = validator();
  const log = JSON.parse(stdout) as Sarif.Log;
  assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
  // The schema does judge: a level SARIF does not have is refused.
  const wrong = structuredClone(log);
  (wrong.runs[0]!.results![0] as { level: string }).level = "info";
  assert.equal(validate(wrong), false);
});

test("SARIF lists every rule with its README anchor (test/core/rules-documented.test.ts checks it is there), and results in the JSON report's positions", () => {
  const log = JSON.parse(check("sarif").stdout) as Sarif.Log;
  const json = JSON.parse(check("json").stdout) as { diagnostics: { rule: string; severity: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[] };
  assert.equal(log.runs.length, 1);
  const [run] = log.runs as [Sarif.Run];
  const rules = run.tool.driver.rules ?? [];
  assert.deepEqual(
    rules.map((r) => r.id),
    [...ruleNames()],
  );
  for (const rule of rules) {
    assert.equal(rule.helpUri, `https://github.com/migration-lens/migration-lens#${rule.id}`);
    assert.ok(rule.shortDescription?.text, rule.id);
  }
  assert.equal(rules.find((r) => r.id === "data-change")?.defaultConfiguration?.level, "note");
  assert.equal(run.tool.driver.informationUri, "https://github.com/migration-lens/migration-lens#readme");
  assert.equal(run.tool.driver.version, JSON.parse(fs.readFileSync("package.json", "utf8")).version);
  assert.equal(run.originalUriBaseIds?.["%SRCROOT%"]?.uri, new URL(`file://${process.cwd()}/`).href);

  const results = run.results ?? [];
  assert.equal(results.length, json.diagnostics.length);
  results.forEach((result, i) => {
    const d = json.diagnostics[i]!;
    assert.equal(result.ruleId, d.rule);
    assert.equal(rules[result.ruleIndex ?? -1]?.id, d.rule);
    assert.equal(result.level, { error: "error", warning: "warning", info: "note" }[d.severity]);
    assert.equal(result.message.text, d.message);
    const location = result.locations?.[0]?.physicalLocation;
    assert.deepEqual(location?.artifactLocation, { uri: d.file, uriBaseId: "%SRCROOT%" });
    assert.deepEqual(location?.region, { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn });
  });
  assert.deepEqual(new Set(results.map((r) => r.level)), new Set(["error", "warning", "note"]));
  const fingerprints = results.map((r) => r.partialFingerprints?.["migrationLensFinding/v1"]);
  assert.ok(fingerprints.every((f) => typeof f === "string" && f.length === 32));

  const unknown = results.find((r) => r.ruleId === "unknown-revision");
  assert.deepEqual(unknown?.fixes, [
    {
      description: { text: "Replace '2b3c4d5e6f7' with '2b3c4d5e6f70' (the closest existing revision id)" },
      artifactChanges: [
        {
          artifactLocation: { uri: "examples/blog/alembic/versions/3c4d5e6f7081_add_post_slug.py", uriBaseId: "%SRCROOT%" },
          replacements: [{ deletedRegion: { startLine: 14, startColumn: 18, endLine: 14, endColumn: 29 }, insertedContent: { text: "2b3c4d5e6f70" } }],
        },
      ],
    },
  ]);
  const dropped = results.find((r) => r.ruleId === "table-dropped-earlier");
  assert.equal(dropped?.relatedLocations?.length, 1);
  assert.match(dropped?.relatedLocations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "", /^examples\/shop-prisma\/prisma\/migrations\/20240101000000_init\/migration\.sql$/);
  assert.ok(dropped?.relatedLocations?.[0]?.message?.text);

  // A fix that creates the missing down migration: the new file, its text inserted at 1:1.
  const created = results.find((r) => r.ruleId === "missing-downgrade" && r.locations?.[0]?.physicalLocation?.artifactLocation?.uri?.endsWith("000002_profiles.up.sql"));
  const change = created?.fixes?.[0]?.artifactChanges[0];
  assert.equal(change?.artifactLocation.uri, "test/fixtures/schema/sql-golang-migrate/migrations/000002_profiles.down.sql");
  assert.deepEqual(change?.replacements?.[0]?.deletedRegion, { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 });
  assert.match(change?.replacements?.[0]?.insertedContent?.text ?? "", /DROP TABLE/);
});

test("SARIF --output writes the log to a file; fail-on still decides the exit code", () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ml-sarif-")), "results.sarif");
  const result = spawnSync(process.execPath, [CLI, "check", "examples", "--format", "sarif", "--output", out, "--fail-on", "never"], { encoding: "utf8" });
  assert.equal(result.status, 0);
  assert.equal(result.stdout, "");
  assert.equal((JSON.parse(fs.readFileSync(out, "utf8")) as Sarif.Log).version, "2.1.0");
});
