import type { SqlDialect } from "../schema/sqlContract";
import { isSpace, keywordOf, readToken, type SqlToken } from "./lexer";

export interface SqlStatement {
  /** From the first token to the end of the last one: leading comments and the delimiter are not part of it. */
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** A string, quoted name or comment in it never ends: it runs to the end of the text. */
  readonly unterminated?: boolean;
}

/**
 * Splits SQL text into statements at `;` outside quotes and comments. Also understood: the
 * `DELIMITER` command of the MySQL client (and of script runners), goose and sql-migrate
 * `-- +goose StatementBegin` / `StatementEnd` markers, psql's backslash commands, pg_dump's
 * COPY data, and `BEGIN … END` bodies of CREATE TRIGGER / PROCEDURE /
 * FUNCTION (SQLite and MySQL triggers, PostgreSQL `BEGIN ATOMIC`), whose inner `;` do not end
 * the statement.
 */
export function splitSqlStatements(text: string, dialect: SqlDialect): SqlStatement[] {
  const statements: SqlStatement[] = [];
  let delimiter = ";";
  let current: SqlToken[] = [];
  let unterminated = false;
  let blockDepth = 0;
  // Between goose / sql-migrate `StatementBegin` and `StatementEnd` markers, `;` ends nothing.
  let grouped = false;

  const finish = (): void => {
    const first = current[0];
    const last = current[current.length - 1];
    if (first && last) statements.push({ start: first.start, end: last.end, text: text.slice(first.start, last.end), ...(unterminated ? { unterminated } : {}) });
    current = [];
    unterminated = false;
    blockDepth = 0;
  };

  let pos = 0;
  for (;;) {
    while (pos < text.length && isSpace(text.charCodeAt(pos))) pos++;
    if (pos >= text.length) break;
    if (delimiter !== ";" && text.startsWith(delimiter, pos)) {
      finish();
      pos += delimiter.length;
      continue;
    }
    const token = readToken(text, pos, dialect);
    if (!token) break;
    pos = token.end;
    if (token.kind === "comment") {
      const marker = statementMarker(text.slice(token.start, token.end));
      if (marker === "begin") grouped = true;
      else if (marker === "end" && grouped) {
        grouped = false;
        finish();
      }
      // A comment that never ends hides the rest of the file: keep it as a statement of its own.
      if (token.unterminated && current.length === 0) {
        current.push(token);
        unterminated = true;
      }
      continue;
    }
    if (token.unterminated) unterminated = true;

    // psql meta-commands (`\connect db`, pg_dump's `\restrict key`) run to the end of their line.
    if (current.length === 0 && dialect === "postgresql" && token.kind === "punct" && text[token.start] === "\\") {
      pos = endOfLine(text, pos);
      continue;
    }
    const word = keywordOf(text, token);
    // A client command (mysql, and script runners for other databases too); no SQL statement starts with it.
    if (current.length === 0 && word === "DELIMITER") {
      const lineEnd = endOfLine(text, pos);
      const value = text.slice(pos, lineEnd).trim();
      if (value) delimiter = value;
      pos = lineEnd;
      continue;
    }
    if (delimiter === ";" && token.kind === "punct" && text[token.start] === ";" && blockDepth === 0 && !grouped) {
      const copyData = isCopyFromStdin(text, current);
      finish();
      // pg_dump's `COPY … FROM stdin;` is followed by rows of data up to a line `\.`: no SQL in them.
      if (copyData) pos = endOfCopyData(text, pos);
      continue;
    }
    current.push(token);
    if (word && (blockDepth > 0 || (word === "BEGIN" && isRoutine(text, current)))) blockDepth = nextBlockDepth(text, word, blockDepth, pos, dialect);
  }
  finish();
  return statements;
}

const ROUTINES = new Set(["TRIGGER", "FUNCTION", "PROCEDURE", "EVENT"]);

/** CREATE [OR REPLACE] [DEFINER=…] TRIGGER / FUNCTION / PROCEDURE: a column named `begin` opens no body. */
function isRoutine(text: string, tokens: readonly SqlToken[]): boolean {
  if (keywordOf(text, tokens[0]) !== "CREATE") return false;
  return tokens.slice(1, 12).some((t) => ROUTINES.has(keywordOf(text, t) ?? ""));
}

/** BEGIN opens a body; CASE nests inside one; END closes either, except `END IF` / `END LOOP` …, which close blocks not counted. */
function nextBlockDepth(text: string, word: string, depth: number, after: number, dialect: SqlDialect): number {
  if (word === "BEGIN") return depth + 1;
  if (word === "CASE" && depth > 0) return depth + 1;
  if (word === "END" && depth > 0) {
    const following = keywordOf(text, readToken(text, after, dialect));
    return following === "IF" || following === "LOOP" || following === "WHILE" || following === "REPEAT" ? depth : depth - 1;
  }
  return depth;
}

function endOfLine(text: string, pos: number): number {
  let end = pos;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
  return end;
}

function statementMarker(comment: string): "begin" | "end" | undefined {
  const text = comment.trim().toLowerCase();
  if (text === "-- +goose statementbegin" || text === "-- +migrate statementbegin") return "begin";
  if (text === "-- +goose statementend" || text === "-- +migrate statementend") return "end";
  return undefined;
}

function isCopyFromStdin(text: string, tokens: readonly SqlToken[]): boolean {
  if (keywordOf(text, tokens[0]) !== "COPY") return false;
  return tokens.some((t, i) => keywordOf(text, t) === "STDIN" && keywordOf(text, tokens[i - 1]) === "FROM");
}

function endOfCopyData(text: string, pos: number): number {
  for (let line = endOfLine(text, pos) + 1; line < text.length; line = endOfLine(text, line) + 1) {
    const end = endOfLine(text, line);
    if (text.slice(line, end).trim() === "\\.") return end;
  }
  return text.length;
}
