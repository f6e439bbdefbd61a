import { test } from "node:test";
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { renderMako } from "../../../server/src/core/alembic/mako/template";
import { PyFunction, PyObject, PySeq, Unsupported, type PyValue } from "../../../server/src/core/alembic/mako/values";
import { percentFormat } from "../../../server/src/core/python/percentFormat";

const comma = new PyFunction("comma", ([v]) => (v === null ? "" : v instanceof PySeq ? v.items.join(", ") : String(v)));
const render = (template: string, variables: Record<string, PyValue> = {}): string => renderMako(template, { comma, ...variables });

test("expressions: names, repr, filters, conditionals, % formatting", () => {
  const vars = { up: "ab12", down: new PySeq(["a", "b"]), one: "it's", none: null };
  assert.equal(render("${up} ${repr(up)} ${repr(down)} ${repr(one)} ${repr(none)}", vars), "ab12 'ab12' ('a', 'b') \"it's\" None");
  assert.equal(render("${down | comma,n}|${none | comma,n}|${up | comma,n}", vars), "a, b||ab12");
  // Without `n`, Mako's default str() runs first.
  assert.equal(render("${none | repr}", vars), "'None'");
  assert.equal(render('${imports if imports else ""}|${upgrades if upgrades else "pass"}'), "|pass");
  assert.equal(render('${"%s_upgrades" % up} ${"x" + up} ${up.upper()} ${", ".join(down)}', vars), "ab12_upgrades xab12 AB12 a, b");
  assert.equal(render("${repr((up,))} ${repr([up])} ${len(down)} ${down[-1]}", vars), "('ab12',) ['ab12'] 2 b");
});

test("control lines, comments, code blocks, <%text>, continuations", () => {
  const template = [
    "<%!",
    "import re",
    "%>## kept: a comment only starts a line",
    "## a whole comment line",
    "% if down is None:",
    "base",
    "% elif len(down) > 1:",
    "never",
    "% else:",
    "child of ${down}",
    "% endif",
    "<% names = re.split(r',\\s*', 'a, b') %>",
    "% for name in names:",
    "def upgrade_${name}(): ${context.get('%s_upgrades' % name, 'pass')}",
    "% endfor",
    "<%text>${kept}</%text> 100%% \\",
    "joined",
    "",
  ].join("\n");
  const re = new PyObject({ split: new PyFunction("split", ([p, t]) => new PySeq(String(t).split(new RegExp(String(p))), true)) });
  const context = new PyObject({ get: new PyFunction("get", ([, fallback]) => fallback ?? null) });
  // `>` is no operator here: the elif line cannot be read, so the whole render is refused.
  assert.throws(() => render(template, { down: "a1", re, context }), Unsupported);
  const readable = template.replace("len(down) > 1", "down == 'never'");
  assert.equal(render(readable, { down: "a1", re, context }), "## kept: a comment only starts a line\nchild of a1\n\ndef upgrade_a(): pass\ndef upgrade_b(): pass\n${kept} 100%% joined\n");
  assert.equal(render(readable, { down: null, re, context }).split("\n")[1], "base");
});

test("what the renderer does not follow is refused, not guessed", () => {
  for (const template of ["<%inherit file='base.mako'/>", "${x ** 2}", "% while x:\n% endwhile", "% if x:\nno end", "${undefined_name}", "${lambda: 1}"]) {
    assert.throws(() => render(template), Unsupported, template);
  }
});

test("Python % formatting as file_template uses it", () => {
  assert.equal(percentFormat("%(year)d_%(month).2d_%(day)02d-%(rev)s_%(slug)s", { year: 2024, month: 3, day: 7, rev: "ab", slug: "x_y" }), "2024_03_07-ab_x_y");
  assert.equal(percentFormat("%s is %r, 100%%", ["a", "b"], (v) => `'${v}'`), "a is 'b', 100%");
  assert.throws(() => percentFormat("%(missing)s", {}));
});

// Mako itself (with Debian's python3-mako) renders the same templates the same way.
const PYTHON = "/usr/bin/python3";
const hasMako = spawnSync(PYTHON, ["-c", "import mako"], { cwd: "/" }).status === 0;
const STOCK = "/usr/lib/python3/dist-packages/alembic/templates";
const templates = [
  path.resolve("test/fixtures/new-revision/custom-template/migrations/script.py.mako"),
  ...(fs.existsSync(STOCK) ? fs.readdirSync(STOCK).map((t) => path.join(STOCK, t, "script.py.mako")).filter((f) => fs.existsSync(f)) : []),
];

for (const template of templates) {
  test(`renders ${path.relative(process.cwd(), template)} exactly as Mako does`, { skip: !hasMako && "python3-mako is not installed" }, () => {
    for (const down of [[], ["a1b2c3d4e5f6"], ["a1b2c3d4e5f6", "0f9e8d7c6b5a"]]) {
      const options = { team: "platform", databases: "engine1, engine2" };
      const input = { template, up_revision: "123456789abc", down_revision: down, message: "add 'things'", create_date: [2024, 5, 6, 7, 8, 9, 120000], options };
      const run = spawnSync(PYTHON, [path.resolve("scripts/mako-render.py")], { cwd: "/", input: JSON.stringify(input), encoding: "utf8" });
      assert.equal(run.status, 0, run.stderr);
      const ours = renderMako(fs.readFileSync(template, "utf8"), {
        up_revision: "123456789abc",
        down_revision: down.length === 0 ? null : down.length === 1 ? down[0]! : new PySeq(down),
        branch_labels: null,
        depends_on: null,
        create_date: new PyObject({}, "2024-05-06 07:08:09.120000"),
        message: "add 'things'",
        comma,
        config: new PyObject({ get_main_option: new PyFunction("get_main_option", ([k, d]) => (options as Record<string, string>)[String(k)] ?? d ?? null) }),
        re: new PyObject({ split: new PyFunction("split", ([p, t]) => new PySeq(String(t).split(new RegExp(String(p))), true)) }),
        context: new PyObject({ get: new PyFunction("get", ([, d]) => d ?? null) }),
      });
      assert.equal(ours, run.stdout);
    }
  });
}
