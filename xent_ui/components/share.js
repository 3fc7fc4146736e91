// xent share panel: the link of the current view and its QR code, drawn in the browser.
//
// The page's URL changes on every run, fragment reruns included (state.write_url), but a
// fragment cannot redraw the sidebar. So this panel reads the address itself and redraws
// whenever it changes: the link and the code are always those of the view on screen.
// qrcode.js (vendor/, MIT) is put in front of this file. No user text is inserted as HTML:
// the address goes in with textContent, and the code is drawn as SVG rectangles.

const SHARE_SVG_NS = "http://www.w3.org/2000/svg";
const QUIET = 4; // modules of white border the QR standard asks for

function qrSvg(code) {
  const n = code.getModuleCount();
  const size = n + 2 * QUIET;
  const svg = document.createElementNS(SHARE_SVG_NS, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("shape-rendering", "crispEdges");
  const back = document.createElementNS(SHARE_SVG_NS, "rect");
  back.setAttribute("width", size);
  back.setAttribute("height", size);
  back.setAttribute("fill", "#ffffff");
  svg.appendChild(back);
  let d = "";
  for (let r = 0; r < n; r += 1) {
    for (let c = 0; c < n; c += 1) {
      if (code.isDark(r, c)) d += `M${c + QUIET} ${r + QUIET}h1v1h-1z`;
    }
  }
  const dark = document.createElementNS(SHARE_SVG_NS, "path");
  dark.setAttribute("d", d);
  dark.setAttribute("fill", "#000000");
  svg.appendChild(dark);
  return svg;
}

function drawShare(root, path) {
  // A fixed path (the game's join link, "/game?room=CODE") resolved on this page's origin,
  // or else the address of the view on screen.
  const url = path ? new URL(path, window.location.href).href : window.location.href;
  if (root.dataset.url === url) return;
  root.dataset.url = url;
  root.querySelector(".share-url").textContent = url;
  let code = null;
  try {
    code = qrcode(0, "M"); // the smallest version that holds the link, medium correction
    code.addData(url);
    code.make();
  } catch (err) {
    code = null; // longer than a QR code holds
  }
  const box = root.querySelector(".share-qr");
  box.replaceChildren(...(code ? [qrSvg(code)] : []));
  box.hidden = code === null;
  root.querySelector(".share-caption").hidden = code === null;
  root.querySelector(".share-too-long").hidden = code !== null;
}

export default function ({ parentElement, data }) {
  const root = parentElement.querySelector(".xent-share");
  if (!root) return;
  const path = data && typeof data.path === "string" && data.path.startsWith("/") ? data.path : null;
  if (path) {
    // A join link, not this view: say so (constant texts only).
    root.querySelector(".share-note").textContent = "The join link: students who open it join this room.";
    root.querySelector(".share-caption").textContent = "Scan to join the room";
    root.querySelector(".share-qr").setAttribute("aria-label", "QR code of the join link");
  }
  drawShare(root, path);
  clearInterval(root.xentTimer);
  root.xentTimer = setInterval(() => {
    if (!root.isConnected) clearInterval(root.xentTimer);
    else drawShare(root, path);
  }, 300);
  const copy = root.querySelector(".share-copy");
  copy.onclick = () => {
    if (!navigator.clipboard) return;
    navigator.clipboard.writeText(root.dataset.url || window.location.href).then(
      () => {
        copy.textContent = "Copied";
        setTimeout(() => (copy.textContent = "Copy the link"), 1500);
      },
      () => {},
    );
  };
}
