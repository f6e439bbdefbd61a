// A real git repository with a long history and a branch that adds two migrations: the Problems
// panel shows the branch's findings and the history's true error, not the safety warnings of
// migrations that ran long ago; the Migrations view marks the new revisions; when the base moves
// on (a fetch), the pre-merge finding appears on the branch's down_revision and its quick fix
// (re-parent onto the base's head) clears it.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { id, revisionFile, writeAlembicConfig, writeRevision } from "../history.mjs";
import { waitUntil } from "../util.mjs";
import {
  applyQuickFix, goTo, openFile, openProblems, problemRows, save, showViewContainer,
  waitForNoProblem, waitForProblem, waitForTreeRow, waitForWorkbench,
} from "../workbench.mjs";

const HISTORY = 40;

function git(cwd, ...args) {
  return execFileSync("git", args, {
    cwd, encoding: "utf8",
    env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com", GIT_CONFIG_NOSYSTEM: "1" },
  });
}

/** upstream: a users table, then HISTORY revisions that each add a NOT NULL column (warnings, if judged), one altering a table no migration creates. */
function makeRepositories() {
  const base = mkdtempSync(join(tmpdir(), "ml-e2e-git-"));
  const upstream = join(base, "upstream");
  const clone = join(base, "shop");
  mkdirSync(upstream);
  git(upstream, "init", "-q", "-b", "main");
  writeAlembicConfig(upstream);
  writeRevision(upstream, id(0), undefined, `op.create_table("users", sa.Column("id", sa.Integer, primary_key=True))`);
  for (let n = 1; n <= HISTORY; n++) {
    const body = n === 7 ? `op.add_column("invoices", sa.Column("total", sa.Integer))` : `op.add_column("users", sa.Column("c${n}", sa.String, nullable=False))`;
    writeRevision(upstream, id(n), id(n - 1), body);
  }
  git(upstream, "add", "-A");
  git(upstream, "commit", "-q", "-m", "history");
  git(base, "clone", "-q", upstream, clone);
  git(clone, "checkout", "-q", "-b", "feature");
  writeRevision(clone, "f001", id(HISTORY), `op.drop_column("users", "c3")`);
  writeRevision(clone, "f002", "f001", `op.create_table("posts", sa.Column("id", sa.Integer, primary_key=True))`);
  git(clone, "add", "-A");
  git(clone, "commit", "-q", "-m", "feature: two migrations");
  return { upstream, clone };
}

export default {
  name: "a branch's migrations are judged, the history's true error stays, and the merge is seen before it happens",
  async run({ page, step, log }) {
    const { upstream, clone } = makeRepositories();
    await step("open-repository", async () => {
      await page.goto(`${new URL(page.url()).origin}/?folder=${encodeURIComponent(clone)}`);
      await waitForWorkbench(page);
    });
    await step("open-problems", () => openProblems(page));
    await step("branch-findings", async () => {
      await waitForProblem(page, (t) => t.includes("drop-column"));
      await waitForProblem(page, (t) => t.includes("table-not-found") && t.includes("invoices"));
    });
    const rows = await problemRows(page);
    log(`problems: ${rows.map((r) => r.split("\n")[0]).join(" | ")}`);
    if (rows.some((r) => r.includes("add-required-column"))) throw new Error("migrations that ran long ago are judged for safety again");

    await step("migrations-view-marks-new", async () => {
      await showViewContainer(page, "Migrations");
      await waitForTreeRow(page, (t) => t.includes("f002") && t.includes("new on this branch"));
      await waitForTreeRow(page, (t) => t.includes("f001") && t.includes("new on this branch"));
    });

    // The base moves on: a teammate's revision lands upstream, and this clone fetches it.
    writeRevision(upstream, "m041", id(HISTORY), `op.create_table("tags", sa.Column("id", sa.Integer, primary_key=True))`);
    git(upstream, "add", "-A");
    git(upstream, "commit", "-q", "-m", "tags");
    git(clone, "fetch", "-q", "origin");
    await step("pre-merge-finding", async () => {
      await openProblems(page);
      await waitForProblem(page, (t) => t.includes("heads-after-merge"));
    });

    const file = join(clone, revisionFile("f001"));
    const lines = readFileSync(file, "utf8").split("\n");
    const line = lines.findIndex((t) => t.startsWith("down_revision"));
    await step("open-branch-revision", () => openFile(page, revisionFile("f001")));
    await step("cursor-on-down-revision", () => goTo(page, line + 1, lines[line].indexOf(id(HISTORY)) + 2));
    const offered = await step("apply-re-parent", () => applyQuickFix(page, (t) => t.startsWith("Re-parent onto 'm041'")));
    log(`offered: ${offered.join(" | ")}`);
    await step("pre-merge-finding-gone", () => waitForNoProblem(page, (t) => t.includes("heads-after-merge")));
    await step("saved", () => save(page));
    await waitUntil(() => readFileSync(file, "utf8").includes('down_revision = "m041"'), { what: "f001 on disk to revise m041" });
  },
};
