import { afterEach, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { ClientCapabilities, CodeAction, Command, Diagnostic, Registration, RegistrationParams, WorkspaceEdit } from "vscode-languageserver-protocol";
import { LspClient, type ClientOptions } from "../support/lspClient";

// Clients other than VS Code lack some optional capabilities; each gap is one test against the
// blog example (a typo in the slug revision's down_revision, hence two heads).
const SLUG = "3c4d5e6f7081_add_post_slug.py";
const USER_NAME = "4d5e6f708192_add_user_name.py";
const started: { client: LspClient; root: string }[] = [];

afterEach(async () => {
  for (const { client, root } of started.splice(0)) {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});

/** The server on a fresh copy of the example; returns the client and the file paths of the two revisions. */
async function start(options: ClientOptions): Promise<{ client: LspClient; slug: string; userName: string }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-lsp-clients-"));
  fs.cpSync(path.resolve("examples", "blog"), root, { recursive: true });
  const client = await LspClient.start(root, options);
  started.push({ client, root });
  const versions = path.join(root, "alembic", "versions");
  return { client, slug: path.join(versions, SLUG), userName: path.join(versions, USER_NAME) };
}

/** A client that sends only a rootUri and the given capabilities. */
const rootUriOnly = (capabilities: ClientCapabilities): ClientOptions["initialize"] => (root) => ({ rootUri: `file://${root}`, capabilities });

/** Nothing went wrong that a client would log: no error message, no request it could not answer. */
function assertQuiet(client: LspClient): void {
  assert.deepEqual(
    client.logs.filter((l) => l.type === 1).map((l) => l.message),
    [],
  );
  assert.deepEqual(client.unanswered, []);
}

async function codeActionsFor(client: LspClient, file: string, code: string): Promise<(CodeAction | Command)[]> {
  const diagnostic = client.diagnostics.get(`file://${file}`)!.find((d: Diagnostic) => d.code === code)!;
  return (await client.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: `file://${file}` },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  })) as (CodeAction | Command)[];
}

const fixTypo = (slug: string): void => fs.writeFileSync(slug, fs.readFileSync(slug, "utf8").replace('"2b3c4d5e6f7"', '"2b3c4d5e6f70"'));

test("no capabilities and a rootUri only: diagnostics arrive, nothing is asked of the client, files changed on disk are seen", async () => {
  const { client, slug, userName } = await start({ initialize: rootUriOnly({}), answers: {} });
  await client.waitFor("the first diagnostics", () => client.codes(slug).includes("unknown-revision") && client.codes(userName).includes("multiple-heads"));
  // Without CodeAction literals or applyEdit there is no way to apply a fix: none is offered.
  assert.deepEqual(await codeActionsFor(client, slug, "unknown-revision"), []);
  // The server watches the folder itself. An open document's buffer wins over its file on disk.
  const saved = fs.readFileSync(userName, "utf8");
  await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: `file://${userName}`, languageId: "python", version: 1, text: saved } });
  fs.writeFileSync(userName, saved.replace("def upgrade() -> None:", "def upgrade( -> None:"));
  fixTypo(slug);
  await client.waitFor("the typo's error and the second head gone", () => client.codes(slug).length === 0 && client.codes(userName).length === 0);
  assert.deepEqual(client.requests, []);
  assertQuiet(client);
});

test("migration-lens lsp: the CLI serves the same server over stdio, no flag needed", async () => {
  const { client, slug } = await start({ args: [path.resolve("dist", "cli.js"), "lsp"] });
  await client.waitFor("unknown-revision", () => client.codes(slug).includes("unknown-revision"));
  assertQuiet(client);
});

test("migration-lens lsp with an option it does not know: exit status 2 and what it takes", () => {
  const run = spawnSync(process.execPath, [path.resolve("dist", "cli.js"), "lsp", "--tcp"], { encoding: "utf8" });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^migration-lens: lsp takes --stdio \(the default\), --node-ipc, --socket=PORT or --pipe=NAME, not '--tcp'/);
});

test("a rootPath only (the oldest clients): diagnostics arrive", async () => {
  const { client, slug } = await start({ initialize: (root) => ({ rootPath: root, rootUri: null, capabilities: {} }), answers: {} });
  await client.waitFor("unknown-revision", () => client.codes(slug).includes("unknown-revision"));
  assertQuiet(client);
});

test("no CodeAction literals: fixes come as commands, and the server applies the edit", async () => {
  const applied: WorkspaceEdit[] = [];
  const { client, slug } = await start({
    initialize: rootUriOnly({ workspace: { applyEdit: true } }),
    answers: { "workspace/applyEdit": (params) => (applied.push((params as { edit: WorkspaceEdit }).edit), { applied: true }) },
  });
  await client.waitFor("unknown-revision", () => client.codes(slug).includes("unknown-revision"));
  const commands = (await codeActionsFor(client, slug, "unknown-revision")) as Command[];
  const replace = commands.find((c) => c.title.startsWith("Replace '2b3c4d5e6f7'"))!;
  assert.equal(replace.command, "migrationLens.applyFix");
  await client.connection.sendRequest("workspace/executeCommand", { command: replace.command, arguments: replace.arguments });
  await client.waitFor("workspace/applyEdit", () => applied.length === 1);
  assert.deepEqual(applied[0], replace.arguments![0]);
  assert.equal(Object.values(applied[0]!.changes!)[0]![0]!.newText, "2b3c4d5e6f70");
  assertQuiet(client);
});

test("workspace/configuration: settings are pulled before the first analysis and again on each change notification; pushed ones count where the pull has none", async () => {
  let section: unknown = { rules: { "multiple-heads": "off" } };
  const { client, slug, userName } = await start({
    initialize: rootUriOnly({ workspace: { configuration: true, didChangeConfiguration: {} } }),
    answers: { "workspace/configuration": () => [section] },
  });
  await client.waitFor("unknown-revision", () => client.codes(slug).includes("unknown-revision"));
  assert.deepEqual(client.codes(userName), [], "multiple-heads was off from the first analysis");
  // The notification's params say nothing (some clients send null): the server asks again.
  section = null;
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
  await client.waitFor("multiple-heads back with the defaults", () => client.codes(userName).includes("multiple-heads"));
  await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: { migrationLens: { rules: { "multiple-heads": "off" } } } });
  await client.waitFor("multiple-heads off as pushed", () => client.codes(userName).length === 0);
  assert.equal(client.requests.filter((r) => r.method === "workspace/configuration").length, 3);
  assertQuiet(client);
});

test("a request answered before the client answers workspace/configuration (VS Code asks for code lenses at once): diagnostics still arrive", async () => {
  let answerConfiguration: (() => void) | undefined;
  const asked = new Promise<void>((resolve) => (answerConfiguration = resolve));
  const { client, slug } = await start({
    initialize: rootUriOnly({ workspace: { configuration: true, didChangeConfiguration: {} } }),
    answers: { "workspace/configuration": () => asked.then(() => [{}]) },
  });
  await client.waitFor("workspace/configuration", () => client.requests.some((r) => r.method === "workspace/configuration"));
  // Answered from an analysis that is not published until git has been read.
  await client.connection.sendRequest("textDocument/codeLens", { textDocument: { uri: `file://${slug}` } });
  answerConfiguration!();
  await client.waitFor("unknown-revision", () => client.codes(slug).includes("unknown-revision"));
  assertQuiet(client);
});

test("dynamic registration: the client is asked to watch the migration files, configuration and git refs", async () => {
  const { client, slug } = await start({
    initialize: rootUriOnly({ workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }),
    answers: { "client/registerCapability": () => null },
  });
  await client.waitFor("a registration", () => client.requests.some((r) => r.method === "client/registerCapability"));
  const [registration] = (client.requests.find((r) => r.method === "client/registerCapability")!.params as RegistrationParams).registrations as Registration[];
  assert.equal(registration!.method, "workspace/didChangeWatchedFiles");
  const globs = (registration!.registerOptions as { watchers: { globPattern: string }[] }).watchers.map((w) => w.globPattern);
  for (const glob of ["**/*.py", "**/*.ini", "**/*.sql", "**/.migration-lens.toml", "**/.git/{HEAD,packed-refs,refs/**}"]) assert.ok(globs.includes(glob), glob);
  await client.waitFor("unknown-revision", () => client.codes(slug).includes("unknown-revision"));
  assertQuiet(client);
});
