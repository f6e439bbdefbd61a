import { test } from "node:test";
import * as assert from "node:assert/strict";
import { code, row, text } from "../../server/src/cli/markdownText";

test("code spans hold backticks: the fence is longer than any run inside, padded at an edge", () => {
  assert.equal(code("users"), "`users`");
  assert.equal(code("a`b"), "``a`b``");
  assert.equal(code("`quoted`"), "`` `quoted` ``");
});

test("plain text escapes what markdown or HTML would read; table cells escape | and join lines", () => {
  assert.equal(text("a_b *c* <t> [x]"), "a\\_b \\*c\\* &lt;t&gt; \\[x\\]");
  assert.equal(row([code("a|b"), "one\ntwo"]), "| `a\\|b` | one two |");
});
