import { esc } from "./render";

export interface GraphHtmlOptions {
  /** The webview's `cspSource`. */
  readonly cspSource: string;
  /** Fresh for every document: only scripts carrying it run. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

/**
 * The graph webview's page: a strict Content-Security-Policy (nothing external, scripts only with
 * the nonce, styles only from the extension), a toolbar, the SVG canvas and a legend. The graph
 * itself arrives by message (see panel.ts) and media/graph.js draws, zooms and pans it.
 */
export function graphHtml({ cspSource, nonce, scriptUri, styleUri }: GraphHtmlOptions): string {
  const csp = [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${esc(styleUri)}">
<title>Revision Graph</title>
</head>
<body>
<header class="toolbar" role="toolbar" aria-label="Revision graph">
  <div class="heading">
    <svg class="logo" viewBox="0 0 16 16" aria-hidden="true"><path d="M4 2.5v11M4 8c3 0 4-1.5 4-4M12 2.5V6c0 2-2 2.5-4 2.5" /><circle cx="4" cy="2.5" r="1.6"/><circle cx="4" cy="13.5" r="1.6"/><circle cx="12" cy="2.5" r="1.6"/></svg>
    <h1 id="title">Revision Graph</h1>
    <span id="kind" class="kind"></span>
    <select id="set" aria-label="Migration set" hidden></select>
  </div>
  <ul id="stats" class="stats" aria-label="Summary"></ul>
  <div class="tools">
    <button id="expand-all" type="button" title="Show every folded run of revisions">Expand all</button>
    <button id="collapse-all" type="button" title="Fold straight runs of plain revisions">Collapse all</button>
    <span class="sep"></span>
    <button id="zoom-out" type="button" class="icon" title="Zoom out (-)" aria-label="Zoom out">−</button>
    <button id="zoom-reset" type="button" class="zoom" title="Actual size (1)">100%</button>
    <button id="zoom-in" type="button" class="icon" title="Zoom in (+)" aria-label="Zoom in">+</button>
    <button id="fit" type="button" title="The whole graph, or its heads when the whole would be too small to read (0)">Fit</button>
  </div>
</header>
<main id="canvas" tabindex="-1">
  <svg id="graph" xmlns="http://www.w3.org/2000/svg" role="group" aria-label="Revision graph"><g id="viewport"></g></svg>
  <div id="empty" class="empty" hidden></div>
</main>
<footer class="legend" aria-label="Legend">
  <span><svg viewBox="-12 -12 24 24"><circle class="lg-halo" r="10"/><circle class="lg-node" r="6"/></svg>head</span>
  <span><svg viewBox="-12 -12 24 24"><circle class="lg-node" r="6"/></svg>revision</span>
  <span><svg viewBox="-12 -12 24 24"><path class="lg-node" d="M0 -8L8 0L0 8L-8 0Z"/></svg>merge</span>
  <span><svg viewBox="-12 -12 24 24"><rect class="lg-run" x="-5" y="-10" width="10" height="20" rx="5"/></svg>folded run</span>
  <span><svg viewBox="-12 -12 24 24"><circle class="lg-error" r="6"/></svg>has errors</span>
  <span><svg viewBox="-12 -12 24 24"><circle class="lg-ghost" r="6"/></svg>missing revision</span>
  <span class="hint">Scroll or drag to move · Ctrl+scroll to zoom · click a revision to open it</span>
</footer>
<script nonce="${esc(nonce)}" src="${esc(scriptUri)}"></script>
</body>
</html>`;
}

/** 32 random characters from [A-Za-z0-9]. */
export function makeNonce(random: (n: number) => Uint8Array): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return [...random(32)].map((b) => alphabet[b % alphabet.length]).join("");
}
