import type { Tree } from "@lezer/common";
import type { Range } from "../model/positions";
import type { LineIndex } from "../text/lineIndex";
import { readStringLiteral } from "../python/stringLiteral";

export interface DocstringField {
  readonly value: string;
  /** The value's span on its line (empty at the end of the line when the value is empty). */
  readonly range: Range;
}

/** The module docstring as Alembic's template writes it. Informational only: never drives the graph. */
export interface Docstring {
  readonly message: string;
  readonly revisionId: DocstringField | undefined;
  readonly revises: (DocstringField & { readonly ids: readonly string[] }) | undefined;
  readonly createDate: string | undefined;
}

export function readDocstring(tree: Tree, text: string, lines: LineIndex): Docstring | undefined {
  let first = tree.topNode.firstChild;
  while (first && first.name === "Comment") first = first.nextSibling;
  const stringNode = first?.name === "ExpressionStatement" ? first.firstChild : null;
  if (!stringNode || stringNode.name !== "String" || stringNode.nextSibling) return undefined;
  const literal = readStringLiteral(text.slice(stringNode.from, stringNode.to));
  if (!literal || literal.isBytes || literal.isFormat) return undefined;

  const bodyStart = stringNode.from + literal.bodyOffset;
  let message: string | undefined;
  let revisionId: DocstringField | undefined;
  let revises: Docstring["revises"];
  let createDate: string | undefined;
  let lineStart = 0;
  for (const line of literal.body.split("\n")) {
    const field = /^\s*(Revision ID|Revises|Create Date):[ \t]*/.exec(line);
    if (field) {
      const value = line.slice(field[0].length).replace(/\s+$/, "");
      const from = bodyStart + lineStart + field[0].length;
      const entry = { value, range: lines.range(from, from + value.length) };
      if (field[1] === "Revision ID") revisionId = entry;
      else if (field[1] === "Revises") revises = { ...entry, ids: splitIds(value) };
      else createDate = value;
    } else if (message === undefined && line.trim() !== "") {
      message = line.trim();
    }
    lineStart += line.length + 1;
  }
  return { message: message ?? "", revisionId, revises, createDate };
}

function splitIds(value: string): string[] {
  return value
    .split(/[\s,()'"]+/)
    .filter((id) => id !== "" && id !== "None");
}
