// xent drag bars: coupled probability bars (or logit bars) with live cross-entropy readouts.
//
// Python (xent_core) is the source of truth. shared.js (in front of this file) mirrors
// H, H(p,q), KL and perplexity for the live readouts; this file adds softmax and the
// coupled bars. On release (and on each keyboard step) it sends one gesture.
// Class names arrive through `data` and are only ever inserted with textContent.
//
// Modes: "probs" (the explorer: drag q, and p when the label is soft) and "logits"
// (the logits page: drag z; q = softmax(z / T) and the gradient q − p are drawn live).

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
    const label = `${spec.label} ${names[i]}`;
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

  const main = st.mode === "logits" ? st.z : st.q;
  drawBars(st, st.mainCols, main, st.mainKind);
  st.mainCols.forEach((c, i) => {
    const isTrue = !st.soft && i === st.label;
    c.col.classList.toggle("true", isTrue);
    c.name.querySelector(".name-text").textContent = data.names[i];
    c.name.querySelector(".true-mark").textContent = isTrue ? "✓ true class" : st.soft ? "" : "set as true";
    c.name.disabled = st.soft;
    c.name.setAttribute("aria-pressed", isTrue ? "true" : "false");
    c.name.setAttribute(
      "aria-label",
      st.soft ? `Class ${data.names[i]}` : `Make ${data.names[i]} the true class`,
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
}

// --- interaction ---------------------------------------------------------------------------

function commit(st) {
  const payload = { label: st.label };
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
      if (st.soft || st.label === i) return;
      st.label = i;
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
  }
  const k = data.names.length;
  const shape = `${st.mode}:${k}`;
  if (st.shape !== shape) {
    st.mainCols = buildColumns(root.querySelector(".cols-q"), k, st.mainKind);
    st.pCols = buildColumns(root.querySelector(".cols-p"), k, "p");
    st.softmaxCols = buildColumns(root.querySelector(".cols-softmax"), k, "softmax");
    st.gradCols = buildColumns(root.querySelector(".cols-grad"), k, "grad");
    st.shape = shape;
  }
  root.querySelector(".main-title").textContent =
    st.mode === "logits" ? "Logits z" : "Prediction q";
  root.querySelector(".p-hint").textContent = "drag to set a soft label (it always sums to 1)";
  wire(st);
  render(st);
}
