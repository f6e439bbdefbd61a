import type { Operation } from "../schema/operations";
import { keywordOf, lexSql, type SqlToken } from "./lexer";
import { sqlToOperations } from "./sqlToOperations";
import { unknownOp, type StatementContext } from "./statementContext";

/** PL/pgSQL's own statements: they change nothing the model follows. Any other statement is SQL, read as anywhere else. */
const PLPGSQL = new Set(["RAISE", "PERFORM", "RETURN", "NULL", "GET", "EXIT", "CONTINUE", "ASSERT", "OPEN", "FETCH", "CLOSE", "MOVE", "SELECT"]);
/** Words after which a new statement starts: an IF there opens a construct (not `IF NOT EXISTS`). */
const STATEMENT_STARTS = new Set(["BEGIN", "THEN", "ELSE", "LOOP", "DECLARE", "EXCEPTION"]);
/** What may follow END: the construct it closes, or the block's label. */
const OPENER_WORDS = new Set(["IF", "LOOP", "CASE"]);
const LOOPS = new Set(["LOOP", "FOR", "WHILE", "FOREACH"]);

/**
 * The DDL inside `DO $$ … $$` (PL/pgSQL): its plain statements are read as any SQL is. Under IF
 * they may not run (conditional); a block with an EXCEPTION handler swallows their errors
 * (guarded, as IF NOT EXISTS is); `EXECUTE` of a string built at run time and the bodies of
 * loops are unknown, said once each, never guessed.
 */
export function doBlockOperations(ctx: StatementContext, start: number, end: number): Operation[] | undefined {
  // DO [LANGUAGE name] 'body' [LANGUAGE name]: read from tokens (the parser takes only the first order).
  const tokens = lexSql(ctx.sql, "postgresql", start, end).filter((t) => t.kind !== "comment" && !(t.kind === "punct" && ctx.sql.slice(t.start, t.end) === ";"));
  if (keywordOf(ctx.sql, tokens[0]) !== "DO") return undefined;
  let language = "plpgsql";
  let body: SqlToken | undefined;
  for (let i = 1; i < tokens.length; i++) {
    const token = tokens[i] as SqlToken;
    if (keywordOf(ctx.sql, token) === "LANGUAGE" && tokens[i + 1]) language = ctx.sql.slice(tokens[i + 1]?.start, tokens[++i]?.end).replace(/"/g, "").toLowerCase();
    else if (token.kind === "string" && !body) body = token;
    else return undefined;
  }
  if (!body) return undefined;
  const [from, to] = [body.start, body.end];
  const tag = /^\$[A-Za-z_0-9]*\$/.exec(ctx.sql.slice(from, to))?.[0];
  if (language !== "plpgsql" || !tag) return [unknownOp(ctx, "DO is not modelled: the code it runs is not read")];
  const reader = new BlockReader(ctx, from + tag.length, to - tag.length);
  const operations = reader.block(0, { conditional: false, guarded: false });
  return operations ?? [unknownOp(ctx, "DO is not modelled: its PL/pgSQL block could not be read")];
}

interface Flags {
  readonly conditional: boolean;
  readonly guarded: boolean;
}

class BlockReader {
  private readonly tokens: SqlToken[];
  private readonly text: string;

  constructor(
    private readonly ctx: StatementContext,
    start: number,
    end: number,
  ) {
    this.text = ctx.sql;
    this.tokens = lexSql(ctx.sql, "postgresql", start, end).filter((t) => t.kind !== "comment");
  }

  private word(i: number): string | undefined {
    return keywordOf(this.text, this.tokens[i]);
  }

  private punct(i: number, char: string): boolean {
    const t = this.tokens[i];
    return t?.kind === "punct" && this.text.slice(t.start, t.end) === char;
  }

  /** Whether token i starts a statement (so an IF there is the IF statement, not `IF NOT EXISTS`). */
  private startsStatement(i: number): boolean {
    if (i === 0 || this.punct(i - 1, ";") || this.punct(i - 1, ">")) return true;
    const previous = this.word(i - 1);
    return previous !== undefined && STATEMENT_STARTS.has(previous);
  }

  /** An opener of a construct closed by END: IF and CASE only where a statement starts, LOOP and BEGIN anywhere. */
  private opens(i: number): boolean {
    const word = this.word(i);
    if (word === "IF" || word === "CASE") return word === "CASE" || this.startsStatement(i);
    return word === "LOOP" || word === "BEGIN";
  }

  /** A `<<label>>` before a block or loop: skipped. */
  private label(i: number): number {
    return this.punct(i, "<") && this.punct(i + 1, "<") && this.tokens[i + 2]?.kind === "word" && this.punct(i + 3, ">") && this.punct(i + 4, ">") ? i + 5 : i;
  }

  /** `[DECLARE …] BEGIN statements [EXCEPTION handlers] END`, from token i; undefined when it is not that shape. */
  block(i: number, flags: Flags, out: Operation[] = [], next?: { at: number }): Operation[] | undefined {
    i = this.label(i);
    if (this.word(i) === "DECLARE") {
      while (i < this.tokens.length && this.word(i) !== "BEGIN") i++;
    }
    if (this.word(i) !== "BEGIN") return undefined;
    // An EXCEPTION handler catches what the block's statements raise: they are guarded.
    const handled = this.hasHandler(i + 1);
    const inner = { conditional: flags.conditional, guarded: flags.guarded || handled };
    const end = this.statements(i + 1, inner, out, new Set(["EXCEPTION", "END"]));
    if (end === undefined) return undefined;
    let j = end;
    // The EXCEPTION section runs only on an error: up to the END that closes the block.
    if (this.word(j) === "EXCEPTION") j = this.levelEnd(j + 1);
    if (this.word(j) !== "END") return undefined;
    j++;
    // END may name the block's label.
    if (this.word(j) !== undefined && !OPENER_WORDS.has(this.word(j) as string)) j++;
    if (this.punct(j, ";")) j++;
    if (next) next.at = j;
    // The outermost block is the whole body: anything after its END was not understood.
    else if (j < this.tokens.length) return undefined;
    return out;
  }

  /** Reads statements until a word of `until` at this level; returns where it stopped. */
  private statements(i: number, flags: Flags, out: Operation[], until: ReadonlySet<string>): number | undefined {
    while (i < this.tokens.length) {
      i = this.label(i);
      const word = this.word(i);
      if (word !== undefined && until.has(word)) return i;
      if (word === "IF") {
        const after = this.ifStatement(i, out);
        if (after === undefined) return undefined;
        // A RETURN or EXIT under the IF may end the block there: what follows may not run.
        if (this.endsEarly(i, after)) flags = { conditional: true, guarded: true };
        i = after;
      } else if (word === "BEGIN" || word === "DECLARE") {
        const next = { at: i };
        if (!this.block(i, flags, out, next)) return undefined;
        i = next.at;
      } else if (word !== undefined && (LOOPS.has(word) || word === "CASE")) {
        const end = this.skipConstruct(i);
        out.push(this.unknown(i, end, word === "CASE" ? "statements under a PL/pgSQL CASE are not read" : "statements in a PL/pgSQL loop are not read", flags));
        i = end;
      } else {
        const end = this.statementEnd(i);
        if (word === "EXECUTE") out.push(this.unknown(i, end, "EXECUTE of a string built at run time is not read", flags));
        else if (word !== undefined && !PLPGSQL.has(word) && !this.assignment(i)) out.push(...this.read(i, end, flags));
        i = end;
      }
    }
    return undefined;
  }

  /** `x := …` or `x = …`: a variable assignment. */
  private assignment(i: number): boolean {
    return (this.punct(i + 1, ":") && this.punct(i + 2, "=")) || (this.tokens[i]?.kind === "word" && this.punct(i + 1, "=") && !this.punct(i + 2, "="));
  }

  /** Whether a RETURN or EXIT stands between tokens from and to. */
  private endsEarly(from: number, to: number): boolean {
    for (let j = from; j < to; j++) if ((this.word(j) === "RETURN" || this.word(j) === "EXIT") && this.startsStatement(j)) return true;
    return false;
  }

  /** IF cond THEN … [ELSIF cond THEN …] [ELSE …] END IF; every branch may not run. */
  private ifStatement(i: number, out: Operation[]): number | undefined {
    const branch = { conditional: true, guarded: true };
    let j = i;
    for (;;) {
      while (j < this.tokens.length && this.word(j) !== "THEN") j++;
      const end = this.statements(j + 1, branch, out, new Set(["ELSIF", "ELSEIF", "ELSE", "END"]));
      if (end === undefined) return undefined;
      j = end;
      if (this.word(j) === "END") break;
      if (this.word(j) === "ELSE") {
        const last = this.statements(j + 1, branch, out, new Set(["END"]));
        if (last === undefined) return undefined;
        j = last;
        break;
      }
      j++;
    }
    if (this.word(j + 1) !== "IF") return undefined;
    j += 2;
    return this.punct(j, ";") ? j + 1 : j;
  }

  /**
   * The END that closes the level token i stands in (nested IF / LOOP / CASE / BEGIN … END
   * passed over), or the first token of that level `stop` accepts; the token count when none.
   */
  private levelEnd(i: number, stop?: (j: number) => boolean): number {
    let depth = 0;
    for (let j = i; j < this.tokens.length; j++) {
      if (this.word(j) === "END") {
        if (depth === 0) return j;
        depth--;
        if (OPENER_WORDS.has(this.word(j + 1) ?? "")) j++;
      } else if (this.opens(j)) depth++;
      else if (depth === 0 && stop?.(j)) return j;
    }
    return this.tokens.length;
  }

  /** Whether the block that starts here has an EXCEPTION section at its own level (RAISE EXCEPTION is none). */
  private hasHandler(i: number): boolean {
    const at = this.levelEnd(i, (j) => this.word(j) === "EXCEPTION" && this.word(j - 1) !== "RAISE");
    return this.word(at) === "EXCEPTION";
  }

  /** From a construct (LOOP, FOR … LOOP, CASE) past its END …; and the label END may name. */
  private skipConstruct(i: number): number {
    let opener = i;
    while (opener < this.tokens.length && !this.opens(opener) && this.word(opener) !== "END") opener++;
    const end = this.word(opener) === "END" ? opener : this.levelEnd(opener + 1);
    let k = OPENER_WORDS.has(this.word(end + 1) ?? "") ? end + 2 : end + 1;
    if (this.word(k) !== undefined && this.punct(k + 1, ";")) k++;
    return this.punct(k, ";") ? k + 1 : k;
  }

  /** Past the `;` that ends a simple statement (parentheses balanced). */
  private statementEnd(i: number): number {
    let depth = 0;
    for (let j = i; j < this.tokens.length; j++) {
      if (this.punct(j, "(")) depth++;
      else if (this.punct(j, ")")) depth--;
      else if (depth === 0 && this.punct(j, ";")) return j + 1;
    }
    return this.tokens.length;
  }

  private span(i: number, end: number): [number, number] {
    const first = this.tokens[i];
    const last = this.tokens[Math.max(i, end - 1)];
    return [first?.start ?? 0, last?.end ?? first?.end ?? 0];
  }

  /** A plain statement, read by the SQL reader with its place in the file. */
  private read(i: number, end: number, flags: Flags): Operation[] {
    const [from, to] = this.span(i, end);
    const { operations, problems } = sqlToOperations(this.text.slice(from, to), { dialect: "postgresql", at: (f, t) => this.ctx.at(from + f, from + t) });
    if (problems.length > 0 && operations.length === 0) return [this.unknown(i, end, "a statement inside the DO block could not be read", flags)];
    return operations.map((op) => ({ ...op, ...(flags.guarded ? { guarded: true } : {}), ...(flags.conditional ? { conditional: true } : {}) }));
  }

  private unknown(i: number, end: number, reason: string, flags: Flags): Operation {
    const [from, to] = this.span(i, end);
    return { kind: "unknown", reason, range: this.ctx.at(from, to), ...(flags.conditional ? { conditional: true, guarded: true } : {}) };
  }
}
