"""Small helpers shared by the browser tests."""

from __future__ import annotations

import json
import math

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

IDLE = "[data-test-script-state='notRunning']"


def open_page(page: Page, url: str) -> None:
    """Load ``url`` and wait until the script has finished its run."""
    page.goto(url)
    wait_idle(page)


def wait_idle(page: Page, timeout: float = 45_000) -> None:
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    # The first frame may report idle before the script's run began; the app's main
    # block appearing means a run has rendered.
    expect(page.locator("[data-testid='stMainBlockContainer']")).to_be_visible(timeout=timeout)
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)


def wait_stable(locator: Locator, frames: int = 3, timeout: float = 15_000) -> None:
    """Wait until ``locator``'s element has stopped moving: the same bounding box on
    ``frames`` animation frames in a row, with the page's fonts loaded.

    Mouse gestures aim at coordinates measured beforehand; this is the condition they
    need (Playwright's own clicks check the same, over two frames).
    """
    locator.page.wait_for_function(
        """([el, frames]) => {
          const r = el.getBoundingClientRect();
          const box = [r.x, r.y, r.width, r.height].join(",");
          el.__xentSameBox = el.__xentBox === box ? (el.__xentSameBox || 0) + 1 : 0;
          el.__xentBox = box;
          return document.fonts.status === "loaded" && el.__xentSameBox >= frames;
        }""",
        arg=[locator.element_handle(timeout=timeout), frames],
        timeout=timeout,
    )


def wait_drawn(page: Page) -> None:
    """Idle, with every chart drawn: no loading skeletons, every plotly figure rendered
    and the fonts loaded (what a screenshot needs)."""
    wait_idle(page)
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
    page.wait_for_function(
        """() => document.fonts.status === "loaded" &&
          [...document.querySelectorAll(".js-plotly-plot")].every(
            (gd) => gd._fullLayout && gd.querySelector(".main-svg"))"""
    )


def assert_no_exception(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)


READOUTS = ("cross-entropy", "entropy", "kl", "perplexity")
TABLE_ROWS = {"cross-entropy": 0, "entropy": 1, "kl": 2, "perplexity": 3}


def readout(page: Page, key: str) -> float:
    raw = page.locator(f"[data-xent='{key}']").get_attribute("data-value")
    return math.inf if raw == "inf" else float(raw)


def core_value(page: Page, key: str) -> float:
    """The value the Python page rendered from xent_core (the table under the formula)."""
    row = page.locator(".st-key-core-values table tbody tr").nth(TABLE_ROWS[key])
    text = row.locator("td").nth(2).inner_text().strip()
    return math.inf if text == "∞" else float(text)


# `_close` in the page, for page.wait_for_function: every readout's data-value ("inf" for
# ∞) is present and within 1e-4 of the core table's third column ("∞"), which implies
# `_close`.
_AGREES_JS = """
([keys, rows]) => {
  // The drag widgets draw inside shadow roots, which document.querySelector does not
  // enter (Playwright's locators do).
  const deep = (selector) => {
    const roots = [document];
    while (roots.length) {
      const root = roots.pop();
      const hit = root.querySelector(selector);
      if (hit) return hit;
      for (const el of root.querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return null;
  };
  const live = (k) => {
    const el = deep(`[data-xent='${k}']`);
    const raw = el && el.getAttribute("data-value");
    return raw === null || raw === undefined ? NaN : raw === "inf" ? Infinity : Number(raw);
  };
  const body = document.querySelectorAll(".st-key-core-values table tbody tr");
  const core = (k) => {
    const cell = body[rows[k]] && body[rows[k]].querySelectorAll("td")[2];
    const text = cell ? cell.innerText.trim() : "";
    return text === "∞" ? Infinity : text === "" ? NaN : Number(text);
  };
  return keys.every((k) => {
    const a = live(k), b = core(k);
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
    return Math.abs(a - b) < 1e-4;
  });
}
"""


def wait_core_agrees(page: Page, timeout_s: float = 15) -> None:
    """Wait for the rerun after a release, then compare every readout with the core.

    The page checks the condition every 50 ms until it holds (a poll of the condition,
    not a sleep); the comparison is then repeated here with `_close`, so a failure names
    both sides. A timeout fails even if the two agree by the time Python looks: a broken
    in-page check must show as a failure, not as a slow pass.
    """
    try:
        page.wait_for_function(
            _AGREES_JS,
            arg=[list(READOUTS), TABLE_ROWS],
            polling=50,
            timeout=timeout_s * 1000,
        )
    except PlaywrightTimeoutError:
        live, core = _readouts_and_core(page)
        raise AssertionError(
            f"live readouts {live} never matched the core {core} within {timeout_s} s"
        ) from None
    live, core = _readouts_and_core(page)
    assert core and all(_close(live[k], core[k]) for k in READOUTS), (live, core)


def _readouts_and_core(page: Page) -> tuple[dict[str, float], dict[str, float] | None]:
    live = {k: readout(page, k) for k in READOUTS}
    try:
        core = {k: core_value(page, k) for k in READOUTS}
    except Exception:
        core = None
    return live, core


def _close(a: float, b: float) -> bool:
    if math.isinf(a) or math.isinf(b):
        return a == b
    return round(a, 4) == round(b, 4) or abs(a - b) < 1e-4


def chart_values(page: Page, chart: str) -> list[float]:
    """The numbers behind a bar chart drawn by the drag widget (``terms`` or ``grad``)."""
    raw = page.locator(f"[data-chart='{chart}'] rect.bar").evaluate_all(
        "els => els.map(e => e.dataset.value)"
    )
    return [math.inf if v == "inf" else float(v) for v in raw]


def views_source(page: Page) -> str | None:
    """Who drew the explorer's small charts last: "browser" (the mirror) or "xent_core"."""
    return page.locator(".views").get_attribute("data-source")


def curve_values(page: Page) -> list[float]:
    """The loss curve's values H(p, q') along its grid, as the widget drew them (∞ as inf)."""
    raw = page.locator("[data-chart='curve'] polyline.curve").get_attribute("data-values")
    return [math.inf if v is None else v for v in json.loads(raw)]
