// The injection grammar: the SQL string of op.execute("...") is coloured as SQL (its keyword takes
// a different colour from the Python strings around it), in the real editor.
import { openFile } from "../workbench.mjs";
import { waitUntil } from "../util.mjs";
import { BRANCH_FILE } from "./03-tree-view-heads.mjs";

export default {
  name: "SQL inside op.execute is highlighted as SQL",
  async run({ page, step, log }) {
    await step("open-file-with-op-execute", () => openFile(page, BRANCH_FILE));
    const colours = await step("sql-coloured", () =>
      waitUntil(async () => {
        const spans = await page.locator(".editor-group-container.active .view-lines span span").evaluateAll((els) =>
          els.map((el) => ({ text: el.textContent ?? "", colour: getComputedStyle(el).color })),
        );
        const keyword = spans.find((s) => s.text.trim() === "CREATE");
        const pyString = spans.find((s) => s.text.includes('"tags"'));
        const quote = spans.find((s, i) => s.text === '"' && spans[i + 1]?.text.trim() === "CREATE");
        return keyword && pyString && keyword.colour !== pyString.colour ? { keyword, pyString, quote } : undefined;
      }, { what: "CREATE inside op.execute(...) to be coloured unlike a Python string" }),
    );
    log(`CREATE ${colours.keyword.colour}, "tags" ${colours.pyString.colour}, opening quote ${colours.quote?.colour ?? "?"}`);
  },
};
