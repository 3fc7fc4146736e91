// xent surprise text: the held-out text, each character shaded by its surprise in bits.
//
// Display only: nothing is sent back. The text is user text: it arrives in `data` as
// plain strings and is inserted with textContent only, never as HTML. Python
// (surprise_text.py) computes and formats every number.
//
// Kept for the tests: data-xent="surprise-text" on the text (data-value = mean bits of
// the characters shown, data-count = how many), and per character a span with data-i,
// data-bits (surprise in bits) and data-band (the legend's band).

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawLegend(root, data) {
  const list = root.querySelector(".swatches");
  list.replaceChildren(...(data.legend || []).map((label, i) => el("li", `b${i}`, label)));
}

function describe(root, data, i) {
  const detail = root.querySelector(".detail");
  if (i === null || i === undefined || i < 0 || i >= data.chars.length) {
    detail.replaceChildren(
      document.createTextNode(
        "Hover or tap a character (or focus the text and use the arrow keys) to see its surprise and the model's top guesses.",
      ),
    );
    return;
  }
  const ch = el("span", `ch b${data.bands[i]}`, data.names[i]);
  const parts = [
    document.createTextNode(`Character ${i + 1}: `),
    ch,
    document.createTextNode(` — the model gave it q = ${data.qText[i]}, surprise −log₂ q = ${data.bitsText[i]} bits. `),
  ];
  const guesses = data.guesses[i] || [];
  if (guesses.length) {
    parts.push(document.createTextNode("Its top guesses: "));
    guesses.forEach(([name, p], k) => {
      if (k) parts.push(document.createTextNode(", "));
      parts.push(el("span", "guess", name), document.createTextNode(` ${p}`));
    });
    parts.push(document.createTextNode("."));
  }
  detail.replaceChildren(...parts);
}

function select(root, data, i) {
  const text = root.querySelector(".text");
  const old = text.querySelector("span.sel");
  if (old) old.classList.remove("sel");
  root.__xentSelected = i;
  if (i === null) {
    describe(root, data, null);
    return;
  }
  const span = text.querySelector(`span[data-i="${i}"]`);
  if (span) {
    span.classList.add("sel");
    span.scrollIntoView({ block: "nearest", inline: "nearest" });
  }
  describe(root, data, i);
}

function drawText(root, data) {
  const text = root.querySelector(".text");
  const nodes = [];
  data.chars.forEach((shown, i) => {
    const span = el("span", `b${data.bands[i]}`, shown);
    span.dataset.i = String(i);
    span.dataset.bits = String(data.bits[i]);
    span.dataset.band = String(data.bands[i]);
    span.title = `${data.names[i]}: ${data.bitsText[i]} bits (q = ${data.qText[i]})`;
    nodes.push(span);
    if (data.newline[i]) {
      span.classList.add("nl");
      nodes.push(document.createElement("br"));
    }
  });
  text.replaceChildren(...nodes);
  text.setAttribute("data-xent", "surprise-text");
  text.setAttribute("data-value", data.mean);
  text.setAttribute("data-count", String(data.chars.length));

  const indexOf = (target) => {
    const span = target && target.closest ? target.closest("span[data-i]") : null;
    return span ? Number(span.dataset.i) : null;
  };
  text.onpointerover = (event) => {
    const i = indexOf(event.target);
    if (i !== null) describe(root, data, i);
  };
  text.onpointerleave = () => describe(root, data, root.__xentSelected ?? null);
  text.onclick = (event) => {
    const i = indexOf(event.target);
    if (i !== null) select(root, data, i);
  };
  text.onkeydown = (event) => {
    const n = data.chars.length;
    if (!n) return;
    const now = root.__xentSelected ?? -1;
    let next = null;
    if (event.key === "ArrowRight" || event.key === "ArrowDown") next = Math.min(n - 1, now + 1);
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") next = Math.max(0, now - 1);
    else if (event.key === "Home") next = 0;
    else if (event.key === "End") next = n - 1;
    else if (event.key === "Escape") {
      select(root, data, null);
      return;
    }
    if (next === null) return;
    event.preventDefault();
    select(root, data, next);
  };
}

export default function ({ parentElement, data }) {
  const root = parentElement.querySelector(".xent-surprise");
  if (!root || !data || !Array.isArray(data.chars)) return;
  root.classList.toggle("large", Boolean(data.large));
  drawLegend(root, data);
  drawText(root, data);
  const kept = root.__xentSelected;
  select(root, data, typeof kept === "number" && kept < data.chars.length ? kept : null);
}
