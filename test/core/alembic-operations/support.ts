import { parser } from "@lezer/python";
import type { PyValue } from "../../../server/src/core/python/values";
import { bindModule } from "../../../server/src/core/python/moduleBindings";
import { LineIndex } from "../../../server/src/core/text/lineIndex";
import type { Operation } from "../../../server/src/core/schema/operations";
import type { SqlDialect, SqlToOperations } from "../../../server/src/core/schema/sqlContract";
import { readMigrationOperations, type MigrationOperations } from "../../../server/src/core/alembic/operations";

/**
 * A stand-in for the SQL reader: each `;`-separated statement becomes a data_change (or, for
 * `CREATE INDEX`, a create_index) whose range is the statement, and `BROKEN` is a syntax error.
 * It records what it was given so that tests can check the SQL and the offsets.
 */
export function fakeSql(): { sql: SqlToOperations; calls: { text: string; dialect: SqlDialect }[] } {
  const calls: { text: string; dialect: SqlDialect }[] = [];
  const sql: SqlToOperations = (text, { dialect, at }) => {
    calls.push({ text, dialect });
    const operations: Operation[] = [];
    const problems: { rule: "sql-syntax-error"; range: ReturnType<typeof at>; message: string }[] = [];
    let offset = 0;
    for (const part of text.split(";")) {
      const start = offset + (part.length - part.trimStart().length);
      const end = offset + part.trimEnd().length;
      offset += part.length + 1;
      const statement = part.trim();
      if (!statement) continue;
      const range = at(start, end);
      if (statement === "BROKEN") problems.push({ rule: "sql-syntax-error", range, message: "bad" });
      else if (/^create index/i.test(statement)) operations.push({ kind: "create_index", table: { name: statement.split(/\s+/).pop() ?? "" }, columns: [], unique: false, concurrently: /concurrently/i.test(statement), range });
      else operations.push({ kind: "data_change", statement: "update", range });
    }
    return { operations, problems };
  };
  return { sql, calls };
}

export function read(text: string, options: { dialect?: SqlDialect; sql?: SqlToOperations } = {}): MigrationOperations {
  const tree = parser.parse(text);
  const env = new Map<string, PyValue>();
  bindModule(tree.topNode, text, env);
  return readMigrationOperations(tree, text, new LineIndex(text), env, options.sql ?? fakeSql().sql, options.dialect ?? "postgresql");
}

/** The operations of upgrade() without their positions, for comparing what they say. */
export function upgradeOps(text: string, options: { dialect?: SqlDialect; sql?: SqlToOperations } = {}): unknown[] {
  return read(text, options).upgrade.operations.map(strip);
}

export function strip(operation: Operation): unknown {
  const { range: _range, nameRange: _nameRange, ...rest } = operation;
  return rest;
}

/** The text a range covers. */
export function slice(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
}

/** Migration source from an indented template literal. */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ""), "");
  const lines = raw.replace(/^\n/, "").split("\n");
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join("\n");
}
