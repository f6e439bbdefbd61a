import { test } from "node:test";
import * as assert from "node:assert/strict";
import { graphHtml, makeNonce } from "../../client/src/graph/html";
import { layoutGraph } from "../../client/src/graph/layout";
import { esc, renderGraph, truncate } from "../../client/src/graph/render";
import { chain, history, type Rev } from "./history";

const keysOf = (svg: string) => [...svg.matchAll(/data-key="([^"]*)"/g)].map((m) => m[1]);

test("every laid-out node is drawn once, with its marks as classes", () => {
  const revs: Rev[] = [
    { id: "a" },
    { id: "b", parents: ["a"], labels: ["feature"] },
    { id: "c", parents: ["a"], warnings: 1 },
    { id: "d", parents: ["b", "c"] },
    { id: "e", missing: ["zz"], errors: 2 },
  ];
  const layout = layoutGraph(history(revs));
  const { svg, width, height } = renderGraph(layout);
  assert.deepEqual(keysOf(svg).sort(), layout.nodes.map((n) => n.key).sort());
  assert.match(svg, /class="node revision lane-\d base branch" data-key="a"/);
  assert.match(svg, /class="node revision lane-\d head merge" data-key="d"/);
  assert.match(svg, /class="node revision lane-\d head has-errors" data-key="e"/);
  assert.match(svg, /class="node revision lane-\d has-warnings" data-key="c"/);
  assert.match(svg, /class="node ghost" data-key="ghost:zz"/);
  assert.match(svg, /class="edge broken"/);
  assert.match(svg, /⎇ feature/);
  assert.match(svg, /✖ 2/);
  assert.ok(width > 0 && height > 0);
});

test("heads are drawn above their parents", () => {
  const { svg } = renderGraph(layoutGraph(history(chain("r", 3))));
  const y = (key: string) => Number(new RegExp(`data-key="${key}"[^>]*transform="translate\\([\\d.]+ ([\\d.]+)\\)"`).exec(svg)![1]);
  assert.ok(y("r2") < y("r1") && y("r1") < y("r0"));
});

test("a folded run says how many revisions it holds", () => {
  const { svg } = renderGraph(layoutGraph(history(chain("r", 12)), { minRun: 5 }));
  assert.match(svg, /data-kind="run"/);
  assert.match(svg, /… 10 revisions/);
});

test("text from revision files is escaped", () => {
  const revs = history([{ id: "a", message: `<script>alert("x")</script> & 'co'` }]);
  const { svg } = renderGraph(layoutGraph(revs));
  assert.ok(!svg.includes("<script>"));
  assert.match(svg, /&lt;script&gt;/);
  assert.equal(esc(`<a href="x">&'`), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  assert.equal(truncate("a   long\nmessage here", 9), "a long m…");
});

test("the page has a strict Content-Security-Policy: nonce scripts, extension styles, nothing external", () => {
  const nonce = makeNonce((n) => new Uint8Array(n).map((_, i) => i * 7));
  assert.match(nonce, /^[A-Za-z0-9]{32}$/);
  const html = graphHtml({ cspSource: "vscode-webview://abc", nonce, scriptUri: "vscode-webview://abc/media/graph.js", styleUri: "vscode-webview://abc/media/graph.css" });
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? "";
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, new RegExp(`script-src 'nonce-${nonce}'`));
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|\*/);
  const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!);
  assert.equal(scripts.length, 1);
  assert.ok(scripts.every((attrs) => attrs.includes(`nonce="${nonce}"`)));
  assert.doesNotMatch(html, /style="/);
  const urls = [...html.matchAll(/(?:src|href)="([^"]*)"/g)].map((m) => m[1]!);
  assert.ok(urls.every((u) => u.startsWith("vscode-webview://abc/")), urls.join(", "));
});
