// The quick fix on the unknown-revision diagnostic replaces the typo with the closest revision id:
// the problem leaves the Problems panel and the saved file holds the corrected id.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { waitUntil } from "../util.mjs";
import { applyQuickFix, goTo, openFile, openProblems, save, waitForNoProblem, waitForProblem } from "../workbench.mjs";
import { FILE } from "./01-unknown-revision-problems.mjs";

const TYPO = "2b3c4d5e6f7";
const FIXED = "2b3c4d5e6f70";
const isUnknownRevision = (text) => text.includes("unknown-revision");

export default {
  name: "quick fix replaces the unknown revision",
  async run({ page, step, workspace, log }) {
    const path = join(workspace, FILE);
    const lines = readFileSync(path, "utf8").split("\n");
    const line = lines.findIndex((text) => text.startsWith("down_revision") && text.includes(`"${TYPO}"`));
    if (line < 0) throw new Error(`${FILE} has no down_revision = "${TYPO}" line`);
    const column = lines[line].indexOf(TYPO) + 3; // 1-based, inside the id

    await step("open-migration", () => openFile(page, FILE));
    await step("open-problems", () => openProblems(page));
    await step("problem-present", () => waitForProblem(page, isUnknownRevision));
    await step("cursor-on-typo", () => goTo(page, line + 1, column));
    const offered = await step("apply-quick-fix", () =>
      applyQuickFix(page, (text) => text.startsWith(`Replace '${TYPO}' with '${FIXED}'`)),
    );
    log(`offered: ${offered.join(" | ")}`);
    await step("problem-gone", () => waitForNoProblem(page, isUnknownRevision));
    await step("saved", () => save(page));
    await waitUntil(() => readFileSync(path, "utf8").includes(`down_revision = "${FIXED}"`), {
      what: `${FILE} on disk to contain down_revision = "${FIXED}"`,
    });
  },
};
