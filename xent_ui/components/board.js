// xent game board: the room code, the latest draw's outcomes and the leaderboard.
//
// Display only: nothing is sent back. Python formats every number (board.py); this file
// only places strings. Nicknames, outcome names and the join link arrive in `data` and
// are inserted with textContent / setAttribute, never as HTML.
//
// Testing contract (issue 19): data-xent="room-code" (data-value = the code),
// data-xent="outcomes" (data-value = class indices, comma-separated, in order), and one
// data-xent="leaderboard-row" per player (data-name, data-value = mean cross-entropy in
// nats at full precision, "inf" for ∞). An attribute is absent while there is nothing.

const CLASS_COLOURS = 6; // .k0 … .k5 in board.css

function setContract(node, key, value) {
  if (value === null || value === undefined) {
    node.removeAttribute("data-xent");
    node.removeAttribute("data-value");
  } else {
    node.setAttribute("data-xent", key);
    node.setAttribute("data-value", value);
  }
}

function cell(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawJoin(root, data) {
  const join = root.querySelector(".join");
  const code = root.querySelector(".code");
  const hasCode = typeof data.code === "string" && data.code !== "";
  join.hidden = !hasCode;
  code.textContent = hasCode ? data.code : "";
  setContract(code, "room-code", hasCode ? data.code : null);
  const how = root.querySelector(".join-how");
  const url = typeof data.joinUrl === "string" ? data.joinUrl : "";
  how.hidden = !hasCode || url === "";
  root.querySelector(".join-url").textContent = url;
}

function drawOutcomes(root, data) {
  const section = root.querySelector(".round");
  const list = root.querySelector(".outcomes");
  const outcomes = Array.isArray(data.outcomes) ? data.outcomes : null;
  section.hidden = outcomes === null;
  setContract(list, "outcomes", outcomes === null ? null : outcomes.join(","));
  if (outcomes === null) {
    list.replaceChildren();
    root.querySelector(".tally").replaceChildren();
    return;
  }
  const names = data.names;
  root.querySelector(".outcome-count").textContent = `(${outcomes.length})`;
  list.classList.toggle("many", outcomes.length > 12);
  list.classList.toggle("lots", outcomes.length > 40);
  list.replaceChildren(
    ...outcomes.map((x) => {
      const chip = cell("li", `chip k${x % CLASS_COLOURS}`, names[x]);
      chip.dataset.index = String(x);
      chip.title = names[x];
      return chip;
    }),
  );
  const tally = root.querySelector(".tally");
  const parts = [];
  (data.counts || []).forEach((n, i) => {
    const part = cell("span", "count");
    const swatch = cell("span", `swatch k${i % CLASS_COLOURS}`);
    swatch.setAttribute("aria-hidden", "true");
    const name = cell("span", "count-name", names[i]);
    part.append(swatch, name, document.createTextNode(` × ${n}`));
    parts.push(part);
  });
  tally.replaceChildren(...parts);
}

function drawRows(root, data) {
  root.querySelector(".unit").textContent = `(${data.unit})`;
  const rows = Array.isArray(data.rows) ? data.rows : [];
  const body = root.querySelector("tbody");
  body.replaceChildren(
    ...rows.map((r) => {
      const tr = document.createElement("tr");
      tr.setAttribute("data-xent", "leaderboard-row");
      tr.setAttribute("data-name", r.name);
      tr.setAttribute("data-value", r.value);
      tr.setAttribute("data-brier", r.brierValue);
      tr.setAttribute("data-accuracy", r.accuracyValue);
      tr.classList.toggle("infinite", Boolean(r.infinite));
      const you = data.highlight !== null && data.highlight !== undefined && r.name === data.highlight;
      tr.classList.toggle("you", you);
      if (you) tr.setAttribute("aria-current", "true");
      const name = cell("th", "c-name");
      name.scope = "row";
      const text = cell("span", "name-text", r.name);
      text.title = r.name;
      name.appendChild(text);
      if (you) name.appendChild(cell("span", "you-mark", "you"));
      const loss = cell("td", "c-loss", r.loss);
      if (r.infinite) loss.title = "A forecast of 0 on an outcome that happened";
      tr.append(
        cell("td", "c-rank", String(r.rank)),
        name,
        loss,
        cell("td", "c-num", r.brier),
        cell("td", "c-num", r.accuracy),
        cell("td", "c-num", String(r.n)),
      );
      return tr;
    }),
  );
  root.querySelector(".table-scroll").hidden = rows.length === 0;
  root.querySelector(".empty").hidden = rows.length !== 0;
  root.querySelector(".rule").textContent = typeof data.rule === "string" ? data.rule : "";
}

export default function ({ parentElement, data }) {
  const root = parentElement.querySelector(".xent-board");
  if (!root || !data) return;
  drawJoin(root, data);
  drawOutcomes(root, data);
  drawRows(root, data);
}
