// xent simplex: every three-class prediction is a point of a triangle. Drag q (or click
// anywhere) and p over the landscape Python computed; the readouts change live.
//
// shared.js (in front of this file) supplies the maths mirror (measures, jsDivergence),
// the readouts and the gesture protocol. This file only adds the geometry: barycentric
// (q_A, q_B, q_C) ↔ SVG, with A at the top, B bottom left and C bottom right, as in
// xent_core/simplex.py. The landscape image and its contours are drawn from Python's
// grid values; nothing here recomputes them. Names arrive through `data` and are only
// ever inserted with textContent.

const SVG_NS = "http://www.w3.org/2000/svg";
const H = 86.6025; // height of the triangle of side 100 (SVG units)
const SNAP = 1000; // coordinates snap to 0.001: the corners and edges are reachable
const NAME_CHARS = 14; // longer corner labels are cut (the full name is in the tooltip)
const instances = new WeakMap();

// --- geometry -------------------------------------------------------------------------------

function toSvg(v) {
  // x = q_A/2 + q_C, y = q_A·√3/2 in a triangle of side 1; SVG's y axis points down.
  return [100 * (v[0] / 2 + v[2]), H * (1 - v[0])];
}

function fromSvg(x, y) {
  const a = 1 - y / H;
  const c = x / 100 - a / 2;
  return [a, 1 - a - c, c];
}

function projectToSimplex(v) {
  // Euclidean projection onto the simplex (sort-based; Duchi et al. 2008). The triangle
  // is a similarity image of the simplex, so this is also the nearest point on screen.
  const u = v.slice().sort((x, y) => y - x);
  let sum = 0;
  let theta = 0;
  for (let i = 0; i < u.length; i++) {
    sum += u[i];
    const t = (sum - 1) / (i + 1);
    if (u[i] - t > 0) theta = t;
  }
  return v.map((x) => Math.max(x - theta, 0));
}

function snap(v) {
  // Round to 0.001 and give the rounding error to the largest coordinate: sums stay 1.
  const r = v.map((x) => Math.round(x * SNAP) / SNAP);
  const big = r.indexOf(Math.max(...r));
  r[big] = tidy(r[big] + 1 - r.reduce((a, b) => a + b, 0));
  return r.map((x) => tidy(clamp(x, 0, 1)));
}

function stepPoint(v, key, step) {
  // Up/down: towards/away from A at constant x (B and C give or take half each).
  // Left/right: move mass between B and C at constant q_A (a horizontal line).
  const d = [0, 0, 0];
  if (key === "ArrowUp") d.splice(0, 3, step, -step / 2, -step / 2);
  else if (key === "ArrowDown") d.splice(0, 3, -step, step / 2, step / 2);
  else if (key === "ArrowLeft") d.splice(0, 3, 0, step, -step);
  else if (key === "ArrowRight") d.splice(0, 3, 0, -step, step);
  else return null;
  return snap(projectToSimplex(v.map((x, i) => x + d[i])));
}

// --- the landscape image --------------------------------------------------------------------

function hexToRgb(hex) {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function colourAt(stops, t) {
  // Linear interpolation between Python's colour stops [[t, "#rrggbb"], ...].
  for (let s = 1; s < stops.length; s++) {
    if (t <= stops[s][0] || s === stops.length - 1) {
      const [t0, c0] = stops[s - 1];
      const [t1, c1] = stops[s];
      const f = t1 > t0 ? clamp((t - t0) / (t1 - t0), 0, 1) : 0;
      const a = hexToRgb(c0);
      const b = hexToRgb(c1);
      return a.map((x, i) => Math.round(x + f * (b[i] - x)));
    }
  }
  return hexToRgb(stops[0][1]);
}

function drawLandscape(st) {
  const L = st.data.landscape;
  const n = L.n;
  const inf = (v) => (v === null ? Infinity : v);
  const values = L.values.map(inf);
  const cells = L.cells.map(inf);
  const row = (i) => i * (n + 1) - (i * (i - 1)) / 2; // grid index of (i, 0)
  // Cell indices in xent_core.grid_triangles order: upward cells, then downward ones.
  const up = (i, j) => i * n - (i * (i - 1)) / 2 + j;
  const down = (i, j) => (n * (n + 1)) / 2 + i * (n - 1) - (i * (i - 1)) / 2 + j;
  const lut = [];
  for (let k = 0; k <= 255; k++) lut.push(colourAt(L.colors, k / 255));
  const W = 480;
  const Hpx = Math.round((W * H) / 100);
  const canvas = document.createElement("canvas");
  canvas.width = W;
  canvas.height = Hpx;
  const ctx = canvas.getContext("2d");
  const img = ctx.createImageData(W, Hpx);
  const hatch = [
    [141, 147, 158],
    [201, 205, 213],
  ];
  for (let py = 0; py < Hpx; py++) {
    for (let px = 0; px < W; px++) {
      const [a, b, c] = fromSvg(((px + 0.5) * 100) / W, ((py + 0.5) * H) / Hpx);
      if (a < -0.01 || b < -0.01 || c < -0.01) continue; // outside (the clip path trims)
      // The small grid triangle around (a, b) and the point's weights in it.
      const fa = clamp(a, 0, 1) * n;
      const fb = clamp(b, 0, 1) * n;
      let i = Math.min(Math.floor(fa), n - 1);
      let j = Math.min(Math.floor(fb), n - 1 - i);
      if (j < 0) j = 0;
      const da = fa - i;
      const db = fb - j;
      let corners;
      let cell;
      if (da + db <= 1 || i + j > n - 2) {
        cell = up(i, j);
        corners = [
          [row(i) + j, 1 - da - db],
          [row(i + 1) + j, da],
          [row(i) + j + 1, db],
        ];
      } else {
        cell = down(i, j);
        corners = [
          [row(i + 1) + j, 1 - db],
          [row(i) + j + 1, 1 - da],
          [row(i + 1) + j + 1, da + db - 1],
        ];
      }
      // Interpolate between the corners, an infinite corner counting as the top of the
      // scale (it is reached inside the cell anyway); a cell whose centre is infinite
      // is hatched.
      let value = 0;
      if (cells[cell] === Infinity) value = Infinity;
      else for (const [index, w] of corners) value += w * Math.min(values[index], L.cap);
      const rgb =
        value === Infinity
          ? hatch[Math.floor((px + py) / 6) % 2]
          : lut[Math.round(clamp(value / L.cap, 0, 1) * 255)];
      const o = 4 * (py * W + px);
      img.data[o] = rgb[0];
      img.data[o + 1] = rgb[1];
      img.data[o + 2] = rgb[2];
      img.data[o + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
  st.root.querySelector(".landscape").setAttribute("href", canvas.toDataURL("image/png"));
  const stops = L.colors.map(([t, c]) => `${c} ${(100 * t).toFixed(1)}%`).join(", ");
  st.root.querySelector(".colorbar").style.background = `linear-gradient(90deg, ${stops})`;
}

function svgEl(tag, attrs) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function drawContours(st) {
  const group = st.root.querySelector(".contours");
  group.replaceChildren();
  const L = st.data.landscape;
  for (const [a, b, value] of L.dots) {
    // Finite points inside infinite cells (reverse KL where p rules a class out).
    const [x, y] = toSvg([a, b, 1 - a - b]);
    const [r, g, bl] = colourAt(L.colors, clamp(value / L.cap, 0, 1));
    group.appendChild(svgEl("circle", { class: "dot", cx: x, cy: y, r: 1.4, fill: `rgb(${r},${g},${bl})` }));
  }
  for (const { level, label, segments } of st.data.landscape.contours) {
    // segments: flat [a1, b1, a2, b2, ...] barycentric ends (c = 1 − a − b).
    let d = "";
    let best = null;
    for (let s = 0; s + 3 < segments.length; s += 4) {
      const p0 = [segments[s], segments[s + 1], 1 - segments[s] - segments[s + 1]];
      const p1 = [segments[s + 2], segments[s + 3], 1 - segments[s + 2] - segments[s + 3]];
      const [x0, y0] = toSvg(p0);
      const [x1, y1] = toSvg(p1);
      d += `M${x0.toFixed(2)},${y0.toFixed(2)}L${x1.toFixed(2)},${y1.toFixed(2)}`;
      // Label where the line is furthest from every edge.
      const depth = Math.min(...p0.map((v, k) => (v + p1[k]) / 2));
      if (!best || depth > best.depth) best = { depth, x: (x0 + x1) / 2, y: (y0 + y1) / 2 };
    }
    if (!d) continue;
    group.appendChild(svgEl("path", { class: "halo", d }));
    group.appendChild(svgEl("path", { class: "line", d, "data-level": level }));
    if (best && best.depth > 0.04) {
      const text = svgEl("text", { x: best.x.toFixed(2), y: best.y.toFixed(2) });
      text.textContent = label;
      group.appendChild(text);
    }
  }
}

function drawFrame(st) {
  // Grid lines every 0.2 and the edges where the measure is infinite everywhere.
  const grid = st.root.querySelector(".gridlines");
  grid.replaceChildren();
  for (let k = 1; k < 5; k++) {
    const t = k / 5;
    const lines = [
      [[t, 1 - t, 0], [t, 0, 1 - t]],
      [[1 - t, t, 0], [0, t, 1 - t]],
      [[1 - t, 0, t], [0, 1 - t, t]],
    ];
    for (const [u, v] of lines) {
      const [x1, y1] = toSvg(u);
      const [x2, y2] = toSvg(v);
      grid.appendChild(svgEl("line", { x1, y1, x2, y2 }));
    }
  }
  const edges = st.root.querySelector(".inf-edges");
  edges.replaceChildren();
  const corners = [toSvg([1, 0, 0]), toSvg([0, 1, 0]), toSvg([0, 0, 1])];
  // The label sits outside the edge opposite each corner.
  const labelAt = [
    [50, 92.5], // opposite A: the bottom edge B–C
    [83, 39], // opposite B: the right edge A–C
    [17, 39], // opposite C: the left edge A–B
  ];
  const infinite = st.data.landscape.infiniteEdges;
  infinite.forEach((isInf, k) => {
    if (!isInf) return;
    const [u, v] = corners.filter((_, m) => m !== k);
    edges.appendChild(svgEl("line", { x1: u[0], y1: u[1], x2: v[0], y2: v[1] }));
    const text = svgEl("text", { x: labelAt[k][0], y: labelAt[k][1] });
    text.textContent = "∞";
    edges.appendChild(text);
  });
  st.root.querySelector(".inf-edge-key").hidden = !infinite.some(Boolean);
  st.root.querySelectorAll(".vertex").forEach((el) => {
    const name = st.data.names[Number(el.dataset.vertex)];
    el.textContent = name.length > NAME_CHARS ? `${name.slice(0, NAME_CHARS - 1)}…` : name;
    let title = el.querySelector("title");
    if (!title) {
      title = document.createElementNS(SVG_NS, "title");
      el.appendChild(title);
    }
    title.textContent = name;
  });
}

// --- live state -----------------------------------------------------------------------------

function describe(names, v) {
  return names.map((name, i) => `${name} ${v[i].toFixed(3)}`).join(", ");
}

function placePoint(st, el, v, what) {
  const [x, y] = toSvg(v);
  el.setAttribute("transform", `translate(${x.toFixed(3)},${y.toFixed(3)})`);
  el.setAttribute("aria-valuenow", String(v[0]));
  el.setAttribute("aria-valuetext", `${what}: ${describe(st.data.names, v)}`);
  el.dataset.bary = v.join(",");
}

function render(st) {
  const { root, data } = st;
  const { p, q } = st;
  const m = measures(p, q);
  const reverse = measures(q, p).kl;
  const js = jsDivergence(p, q);
  const bits = data.unit === "bits";
  const div = bits ? Math.LN2 : 1;
  showReadout(root, "cross-entropy", m.ce / div, 4);
  showReadout(root, "entropy", m.h / div, 4);
  showReadout(root, "kl", m.kl / div, 4);
  showReadout(root, "reverse-kl", reverse / div, 4);
  showReadout(root, "js", js / div, 4);
  showReadout(root, "perplexity", m.perplexity, 3);
  for (const el of root.querySelectorAll(".r-unit:not([data-fixed])")) {
    el.textContent = bits ? "bits" : "nats";
  }
  placePoint(st, root.querySelector(".q-point"), q, "q");
  placePoint(st, root.querySelector(".p-point"), p, "p");
  root.querySelector(".coords-q").textContent = `q = (${describe(data.names, q)})`;
  root.querySelector(".coords-p").textContent = `p = (${describe(data.names, p)})`;
  const stale = Boolean(st.drag && st.drag.what === "p");
  root.querySelector(".stage").classList.toggle("stale", stale);
  root.querySelector(".stale-note").hidden = !stale;
}

// --- interaction ----------------------------------------------------------------------------

function pointerPoint(st, e) {
  const svg = st.root.querySelector("svg.tri");
  const pt = svg.createSVGPoint();
  pt.x = e.clientX;
  pt.y = e.clientY;
  const local = pt.matrixTransform(svg.getScreenCTM().inverse());
  return snap(projectToSimplex(fromSvg(local.x, local.y)));
}

function commit(st) {
  sendGesture(st, { q: st.q.slice(), p: st.pMoved ? st.p.slice() : null });
}

function wire(st) {
  const svg = st.root.querySelector("svg.tri");
  const qEl = st.root.querySelector(".q-point");
  const pEl = st.root.querySelector(".p-point");
  svg.onpointerdown = (e) => {
    if (e.button !== undefined && e.button !== 0) return;
    e.preventDefault();
    // Press on p: drag p. Anywhere else: q jumps there and follows the pointer.
    const what = pEl.contains(e.target) ? "p" : "q";
    const el = what === "p" ? pEl : qEl;
    el.focus({ preventScroll: true });
    svg.setPointerCapture(e.pointerId);
    st.drag = { what, pointerId: e.pointerId, el };
    el.classList.add("dragging");
    if (what === "q") st.q = pointerPoint(st, e);
    render(st);
  };
  svg.onpointermove = (e) => {
    if (!st.drag || st.drag.pointerId !== e.pointerId) return;
    const v = pointerPoint(st, e);
    if (st.drag.what === "p") {
      st.p = v;
      st.pMoved = true;
    } else st.q = v;
    render(st);
  };
  const finish = (e) => {
    if (!st.drag || st.drag.pointerId !== e.pointerId) return;
    st.drag.el.classList.remove("dragging");
    st.drag = null;
    if (svg.hasPointerCapture(e.pointerId)) svg.releasePointerCapture(e.pointerId);
    render(st);
    commit(st);
  };
  svg.onpointerup = finish;
  svg.onpointercancel = finish;
  const keys = (what) => (e) => {
    const step = e.shiftKey ? 0.1 : 0.01;
    const now = what === "p" ? st.p : st.q;
    const next = stepPoint(now, e.key, step);
    if (!next) return;
    e.preventDefault();
    if (what === "p") {
      st.p = next;
      st.pMoved = true;
    } else st.q = next;
    render(st);
    commit(st);
  };
  qEl.onkeydown = keys("q");
  pEl.onkeydown = keys("p");
}

export default function (component) {
  const { parentElement, data, setStateValue } = component;
  const root = parentElement.querySelector(".xent-simplex");
  if (!root || !data) return;
  let st = instances.get(parentElement);
  if (!st) {
    st = { root, seq: 0, drag: null, landscapeKey: "", frameKey: "" };
    instances.set(parentElement, st);
  }
  st.data = data;
  st.setStateValue = setStateValue;
  if (adoptData(st, data)) {
    st.q = data.q.slice();
    st.p = data.p.slice();
    st.pMoved = false;
  }
  const L = data.landscape;
  root.querySelector(".landscape-title").textContent = data.title;
  root.querySelectorAll(".readout[data-measure]").forEach((el) => {
    el.classList.toggle("active", el.dataset.measure === data.measure);
  });
  root.querySelector(".tick-mid").textContent = L.midLabel;
  root.querySelector(".tick-hi").textContent = L.capLabel;
  if (st.landscapeKey !== L.key) {
    drawLandscape(st);
    drawContours(st);
    st.landscapeKey = L.key;
  }
  const frameKey = JSON.stringify([L.infiniteEdges, data.names]);
  if (st.frameKey !== frameKey) {
    drawFrame(st);
    st.frameKey = frameKey;
  }
  wire(st);
  render(st);
}
