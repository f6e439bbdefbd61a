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
  /** Below this the 12px revision ids are drawn under 6px: Fit never goes smaller. */
  const READABLE = 0.5;
  /** Room kept around the graph's nodes, and a node's label width (client/src/graph/render.ts), in graph units. */
  const EDGE = 40, LABEL = 240;
  /** Screen pixels of the graph that stay in view however far it is scrolled or dragged. */
  const KEEP = 120;

  /** @type {{ views: Record<string, {x: number, y: number, k: number}> }} */
  const state = vscode.getState() || { views: {} };
  /** @type {any} */
  let current = undefined;
  let view = { x: 0, y: 0, k: 1 };
  /** The user zoomed or panned since the set was first drawn: keep their view, else lay out afresh. */
  let moved = false;

  const clamp = (/** @type {number} */ k) => Math.min(MAX, Math.max(MIN, k));

  function apply() {
    view = kept(view);
    viewport.setAttribute("transform", `translate(${view.x.toFixed(1)} ${view.y.toFixed(1)}) scale(${view.k.toFixed(4)})`);
    zoomLabel.textContent = `${Math.round(view.k * 100)}%`;
    if (current && current.root) {
      state.views[current.root] = view;
      vscode.setState(state);
    }
  }

  /** A view that leaves part of the graph on screen: scrolling or dragging never loses it in empty space. */
  function kept(/** @type {{x: number, y: number, k: number}} */ v) {
    if (!current || !current.width) return v;
    const { w, h } = size();
    const gw = current.width * v.k, gh = current.height * v.k;
    const keepX = Math.min(KEEP, gw, w), keepY = Math.min(KEEP, gh, h);
    return { k: v.k, x: Math.min(w - keepX, Math.max(keepX - gw, v.x)), y: Math.min(h - keepY, Math.max(keepY - gh, v.y)) };
  }

  function size() {
    const r = svg.getBoundingClientRect();
    return { w: Math.max(1, r.width), h: Math.max(1, r.height) };
  }

  /**
   * The whole graph when it can be read that small (never above 100%). A long history fitted whole
   * is a hairline (440 revisions: 5%), so then the heads' region, where people work, at the
   * smallest readable scale; the rest is a scroll or drag away.
   */
  function fit() {
    if (!current || !current.width) return;
    moved = false;
    const { w, h } = size();
    const whole = Math.min(w / current.width, h / current.height, 1);
    view = whole >= READABLE
      ? { k: whole, x: (w - current.width * whole) / 2, y: Math.max(0, (h - current.height * whole) / 2) }
      : headsInView(READABLE, w, h);
    apply();
  }

  /** At scale k: the newest head at the top, centred on it and the other heads the height holds. */
  function headsInView(/** @type {number} */ k, /** @type {number} */ w, /** @type {number} */ h) {
    const heads = [...viewport.querySelectorAll(".node.head")]
      .flatMap((node) => {
        const p = position(node);
        return p ? [p] : [];
      })
      .sort((a, b) => a.y - b.y);
    const top = heads.length ? heads[0].y : EDGE;
    const shown = heads.filter((p) => p.y - top <= h / k - 2 * EDGE);
    const y = Math.min(0, (EDGE - top) * k);
    if (current.width * k <= w) return { k, x: (w - current.width * k) / 2, y };
    // From the leftmost shown head's node to the end of the rightmost one's label.
    const left = shown.length ? Math.min(...shown.map((p) => p.x)) - EDGE : 0;
    const right = shown.length ? Math.max(...shown.map((p) => p.x)) + LABEL : current.width;
    const x = (right - left) * k > w ? -left * k : w / 2 - ((left + right) / 2) * k;
    return { k, x: Math.min(0, Math.max(w - current.width * k, x)), y };
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
      fit();
    }
    if (message.reveal) reveal(message.reveal);
    document.body.dataset.nodes = String(message.nodes);
  });

  // Wheel: scrolls the graph (shift: sideways); with Ctrl or Cmd, and pinch gestures (which
  // arrive as ctrl+wheel), zooms around the pointer, a mouse notch about as far as a button press.
  svg.addEventListener(
    "wheel",
    (event) => {
      event.preventDefault();
      const unit = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? size().h : 1;
      if (event.ctrlKey || event.metaKey) {
        const r = svg.getBoundingClientRect();
        const step = Math.max(-0.25, Math.min(0.25, event.deltaY * unit * 0.01));
        zoomAt(Math.exp(-step), event.clientX - r.left, event.clientY - r.top);
        return;
      }
      const sideways = event.shiftKey && event.deltaX === 0;
      const dx = (sideways ? event.deltaY : event.deltaX) * unit, dy = (sideways ? 0 : event.deltaY) * unit;
      moved = true;
      view = { k: view.k, x: view.x - dx, y: view.y - dy };
      apply();
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
