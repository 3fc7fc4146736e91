"""Small helpers shared by the browser tests."""

from __future__ import annotations

import json
import math

from playwright.sync_api import Page, expect

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


def wait_core_agrees(page: Page, timeout_s: float = 15) -> None:
    """Wait for the rerun after a release, then compare every readout with the core."""
    deadline = page.evaluate("Date.now()") + timeout_s * 1000
    while True:
        live = {k: readout(page, k) for k in READOUTS}
        try:
            core = {k: core_value(page, k) for k in READOUTS}
        except Exception:
            core = None
        if core and all(_close(live[k], core[k]) for k in READOUTS):
            return
        if page.evaluate("Date.now()") > deadline:
            raise AssertionError(f"live readouts {live} never matched the core {core}")
        page.wait_for_timeout(100)


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
