import { parser } from "@lezer/python";
import type { SyntaxNode } from "@lezer/common";
import type { Range } from "../model/positions";
import { LineIndex } from "../text/lineIndex";
import type { PyValue } from "../python/values";
import type { OperationBlock } from "../schema/operations";
import type { SqlDialect } from "../schema/sqlContract";
import { readMigrationOperations } from "./operations";
import type { ProjectModules } from "./operations/projectModules";
import { embeddedSqlToOperations } from "./embeddedSql";
import { bindModule } from "../python/moduleBindings";
import { readDocstring, type Docstring } from "./docstring";
import { readSuppressions, type Suppressions } from "../suppressions";
import { firstSyntaxError, type PythonSyntaxError } from "../python/syntaxError";

/** A revision id (or label) written as a string; `range` covers the text inside the quotes. */
export interface IdRef {
  readonly id: string;
  readonly range: Range;
}

/** What one of the header variables (`down_revision`, `depends_on`, `branch_labels`) holds. */
export interface HeaderValue {
  readonly refs: readonly IdRef[];
  /** Parts of the expression the analysis could not evaluate. */
  readonly unknown: readonly Range[];
  /** The unknown parts that name a constant of another module, which the workspace may read. */
  readonly symbols: readonly ImportedSymbol[];
  readonly isNone: boolean;
  /** The whole assigned expression. */
  readonly range: Range;
  /** The assignment statement, target included. */
  readonly statement: Range;
}

export interface ImportedSymbol {
  readonly module: string;
  readonly name: string;
  readonly range: Range;
}

export interface RevisionValue {
  readonly id: string | undefined;
  readonly range: Range;
  readonly statement: Range;
}

export const HEADER_NAMES = ["revision", "down_revision", "branch_labels", "depends_on"] as const;
export type HeaderName = (typeof HEADER_NAMES)[number];

export interface RevisionFile {
  readonly path: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly revision: RevisionValue | undefined;
  readonly downRevision: HeaderValue | undefined;
  readonly dependsOn: HeaderValue | undefined;
  readonly branchLabels: HeaderValue | undefined;
  readonly docstring: Docstring | undefined;
  /** The first error CPython would report; the text past it is read by lezer's recovery, not as Python reads it. */
  readonly syntaxError?: PythonSyntaxError;
  readonly suppressions: Suppressions;
  /** Defines `upgrade` or `downgrade`: a migration even if its header is broken. */
  readonly definesMigrationFunctions: boolean;
  /** Set when the file was too large to read whole: only its beginning was read. */
  readonly truncatedFrom: number | undefined;
  /** A SQL migration's name as its file (or Prisma folder) is named: the version, and the description after it. */
  readonly migrationName?: MigrationName;
  /** A SQL migration holding statements only another database takes (ClickHouse's engines, …): where the first is. */
  readonly otherDatabase?: { readonly database: string; readonly written: string; readonly range: Range };
  /** What upgrade() and downgrade() (or the .up.sql / .down.sql) do to the schema. */
  readonly upgrade?: OperationBlock;
  readonly downgrade?: OperationBlock;
}

export interface MigrationName {
  /** `20240101120000` (Prisma), `1.1` (Flyway), `000001` (golang-migrate, goose, dbmate); none for a Flyway repeatable. */
  readonly version?: string;
  /** `add_users`; Flyway's description (`add users`). */
  readonly name: string;
}

/** Past this size only the beginning of a file is read: revision headers sit at the top. */
export const MAX_PARSED_CHARS = 2_000_000;

export interface ReadOptions {
  /** The SQL dialect of literal SQL in op.execute(); when absent, operations are not read. */
  readonly dialect?: SqlDialect;
  /** The project's own modules, to read the helpers revisions import from them. */
  readonly modules?: ProjectModules;
}

/** Reads a revision file's header and operations without running it, tolerating syntax errors. */
export function readRevisionFile(path: string, fullText: string, options: ReadOptions = {}): RevisionFile {
  const truncated = fullText.length > MAX_PARSED_CHARS;
  const text = truncated ? fullText.slice(0, MAX_PARSED_CHARS) : fullText;
  const tree = parser.parse(text);
  const lines = new LineIndex(text);
  const env = new Map<string, PyValue>();
  const headers = new Map<HeaderName, { value: PyValue; statement: SyntaxNode }>();
  let definesMigrationFunctions = false;
  bindModule(
    tree.topNode,
    text,
    env,
    (binding) => {
      for (const name of binding.names) {
        if ((HEADER_NAMES as readonly string[]).includes(name)) headers.set(name as HeaderName, { value: binding.value, statement: binding.statement });
      }
    },
    (statement) => {
      const fn = statement.name === "FunctionDefinition" ? statement : statement.name === "DecoratedStatement" ? statement.getChild("FunctionDefinition") : null;
      const name = fn?.getChild("VariableName");
      if (name && ["upgrade", "downgrade"].includes(text.slice(name.from, name.to))) definesMigrationFunctions = true;
    },
  );

  const header = (name: HeaderName): HeaderValue | undefined => {
    const entry = headers.get(name);
    return entry ? toHeaderValue(entry.value, entry.statement, lines) : undefined;
  };
  const revisionEntry = headers.get("revision");
  const origin = options.modules ? { file: path, project: options.modules } : undefined;
  const operations = options.dialect ? readMigrationOperations(tree, text, lines, env, embeddedSqlToOperations, options.dialect, origin) : undefined;
  // A cut-off file ends mid-statement: its syntax errors say nothing about the real file.
  const syntaxError = truncated ? undefined : firstSyntaxError(tree, text, lines);
  return {
    path,
    text,
    lines,
    revision: revisionEntry ? toRevisionValue(revisionEntry.value, revisionEntry.statement, lines) : undefined,
    downRevision: header("down_revision"),
    dependsOn: header("depends_on"),
    branchLabels: header("branch_labels"),
    docstring: readDocstring(tree, text, lines),
    ...(syntaxError ? { syntaxError } : {}),
    suppressions: readSuppressions(tree, text, lines),
    definesMigrationFunctions,
    truncatedFrom: truncated ? fullText.length : undefined,
    upgrade: syntaxError && operations ? withUnreadRest(operations.upgrade, syntaxError) : operations?.upgrade,
    downgrade: operations?.downgrade,
  };
}

function flatten(value: PyValue): PyValue[] {
  return value.kind === "seq" ? value.items.flatMap(flatten) : [value];
}

/** The range inside a string literal's quotes (or the whole expression for anything else). */
function innerRange(value: PyValue, lines: LineIndex): Range {
  if (value.kind === "str" && value.inner) return lines.range(value.inner.from, value.inner.to);
  return lines.range(value.from, value.to);
}

function toHeaderValue(value: PyValue, statement: SyntaxNode, lines: LineIndex): HeaderValue {
  const items = flatten(value);
  return {
    refs: items.flatMap((v) => (v.kind === "str" && v.value !== "" ? [{ id: v.value, range: innerRange(v, lines) }] : [])),
    unknown: items.flatMap((v) => (v.kind === "unknown" ? [lines.range(v.from, v.to)] : [])),
    symbols: items.flatMap((v) =>
      v.kind === "unknown" && v.symbol?.name !== undefined ? [{ module: v.symbol.module, name: v.symbol.name, range: lines.range(v.from, v.to) }] : [],
    ),
    isNone: value.kind === "none" || (value.kind === "str" && value.value === "") || (value.kind === "seq" && value.items.length === 0),
    range: lines.range(value.from, value.to),
    statement: lines.range(statement.from, statement.to),
  };
}

function toRevisionValue(value: PyValue, statement: SyntaxNode, lines: LineIndex): RevisionValue {
  return {
    id: value.kind === "str" ? value.value : undefined,
    range: innerRange(value, lines),
    statement: lines.range(statement.from, statement.to),
  };
}

/** Past a syntax error the operations may be misread: the schema after this revision is not known. */
function withUnreadRest(block: OperationBlock, error: PythonSyntaxError): OperationBlock {
  const reason = `the file is not valid Python (${error.reason}): what follows the error is not read as Python would`;
  return { ...block, operations: [...block.operations, { kind: "unknown", reason, range: error.range }] };
}
