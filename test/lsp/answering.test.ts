import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { Connection } from "vscode-languageserver";
import { Session } from "../../server/src/lsp/session";
import { hover } from "../../server/src/lsp/handlers/hover";
import { definition } from "../../server/src/lsp/handlers/definition";
import { pathToUri } from "../../server/src/lsp/uris";
import type { GitHost } from "../../server/src/core/git/gitHost";

/** Counts the analyses the session publishes; everything else it sends is dropped. */
function fakeConnection(): { connection: Connection; analyses: () => number } {
  let analyses = 0;
  const connection = {
    sendDiagnostics: async () => undefined,
    sendNotification: async () => {
      analyses++;
    },
    console: { error: () => undefined, info: () => undefined, log: () => undefined, warn: () => undefined },
  } as unknown as Connection;
  return { connection, analyses: () => analyses };
}

const NO_GIT: GitHost = { open: async () => undefined };

function revision(id: string, down: string | undefined, body: string): string {
  return `"""${id}"""\nfrom alembic import op\nimport sqlalchemy as sa\n\nrevision = '${id}'\ndown_revision = ${down ? `'${down}'` : "None"}\n\n\ndef upgrade():\n${body}\n\n\ndef downgrade():\n    pass\n`;
}

test("a request sent while an analysis is pending answers at once from the last one, with the edited file read afresh", async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "ml-answering-"));
  const versions = path.join(root, "alembic", "versions");
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(root, "alembic.ini"), "[alembic]\nscript_location = alembic\n");
  fs.writeFileSync(path.join(versions, "a1_users.py"), revision("a1", undefined, "    op.create_table('users', sa.Column('id', sa.Integer(), primary_key=True))"));
  const edited = path.join(versions, "b2_email.py");
  fs.writeFileSync(edited, revision("b2", "a1", "    op.add_column('users', sa.Column('email', sa.String()))"));

  const { connection, analyses } = fakeConnection();
  const session = new Session(connection, [root], NO_GIT);
  const first = session.current();
  const count = analyses();

  // Three lines typed above upgrade(): every position below moves down by three.
  const text = fs.readFileSync(edited, "utf8").replace("\n\ndef upgrade", "\n# one\n# two\n# three\n\ndef upgrade");
  session.host.setOpen(edited, text);
  session.documentChanged(edited);

  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes("op.add_column"));
  const answer = hover(session, { textDocument: { uri: pathToUri(edited) }, position: { line, character: lines[line]!.indexOf("'users'") + 2 } });
  assert.equal(analyses(), count, "the hover did not run the pending analysis");
  assert.equal(session.result, first, "the last analysis is still the one published");
  assert.match(JSON.stringify(answer), /users/, "the table hover reads the operation where the editor now has it");

  const downLine = lines.findIndex((l) => l.startsWith("down_revision"));
  const target = definition(session, { textDocument: { uri: pathToUri(edited) }, position: { line: downLine, character: lines[downLine]!.indexOf("a1") } });
  assert.equal(target.length, 1, "Go to Definition finds the parent from the moved down_revision");
  assert.equal(analyses(), count);

  // The pending analysis still runs (and publishes) on its own.
  await new Promise<void>((resolve) => {
    const wait = (): void => (analyses() > count ? resolve() : void setImmediate(wait));
    wait();
  });
  assert.notEqual(session.result, first);
});
