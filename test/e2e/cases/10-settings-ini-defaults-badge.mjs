// A second folder, opened in the same window: an alembic.ini that repeats script_location in
// [DEFAULT] (one set, two heads, not three), with an info and a problem in .migration-lens.toml
// beside the revision files. The Migrations badge shows what the Problems panel counts, and the
// migrationLens.include / exclude settings in .vscode/settings.json (globs from the workspace
// folder) change what is analysed at once. The window goes back to the blog folder at the end.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { waitUntil } from "../util.mjs";
import { compositeBadge, openProblems, showViewContainer, waitForNoProblem, waitForProblem, waitForStatusBar, waitForTreeRow, waitForWorkbench } from "../workbench.mjs";

const STATUS = `"""add order status

Revises: 3d4c5b6a7f8e
"""
revision = '2e3d4c5b6a7f'
down_revision = '1f2e3d4c5b6a'
`;

/** Waits until the Migrations badge and the Problems badge both show `total`; returns the badge's label. */
async function badgesAgreeOn(page, total) {
  const both = async () => ({ migrations: await compositeBadge(page, "Migrations"), problems: await compositeBadge(page, "Problems") });
  const seen = await waitUntil(async () => {
    const b = await both();
    return b.migrations?.count === total && b.problems?.count === total ? b : undefined;
  }, { what: `the Migrations and Problems badges to show ${total}`, describe: async () => JSON.stringify(await both()) });
  return seen.migrations.label;
}

function writeSettings(folder, settings) {
  mkdirSync(join(folder, ".vscode"), { recursive: true });
  writeFileSync(join(folder, ".vscode", "settings.json"), JSON.stringify(settings, null, 2));
}

export default {
  name: "[DEFAULT] alembic.ini heads, the badge agrees with the Problems panel, include/exclude settings apply",
  async run({ page, step, workspace, repo, log }) {
    const folder = join(dirname(workspace), "shop");
    cpSync(join(repo, "test/fixtures/alembic/ini-default-section"), folder, { recursive: true });
    rmSync(join(folder, "expected.txt"));
    writeFileSync(join(folder, "migrations/versions/2e3d4c5b6a7f_add_order_status.py"), STATUS);
    writeFileSync(join(folder, ".migration-lens.toml"), 'dialect = "oracle"\n');
    const origin = new URL(page.url()).origin;

    await step("open-shop", async () => {
      await page.goto(`${origin}/?folder=${encodeURIComponent(folder)}`);
      await waitForWorkbench(page);
      await showViewContainer(page, "Migrations");
      await openProblems(page);
      await waitForStatusBar(page, /\b2 heads\b/);
    });
    // Two multiple-heads errors, the stale docstring's info and the config file's error.
    const label = await step("badge-equals-problems", async () => {
      await waitForProblem(page, (text) => text.includes("multiple-heads") || text.includes("Multiple heads"));
      // The set's row counts the config file's error too.
      await waitForTreeRow(page, (text) => text.includes("migrations") && text.includes("3 errors"), { what: "the set row with 3 errors" });
      return badgesAgreeOn(page, 4);
    });
    log(`badge: ${label}`);
    const tooltip = "4 Migration Lens problems in the Problems panel: 3 errors, 0 warnings, 1 info";
    if (!label.includes(tooltip)) throw new Error(`the badge tooltip does not say what it counts: ${label}`);

    await step("exclude-plugins", async () => {
      writeSettings(folder, { "migrationLens.exclude": ["plugins/**"] });
      await waitForStatusBar(page, /\b1 head\b/);
      await waitForNoProblem(page, (text) => text.includes("Multiple heads"));
      await badgesAgreeOn(page, 2);
    });

    await step("include-base-and-plugin", async () => {
      writeSettings(folder, { "migrationLens.include": ["migrations/versions/1f2e*", "plugins/**"] });
      // 2e3d is left out (its info with it); the plugin's revision is the one head.
      await waitForNoProblem(page, (text) => text.includes("stale-revises-docstring") || text.includes("Docstring says"));
      await waitForStatusBar(page, /\b1 head\b/);
      await badgesAgreeOn(page, 1);
    });

    await page.goto(`${origin}/?folder=${encodeURIComponent(workspace)}`);
    await waitForWorkbench(page);
  },
};
