// xent drag bars: coupled probability bars (or logit bars) with live cross-entropy readouts.
//
// Python (xent_core) is the source of truth. shared.js (in front of this file) mirrors
// H, H(p,q), KL and perplexity for the live readouts; this file adds softmax and the
// coupled bars. On release (and on each keyboard step) it sends one gesture.
// Class names arrive through `data` and are only ever inserted with textContent.
//
// Modes: "probs" (the explorer: drag q, and p when the label is soft) and "logits"
// (the logits page: drag z; q = softmax(z / T) and the gradient q − p are drawn live).
// data.forecast (probs only; the class game): a forecast with no truth behind it — no true
// class, no readouts, no p panel, and each slider labelled with its outcome's name exactly.

const SVG_NS = "http://www.w3.org/2000/svg";
const instances = new WeakMap();

// --- maths mirror (see xent_core/softmax.py and coupling.py) -------------------------------

function softmax(z, temperature) {
  // Subtract the max first: exp never overflows.
  const s = z.map((v) => v / temperature);
  const m = Math.max(...s);
  const e = s.map((v) => Math.exp(v - m));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

function setClassProbability(start, index, value) {
  const k = start.length;
  let rest = 0;
  for (let j = 0; j < k; j++) if (j !== index) rest += start[j];
  const out = new Array(k);
  for (let j = 0; j < k; j++) {
    if (j === index) out[j] = value;
    else out[j] = (1 - value) * (rest > 0 ? start[j] / rest : 1 / (k - 1));
  }
  return out;
}

function smoothedOneHot(k, label, eps) {
  const out = new Array(k).fill(eps / k);
  out[label] += 1 - eps;
  return out;
}

// --- bar kinds ----------------------------------------------------------------------------
// q, p: coupled probabilities; z: independent logits in [lo, hi]; softmax, grad: read-only.

const KINDS = {
  q: { drag: true, names: true, label: "Predicted probability of", lo: 0, hi: 1 },
  p: { drag: true, names: false, label: "True probability of", lo: 0, hi: 1 },
  z: { drag: true, names: true, label: "Logit of", signed: true },
  softmax: { drag: false, names: false, label: "Softmax probability of", lo: 0, hi: 1 },
  grad: { drag: false, names: false, label: "Gradient for", lo: -1, hi: 1, signed: true },
};

function range(st, kind) {
  if (kind === "z") return [st.data.zmin, st.data.zmax];
  return [KINDS[kind].lo, KINDS[kind].hi];
}

// --- rendering ---------------------------------------------------------------------------

function svgLine(cls, y) {
  const line = document.createElementNS(SVG_NS, "line");
  line.setAttribute("class", cls);
  line.setAttribute("x1", "0");
  line.setAttribute("x2", "100");
  line.setAttribute("y1", String(y));
  line.setAttribute("y2", String(y));
  line.setAttribute("vector-effect", "non-scaling-stroke");
  return line;
}

function buildColumns(container, k, kind) {
  const spec = KINDS[kind];
  container.replaceChildren();
  const cols = [];
  for (let i = 0; i < k; i++) {
    const col = document.createElement("div");
    col.className = "col";
    const val = document.createElement("div");
    val.className = "val";
    const track = document.createElement("div");
    track.className = spec.drag ? "track" : "track readonly";
    track.dataset.index = String(i);
    track.dataset.kind = kind;
    if (spec.drag) {
      track.tabIndex = 0;
      track.setAttribute("role", "slider");
      track.setAttribute("aria-orientation", "vertical");
    } else {
      track.setAttribute("role", "img");
    }
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 100 100");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    for (const level of [25, 50, 75]) svg.appendChild(svgLine("grid", level));
    if (spec.signed) svg.appendChild(svgLine("zero", 50));
    const rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("class", "fill");
    rect.setAttribute("x", "8");
    rect.setAttribute("width", "84");
    svg.appendChild(rect);
    track.appendChild(svg);
    col.append(val, track);
    let name = null;
    if (spec.names) {
      name = document.createElement("button");
      name.type = "button";
      name.className = "name";
      name.dataset.index = String(i);
      const text = document.createElement("span");
      text.className = "name-text";
      const mark = document.createElement("span");
      mark.className = "true-mark";
      name.append(text, mark);
      col.appendChild(name);
    }
    container.appendChild(col);
    cols.push({ col, val, track, rect, name });
  }
  return cols;
}

function drawBars(st, cols, values, kind) {
  const [lo, hi] = range(st, kind);
  const spec = KINDS[kind];
  const names = st.data.names;
  // Where value 0 sits (bottom for probabilities, the middle for signed values).
  const zeroY = 100 * (hi / (hi - lo));
  cols.forEach((c, i) => {
    const v = values[i];
    const y = 100 * ((hi - clamp(v, lo, hi)) / (hi - lo));
    c.rect.setAttribute("y", String(Math.min(y, zeroY)));
    c.rect.setAttribute("height", String(Math.abs(zeroY - y)));
    if (kind === "grad") {
      c.rect.classList.toggle("up", v < 0);
      c.rect.classList.toggle("down", v > 0);
    }
    const digits = kind === "z" ? 2 : 3;
    const text = spec.signed && v > 0 ? `+${v.toFixed(digits)}` : v.toFixed(digits);
    c.val.textContent = text;
    // A forecast has no truth to compare with: its sliders carry the outcome's name alone.
    const label = st.forecast && kind === "q" ? names[i] : `${spec.label} ${names[i]}`;
    c.track.setAttribute("aria-label", label);
    if (spec.drag) {
      c.track.setAttribute("aria-valuemin", String(lo));
      c.track.setAttribute("aria-valuemax", String(hi));
      c.track.setAttribute("aria-valuenow", String(v));
      c.track.setAttribute("aria-valuetext", `${names[i]}: ${text}`);
    } else {
      c.track.setAttribute("aria-label", `${label}: ${text}`);
    }
  });
}

function prediction(st) {
  return st.mode === "logits" ? softmax(st.z, st.T) : st.q;
}

function target(st) {
  const k = st.data.names.length;
  return st.soft ? st.p : smoothedOneHot(k, st.label, st.eps);
}

function render(st) {
  const { root, data } = st;
  const q = prediction(st);
  const p = target(st);
  const k = q.length;
  const m = measures(p, q);
  const bits = data.unit === "bits";
  const div = bits ? Math.LN2 : 1;
  const unitText = bits ? "bits" : "nats";
  const log = bits ? "log₂" : "ln";

  root.querySelector(".readouts").hidden = st.forecast;
  root.querySelector(".stack").hidden = st.forecast;
  if (!st.forecast) drawReadouts(st, q, p, m, div, unitText, log);

  const main = st.mode === "logits" ? st.z : st.q;
  drawBars(st, st.mainCols, main, st.mainKind);
  st.mainCols.forEach((c, i) => {
    const isTrue = !st.soft && !st.forecast && i === st.label;
    c.col.classList.toggle("true", isTrue);
    c.name.querySelector(".name-text").textContent = data.names[i];
    if (st.forecast) {
      // The slider above already carries the name: this is its visible caption only.
      c.name.querySelector(".true-mark").textContent = "";
      c.name.disabled = true;
      c.name.removeAttribute("aria-pressed");
      c.name.removeAttribute("aria-label");
      c.name.setAttribute("aria-hidden", "true");
      return;
    }
    c.name.removeAttribute("aria-hidden");
    // A fixed label (a lesson whose truth never moves) offers no "set as true".
    const locked = st.soft || st.fixedLabel;
    c.name.querySelector(".true-mark").textContent = isTrue ? "✓ true class" : locked ? "" : "set as true";
    c.name.disabled = locked;
    c.name.setAttribute("aria-pressed", isTrue ? "true" : "false");
    c.name.setAttribute(
      "aria-label",
      isTrue && st.fixedLabel
        ? `${data.names[i]}, the true class`
        : locked
          ? `Class ${data.names[i]}`
          : `Make ${data.names[i]} the true class`,
    );
  });
  root.querySelector(".panel-p").hidden = !st.soft;
  if (st.soft) drawBars(st, st.pCols, st.p, "p");
  const logits = st.mode === "logits";
  root.querySelector(".panel-softmax").hidden = !logits;
  root.querySelector(".panel-grad").hidden = !logits;
  if (logits) {
    drawBars(st, st.softmaxCols, q, "softmax");
    drawBars(st, st.gradCols, q.map((qi, i) => qi - p[i]), "grad");
  }
  drawViews(st, q, p, m, div, unitText);
}

function drawReadouts(st, q, p, m, div, unitText, log) {
  // The live numbers and the stacked bar H(p,q) = H(p) + KL (not in forecast mode).
  const { root, data } = st;
  const k = q.length;
  const show = (key, value, digits) => showReadout(root, key, value, digits);
  show("cross-entropy", m.ce / div, 4);
  show("entropy", m.h / div, 4);
  show("kl", m.kl / div, 4);
  show("perplexity", m.perplexity, 3);
  for (const el of root.querySelectorAll(".r-unit:not([data-fixed])")) {
    el.textContent = unitText;
  }
  const surprisal = root.querySelector(".readout.surprisal");
  surprisal.hidden = st.soft;
  if (!st.soft) {
    show("surprisal", -Math.log(q[st.label]) / div, 4);
    surprisal.querySelector(".r-name").firstChild.textContent = `−${log} q`;
    surprisal.querySelector(".true-name").textContent = data.names[st.label];
  }

  // Stacked bar: widths share one scale that grows only past 3·ln K.
  const lnK = Math.log(k);
  const scale = Math.max(3 * lnK, Number.isFinite(m.ce) ? m.ce : 0);
  const segKL = root.querySelector(".seg-kl");
  root.querySelector(".seg-h").style.width = `${(100 * m.h) / scale}%`;
  const infinite = !Number.isFinite(m.kl);
  segKL.classList.toggle("infinite", infinite);
  segKL.style.width = infinite ? "" : `${(100 * m.kl) / scale}%`;
  root.querySelector(".inf-note").hidden = !infinite;
  const tick = root.querySelector(".uniform-tick");
  tick.style.left = `${(100 * lnK) / scale}%`;
  tick.querySelector("span").textContent = `uniform guess ${log} ${k} = ${fmt(lnK / div, 3)}`;
}

// --- interaction ---------------------------------------------------------------------------

function commit(st) {
  // `curve`: the loss curve this widget holds, so the rerun can leave it out if unchanged.
  const payload = { label: st.label, curve: st.curveKey || null };
  if (st.mode === "logits") payload.z = st.z.slice();
  else {
    payload.q = st.q.slice();
    payload.p = st.soft ? st.p.slice() : null;
  }
  sendGesture(st, payload);
}

function levelAt(st, kind, track, clientY) {
  const [lo, hi] = range(st, kind);
  const box = track.getBoundingClientRect();
  const frac = clamp(1 - (clientY - box.top) / box.height, 0, 1);
  // Probabilities snap to 0.001, logits to 0.05: fine enough, and 0 and 1 are reachable.
  const step = kind === "z" ? 0.05 : 0.001;
  return clamp(Math.round((lo + frac * (hi - lo)) / step) * step, lo, hi);
}

function getValues(st, kind) {
  return kind === "z" ? st.z : kind === "p" ? st.p : st.q;
}

function setValue(st, kind, start, i, v) {
  st.pyViews = null; // xent_core's charts are for the old state; the mirror draws until the rerun
  if (kind === "z") {
    const z = start.slice();
    z[i] = tidy(v);
    st.z = z;
  } else {
    const next = setClassProbability(start, i, v);
    if (kind === "q") st.q = next;
    else st.p = next;
  }
}

function wireTrack(st, c, i, kind) {
  const track = c.track;
  track.onpointerdown = (e) => {
    if (e.button !== undefined && e.button !== 0) return;
    e.preventDefault();
    track.focus({ preventScroll: true });
    track.setPointerCapture(e.pointerId);
    st.drag = { kind, index: i, start: getValues(st, kind).slice(), pointerId: e.pointerId };
    track.classList.add("dragging");
    setValue(st, kind, st.drag.start, i, levelAt(st, kind, track, e.clientY));
    render(st);
  };
  track.onpointermove = (e) => {
    if (!st.drag || st.drag.pointerId !== e.pointerId || st.drag.kind !== kind) return;
    setValue(st, kind, st.drag.start, i, levelAt(st, kind, track, e.clientY));
    render(st);
  };
  const finish = (e) => {
    if (!st.drag || st.drag.pointerId !== e.pointerId || st.drag.kind !== kind) return;
    st.drag = null;
    track.classList.remove("dragging");
    if (track.hasPointerCapture(e.pointerId)) track.releasePointerCapture(e.pointerId);
    commit(st);
  };
  track.onpointerup = finish;
  track.onpointercancel = finish;
  track.onkeydown = (e) => {
    const [lo, hi] = range(st, kind);
    // Probabilities: 0.01 (Shift: 0.1). Logits: 0.1 (Shift: 1).
    const small = kind === "z" ? 0.1 : 0.01;
    const big = kind === "z" ? 1 : 0.1;
    const step = e.shiftKey ? big : small;
    const now = getValues(st, kind)[i];
    let next = null;
    if (e.key === "ArrowUp" || e.key === "ArrowRight") next = now + step;
    else if (e.key === "ArrowDown" || e.key === "ArrowLeft") next = now - step;
    else if (e.key === "PageUp") next = now + big;
    else if (e.key === "PageDown") next = now - big;
    else if (e.key === "Home") next = lo;
    else if (e.key === "End") next = hi;
    if (next === null) return;
    e.preventDefault();
    setValue(st, kind, getValues(st, kind), i, tidy(clamp(next, lo, hi)));
    render(st);
    commit(st);
  };
}

function wire(st) {
  st.mainCols.forEach((c, i) => {
    wireTrack(st, c, i, st.mainKind);
    c.name.onclick = () => {
      if (st.soft || st.fixedLabel || st.forecast || st.label === i) return;
      st.label = i;
      st.pyViews = null;
      render(st);
      commit(st);
    };
  });
  st.pCols.forEach((c, i) => wireTrack(st, c, i, "p"));
}

export default function (component) {
  const { parentElement, data, setStateValue } = component;
  const root = parentElement.querySelector(".xent-bars");
  if (!root || !data) return;
  let st = instances.get(parentElement);
  if (!st) {
    st = { root, seq: 0, drag: null, shape: "" };
    instances.set(parentElement, st);
  }
  st.data = data;
  st.setStateValue = setStateValue;
  st.mode = data.mode === "logits" ? "logits" : "probs";
  st.mainKind = st.mode === "logits" ? "z" : "q";
  st.forecast = st.mode === "probs" && Boolean(data.forecast); // configuration: always Python's
  root.classList.toggle("forecast", st.forecast);
  const views = withCurve(st, data.views);
  if (adoptData(st, data)) {
    if (st.mode === "logits") {
      st.z = data.z.slice();
      st.T = data.temperature;
    } else {
      st.q = data.q.slice();
    }
    st.p = data.p.slice();
    st.label = data.label;
    st.soft = st.mode === "probs" && Boolean(data.soft);
    st.eps = data.eps;
    st.pyViews = adoptViews(views);
  }
  st.fixedLabel = Boolean(data.fixedLabel); // configuration, not state: always Python's
  if (views) st.grid = views.grid;
  const k = data.names.length;
  const shape = `${st.mode}:${k}`;
  if (st.shape !== shape) {
    st.mainCols = buildColumns(root.querySelector(".cols-q"), k, st.mainKind);
    st.pCols = buildColumns(root.querySelector(".cols-p"), k, "p");
    st.softmaxCols = buildColumns(root.querySelector(".cols-softmax"), k, "softmax");
    st.gradCols = buildColumns(root.querySelector(".cols-grad"), k, "grad");
    st.shape = shape;
  }
  const title = st.mode === "logits" ? "Logits z" : st.forecast ? "Your forecast q" : "Prediction q";
  root.querySelector(".main-title").textContent =
    typeof data.title === "string" && data.title !== "" ? data.title : title;
  root.querySelector(".p-hint").textContent = "drag to set a soft label (it always sums to 1)";
  wire(st);
  render(st);
}

// --- the explorer's three small charts --------------------------------------------------------
// Python sends them computed by xent_core (data.views); while a bar moves (and until the
// rerun for the release arrives) they are drawn from the mirror below, in the same frame
// as the readouts. `data-source` on .views says which; each bar carries its data-value.

function el(parent, tag, attrs, text) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  parent.appendChild(node);
  return node;
}

const fromJson = (values) => values.map((v) => (v === null ? Infinity : v));

function withCurve(st, views) {
  // The grid and loss curve xent_core computed for views.curveKey. Python leaves them out
  // when this widget's gesture said it holds that curve (payload.curve in commit), so keep
  // the last few received, whether or not the data is adopted.
  if (!views) return null;
  if (!st.curves) st.curves = new Map();
  if (views.curve) {
    st.curves.delete(views.curveKey);
    st.curves.set(views.curveKey, { grid: views.grid, curve: views.curve });
    if (st.curves.size > 8) st.curves.delete(st.curves.keys().next().value);
    st.curveKey = views.curveKey;
    return views;
  }
  const held = st.curves.get(views.curveKey);
  if (!held) return null; // not expected: the mirror draws until the next full data
  st.curveKey = views.curveKey;
  return { ...views, grid: held.grid, curve: held.curve };
}

function adoptViews(views) {
  if (!views) return null;
  return {
    terms: fromJson(views.terms),
    grad: views.grad.slice(),
    true: views.true,
    grid: views.grid,
    curve: fromJson(views.curve),
    uniform: views.uniform,
  };
}

function argmax(values) {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

function mirrorViews(st, q, p, div) {
  // xent_core: cross_entropy_terms, logit_gradient, loss_along_class (curves.py).
  const t = st.soft ? argmax(p) : st.label;
  const grid = st.grid;
  return {
    terms: p.map((pi, i) => (pi > 0 ? (-pi * Math.log(q[i])) / div : 0)),
    grad: q.map((qi, i) => qi - p[i]),
    true: t,
    grid,
    curve: grid.map((x) => measures(p, setClassProbability(q, t, x)).ce / div),
    uniform: Math.log(q.length) / div,
  };
}

function tickStep(span, count) {
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) || raw;
}

function niceTicks(lo, hi, count) {
  const step = tickStep(hi - lo, count);
  const ticks = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) ticks.push(tidy(v));
  return ticks;
}

// The top of an axis from 0: the next tick above `x`, so the range changes in steps
// (a chart's frame is rebuilt only when its range or size changes, not on every move).
const niceTop = (x) => Math.ceil(x / tickStep(x, 4) - 1e-9) * tickStep(x, 4);

function fitText(text, room, charWidth) {
  const max = Math.max(1, Math.floor(room / charWidth));
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

function frame(svg, size) {
  // Pixel coordinates of the svg's box; margins grow with the root font size (presenter mode).
  svg.replaceChildren();
  const { w, h, f } = size;
  svg.setAttribute("viewBox", `0 0 ${w} ${h}`);
  return { w, h, f, left: 44 * f, right: w - 8 * f, top: 20 * f, bottom: h - 24 * f };
}

function yAxis(svg, box, lo, hi, title) {
  const y = (v) => box.bottom - ((v - lo) / (hi - lo)) * (box.bottom - box.top);
  const axis = el(svg, "g", { class: "axis" });
  for (const t of niceTicks(lo, hi, 4)) {
    el(axis, "line", { x1: box.left, x2: box.right, y1: y(t), y2: y(t), class: t === 0 ? "zero" : "grid" });
    el(axis, "text", { x: box.left - 4 * box.f, y: y(t), class: "tick", "text-anchor": "end", "dominant-baseline": "middle" }, `${t}`);
  }
  const mid = (box.top + box.bottom) / 2;
  el(axis, "text", { x: 10 * box.f, y: mid, class: "axis-title", "text-anchor": "middle", transform: `rotate(-90 ${10 * box.f} ${mid})` }, title);
  return { axis, y };
}

function barChart(svg, size, names, opts) {
  // The frame (axes, names, one bar and label per class), rebuilt only when its key changes.
  const key = JSON.stringify([size, names, opts.lo, opts.hi, opts.title]);
  if (svg.xentChart && svg.xentChart.key === key) return svg.xentChart;
  const box = frame(svg, size);
  const { y } = yAxis(svg, box, opts.lo, opts.hi, opts.title);
  const band = (box.right - box.left) / names.length;
  // Value labels ("+0.090") need about 44 px; narrower bars keep theirs in a tooltip.
  const labelled = band >= 44 * box.f;
  const group = el(svg, "g", { class: "bars" });
  const items = names.map((name, i) => {
    const cx = box.left + band * (i + 0.5);
    el(group, "text", { x: cx, y: box.bottom + 6 * box.f, class: "name-label", "text-anchor": "middle", "dominant-baseline": "hanging" }, fitText(name, band, 6.5 * box.f));
    const rect = el(group, "rect", { x: cx - band * 0.35, width: band * 0.7, class: "bar" });
    return {
      rect,
      tip: el(rect, "title", {}),
      label: el(group, "text", { x: cx, class: "bar-label", "text-anchor": "middle" }),
    };
  });
  svg.xentChart = { key, box, y, items, labelled };
  return svg.xentChart;
}

function drawBarChart(svg, size, values, names, opts) {
  const chart = barChart(svg, size, names, opts);
  const { box, y } = chart;
  const y0 = y(0);
  values.forEach((v, i) => {
    const { rect, tip, label } = chart.items[i];
    const infinite = !Number.isFinite(v);
    const y1 = y(infinite ? opts.hi : clamp(v, opts.lo, opts.hi));
    rect.setAttribute("y", String(Math.min(y0, y1)));
    rect.setAttribute("height", String(Math.abs(y1 - y0)));
    rect.setAttribute("class", infinite ? "bar inf" : `bar ${opts.cls(v)}`);
    rect.dataset.value = infinite ? "inf" : String(v);
    const above = infinite || v >= 0;
    label.setAttribute("y", String(above ? y1 - 4 * box.f : y1 + 4 * box.f));
    label.setAttribute("dominant-baseline", above ? "auto" : "hanging");
    label.textContent = infinite ? "∞" : opts.format(v);
    label.setAttribute("visibility", chart.labelled || infinite ? "visible" : "hidden");
    tip.textContent = `${names[i]}: ${label.textContent}`;
  });
}

function curveChart(svg, size, name, top, uniform, unitText) {
  const key = JSON.stringify([size, name, top, uniform, unitText]);
  if (svg.xentChart && svg.xentChart.key === key) return svg.xentChart;
  const box = frame(svg, size);
  box.bottom -= 12 * box.f; // room for the x-axis title
  const { axis, y } = yAxis(svg, box, 0, top, `H(p,q) (${unitText})`);
  const x = (t) => box.left + (t / 1.02) * (box.right - box.left);
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    el(axis, "text", { x: x(t), y: box.bottom + 4 * box.f, class: "tick", "text-anchor": "middle", "dominant-baseline": "hanging" }, `${t}`);
  }
  el(axis, "text", { x: (box.left + box.right) / 2, y: box.h - 2 * box.f, class: "axis-title", "text-anchor": "middle" },
    fitText(`predicted probability of ${name}`, box.right - box.left, 6 * box.f));
  if (uniform <= top) {
    el(svg, "line", { x1: box.left, x2: box.right, y1: y(uniform), y2: y(uniform), class: "uniform" });
    el(svg, "text", { x: box.right, y: y(uniform) - 3 * box.f, class: "tick", "text-anchor": "end" }, "uniform guess");
  }
  // A nested svg clips the curve to the plot area.
  const plot = el(svg, "svg", { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top, overflow: "hidden" });
  svg.xentChart = {
    key, box, x, y,
    line: el(plot, "polyline", { class: "curve" }),
    dot: el(svg, "circle", { r: 6 * box.f, class: "now" }),
    label: el(svg, "text", { class: "now-label" }),
    curve: null,
  };
  return svg.xentChart;
}

function drawCurve(svg, size, v, now, names, unitText) {
  const finite = v.curve.filter(Number.isFinite);
  const top = niceTop((finite.length ? Math.min(Math.max(...finite), 10) : 1) * 1.05);
  const chart = curveChart(svg, size, names[v.true], top, v.uniform, unitText);
  const { box, x, y } = chart;
  const values = JSON.stringify(v.curve.map((c) => (Number.isFinite(c) ? c : null)));
  if (chart.curve !== values) {
    // Dragging the true class's bar leaves the curve as it is; only the dot moves.
    chart.curve = values;
    const points = [];
    v.grid.forEach((t, i) => {
      const c = v.curve[i];
      if (Number.isFinite(c)) points.push(`${(x(t) - box.left).toFixed(1)},${(Math.max(y(c), box.top - 50) - box.top).toFixed(1)}`);
    });
    chart.line.setAttribute("points", points.join(" "));
    chart.line.dataset.values = values;
  }
  const infinite = !Number.isFinite(now.ce);
  const cy = infinite ? box.top : y(Math.min(now.ce, top));
  const cx = x(now.q);
  chart.dot.setAttribute("cx", String(cx));
  chart.dot.setAttribute("cy", String(cy));
  chart.dot.dataset.value = infinite ? "inf" : String(now.ce);
  chart.dot.dataset.q = String(now.q);
  const right = cx > (box.left + box.right) / 2;
  chart.label.setAttribute("x", String(right ? cx - 9 * box.f : cx + 9 * box.f));
  chart.label.setAttribute("y", String(cy - 6 * box.f));
  chart.label.setAttribute("text-anchor", right ? "end" : "start");
  chart.label.textContent = infinite ? "now: ∞" : `now ${now.ce.toFixed(3)}`;
}

function drawViews(st, q, p, m, div, unitText) {
  const views = st.root.querySelector(".views");
  views.hidden = !st.data.views;
  if (!st.data.views || !(st.pyViews || st.grid)) return;
  if (!st.sizes) observeViews(st, views);
  const v = st.pyViews || mirrorViews(st, q, p, div);
  views.dataset.source = st.pyViews ? "xent_core" : "browser";
  const names = st.data.names;
  const { charts, sizes } = st;
  const k = q.length;
  const termsTop = niceTop(Math.max((3 * Math.log(k)) / div, ...v.terms.filter(Number.isFinite)) * 1.15);
  drawBarChart(charts.terms, sizes.terms, v.terms, names, {
    lo: 0, hi: termsTop, title: `−p·log q (${unitText})`, format: (t) => t.toFixed(3), cls: () => "term",
  });
  drawBarChart(charts.grad, sizes.grad, v.grad, names, {
    lo: -1.25, hi: 1.25, title: "qᵢ − pᵢ", format: (g) => (g > 0 ? `+${g.toFixed(3)}` : g.toFixed(3)),
    cls: (g) => (g > 0 ? "down" : g < 0 ? "up" : "none"),
  });
  const title = `Loss as q(${names[v.true]}) moves`;
  if (st.curveTitle.textContent !== title) st.curveTitle.textContent = title;
  // With a soft label the curve follows the class p gives the most.
  const which = st.soft
    ? `Dragging the bar of ${names[v.true]}, the class p gives the most,`
    : "Dragging the true class's bar";
  if (st.curveWhich.textContent !== which) st.curveWhich.textContent = which;
  drawCurve(charts.curve, sizes.curve, v, { q: q[v.true], ce: m.ce / div }, names, unitText);
}

function observeViews(st, views) {
  st.curveTitle = views.querySelector(".curve-title");
  st.curveWhich = views.querySelector(".curve-which");
  st.charts = {};
  st.sizes = {};
  for (const fig of views.querySelectorAll(".view")) {
    const kind = fig.dataset.chart;
    st.charts[kind] = fig.querySelector("svg.chart");
    st.sizes[kind] = { w: 300, h: 180, f: 1 };
    fig.querySelector(".png").onclick = () => downloadPng(st.charts[kind], `xent-explorer-${kind}.png`);
  }
  const measure = () => {
    const f = parseFloat(getComputedStyle(document.documentElement).fontSize) / 16 || 1;
    let changed = false;
    for (const [kind, svg] of Object.entries(st.charts)) {
      const w = Math.round(svg.clientWidth);
      const h = Math.round(svg.clientHeight);
      const old = st.sizes[kind];
      if (w > 0 && h > 0 && (w !== old.w || h !== old.h || f !== old.f)) {
        st.sizes[kind] = { w, h, f };
        changed = true;
      }
    }
    return changed;
  };
  measure();
  if (typeof ResizeObserver !== "undefined") {
    new ResizeObserver(() => {
      if (measure()) render(st);
    }).observe(views);
  }
}

// --- PNG export: the chart with its computed colours inlined, drawn on a canvas ------------

const STYLE_PROPS = ["fill", "fill-opacity", "stroke", "stroke-width", "stroke-opacity", "stroke-dasharray", "opacity", "font-family", "font-size", "font-weight"];

function downloadPng(svg, filename) {
  const copy = svg.cloneNode(true);
  const from = [svg, ...svg.querySelectorAll("*")];
  const to = [copy, ...copy.querySelectorAll("*")];
  from.forEach((node, i) => {
    const cs = getComputedStyle(node);
    to[i].setAttribute("style", STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(";"));
  });
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute("xmlns", SVG_NS);
  copy.setAttribute("width", String(width));
  copy.setAttribute("height", String(height));
  const bg = getComputedStyle(svg.closest(".xent-bars")).getPropertyValue("--st-background-color").trim() || "#ffffff";
  const back = document.createElementNS(SVG_NS, "rect");
  back.setAttribute("width", "100%");
  back.setAttribute("height", "100%");
  back.setAttribute("style", `fill:${bg}`);
  copy.insertBefore(back, copy.firstChild);
  const url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(width * 2);
    canvas.height = Math.round(height * 2);
    const ctx = canvas.getContext("2d");
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, width, height);
    const a = document.createElement("a");
    a.download = filename;
    a.href = canvas.toDataURL("image/png");
    a.click();
  };
  img.src = url;
}
