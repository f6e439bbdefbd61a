import * as path from "node:path";
import { parser } from "@lezer/python";
import type { RevisionFile } from "../../alembic/revisionFile";
import type { Fix } from "../../model/findings";
import { FILE_START } from "../../model/positions";
import type { Operation, OperationBlock } from "../../schema/operations";
import { inverseAlembicCall, inverseSql } from "./inverseOperations";

/** A downgrade made of the inverse of each upgrade operation, last first; what has no known inverse is listed in a comment. */
export function generatedDowngradeFix(file: RevisionFile, upgrade: readonly Operation[], downgrade: OperationBlock | undefined): Fix | undefined {
  // A guarded create may have done nothing: undoing it could destroy what was there before.
  const reversed = [...upgrade].reverse().filter((op) => !op.guarded && !op.objectGuarded);
  if (file.path.endsWith(".sql")) {
    const statements = reversed.map(inverseSql);
    const known = statements.filter((s): s is string => s !== undefined);
    if (known.length === 0 || !file.path.endsWith(".up.sql")) return undefined;
    const downFile = file.path.replace(/\.up\.sql$/, ".down.sql");
    const missing = statements.length - known.length;
    const text = `${missing ? `-- ${missing} statement(s) of the up migration have no known inverse: write them here.\n` : ""}${known.join("\n")}\n`;
    const exists = downgrade?.present === true && downgrade.file === downFile;
    return {
      title: `${exists ? "Write" : "Create"} ${path.basename(downFile)} with the inverse statements`,
      edits: [exists ? { file: downFile, range: FILE_START, newText: text } : { file: downFile, range: FILE_START, newText: text, createFile: true }],
    };
  }
  const calls = reversed.map((op) => ({ op, call: inverseAlembicCall(op, undefined) }));
  const known = calls.filter((c) => c.call !== undefined);
  if (known.length === 0) return undefined;
  const notReversed = calls.filter((c) => c.call === undefined).map((c) => `# Not reversed automatically: ${c.op.kind.replace(/_/g, " ")} (line ${c.op.range.start.line + 1})`);
  const body = [...notReversed, ...known.map((c) => c.call as string)];
  const title = "Generate downgrade() from the inverse of each upgrade operation";

  const tree = parser.parse(file.text);
  for (let node = tree.topNode.firstChild; node; node = node.nextSibling) {
    const fn = node.name === "DecoratedStatement" ? node.getChild("FunctionDefinition") : node.name === "FunctionDefinition" ? node : null;
    const name = fn?.getChild("VariableName");
    const block = fn?.getChild("Body");
    if (!fn || !name || !block || file.text.slice(name.from, name.to) !== "downgrade") continue;
    // Replace everything after the colon: the body is `pass` or a docstring.
    const colon = block.from + 1;
    const firstLine = file.lines.position(colon).line;
    const indent = /^[ \t]*/.exec(file.lines.lineText(firstLine + 1))?.[0] || "    ";
    const endOffset = file.text.slice(colon, block.to).trimEnd().length + colon;
    return {
      title,
      edits: [{ file: file.path, range: { start: file.lines.position(colon), end: file.lines.position(endOffset) }, newText: `\n${body.map((l) => indent + l).join("\n")}` }],
    };
  }
  const lastLine = file.lines.lineCount - 1;
  const at = { line: lastLine, character: file.lines.lineText(lastLine).length };
  const separator = file.text.endsWith("\n") ? "\n" : "\n\n";
  return { title, edits: [{ file: file.path, range: { start: at, end: at }, newText: `${separator}\ndef downgrade() -> None:\n${body.map((l) => `    ${l}`).join("\n")}\n` }] };
}
