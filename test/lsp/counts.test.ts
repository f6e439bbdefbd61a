import { after, before, test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DiagnosticSeverity } from "vscode-languageserver-protocol";
import { CheckAllRequest, SetsRequest } from "../../server/src/protocol";
import { LspClient } from "../support/lspClient";

// Errors, warnings and infos, one of them in .migration-lens.toml (no revision file).
const workspace = fs.mkdtempSync(path.join(os.tmpdir(), "ml-lsp-counts-"));
const config = path.join(workspace, ".migration-lens.toml");
let client: LspClient;

before(async () => {
  fs.cpSync(path.resolve("test/fixtures/schema/config-severities"), workspace, { recursive: true });
  fs.rmSync(path.join(workspace, "expected.txt"));
  client = await LspClient.start(workspace);
  await client.waitFor("invalid-config in the config file", () => client.codes(config).includes("invalid-config"));
});
after(async () => {
  await client.stop();
  fs.rmSync(workspace, { recursive: true, force: true });
});

test("the summary counts every published diagnostic, as the Problems panel does", async () => {
  const summary = await client.connection.sendRequest(CheckAllRequest, undefined);
  // The response follows the diagnostics of the same analysis on the same stream.
  const published = [...client.diagnostics.values()].flat();
  const bySeverity = (severity: DiagnosticSeverity) => published.filter((d) => d.severity === severity).length;
  assert.deepEqual(
    { errors: summary.errors, warnings: summary.warnings, infos: summary.infos },
    { errors: bySeverity(DiagnosticSeverity.Error), warnings: bySeverity(DiagnosticSeverity.Warning), infos: bySeverity(DiagnosticSeverity.Information) },
  );
  assert.ok(summary.infos > 0 && summary.warnings > 0 && summary.errors > 0, JSON.stringify(summary));
  // One set: its own counts (the tree's set row, the graph's header) are the same, config file included.
  const { sets } = await client.connection.sendRequest(SetsRequest, undefined);
  assert.deepEqual(sets.map((s) => s.problems), [{ errors: summary.errors, warnings: summary.warnings, infos: summary.infos }]);
});
