// Shared by every xent drag widget (put in front of bars.js and simplex.js by gesture.py).
//
// Python (xent_core) is the source of truth. These few functions mirror only the maths
// the live readouts need, so they can change on every pointer move; the browser tests
// check that both agree. The gesture protocol: one setStateValue per release (or
// keyboard step), numbered by `seq`, which Python echoes back in `data.seq`.

// --- maths mirror (see xent_core/measures.py) ------------------------------------------

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
  return { ce, h, kl: Math.max(0, kl), perplexity: Math.exp(ce) };
}

function jsDivergence(p, q) {
  // Nats; ½ KL(p‖m) + ½ KL(q‖m) with m = (p + q) / 2: finite, at most ln 2.
  let total = 0;
  for (let i = 0; i < p.length; i++) {
    const m = p[i] + q[i];
    if (p[i] > 0) total += p[i] * Math.log((2 * p[i]) / m);
    if (q[i] > 0) total += q[i] * Math.log((2 * q[i]) / m);
  }
  return Math.max(0, total / 2);
}

const clamp = (v, lo, hi) => Math.min(hi, Math.max(lo, v));
const tidy = (v) => Math.round(v * 1e6) / 1e6;

// --- readouts ------------------------------------------------------------------------------

function fmt(x, digits) {
  if (x === Infinity) return "∞";
  if (Number.isNaN(x)) return "–";
  return x.toFixed(digits);
}

function showReadout(root, key, value, digits) {
  // The testing contract: data-value holds the full-precision number ("inf" for ∞).
  const el = root.querySelector(`[data-xent="${key}"]`);
  el.textContent = fmt(value, digits);
  el.dataset.value = value === Infinity ? "inf" : String(value);
}

// --- gesture protocol ------------------------------------------------------------------------

function adoptData(st, data) {
  // Take Python's state unless a drag is in progress (its release will send ours) or
  // Python has not yet applied our latest gesture (that rerun is on its way).
  const seen = Number.isInteger(data.seq) ? data.seq : 0;
  if (st.drag || seen < st.seq) return false;
  st.seq = seen;
  return true;
}

function sendGesture(st, payload) {
  st.seq += 1;
  st.setStateValue("gesture", { ...payload, seq: st.seq });
}
