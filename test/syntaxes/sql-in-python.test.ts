import { test } from "node:test";
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as oniguruma from "vscode-oniguruma";
import * as vsctm from "vscode-textmate";

/**
 * The SQL injection grammar (syntaxes/sql-in-python.injection.tmLanguage.json) tokenized by
 * vscode-textmate with VS Code's own Python (MagicPython) and SQL grammars, taken from the
 * code-server install of the end-to-end suite (installed here when missing). Each sample's tokens
 * and scopes are a snapshot in test/syntaxes/snapshots/; UPDATE_SNAPSHOTS=1 rewrites them.
 */

const REPO = path.resolve(__dirname, "../..");
const SNAPSHOTS = path.join(__dirname, "snapshots");
const INJECTION = "migration-lens.sql-in-python.injection";
const EMBEDDED = "meta.embedded.sql.migration-lens";

const SAMPLES: Record<string, string> = {
  "op-execute-double": `op.execute("DROP TABLE users")`,
  "op-execute-single-escaped": `op.execute('UPDATE users SET name = \\'x\\' WHERE id = 1')`,
  "op-execute-sa-text": `op.execute(sa.text("SELECT id FROM users WHERE email = :email"))`,
  "sa-text": `stmt = sa.text("DELETE FROM posts WHERE id = :id")`,
  "text-raw": `query = text(r"SELECT * FROM t WHERE a ~ '\\d+'")`,
  "conn-execute-text-unicode": `conn.execute(text(u"INSERT INTO users (email) VALUES ('a@b.c')"), {"email": "x"})`,
  "triple-double-multiline": [
    "op.execute(",
    '    """',
    "    CREATE INDEX ix_users_email ON users (email);",
    "    -- lower-case every address first",
    "    UPDATE users SET email = lower(email);",
    '    """',
    ")",
  ].join("\n"),
  "nested-multiline-sa-text": [
    "op.execute(",
    "    sa.text(",
    '        "UPDATE posts SET slug = lower(title) "',
    '        "WHERE slug IS NULL"',
    "    ).bindparams(),",
    ")",
  ].join("\n"),
  "escaped-double-quotes": `op.execute("ALTER TABLE \\"user\\" ADD COLUMN age integer")`,
  "triple-single": `op.execute('''ALTER TABLE posts ADD COLUMN slug varchar(200)''')`,
  "raw-triple": `op.execute(r"""SELECT '\\n' AS newline""")`,
  "get-bind-execute": `op.get_bind().execute(sa.text("SELECT count(*) FROM users"))`,
  "exec-driver-sql": `connection.exec_driver_sql("VACUUM ANALYZE users")`,
  "comment-stops-at-quote": `op.execute("SELECT 1 -- why")  # done`,
  "not-sql-print": `print("DROP TABLE users")`,
  "not-sql-add-column": `op.add_column("posts", sa.Column("slug", sa.String(200), nullable=True))`,
  "not-sql-method-text": `label = widget.text("SELECT 1")`,
  "not-sql-comment": `# op.execute("DROP TABLE users")`,
  "not-sql-fstring": `op.execute(f"DROP TABLE {name}")`,
  "docstring-untouched": [`def upgrade() -> None:`, `    """op.execute("DROP TABLE users")"""`, `    op.execute("DROP TABLE users")`].join("\n"),
};

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let grammarPromise: Promise<vsctm.IGrammar> | undefined;

function extensionsDir(): string {
  const host = process.env["VSCODE_HOST_DIR"] ?? path.join(REPO, ".cache/vscode-host");
  return path.join(host, "node_modules/code-server/lib/vscode/extensions");
}

/** VS Code's grammars come with code-server; install it (as the e2e suite does) when missing. */
function builtinGrammar(relative: string): string {
  let file = path.join(extensionsDir(), relative);
  if (!fs.existsSync(file)) {
    execFileSync("bash", [path.join(REPO, "scripts/vscode-host.sh")], { cwd: REPO, stdio: ["ignore", "ignore", "inherit"] });
    file = path.join(extensionsDir(), relative);
  }
  return file;
}

function loadGrammar(): Promise<vsctm.IGrammar> {
  grammarPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const files: Record<string, string> = {
      "source.python": builtinGrammar("python/syntaxes/MagicPython.tmLanguage.json"),
      "source.regexp.python": builtinGrammar("python/syntaxes/MagicRegExp.tmLanguage.json"),
      "source.sql": builtinGrammar("sql/syntaxes/sql.tmLanguage.json"),
      [INJECTION]: path.join(REPO, "syntaxes/sql-in-python.injection.tmLanguage.json"),
    };
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
        createOnigString: (text: string) => new oniguruma.OnigString(text),
      }),
      loadGrammar: async (scopeName: string) => {
        const file = files[scopeName];
        return file ? vsctm.parseRawGrammar(fs.readFileSync(file, "utf8"), file) : null;
      },
      getInjections: (scopeName: string) => (scopeName === "source.python" ? [INJECTION] : undefined),
    });
    const grammar = await registry.loadGrammar("source.python");
    if (!grammar) throw new Error("source.python did not load");
    return grammar;
  })();
  return grammarPromise;
}

async function tokenize(source: string): Promise<Token[][]> {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return source.split("\n").map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.slice(1) }));
  });
}

/** Each line, then each of its tokens with its scopes (the root source.python left out). */
function render(source: string, lines: Token[][]): string {
  const out: string[] = [];
  source.split("\n").forEach((line, i) => {
    out.push(`> ${line}`);
    for (const token of lines[i] ?? []) {
      if (!token.text.trim() && token.scopes.length === 0) continue;
      out.push(`  ${JSON.stringify(token.text).padEnd(24)} ${token.scopes.join(" ") || "-"}`);
    }
  });
  return `${out.join("\n")}\n`;
}

const sqlTokens = (lines: Token[][]) => lines.flat().filter((t) => t.scopes.includes(EMBEDDED));
const keyword = (lines: Token[][], word: string) =>
  lines.flat().find((t) => t.text.trim().toUpperCase() === word && t.scopes.some((s) => s.startsWith("keyword.") && s.endsWith(".sql")));

for (const [name, source] of Object.entries(SAMPLES)) {
  test(`snapshot ${name}`, async () => {
    const actual = render(source, await tokenize(source));
    const file = path.join(SNAPSHOTS, `${name}.txt`);
    if (process.env["UPDATE_SNAPSHOTS"] || !fs.existsSync(file)) {
      fs.mkdirSync(SNAPSHOTS, { recursive: true });
      fs.writeFileSync(file, actual);
    }
    assert.equal(actual, fs.readFileSync(file, "utf8"));
  });
}

test("the string of op.execute is SQL: keywords scoped by source.sql inside the embedded scope", async () => {
  const lines = await tokenize(SAMPLES["op-execute-double"]!);
  const drop = keyword(lines, "DROP");
  assert.ok(drop, "DROP is not a SQL keyword");
  assert.ok(drop.scopes.includes(EMBEDDED));
  const quotes = lines.flat().filter((t) => t.text === '"');
  assert.equal(quotes.length, 2);
  for (const q of quotes) assert.ok(!q.scopes.includes(EMBEDDED), "the quotes stay Python");
  assert.ok(lines.flat().at(-1)!.scopes.includes("punctuation.definition.arguments.end.python"));
});

test("sa.text, text, conn.execute, exec_driver_sql and get_bind().execute carry SQL, in every quoting", async () => {
  const cases: [string, string][] = [
    ["op-execute-single-escaped", "UPDATE"],
    ["op-execute-sa-text", "SELECT"],
    ["sa-text", "DELETE"],
    ["text-raw", "SELECT"],
    ["conn-execute-text-unicode", "VALUES"],
    ["triple-single", "ADD"],
    ["raw-triple", "SELECT"],
    ["get-bind-execute", "SELECT"],
    ["nested-multiline-sa-text", "WHERE"],
    ["escaped-double-quotes", "ADD"],
  ];
  for (const [name, word] of cases) {
    const lines = await tokenize(SAMPLES[name]!);
    assert.ok(sqlTokens(lines).length > 0, `${name}: no embedded SQL`);
    assert.ok(keyword(lines, word)?.scopes.includes(EMBEDDED), `${name}: ${word} is not an embedded SQL keyword`);
  }
  const driver = await tokenize(SAMPLES["exec-driver-sql"]!);
  assert.ok(sqlTokens(driver).some((t) => t.text.includes("VACUUM")), "exec_driver_sql: no embedded SQL");
});

test("a triple-quoted string on its own lines is SQL, not a docstring, and ends with its quotes", async () => {
  const lines = await tokenize(SAMPLES["triple-double-multiline"]!);
  assert.ok(keyword(lines, "UPDATE")?.scopes.includes(EMBEDDED));
  assert.ok(lines.flat().some((t) => t.scopes.includes("comment.line.double-dash.sql")));
  assert.ok(!lines.flat().some((t) => t.scopes.some((s) => s.startsWith("string.quoted.docstring"))));
  const last = lines.at(-1)!;
  assert.deepEqual(last.map((t) => t.text), [")"]);
  assert.ok(!last[0]!.scopes.includes(EMBEDDED));
});

test("a SQL comment in a one-line string stops at the closing quote", async () => {
  const lines = await tokenize(SAMPLES["comment-stops-at-quote"]!);
  const tokens = lines.flat();
  assert.ok(tokens.some((t) => t.scopes.includes("comment.line.double-dash.sql") && t.scopes.includes(EMBEDDED)));
  assert.ok(tokens.some((t) => t.text === ")" && t.scopes.includes("punctuation.definition.arguments.end.python")));
  assert.ok(tokens.some((t) => t.scopes.includes("comment.line.number-sign.python")), "the Python comment after the call");
});

test("other calls, comments, docstrings and f-strings are left to Python", async () => {
  for (const name of ["not-sql-print", "not-sql-add-column", "not-sql-method-text", "not-sql-comment", "not-sql-fstring"]) {
    assert.deepEqual(sqlTokens(await tokenize(SAMPLES[name]!)), [], `${name} has embedded SQL`);
  }
  const lines = await tokenize(SAMPLES["docstring-untouched"]!);
  assert.deepEqual(sqlTokens([lines[1]!]), [], "the docstring has embedded SQL");
  assert.ok(sqlTokens([lines[2]!]).length > 0, "the call after the docstring has none");
  const dict = (await tokenize(SAMPLES["conn-execute-text-unicode"]!)).flat().filter((t) => t.text === "email");
  assert.ok(dict.some((t) => !t.scopes.includes(EMBEDDED)), "the parameters dict is Python");
});

test("package.json contributes the grammar, injected into Python, with SQL as its embedded language", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
  const grammar = pkg.contributes.grammars.find((g: { scopeName: string }) => g.scopeName === INJECTION);
  assert.ok(grammar);
  assert.deepEqual(grammar.injectTo, ["source.python"]);
  assert.equal(grammar.embeddedLanguages[EMBEDDED], "sql");
  assert.ok(fs.existsSync(path.join(REPO, grammar.path)));
});
