"""The training lab in a real browser: a default run from Train to its final numbers, and
Stop in the middle of a long one.

Streamlit's main area scrolls inside its own container, so full-page screenshots use a
tall viewport; the 1280×800 and 390×844 ones show what a screen shows after scrolling the
run into view.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, WebSocket, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

import xent_core as xc
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, wait_idle
from xent_ui.runs import TICK_INTERVAL

pytestmark = pytest.mark.e2e

TALL_DESKTOP = {"width": DESKTOP["width"], "height": 4200}
TALL_PHONE = {"width": PHONE["width"], "height": 8000}
LONG_RUN = "data=spirals&samples=1000&model=mlp2&width=64&batch=8&epochs=500"


def train_button(page: Page):
    return page.get_by_role("button", name="Train", exact=True)


def stop_button(page: Page):
    return page.get_by_role("button", name="Stop", exact=True)


def status(page: Page):
    return page.locator(".st-key-training-status")


def settle(page: Page) -> None:
    """Idle, with every chart drawn (no loading skeletons left)."""
    wait_idle(page)
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)


def default_result() -> xc.EpochMetrics:
    """The default run's last epoch, as xent_core computes it."""
    data = xc.make_toy_data("moons", n_classes=3, n_samples=300, noise=0.2, seed=0)
    return xc.run_training(data, xc.TrainConfig(hidden=(16,), learning_rate=0.03)).history[-1]


def run_default(page: Page) -> None:
    expect(train_button(page)).to_be_enabled()
    train_button(page).click()
    expect(page.locator(".st-key-training-status [data-testid='stProgress']")).to_be_visible()
    expect(status(page)).to_contain_text(
        re.compile(r"Finished 100 epochs in \d+\.\d s"), timeout=120_000
    )
    settle(page)


def test_default_run_in_the_browser(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(TALL_DESKTOP)
    open_page(page, f"{app_url}/training")
    run_default(page)
    for chart in ("loss", "accuracy", "regions-A", "recall-A"):
        expect(page.locator(f".st-key-training-{chart} .js-plotly-plot")).to_be_visible()
    last = default_result()
    table = page.locator(".st-key-training-metrics table")
    expect(table).to_contain_text(f"{last.accuracy_train:.3f} / {last.accuracy_test:.3f}")
    expect(table).to_contain_text(f"{last.cross_entropy_train:.3f} / {last.cross_entropy_test:.3f}")
    expect(stop_button(page)).to_be_disabled()
    expect(train_button(page)).to_be_enabled()
    assert_no_exception(page)
    page.screenshot(path=shots_dir / "training-desktop-full.png")
    page.emulate_media(color_scheme="dark")
    settle(page)
    page.screenshot(path=shots_dir / "training-desktop-dark-full.png")
    page.emulate_media(color_scheme="light")
    page.set_viewport_size(DESKTOP)
    page.locator(".st-key-training-status").scroll_into_view_if_needed()
    settle(page)
    page.screenshot(path=shots_dir / "training-desktop.png")
    # The loss chart's choice is made inside the run panel's fragment: the link follows.
    page.get_by_role("radio", name="Cross-entropy", exact=True).click()
    expect(page).to_have_url(re.compile(r"[?&]lossview=cross_entropy"))
    assert_no_exception(page)


def test_stop_keeps_a_partial_run(page: Page, app_url: str) -> None:
    sockets: list[WebSocket] = []
    page.on("websocket", lambda ws: sockets.append(ws))
    page.set_viewport_size(TALL_DESKTOP)
    open_page(page, f"{app_url}/training?{LONG_RUN}")
    train_button(page).click()
    # A long run keeps both cores busy (its ticks train, the browser draws its charts in
    # software): give the first tick and the stop time rather than flake.
    expect(stop_button(page)).to_be_enabled(timeout=60_000)
    expect(status(page)).to_contain_text(
        re.compile(r"Training: epoch [1-9]\d* of 500"), timeout=60_000
    )
    # Each tick of the timer is a message from the page asking for the run panel's rerun
    # (the script-state marker does not change for a fragment's run): while it trains,
    # they come.
    sockets[-1].wait_for_event("framesent", timeout=60_000)
    stop_button(page).click()
    expect(status(page)).to_contain_text(re.compile(r"Stopped at epoch \d+ of 500"), timeout=60_000)
    stopped = int(re.search(r"Stopped at epoch (\d+) of 500", status(page).inner_text())[1])
    assert 0 < stopped < 500
    settle(page)
    expect(stop_button(page)).to_be_disabled()
    expect(train_button(page)).to_be_enabled()
    # The timer is gone: the page asks for no rerun during six of its ticks (a wait for a
    # message that must not come, which fails as soon as one does), stays idle, and the
    # run stays where it stopped.
    try:
        sockets[-1].wait_for_event("framesent", timeout=6 * TICK_INTERVAL * 1000)
    except PlaywrightTimeoutError:
        pass
    else:
        pytest.fail("the page asked for a rerun after Stop: the run panel's timer still ticks")
    expect(page.locator("[data-test-script-state='notRunning']")).to_be_attached()
    expect(status(page)).to_contain_text(f"Stopped at epoch {stopped} of 500")
    expect(page.locator(".st-key-training-regions-A .js-plotly-plot")).to_be_visible()
    assert_no_exception(page)


def test_phone_width(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(TALL_PHONE)
    open_page(page, f"{app_url}/training")
    run_default(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    last = default_result()
    expect(page.locator(".st-key-training-metrics table")).to_contain_text(
        f"{last.accuracy_train:.3f} / {last.accuracy_test:.3f}"
    )
    assert_no_exception(page)
    page.screenshot(path=shots_dir / "training-phone-full.png")
    page.set_viewport_size(PHONE)
    page.locator(".st-key-training-status").scroll_into_view_if_needed()
    settle(page)
    page.screenshot(path=shots_dir / "training-phone.png")
