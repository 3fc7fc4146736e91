"""Explorer latency in headless Chromium (issue 3). Run by hand:

    uv run python -m bench.explorer_latency [--moves 300] [--releases 30] [--loads 5]

Measures, inside the page:
  * pointer move → the animation frame after the live cross-entropy readout changed
    (event.timeStamp to performance.now() in the next requestAnimationFrame callback);
  * release → the frame with all three small charts at the released state (the widget
    draws them live, so they are there at the release), and release → the charts redrawn
    from xent_core's numbers, the xent_core table showing the live value, script idle;
  * messages the browser sends per drag gesture (should be exactly 1);
  * page open → interactive (navigation start to bars drawn and script idle).
For comparison, the same release measurement on a bare app (bench/baseline_app.py: a
native slider, a number and two plotly charts) in the same run.
"""

from __future__ import annotations

import argparse
import platform
import random
import statistics
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from tests.e2e.conftest import CHROMIUM_ARGS, find_chromium
from tests.e2e.server import running_app

IDLE = "[data-test-script-state='notRunning']"

# Installed before the app's own scripts: the page time of every websocket message the
# browser receives, so a release can be split into server time and rendering time.
FRAMES = """
(() => {
  const Orig = window.WebSocket;
  window.__frames = [];
  window.WebSocket = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', () => window.__frames.push(performance.now()));
    }
  };
})();
"""

# Installed in the page: records move→frame latencies and release→updated latencies.
# The three small charts are drawn by the widget: `charts` checks that they show the
# live value (A's term −ln q_A and the curve's dot both equal H when A is the true class).
PROBE = """
() => {
  const host = [...document.querySelectorAll('*')].find(e => e.shadowRoot &&
      e.shadowRoot.querySelector('[data-xent="cross-entropy"]'));
  const root = host.shadowRoot;
  const ce = root.querySelector('[data-xent="cross-entropy"]');
  const views = root.querySelector('.views');
  window.__xent = {moves: [], moveChartMisses: 0, charts: [], chartMisses: 0, cores: [],
                   tables: [], releases: [], lastFrames: [], lastMove: null, lastUp: null,
                   waiting: false, tableWaiting: false, coreWaiting: false};
  const X = window.__xent;
  const charts = () => {
    const v = Number(ce.dataset.value);
    const term = root.querySelector('[data-chart="terms"] rect.bar');
    const dot = root.querySelector('[data-chart="curve"] circle.now');
    return Math.abs(Number(term.dataset.value) - v) < 1e-9 &&
           Math.abs(Number(dot.dataset.value) - v) < 1e-9;
  };
  root.addEventListener('pointermove', e => { X.lastMove = e.timeStamp; }, true);
  root.addEventListener('pointerdown', e => { X.lastMove = e.timeStamp; }, true);
  root.addEventListener('pointerup', e => {
    const t0 = e.timeStamp;
    X.lastUp = t0; X.waiting = true; X.tableWaiting = true; X.coreWaiting = true;
    requestAnimationFrame(() => {
      if (charts()) X.charts.push(performance.now() - t0); else X.chartMisses += 1;
    });
  }, true);
  new MutationObserver(() => {
    if (X.lastMove === null) return;
    const t0 = X.lastMove; X.lastMove = null;
    requestAnimationFrame(() => {
      X.moves.push(performance.now() - t0);
      if (!charts()) X.moveChartMisses += 1;
    });
  }).observe(ce, {attributes: true, attributeFilter: ['data-value']});
  const updated = () => {
    if (!X.waiting) return;
    const t0 = X.lastUp;
    if (X.coreWaiting && views.dataset.source === 'xent_core' && charts()) {
      X.coreWaiting = false;
      requestAnimationFrame(() => X.cores.push(performance.now() - t0));
    }
    if (!document.querySelector("[data-test-script-state='notRunning']")) return;
    const live = Number(ce.dataset.value);
    const cell = document.querySelector('.st-key-core-values tbody tr td:nth-child(3)');
    if (!cell || cell.textContent.trim() !== live.toFixed(6)) return;
    if (X.tableWaiting) {
      X.tableWaiting = false;
      requestAnimationFrame(() => X.tables.push(performance.now() - t0));
    }
    if (X.coreWaiting) return;
    X.waiting = false;
    const frames = window.__frames.filter(t => t >= t0);
    X.lastFrames.push(frames.length ? frames[frames.length - 1] - t0 : NaN);
    requestAnimationFrame(() => X.releases.push(performance.now() - t0));
  };
  const watch = {subtree: true, childList: true, characterData: true, attributes: true};
  new MutationObserver(updated).observe(document.body, watch);
  const source = {attributes: true, attributeFilter: ['data-source']};
  new MutationObserver(updated).observe(views, source);
}
"""

BASELINE_PROBE = """
() => {
  window.__xent = {releases: [], lastUp: null, waiting: false, expect: null};
  const X = window.__xent;
  document.addEventListener('pointerup', e => { X.lastUp = e.timeStamp; X.waiting = true; }, true);
  new MutationObserver(() => {
    if (!X.waiting) return;
    if (!document.querySelector("[data-test-script-state='notRunning']")) return;
    const v = Number(document.querySelector('[data-testid="stSlider"] input').value);
    const md = [...document.querySelectorAll('[data-testid="stMarkdown"]')]
        .map(e => e.textContent).join(' ');
    if (!md.includes('value: ' + v.toFixed(4))) return;
    X.waiting = false;
    const t0 = X.lastUp;
    requestAnimationFrame(() => X.releases.push(performance.now() - t0));
  }).observe(document.body,
      {subtree: true, childList: true, characterData: true, attributes: true});
}
"""


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def summary(name: str, values: list[float], unit: str = "ms") -> str:
    return (
        f"{name}: n={len(values)} median={statistics.median(values):.1f} {unit} "
        f"p95={p95(values):.1f} {unit} max={max(values):.1f} {unit}"
    )


def wait_idle(page: Page) -> None:
    page.wait_for_selector(IDLE, state="attached")


def measure_explorer(page: Page, url: str, moves: int, releases: int) -> dict:
    sent: list[float] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda _: sent.append(time.time())))
    page.add_init_script(FRAMES)
    page.goto(url)
    page.wait_for_selector("[role='slider']")
    wait_idle(page)
    page.wait_for_timeout(1000)
    page.evaluate(PROBE)
    rng = random.Random(3)
    track = page.locator("[role='slider'][aria-label='Predicted probability of A']")
    box = track.bounding_box()
    x = box["x"] + box["width"] / 2

    def y(level: float) -> float:
        return box["y"] + box["height"] * (1 - level)

    # Moves: one long drag, a fresh level each move (each move changes the readout).
    page.mouse.move(x, y(0.5))
    page.mouse.down()
    for i in range(moves):
        page.mouse.move(x, y(0.05 + 0.9 * ((i * 0.37) % 1.0)))
    page.mouse.up()
    page.wait_for_function("() => !window.__xent.waiting", timeout=30_000)
    move_lat = page.evaluate("window.__xent.moves")

    # Releases: short gestures to random levels; wait for each update before the next.
    messages = []
    for _ in range(releases):
        before = len(sent)
        level = rng.uniform(0.05, 0.95)
        page.mouse.move(x, y(level))
        page.mouse.down()
        page.mouse.move(x, y(min(0.98, level + 0.02)), steps=5)
        page.mouse.up()
        page.wait_for_function("() => !window.__xent.waiting", timeout=30_000)
        page.wait_for_timeout(300)
        messages.append(len(sent) - before)
    x_ = page.evaluate("window.__xent")
    return {
        "frames": x_["lastFrames"][-releases:],
        "moves": move_lat,
        "move_chart_misses": x_["moveChartMisses"],
        "charts": x_["charts"][-releases:],
        "chart_misses": x_["chartMisses"],
        "cores": x_["cores"][-releases:],
        "releases": x_["releases"][-releases:],
        "tables": x_["tables"][-releases:],
        "messages": messages,
    }


def measure_baseline(page: Page, url: str, releases: int) -> list[float]:
    page.goto(url)
    page.wait_for_selector("[data-testid='stSlider'] input[type='range']", state="attached")
    wait_idle(page)
    page.wait_for_timeout(1000)
    page.evaluate(BASELINE_PROBE)
    rng = random.Random(3)
    track = page.locator("[data-testid='stSlider'] [role='group'] > div").first
    box = track.bounding_box()
    for _ in range(releases):
        px = box["x"] + box["width"] * rng.uniform(0.05, 0.95)
        page.mouse.move(px, box["y"] + box["height"] / 2)
        page.mouse.down()
        page.mouse.move(px + 3, box["y"] + box["height"] / 2, steps=5)
        page.mouse.up()
        page.wait_for_function("() => !window.__xent.waiting", timeout=30_000)
        page.wait_for_timeout(300)
    return page.evaluate("window.__xent.releases")


def measure_open(browser, url: str, loads: int, ready: tuple[str, ...]) -> list[float]:
    """Navigation start → every ``ready`` selector present and the script idle."""
    out = []
    for _ in range(loads):
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        t0 = time.perf_counter()
        page.goto(url)
        for selector in ready:
            page.wait_for_selector(selector, state="attached")
        wait_idle(page)
        out.append((time.perf_counter() - t0) * 1000)
        page.close()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--moves", type=int, default=300)
    ap.add_argument("--releases", type=int, default=30)
    ap.add_argument("--loads", type=int, default=5)
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    with (
        running_app("app.py", tmp / "app.log") as app_url,
        running_app("bench/baseline_app.py", tmp / "base.log") as base_url,
        sync_playwright() as pw,
    ):
        browser = pw.chromium.launch(
            executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        explorer = measure_explorer(page, app_url, args.moves, args.releases)
        base_page = browser.new_page(viewport={"width": 1280, "height": 800})
        baseline = measure_baseline(base_page, base_url, args.releases)
        opened = measure_open(
            browser, app_url, args.loads, ("[role='slider']", ".st-key-core-values table")
        )
        base_opened = measure_open(
            browser, base_url, args.loads, ("[data-testid='stSlider'] input", ".js-plotly-plot")
        )
        browser.close()

    print(
        f"# explorer latency, {time.strftime('%Y-%m-%d %H:%M')}, {platform.platform()}, "
        f"{platform.processor() or platform.machine()}"
    )
    print(summary("pointer move -> frame with new readout and charts", explorer["moves"]))
    print(f"  frames whose charts did not show the new value: {explorer['move_chart_misses']}")
    print(summary("release -> frame with all three charts released", explorer["charts"]))
    print(f"  releases whose charts were behind: {explorer['chart_misses']}")
    print(summary("release -> last server message received (explorer)", explorer["frames"]))
    print(summary("release -> charts redrawn from xent_core's numbers", explorer["cores"]))
    print(summary("release -> xent_core table updated (explorer)", explorer["tables"]))
    print(summary("release -> every Python-rendered view updated", explorer["releases"]))
    print(summary("release -> text and charts updated (bare baseline app)", baseline))
    ratio = statistics.median(explorer["releases"]) / statistics.median(baseline)
    print(f"release median ratio explorer/baseline: {ratio:.2f}")
    print(
        f"messages sent per drag gesture: {sorted(set(explorer['messages']))} "
        f"over {len(explorer['messages'])} gestures"
    )
    print(summary("page open -> interactive (explorer)", opened))
    print(summary("page open -> interactive (bare baseline app)", base_opened))


if __name__ == "__main__":
    main()
