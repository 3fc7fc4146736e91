// xent drag bars: coupled probability bars with live cross-entropy readouts.
//
// Python (xent_core) is the source of truth. This file mirrors only the little maths
// the live readouts need (H, H(p,q), KL, perplexity) so they can change on every
// pointer move; the browser tests check that both agree. On release (and on each
// keyboard step) it calls setStateValue once: one rerun per gesture.
// Class names arrive through `data` and are only ever inserted with textContent.

const SVG_NS = "http://www.w3.org/2000/svg";
const instances = new WeakMap();

// --- maths mirror (see xent_core/measures.py and xent_core/coupling.py) ---------------

function measures(p, q) {
  // Nats. 0·log 0 = 0; p > 0 with q = 0 gives +Infinity (log 0 = -Infinity).
  let ce = 0;
  let h = 0;
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] > 0) {
      ce -= p[i] * Math.log(q[i]);
      h -= p[i] * Math.log(p[i]);
      kl += p[i] * Math.log(p[i] / q[i]);
    }
  }
  return { ce, h, kl, perplexity: Math.exp(ce) };
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

const clamp01 = (v) => Math.min(1, Math.max(0, v));
const tidy = (v) => Math.round(v * 1e6) / 1e6;

// --- rendering ---------------------------------------------------------------------------

function fmt(x, digits) {
  if (x === Infinity) return "∞";
  if (Number.isNaN(x)) return "–";
  return x.toFixed(digits);
}

function buildColumns(container, k, kind) {
  container.replaceChildren();
  const cols = [];
  for (let i = 0; i < k; i++) {
    const col = document.createElement("div");
    col.className = "col";
    const val = document.createElement("div");
    val.className = "val";
    const track = document.createElement("div");
    track.className = "track";
    track.tabIndex = 0;
    track.setAttribute("role", "slider");
    track.setAttribute("aria-valuemin", "0");
    track.setAttribute("aria-valuemax", "1");
    track.setAttribute("aria-orientation", "vertical");
    track.dataset.index = String(i);
    track.dataset.kind = kind;
    const svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 100 100");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    for (const level of [25, 50, 75]) {
      const line = document.createElementNS(SVG_NS, "line");
      line.setAttribute("class", "grid");
      line.setAttribute("x1", "0");
      line.setAttribute("x2", "100");
      line.setAttribute("y1", String(level));
      line.setAttribute("y2", String(level));
      line.setAttribute("vector-effect", "non-scaling-stroke");
      svg.appendChild(line);
    }
    const rect = document.createElementNS(SVG_NS, "rect");
    rect.setAttribute("class", "fill");
    rect.setAttribute("x", "8");
    rect.setAttribute("width", "84");
    svg.appendChild(rect);
    track.appendChild(svg);
    col.append(val, track);
    let name = null;
    if (kind === "q") {
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

function render(st) {
  const { root, data } = st;
  const k = st.q.length;
  const p = currentP(st);
  const m = measures(p, st.q);
  const bits = data.unit === "bits";
  const div = bits ? Math.LN2 : 1;
  const unitText = bits ? "bits" : "nats";
  const log = bits ? "log₂" : "ln";

  const show = (key, value, digits) => {
    const el = root.querySelector(`[data-xent="${key}"]`);
    el.textContent = fmt(value, digits);
    el.dataset.value = value === Infinity ? "inf" : String(value);
  };
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
    show("surprisal", -Math.log(st.q[st.label]) / div, 4);
    surprisal.querySelector(".r-name").firstChild.textContent = `−${log} q`;
    surprisal.querySelector(".true-name").textContent = data.names[st.label];
  }

  // Stacked bar: widths share one scale that grows only past 3·ln K.
  const lnK = Math.log(k);
  const scale = Math.max(3 * lnK, Number.isFinite(m.ce) ? m.ce : 0);
  const segH = root.querySelector(".seg-h");
  const segKL = root.querySelector(".seg-kl");
  segH.style.width = `${(100 * m.h) / scale}%`;
  const infinite = !Number.isFinite(m.kl);
  segKL.classList.toggle("infinite", infinite);
  segKL.style.width = infinite ? "" : `${(100 * Math.max(0, m.kl)) / scale}%`;
  root.querySelector(".inf-note").hidden = !infinite;
  const tick = root.querySelector(".uniform-tick");
  tick.style.left = `${(100 * lnK) / scale}%`;
  tick.querySelector("span").textContent = `uniform guess ${log} ${k} = ${fmt(lnK / div, 3)}`;

  drawBars(st.qCols, st.q, data.names, "Predicted probability of");
  st.qCols.forEach((c, i) => {
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
  if (st.soft) drawBars(st.pCols, st.p, data.names, "True probability of");
}

function drawBars(cols, values, names, label) {
  cols.forEach((c, i) => {
    const v = values[i];
    c.rect.setAttribute("y", String(100 * (1 - v)));
    c.rect.setAttribute("height", String(100 * v));
    c.val.textContent = v.toFixed(3);
    c.track.setAttribute("aria-valuenow", String(v));
    c.track.setAttribute("aria-valuetext", `${names[i]}: ${v.toFixed(3)}`);
    c.track.setAttribute("aria-label", `${label} ${names[i]}`);
  });
}

function currentP(st) {
  return st.soft ? st.p : smoothedOneHot(st.q.length, st.label, st.eps);
}

// --- interaction ---------------------------------------------------------------------------

function commit(st) {
  st.seq += 1;
  st.setStateValue("gesture", {
    q: st.q.slice(),
    p: st.soft ? st.p.slice() : null,
    label: st.label,
    seq: st.seq,
  });
}

function levelAt(track, clientY) {
  const box = track.getBoundingClientRect();
  const v = clamp01(1 - (clientY - box.top) / box.height);
  return Math.round(v * 1000) / 1000;
}

function wireTrack(st, c, i, kind) {
  const track = c.track;
  const values = () => (kind === "q" ? st.q : st.p);
  const assign = (arr) => {
    if (kind === "q") st.q = arr;
    else st.p = arr;
  };
  track.onpointerdown = (e) => {
    if (e.button !== undefined && e.button !== 0) return;
    e.preventDefault();
    track.focus({ preventScroll: true });
    track.setPointerCapture(e.pointerId);
    st.drag = { kind, index: i, start: values().slice(), pointerId: e.pointerId };
    track.classList.add("dragging");
    assign(setClassProbability(st.drag.start, i, levelAt(track, e.clientY)));
    render(st);
  };
  track.onpointermove = (e) => {
    if (!st.drag || st.drag.pointerId !== e.pointerId || st.drag.kind !== kind) return;
    assign(setClassProbability(st.drag.start, i, levelAt(track, e.clientY)));
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
    const big = e.shiftKey ? 0.1 : 0.01;
    const now = values()[i];
    let next = null;
    if (e.key === "ArrowUp" || e.key === "ArrowRight") next = now + big;
    else if (e.key === "ArrowDown" || e.key === "ArrowLeft") next = now - big;
    else if (e.key === "PageUp") next = now + 0.1;
    else if (e.key === "PageDown") next = now - 0.1;
    else if (e.key === "Home") next = 0;
    else if (e.key === "End") next = 1;
    if (next === null) return;
    e.preventDefault();
    assign(setClassProbability(values(), i, tidy(clamp01(next))));
    render(st);
    commit(st);
  };
}

function wire(st) {
  st.qCols.forEach((c, i) => {
    wireTrack(st, c, i, "q");
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
  // Adopt Python's state unless a drag is in progress (the release will send ours) or
  // Python has not yet applied our latest gesture (that rerun is on its way).
  const seen = Number.isInteger(data.seq) ? data.seq : 0;
  if (!st.drag && seen >= st.seq) {
    st.seq = seen;
    st.q = data.q.slice();
    st.p = data.p.slice();
    st.label = data.label;
    st.soft = Boolean(data.soft);
    st.eps = data.eps;
  }
  const shape = `${data.q.length}`;
  if (st.shape !== shape) {
    st.qCols = buildColumns(root.querySelector(".cols-q"), data.q.length, "q");
    st.pCols = buildColumns(root.querySelector(".cols-p"), data.q.length, "p");
    st.shape = shape;
  }
  root.querySelector(".p-hint").textContent = "drag to set a soft label (it always sums to 1)";
  wire(st);
  render(st);
}
