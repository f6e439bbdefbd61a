import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateHistory, writeProject } from "../../scripts/benchHistory";
import { CAPABILITIES, DEFAULT_ANSWERS, LspClient } from "../support/lspClient";

/** Long enough that replaying it from its first revision takes well over the 300 ms before progress shows (4,000 replay in about 0.4 s here). */
const REVISIONS = 8000;
const WAIT_LIMIT_MS = 60_000;

test("a long analysis runs in pieces: a hover is answered in the middle of it, progress is shown, and a new edit drops it for a newer one", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-pieces-"));
  const files = writeProject(root, generateHistory(REVISIONS, 0x5eed));
  const rootUri = `file://${root}`;
  const client = await LspClient.start(root, {
    initialize: () => ({ rootUri, workspaceFolders: [{ uri: rootUri, name: "pieces" }], capabilities: { ...CAPABILITIES, window: { workDoneProgress: true } } }),
    answers: { ...DEFAULT_ANSWERS, "window/workDoneProgress/create": () => null },
  });
  // What the server sent, in order: progress begin/end, finished analyses (with their error count), hover answers.
  const events: string[] = [];
  const waiters = new Set<() => void>();
  const note = (event: string): void => {
    events.push(event);
    for (const wake of [...waiters]) wake();
  };
  const next = (prefix: string | readonly string[], from: number): Promise<number> =>
    new Promise((resolve, reject) => {
      const deadline = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no '${prefix}' after event ${from}: ${events.slice(from).join(", ")}`));
      }, WAIT_LIMIT_MS);
      const check = (): void => {
        const at = events.findIndex((e, i) => i >= from && [prefix].flat().some((p) => e.startsWith(p)));
        if (at < 0) return;
        clearTimeout(deadline);
        waiters.delete(check);
        resolve(at);
      };
      waiters.add(check);
      check();
    });
  client.connection.onNotification("$/progress", (params: { value: { kind: string } }) => note(params.value.kind));
  client.connection.onNotification("migrationLens/analysisChanged", (summary: { errors: number }) => note(`analysed ${summary.errors}`));
  try {
    await next("analysed", 0);
    const first = files[0]!;
    const uri = `file://${first}`;
    const text = fs.readFileSync(first, "utf8");
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "python", version: 1, text } });

    // An edit in the first revision replays the whole history.
    const mark = events.length;
    const added = text.replace("def upgrade() -> None:\n", "def upgrade() -> None:\n    op.add_column('bench_edits', sa.Column('early', sa.Integer(), nullable=True))\n");
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: 2 }, contentChanges: [{ text: added }] });
    const begun = await next("begin", mark);
    const lines = added.split("\n");
    const line = lines.findIndex((l) => l.startsWith("revision: str = '"));
    const answer = (await client.connection.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character: lines[line]!.indexOf("'") + 2 } })) as { contents: { value: string } } | null;
    note("hover");
    assert.ok(answer?.contents.value, "the hover describes the revision");
    const analysed = await next("analysed", mark);
    const hovered = events.indexOf("hover", mark);
    assert.ok(begun < hovered && hovered < analysed, `the hover was answered while the analysis ran: ${events.slice(mark).join(", ")}`);
    assert.ok(events.indexOf("end", begun) < analysed, "the progress ends before the analysis is published");

    // A second edit while an analysis runs: that analysis is dropped, and the first one published
    // after the server has read the edit has the new text. The edit is sent when the analysis's
    // progress begins, but the analysis may end before it shows progress, or before the server
    // reads the edit (a hover sent after the edit tells: the server reads messages in order):
    // then the pair of edits is tried again.
    const before = Number(events[analysed]!.split(" ")[1]);
    const broken = added.replace("down_revision: Union[str, Sequence[str], None] = None", "down_revision: Union[str, Sequence[str], None] = 'nowhere'");
    assert.notEqual(broken, added);
    let version = 2;
    const hoverAt = { textDocument: { uri }, position: { line, character: lines[line]!.indexOf("'") + 2 } };
    for (let attempt = 1; ; attempt++) {
      const again = events.length;
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ text: added.replace("# revision identifiers", "\n".repeat(attempt) + "# revision identifiers") }] });
      if (events[await next(["begin", "analysed"], again)]!.startsWith("analysed") && attempt < 5) continue;
      await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ text: broken }] });
      await client.connection.sendRequest("textDocument/hover", hoverAt);
      note("read");
      const published = await next("analysed", again);
      if (published < events.indexOf("read", again) && attempt < 5) {
        // The analysis ended before the server read the edit: back to the text without the error.
        await next("analysed", events.indexOf("read", again));
        const reset = events.length;
        await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version: ++version }, contentChanges: [{ text: added }] });
        await next("analysed", reset);
        continue;
      }
      assert.ok(Number(events[published]!.split(" ")[1]) > before, `the first analysis published after the new edit includes it (unknown-revision): ${events.slice(again).join(", ")}`);
      break;
    }
  } finally {
    await client.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
});
