"""The logits page in a real browser: the shared drag widget in logits mode."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, readout, wait_core_agrees

pytestmark = pytest.mark.e2e


def logit(page: Page, name: str):
    return page.locator(f"[role='slider'][aria-label='Logit of {name}']")


@pytest.fixture
def logits_page(page: Page, app_url: str) -> Page:
    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/logits")
    expect(logit(page, "A")).to_be_visible()
    return page


def test_defaults_match_the_formula(logits_page: Page) -> None:
    # −log softmax([2, 1, 0.1])_A = log(e² + e¹ + e^0.1) − 2 = 0.41703 (hand-checked).
    expected = math.log(math.exp(2) + math.exp(1) + math.exp(0.1)) - 2
    assert readout(logits_page, "cross-entropy") == pytest.approx(expected, abs=1e-12)
    wait_core_agrees(logits_page)


def test_drag_a_logit_updates_softmax_and_loss_before_release(
    logits_page: Page, shots_dir: Path
) -> None:
    page = logits_page
    before = readout(page, "cross-entropy")
    a = logit(page, "A")
    box = a.bounding_box()
    lo, hi = float(a.get_attribute("aria-valuemin")), float(a.get_attribute("aria-valuemax"))
    assert (lo, hi) == (-5, 5)  # the default logit axis

    def level(z: float) -> float:
        return box["y"] + box["height"] * (hi - z) / (hi - lo)

    x = box["x"] + box["width"] / 2
    page.mouse.move(x, level(2.0))
    page.mouse.down()
    page.mouse.move(x, level(-4.0), steps=5)
    live = readout(page, "cross-entropy")
    z_a = float(a.get_attribute("aria-valuenow"))
    assert z_a == pytest.approx(-4, abs=0.1)
    # −log softmax([z_A, 1, 0.1])_A = log(e^z_A + e + e^0.1) − z_A, before the release.
    assert live == pytest.approx(
        math.log(math.exp(z_a) + math.exp(1) + math.exp(0.1)) - z_a, abs=1e-9
    )
    assert live > before + 4
    softmax_a = page.locator("[aria-label^='Softmax probability of A']")
    q_a = math.exp(z_a) / (math.exp(z_a) + math.exp(1) + math.exp(0.1))
    assert softmax_a.get_attribute("aria-label").endswith(f": {q_a:.3f}")
    page.screenshot(path=shots_dir / "logits-dragging.png")
    page.mouse.up()
    wait_core_agrees(page)
    assert_no_exception(page)


def test_keyboard_steps_logits(logits_page: Page) -> None:
    page = logits_page
    a = logit(page, "A")
    a.focus()
    page.keyboard.press("ArrowUp")
    expect(a).to_have_attribute("aria-valuenow", "2.1")
    page.keyboard.press("Shift+ArrowDown")
    expect(a).to_have_attribute("aria-valuenow", "1.1")
    page.keyboard.press("End")
    expect(a).to_have_attribute("aria-valuenow", "5")  # the top of the ±5 axis
    wait_core_agrees(page)


def test_shift_keeps_the_loss(logits_page: Page) -> None:
    page = logits_page
    before = readout(page, "cross-entropy")
    page.get_by_role("button", name="+1 to all").click()
    expect(logit(page, "A")).to_have_attribute("aria-valuenow", "3")
    assert readout(page, "cross-entropy") == pytest.approx(before, abs=1e-12)
    wait_core_agrees(page)


def test_logit_axis_widens(logits_page: Page) -> None:
    page = logits_page
    a = logit(page, "A")
    page.get_by_role("radio", name="±20").click()
    expect(a).to_have_attribute("aria-valuemax", "20")
    a.focus()
    page.keyboard.press("End")
    expect(a).to_have_attribute("aria-valuenow", "20")
    wait_core_agrees(page)
    # Back to ±5: a logit of 20 does not fit, so the axis stays as wide as it needs.
    page.get_by_role("radio", name="±5").click()
    wait_core_agrees(page)
    expect(a).to_have_attribute("aria-valuemax", "20")


def test_phone_width(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, f"{app_url}/logits")
    expect(logit(page, "A")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=shots_dir / "logits-phone-full.png", full_page=True)
    assert_no_exception(page)


def lab_loss(page: Page, method: str) -> str:
    """The −log q metric of one lab column, as the page shows it."""
    return page.locator(f".st-key-lab-{method} [data-testid='stMetricValue']").inner_text()


def test_stability_lab_and_library_conventions(logits_page: Page, shots_dir: Path) -> None:
    page = logits_page
    # Defaults: z × 1000 in float32 → exp(2000) overflows, inf / inf = nan on the naive side.
    expect(page.locator(".st-key-lab-naive [data-testid='stMetricValue']")).to_have_text("NaN nats")
    assert lab_loss(page, "stable") == "0.0000 nats"
    expect(page.locator(".st-key-lab-naive")).to_contain_text("inf / inf = nan")
    # Scale ×1: both paths give −log softmax([2, 1, 0.1])_A = 0.4170.
    scale = page.get_by_role("slider", name="Logit scale")
    scale.focus()
    page.keyboard.press("Home")
    expect(page.locator(".st-key-lab-naive [data-testid='stMetricValue']")).to_have_text(
        "0.4170 nats"
    )
    assert lab_loss(page, "stable") == "0.4170 nats"
    # float16 at ×10: exp(20) > 65504 already overflows the naive path.
    page.keyboard.press("ArrowRight")
    page.get_by_role("radio", name="float16").click()
    expect(page.locator(".st-key-lab-naive")).to_contain_text("overflows float16")
    assert lab_loss(page, "stable") != "NaN nats"
    # The conventions table: the loss each library reports at q_y = 0.
    table = page.locator("table", has_text="scikit-learn")
    for value in ("36.0437", "16.1181", "100.0000", "34.5388", "∞"):
        expect(table).to_contain_text(value)
    expect(page.locator(".st-key-logits-conventions .js-plotly-plot")).to_be_visible()
    page.screenshot(path=shots_dir / "logits-desktop-full.png", full_page=True)
    assert_no_exception(page)
