import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";
import { spawnSync } from "node:child_process";
import { parser } from "@lezer/python";
import { firstSyntaxError } from "../../../server/src/core/python/syntaxError";
import { LineIndex } from "../../../server/src/core/text/lineIndex";

const PYTHON = "/usr/bin/python3";
const hasPython = spawnSync(PYTHON, ["-c", "pass"], { cwd: "/" }).status === 0;

/** What CPython's compile() says of each source: its message and 1-based line, or null when it compiles. */
const COMPILE_ALL = `
import json, sys
out = []
for source in json.load(sys.stdin):
    try:
        compile(source, "revision.py", "exec")
        out.append(None)
    except SyntaxError as e:
        out.append({"msg": e.msg, "line": e.lineno})
print(json.dumps(out))
`;

function cpython(sources: readonly string[]): ({ msg: string; line: number } | null)[] {
  const run = spawnSync(PYTHON, ["-c", COMPILE_ALL], { cwd: "/", input: JSON.stringify(sources), encoding: "utf8", maxBuffer: 1 << 26 });
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout) as ({ msg: string; line: number } | null)[];
}

function ours(source: string): { msg: string; line: number } | null {
  const error = firstSyntaxError(parser.parse(source), source, new LineIndex(source));
  return error ? { msg: error.reason, line: error.range.start.line + 1 } : null;
}

const HEADER = `"""add phone\n\nRevision ID: 22bb33cc44dd\n"""\nfrom alembic import op\n\nrevision = '22bb33cc44dd'\n`;

/** Broken and tricky-but-valid revision files: each must be judged as CPython judges it. */
const SAMPLES: Record<string, string> = {
  "unterminated header string": `${HEADER}down_revision = '122215e05d99\nbranch_labels = None\n\ndef upgrade():\n    pass\n`,
  "unterminated docstring": `"""add phone\n\nrevision = 'a1'\ndown_revision = None\n\ndef upgrade():\n    pass\n`,
  "unterminated triple-quoted SQL": `${HEADER}down_revision = None\n\ndef upgrade():\n    op.execute('''\n        CREATE TABLE t (id int)\n    )\n`,
  "escaped closing quote": `${HEADER}down_revision = 'a1\\'\n`,
  "unindent to no outer level": `${HEADER}down_revision = None\n\ndef upgrade():\n    if True:\n        op.drop_table('t')\n  op.drop_table('u')\n\ndef downgrade():\n    pass\n`,
  "unindent inside a function": `${HEADER}down_revision = None\n\ndef upgrade():\n        op.drop_table('t')\n    op.drop_table('u')\n`,
  "tabs then spaces": `${HEADER}down_revision = None\n\ndef upgrade():\n    if True:\n\tpass\n        op.drop_table('u')\n`,
  "unexpected indent": `${HEADER}  down_revision = None\n`,
  "expected an indented block (conflict markers)": `${HEADER}down_revision = None\n\ndef upgrade():\n<<<<<<< HEAD\n    pass\n=======\n    op.drop_table('t')\n>>>>>>> branch\n`,
  "expected an indented block after if": `${HEADER}down_revision = None\n\ndef upgrade():\n    if True:\n    pass\n`,
  "block at end of file": `${HEADER}down_revision = None\n\ndef upgrade():\n`,
  "bracket never closed": `${HEADER}down_revision = None\n\ndef upgrade():\n    op.add_column('t', sa.Column('a', sa.String(3))\n\ndef downgrade():\n    pass\n`,
  "bracket never closed at end": `${HEADER}down_revision = ['a1', 'b2'\n`,
  "closing bracket does not match": `${HEADER}down_revision = ('a1', 'b2']\n`,
  "closing bracket does not match, other line": `${HEADER}down_revision = ('a1',\n    'b2']\n`,
  "unmatched closing bracket": `${HEADER}down_revision = None)\n`,
  "missing colon": `${HEADER}down_revision = None\n\ndef upgrade()\n    pass\n`,
  "invalid syntax": `${HEADER}down_revision = = None\n`,
  "python 2 print": `${HEADER}down_revision = None\n\ndef upgrade():\n    print "upgrading"\n`,
  "parser error, then an unterminated string": `${HEADER}down_revision = = None\nx = 'abc\n`,
  "parser error, then a bad unindent": `${HEADER}down_revision = = None\ndef f():\n    if x:\n        pass\n  y = 1\n`,
  "unexpected indent, then an unterminated string": `${HEADER}down_revision = None\n  x = 1\ny = 'abc\n`,
  "docstring without its opening quotes": `add phone\n\nRevision ID: 0005_add_phone\nCreate Date: 2024-05-14 10:22:31.482913\n\n"""\nrevision = '0005'\n`,
  "leading zeros": `${HEADER}down_revision = 0005\n`,
  "a lone quote lezer skips": `${HEADER}down_revision = None\n\ndef downgrade():\n    op.'drop_table("accounts")\n`,
  "valid: numbers followed by keywords": `${HEADER}down_revision = None\nx = 1if True else 2\ny = 0x1f\n`,
  "python 2 except": `${HEADER}down_revision = None\n\ndef upgrade():\n    try:\n        op.drop_table('t')\n    except Exception, e:\n        pass\n`,
  "python 2 raise": `${HEADER}down_revision = None\n\ndef downgrade():\n    raise NotImplementedError, "irreversible"\n`,
  "python 2 not-equal": `${HEADER}down_revision = None\nif revision <> 'x':\n    pass\n`,
  "valid: print as a name in expressions": `${HEADER}down_revision = None\nprint >>sys.stderr, "x"\nprint = log\nprint -1\nprint not in names\n`,
  "valid: continuation lines and brackets at any indentation": `${HEADER}down_revision = (\n'a1',\n        'b2')\nx = 1 + \\\n  2\n`,
  "valid: comments and blank lines at odd indentation": `${HEADER}down_revision = None\n\ndef upgrade():\n    x = 1\n\n  # note\n        \n    y = 2\n`,
  "valid: strings with quotes and escapes": `${HEADER}down_revision = None\na = 'it\\'s'\nb = "say \\"hi\\""\nc = r'\\\\'\nd = '''x ''y'' \\''' '''\ne = f"{a!r:>{10}} {{b}}"\n`,
  "valid: tabs used consistently": `${HEADER}down_revision = None\n\ndef upgrade():\n\tif True:\n\t\tpass\n\treturn\n`,
  "valid: parenthesized context managers (Python 3.10)": `${HEADER}down_revision = None\n\ndef upgrade():\n    with (op.batch_alter_table("server",\n                               table_kwargs={"x": True})\n          as batch_op, open("a") as f):\n        batch_op.add_column(1)\n`,
  "valid: one-line blocks and decorators": `${HEADER}down_revision = None\n\n@decorate\ndef upgrade(): pass\nclass A: x = 1\nif True: pass\nelse: pass\n`,
};

test("each sample is judged as CPython judges it: same message, same line", { skip: !hasPython && "python3 is not installed" }, () => {
  const names = Object.keys(SAMPLES);
  const expected = cpython(names.map((n) => SAMPLES[n]!));
  names.forEach((name, i) => assert.deepEqual(ours(SAMPLES[name]!), expected[i], name));
});

test("every Python file of the fixtures is judged as CPython judges it", { skip: !hasPython && "python3 is not installed" }, () => {
  const files: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".py")) files.push(full);
    }
  };
  walk(path.resolve("test", "fixtures"));
  walk(path.resolve("examples"));
  // A file holding a NUL byte is not source text: not-a-text-file reports it, and CPython refuses it before parsing.
  const sources = files.map((f) => fs.readFileSync(f)).filter((bytes) => !bytes.includes(0)).map((bytes) => bytes.toString("utf8"));
  const expected = cpython(sources);
  sources.forEach((source, i) => assert.deepEqual(ours(source), expected[i], source.slice(0, 200)));
  assert.ok(sources.length > 100);
});
