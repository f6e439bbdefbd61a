import { before, test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { git } from "../support/git";
import { readYaml } from "../support/yaml";


interface Step {
  name: string;
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  "working-directory"?: string;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}

const CLI = path.resolve("dist", "cli.js");
const action = readYaml("action.yml") as Action;

before(() => {
  if (!fs.existsSync(CLI)) spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
});

interface StepRun {
  name: string;
  code: number | null;
  stdout: string;
  stderr: string;
  /** A `uses:` step is not run: its inputs, expanded, are kept for the test to look at. */
  with?: Record<string, string>;
}

/**
 * Runs the action's shell steps as the runner would (bash -eo pipefail, one GITHUB_OUTPUT file per
 * step, later steps skipped once one fails), with its `${{ … }}` expressions filled in from a fake
 * GitHub context. Only the plain property paths the action uses are understood.
 */
function runAction(inputs: Record<string, string>, github: Record<string, unknown>, extraPath?: string): StepRun[] {
  assert.equal(action.runs.using, "composite");
  const steps: Record<string, { outputs: Record<string, string> }> = {};
  const context: Record<string, unknown> = { github, steps, inputs: {} };
  const expand = (text: string): string =>
    text.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, expression: string) => {
      const value = expression.split(".").reduce<unknown>((object, key) => (object as Record<string, unknown> | undefined)?.[key], context);
      return value === undefined || value === null ? "" : String(value);
    });
  context["inputs"] = Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, inputs[name] ?? expand(input.default ?? "")]));
  const runner = fs.mkdtempSync(path.join(os.tmpdir(), "ml-action-runner-"));
  const env = {
    PATH: extraPath ? `${extraPath}${path.delimiter}${process.env["PATH"]}` : (process.env["PATH"] ?? ""),
    HOME: process.env["HOME"] ?? os.homedir(),
    GITHUB_ACTIONS: "true",
    GITHUB_ACTION_PATH: String(github["action_path"]),
    GITHUB_WORKSPACE: String(github["workspace"]),
    GITHUB_REPOSITORY: String(github["repository"]),
    GITHUB_BASE_REF: String(github["base_ref"] ?? ""),
    GITHUB_EVENT_NAME: String(github["event_name"]),
  };
  const results: StepRun[] = [];
  for (const [index, step] of action.runs.steps.entries()) {
    if (results.some((r) => r.code !== 0)) break;
    if (step.uses) {
      results.push({ name: step.name, code: 0, stdout: "", stderr: "", with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, expand(v)])) });
      continue;
    }
    assert.equal(step.shell, "bash", `${step.name}: every run step says its shell`);
    assert.equal(step.if, undefined, `${step.name}: run steps decide in shell whether they act`);
    const script = path.join(runner, `step-${index}.sh`);
    const output = path.join(runner, `output-${index}`);
    fs.writeFileSync(script, step.run ?? "");
    fs.writeFileSync(output, "");
    const stepEnv = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expand(v)]));
    const cwd = step["working-directory"] ? expand(step["working-directory"]) : String(github["workspace"]);
    const result = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], { cwd, env: { ...env, ...stepEnv, GITHUB_OUTPUT: output }, encoding: "utf8" });
    if (step.id) steps[step.id] = { outputs: Object.fromEntries(fs.readFileSync(output, "utf8").split("\n").filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2))) };
    results.push({ name: step.name, code: result.status, stdout: result.stdout, stderr: result.stderr });
  }
  fs.rmSync(runner, { recursive: true, force: true });
  return results;
}

/**
 * A pull request's checkout: main has a golang-migrate set with an index built without
 * CONCURRENTLY (not judged: the branch did not add it); the branch adds a migration on a table no
 * migration creates.
 */
function pullRequestCheckout(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-action-repo-"));
  const upstream = path.join(folder, "upstream");
  const write = (root: string, file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  fs.mkdirSync(upstream);
  git(upstream, "init", "-q");
  write(upstream, "db/migrations/000001_users.up.sql", "CREATE TABLE users (id serial PRIMARY KEY, name text);\n");
  write(upstream, "db/migrations/000001_users.down.sql", "DROP TABLE users;\n");
  write(upstream, "db/migrations/000002_users_name.up.sql", "CREATE INDEX users_name_idx ON users (name);\n");
  write(upstream, "db/migrations/000002_users_name.down.sql", "DROP INDEX users_name_idx;\n");
  git(upstream, "add", ".");
  git(upstream, "commit", "-q", "-m", "users");
  const work = path.join(folder, "work");
  git(folder, "clone", "-q", upstream, work);
  git(work, "checkout", "-q", "-b", "feature");
  write(work, "db/migrations/000003_orders_note.up.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
  write(work, "db/migrations/000003_orders_note.down.sql", "ALTER TABLE orders DROP COLUMN note;\n");
  git(work, "add", ".");
  git(work, "commit", "-q", "-m", "orders note");
  return work;
}

const pullRequest = (workspace: string, actionPath = process.cwd()) => ({
  action_path: actionPath,
  workspace,
  repository: "octo/shop",
  base_ref: "main",
  event_name: "pull_request",
  token: "fake-token",
  event: { pull_request: { number: 7 } },
});

test("action.yml: annotations for what the branch adds, judged against origin/<base>; the step fails on errors", () => {
  const work = pullRequestCheckout();
  const steps = runAction({}, pullRequest(work));
  const check = steps.find((s) => s.name === "Check migrations");
  assert.ok(check, JSON.stringify(steps));
  assert.equal(
    check.stdout,
    "::error file=db/migrations/000003_orders_note.up.sql,line=1,col=13,endLine=1,endColumn=19,title=table-not-found::No earlier migration creates table 'orders', and it is not declared external: on a fresh database this fails with 'relation \"orders\" does not exist'. (Reported once: later operations on it are not.)\n",
    check.stderr,
  );
  assert.deepEqual(
    steps.map((s) => [s.name, s.code]),
    [
      ["Build Migration Lens", 0],
      ["Check migrations", 0],
      ["Upload SARIF to code scanning", 0],
      ["Post the migration notes", 0],
      ["Fail on findings", 1],
    ],
  );
  assert.ok(!fs.existsSync(path.join(work, "migration-lens.sarif")), "no SARIF unless asked");
  fs.rmSync(path.dirname(work), { recursive: true, force: true });
});

test("action.yml: fail-on never passes; sarif writes the log the upload step names", () => {
  const work = pullRequestCheckout();
  const steps = runAction({ "fail-on": "never", sarif: "true", paths: "db" }, pullRequest(work));
  assert.deepEqual(
    steps.map((s) => s.code),
    [0, 0, 0, 0, 0],
  );
  const upload = steps.find((s) => s.name === "Upload SARIF to code scanning");
  assert.deepEqual(upload?.with, { sarif_file: "migration-lens.sarif", category: "migration-lens" });
  const log = JSON.parse(fs.readFileSync(path.join(work, "migration-lens.sarif"), "utf8")) as { runs: { results: { ruleId: string }[] }[] };
  assert.deepEqual(
    log.runs[0]?.results.map((r) => r.ruleId),
    ["table-not-found"],
  );
  fs.rmSync(path.dirname(work), { recursive: true, force: true });
});

test("action.yml: the notes comment is posted once, then updated where its marker is found", () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "ml-action-notes-"));
  // A stand-in CLI (the notes command is another part's) and a stand-in gh that logs its calls.
  const actionPath = path.join(folder, "action");
  fs.mkdirSync(path.join(actionPath, "dist"), { recursive: true });
  fs.writeFileSync(path.join(actionPath, "dist", "cli.js"), 'process.stdout.write("## Migration notes\\n\\nargs: " + process.argv.slice(2).join(" ") + "\\n");\n');
  const bin = path.join(folder, "bin");
  fs.mkdirSync(bin);
  const log = path.join(folder, "gh.log");
  fs.writeFileSync(
    path.join(bin, "gh"),
    `#!/bin/sh\nprintf '%s\\n' "GH_TOKEN=$GH_TOKEN $*" >> "${log}"\ncase "$*" in *--paginate*) cat "${path.join(folder, "existing")}" 2>/dev/null || true ;; esac\n`,
    { mode: 0o755 },
  );
  const notesStep = (existing: string | undefined) => {
    if (existing === undefined) fs.rmSync(path.join(folder, "existing"), { force: true });
    else fs.writeFileSync(path.join(folder, "existing"), existing);
    fs.rmSync(log, { force: true });
    const steps = runAction({ notes: "true" }, pullRequest(folder, actionPath), bin);
    assert.equal(steps.find((s) => s.name === "Post the migration notes")?.code, 0, JSON.stringify(steps));
    return fs.readFileSync(log, "utf8");
  };
  const list = `GH_TOKEN=fake-token api --paginate repos/octo/shop/issues/7/comments --jq .[] | select(.body | startswith("<!-- migration-lens-notes -->")) | .id\n`;
  const body = "body=<!-- migration-lens-notes -->\n## Migration notes\n\nargs: notes --base origin/main .";
  assert.equal(notesStep(undefined), `${list}GH_TOKEN=fake-token api --method POST repos/octo/shop/issues/7/comments -f ${body}\n`);
  assert.equal(notesStep("4242\n4243\n"), `${list}GH_TOKEN=fake-token api --method PATCH repos/octo/shop/issues/comments/4242 -f ${body}\n`);
  fs.rmSync(folder, { recursive: true, force: true });
});
