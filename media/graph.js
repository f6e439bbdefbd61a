// @ts-check
// The revision graph page: draws the SVG the extension sends (client/src/graph/render.ts), zooms
// (wheel, buttons, + - 0 1 keys), pans (drag, arrow keys) and reports clicks back. No dependencies.
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host
  const vscode = acquireVsCodeApi();
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
  const svg = /** @type {SVGSVGElement} */ (/** @type {unknown} */ ($("graph")));
  const viewport = /** @type {SVGGElement} */ (/** @type {unknown} */ ($("viewport")));
  const canvas = $("canvas");
  const empty = $("empty");
  const select = /** @type {HTMLSelectElement} */ ($("set"));
  const zoomLabel = $("zoom-reset");
  const MIN = 0.05, MAX = 3;

  /** @type {{ views: Record<string, {x: number, y: number, k: number}> }} */
  const state = vscode.getState() || { views: {} };
  /** @type {any} */
  let current = undefined;
  let view = { x: 0, y: 0, k: 1 };
  /** The user zoomed or panned since the set was first drawn: keep their view, else lay out afresh. */
  let moved = false;

  const clamp = (/** @type {number} */ k) => Math.min(MAX, Math.max(MIN, k));

  function apply() {
    viewport.setAttribute("transform", `translate(${view.x.toFixed(1)} ${view.y.toFixed(1)}) scale(${view.k.toFixed(4)})`);
    zoomLabel.textContent = `${Math.round(view.k * 100)}%`;
    if (current && current.root) {
      state.views[current.root] = view;
      vscode.setState(state);
    }
  }

  function size() {
    const r = svg.getBoundingClientRect();
    return { w: Math.max(1, r.width), h: Math.max(1, r.height) };
  }

  /** The whole graph in view (never larger than 100%). */
  function fit() {
    if (!current || !current.width) return;
    moved = false;
    const { w, h } = size();
    const k = clamp(Math.min(w / current.width, h / current.height, 1));
    view = { k, x: (w - current.width * k) / 2, y: Math.max(0, (h - current.height * k) / 2) };
    apply();
  }

  /** First look: fit when that stays readable, otherwise 100% from the top (where the heads are). */
  function initial() {
    if (!current || !current.width) return;
    const { w, h } = size();
    const k = Math.min(w / current.width, h / current.height, 1);
    if (k >= 0.6) return fit();
    const scale = Math.max(0.6, Math.min(1, w / current.width));
    view = { k: scale, x: Math.max(8, (w - current.width * scale) / 2), y: 0 };
    apply();
  }

  function zoomAt(/** @type {number} */ factor, /** @type {number} */ px, /** @type {number} */ py) {
    moved = true;
    const k = clamp(view.k * factor);
    view = { k, x: px - ((px - view.x) * k) / view.k, y: py - ((py - view.y) * k) / view.k };
    apply();
  }

  function zoomCentre(/** @type {number} */ factor) {
    const { w, h } = size();
    zoomAt(factor, w / 2, h / 2);
  }

  /** Centres a node and makes it pulse. */
  function reveal(/** @type {string} */ key) {
    const node = nodeByKey(key);
    if (!node) return;
    const p = position(node);
    if (!p) return;
    const { w, h } = size();
    const k = Math.max(view.k, 0.8);
    moved = true;
    view = { k, x: w / 3 - p.x * k, y: h / 2 - p.y * k };
    apply();
    node.classList.add("revealed");
    /** @type {SVGGElement} */ (node).focus({ preventScroll: true });
    setTimeout(() => node.classList.remove("revealed"), 2600);
  }

  function nodeByKey(/** @type {string} */ key) {
    for (const node of viewport.querySelectorAll("[data-key]")) if (node.getAttribute("data-key") === key) return node;
    return undefined;
  }

  function activate(/** @type {Element} */ node) {
    const key = node.getAttribute("data-key");
    const kind = node.getAttribute("data-kind");
    if (!key) return;
    vscode.postMessage(kind === "run" ? { type: "expand", key } : { type: "open", key });
  }

  function renderHeader(/** @type {any} */ message) {
    $("title").textContent = message.title;
    $("kind").textContent = message.kind;
    select.replaceChildren(
      ...message.sets.map((/** @type {{root: string, label: string}} */ s) => {
        const option = document.createElement("option");
        option.value = s.root;
        option.textContent = s.label;
        option.selected = s.root === message.root;
        return option;
      }),
    );
    select.hidden = message.sets.length < 2;
    $("stats").replaceChildren(
      ...message.stats.map((/** @type {{text: string, tone?: string}} */ s) => {
        const li = document.createElement("li");
        li.textContent = s.text;
        if (s.tone) li.className = s.tone;
        return li;
      }),
    );
    /** @type {HTMLButtonElement} */ ($("expand-all")).disabled = message.folded === 0;
    /** @type {HTMLButtonElement} */ ($("collapse-all")).disabled = message.foldable === 0 || message.folded === message.foldable;
  }

  /** Where a node is drawn (graph coordinates), from its transform. */
  function position(/** @type {Element} */ node) {
    const match = /translate\(([-\d.]+)[ ,]+([-\d.]+)\)/.exec(node.getAttribute("transform") || "");
    return match ? { x: Number(match[1]), y: Number(match[2]) } : undefined;
  }

  /** The node nearest the middle of the view, to keep in place when the graph is drawn again. */
  function anchor() {
    const { w, h } = size();
    const cx = (w / 2 - view.x) / view.k, cy = (h / 2 - view.y) / view.k;
    let best, bestDistance = Infinity;
    for (const node of viewport.querySelectorAll("[data-key]")) {
      const p = position(node);
      if (!p) continue;
      const d = Math.hypot(p.x - cx, p.y - cy);
      if (d < bestDistance) [best, bestDistance] = [{ key: node.getAttribute("data-key"), ...p }, d];
    }
    return best;
  }

  window.addEventListener("message", (event) => {
    const message = event.data;
    if (!message || message.type !== "render") return;
    const sameSet = current && current.root === message.root;
    const kept = sameSet && moved ? anchor() : undefined;
    current = message;
    renderHeader(message);
    empty.hidden = !message.empty;
    empty.textContent = message.empty || "";
    svg.style.display = message.empty ? "none" : "";
    viewport.innerHTML = message.svg;
    const saved = message.root ? state.views[message.root] : undefined;
    if (sameSet && moved) {
      // New revisions push the graph down (heads are on top): keep the node in the middle still.
      const again = kept && kept.key ? nodeByKey(kept.key) : undefined;
      const now = again ? position(again) : undefined;
      if (kept && now) view = { k: view.k, x: view.x - (now.x - kept.x) * view.k, y: view.y - (now.y - kept.y) * view.k };
      apply();
    } else if (!sameSet && saved) {
      view = saved;
      moved = true;
      apply();
    } else {
      moved = false;
      initial();
    }
    if (message.reveal) reveal(message.reveal);
    document.body.dataset.nodes = String(message.nodes);
  });

  // Wheel: zoom around the pointer (pinch gestures arrive as ctrl+wheel with small deltas).
  svg.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const r = svg.getBoundingClientRect();
      const speed = event.ctrlKey ? 0.01 : event.deltaMode === 1 ? 0.05 : 0.0015;
      zoomAt(Math.exp(-event.deltaY * speed), event.clientX - r.left, event.clientY - r.top);
    },
    { passive: false },
  );

  // Drag: pan. A press that does not move is a click on whatever node it started on.
  /** @type {{ id: number, x: number, y: number, vx: number, vy: number, moved: boolean, node: Element | null } | undefined} */
  let drag;
  svg.addEventListener("pointerdown", (event) => {
    if (event.button !== 0) return;
    const target = /** @type {Element} */ (event.target);
    drag = { id: event.pointerId, x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false, node: target.closest("[data-key]") };
    svg.setPointerCapture(event.pointerId);
  });
  svg.addEventListener("pointermove", (event) => {
    if (!drag || drag.id !== event.pointerId) return;
    const dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (!drag.moved && Math.hypot(dx, dy) < 4) return;
    drag.moved = true;
    moved = true;
    svg.classList.add("panning");
    view = { k: view.k, x: drag.vx + dx, y: drag.vy + dy };
    apply();
  });
  const endDrag = (/** @type {PointerEvent} */ event) => {
    if (!drag || drag.id !== event.pointerId) return;
    const { moved: dragged, node } = drag;
    drag = undefined;
    svg.classList.remove("panning");
    if (event.type === "pointerup" && !dragged && node) activate(node);
  };
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);

  document.addEventListener("keydown", (event) => {
    const target = /** @type {Element} */ (event.target);
    if (target instanceof HTMLSelectElement || target instanceof HTMLButtonElement) return;
    const node = target.closest && target.closest("[data-key]");
    if (node && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      activate(node);
      return;
    }
    const step = 60;
    const moves = /** @type {Record<string, [number, number]>} */ ({ ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] });
    if (event.key in moves && !node) {
      const [dx, dy] = moves[event.key];
      moved = true;
      view = { k: view.k, x: view.x + dx, y: view.y + dy };
      apply();
    } else if (event.key === "+" || event.key === "=") zoomCentre(1.25);
    else if (event.key === "-") zoomCentre(0.8);
    else if (event.key === "0") fit();
    else if (event.key === "1") zoomCentre(1 / view.k);
    else return;
    event.preventDefault();
  });

  $("zoom-in").addEventListener("click", () => zoomCentre(1.25));
  $("zoom-out").addEventListener("click", () => zoomCentre(0.8));
  zoomLabel.addEventListener("click", () => zoomCentre(1 / view.k));
  $("fit").addEventListener("click", fit);
  $("expand-all").addEventListener("click", () => vscode.postMessage({ type: "expandAll" }));
  $("collapse-all").addEventListener("click", () => vscode.postMessage({ type: "collapseAll" }));
  select.addEventListener("change", () => vscode.postMessage({ type: "selectSet", root: select.value }));
  canvas.addEventListener("contextmenu", (event) => event.preventDefault());

  vscode.postMessage({ type: "ready" });
})();
