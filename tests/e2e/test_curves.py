"""The confidence-curves page in a real browser: every chart renders, and each control
(curve pills, log y axis, focal γ, binary label and logit axis, the sidebar's unit)
changes what the charts draw. Screenshots at desktop and phone width, full page."""

from __future__ import annotations

import contextlib
import math
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, wait_idle

pytestmark = pytest.mark.e2e

CHARTS = ("seed-bars", "seed-curve", "main", "gradient", "binary")
DEFAULT_LEGEND = [
    "Cross-entropy",
    "MSE",
    "Focal loss",
    "Label-smoothed CE",
    "0–1 loss",
    "your q(A) = 0.70",
]


def chart(page: Page, key: str) -> Locator:
    """The plotly graph div of the chart with key ``curves-<key>``."""
    return page.locator(f".st-key-curves-{key} .js-plotly-plot")


def settled(page: Page, key: str) -> Locator:
    """The chart once Streamlit has finished swapping figures: for a moment after a
    rerun the old graph div can sit next to the new one."""
    expect(chart(page, key)).to_have_count(1)
    return chart(page, key)


def pill(page: Page, name: str) -> Locator:
    """A curve's on/off pill (the sidebar's unit control has radios, not buttons)."""
    return page.locator("[data-testid='stMain']").get_by_role("button", name=name, exact=True)


def legend(page: Page, key: str) -> Locator:
    return chart(page, key).locator(".legendtext")


def y_ticks(page: Page, key: str) -> Locator:
    return chart(page, key).locator(".ytick text")


def x_ticks(page: Page, key: str) -> Locator:
    return chart(page, key).locator(".xtick text")


def trace_y(page: Page, key: str, name: str) -> list[float | None]:
    """The y values plotly is drawing for the trace called ``name``."""
    return settled(page, key).evaluate("(gd, name) => gd.data.find(t => t.name === name).y", name)


def wait_for_chart(page: Page, key: str, predicate: str) -> None:
    """Wait until ``predicate`` (JS, given the graph div ``gd``) holds for a chart.

    Streamlit replaces a chart's figure after the rerun a control triggers; this waits
    for the new figure instead of for a fixed time.
    """
    page.wait_for_function(
        f"() => {{ const all = document.querySelectorAll('.st-key-curves-{key} .js-plotly-plot');"
        f" const gd = all[0]; return all.length === 1 && !!gd.data && ({predicate}); }}"
    )


def expect_all_charts(page: Page) -> None:
    for key in CHARTS:
        expect(chart(page, key)).to_have_count(1)
        expect(chart(page, key).locator(".main-svg").first).to_be_visible()
    expect(page.locator(".js-plotly-plot")).to_have_count(len(CHARTS))


def full_page_screenshot(page: Page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside its main element, not the document, so
    ``full_page=True`` alone stops at the viewport. Grow the viewport to the content."""
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    wait_idle(page)
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(size)


def open_curves(page: Page, url: str, viewport: dict, query: str = "") -> Page:
    page.set_viewport_size(viewport)
    open_page(page, f"{url}/curves{query}")
    expect(page.get_by_role("heading", name="Confidence curves")).to_be_visible()
    expect_all_charts(page)
    return page


@pytest.fixture
def curves(page: Page, app_url: str) -> Page:
    return open_curves(page, app_url, DESKTOP)


def test_every_chart_renders_with_the_seed_example(curves: Page, shots_dir: Path) -> None:
    page = curves
    assert_no_exception(page)
    expect(legend(page, "main")).to_have_text(DEFAULT_LEGEND)
    expect(legend(page, "gradient")).to_have_text([*DEFAULT_LEGEND[:-1], "your q_t = 0.70"])
    expect(legend(page, "seed-bars")).to_have_text(["truth p (one-hot)", "prediction q"])
    # The seed's worked example: −ln 0.7 = 0.3567 nats, printed on its curve.
    expect(chart(page, "seed-curve").locator(".textpoint")).to_have_text("q_t = 0.7: 0.3567 nats")
    seed_point = settled(page, "seed-curve").evaluate("gd => gd.data[1].y[0]")
    assert seed_point == pytest.approx(-math.log(0.7), abs=1e-12)
    # The dotted steps on cross-entropy: ln 1.8 = 0.59 and ln 10 = 2.30 (math.log).
    steps = chart(page, "main").locator(".textpoint").all_text_contents()
    assert any(t.strip() == "+2.30" for t in steps), steps
    assert any(t.strip() == "+0.59" for t in steps), steps
    # The penalty table and the explorer's prediction.
    expect(page.locator(".st-key-curves-penalty tbody tr")).to_have_count(5)
    expect(page.locator(".st-key-curves-now [data-testid='stMetricValue']")).to_have_text(
        ["0.700", "0.357", "1.099", "0.32"]
    )
    full_page_screenshot(page, shots_dir / "curves-full-desktop.png")


def test_curve_pills_switch_curves_in_every_chart_and_the_table(curves: Page) -> None:
    page = curves
    pill(page, "Brier score").click()
    expect(legend(page, "main")).to_contain_text(["MSE", "Brier score", "Focal loss"])
    expect(legend(page, "gradient")).to_contain_text(["Brier score"])
    expect(page.locator(".st-key-curves-penalty tbody tr")).to_have_count(6)
    expect(page).to_have_url(re.compile(r"show=cross_entropy(%2C|,)mse(%2C|,)brier(%2C|,)"))

    pill(page, "MSE").click()
    expect(legend(page, "main")).to_have_text(
        [
            "Cross-entropy",
            "Brier score",
            "Focal loss",
            "Label-smoothed CE",
            "0–1 loss",
            "your q(A) = 0.70",
        ]
    )
    expect(page.locator(".st-key-curves-penalty tbody tr")).to_have_count(5)
    assert_no_exception(page)


def test_switching_every_curve_off_leaves_a_hint(curves: Page) -> None:
    page = curves
    shown = DEFAULT_LEGEND[:-1]
    for name in list(shown):
        pill(page, name).click()
        shown.remove(name)
        if shown:  # the legend follows each click; the last one removes the chart
            expect(legend(page, "main")).to_have_text([*shown, "your q(A) = 0.70"])
    expect(page.get_by_text("Switch on at least one curve.")).to_be_visible()
    expect(chart(page, "main")).to_have_count(0)
    expect(chart(page, "gradient")).to_have_count(0)
    expect(page.locator(".js-plotly-plot")).to_have_count(3)
    assert_no_exception(page)


def test_log_y_axis_toggle(curves: Page) -> None:
    page = curves
    expect(y_ticks(page, "main")).to_have_text(["0", "1", "2", "3", "4"])
    page.get_by_text("Log y axis", exact=True).click()
    # One tick per power of ten, from 0.001 up.
    expect(y_ticks(page, "main")).to_have_text(["0.001", "0.01", "0.1", "1", "10"])
    assert settled(page, "main").evaluate("gd => gd._fullLayout.yaxis.type") == "log"
    expect(page).to_have_url(re.compile(r"logy=1"))
    page.get_by_text("Log y axis", exact=True).click()
    expect(y_ticks(page, "main")).to_have_text(["0", "1", "2", "3", "4"])
    assert settled(page, "main").evaluate("gd => gd._fullLayout.yaxis.type") == "linear"


def test_focal_gamma_zero_turns_focal_loss_into_cross_entropy(curves: Page) -> None:
    page = curves
    before = trace_y(page, "main", "Focal loss")
    gamma = page.get_by_role("slider", name="Focal loss γ")
    gamma.focus()
    page.keyboard.press("Home")
    wait_for_chart(
        page,
        "main",
        "JSON.stringify(gd.data.find(t => t.name === 'Focal loss').y)"
        " === JSON.stringify(gd.data.find(t => t.name === 'Cross-entropy').y)",
    )
    focal = trace_y(page, "main", "Focal loss")
    assert focal != before
    assert focal == trace_y(page, "main", "Cross-entropy")
    expect(page).to_have_url(re.compile(r"gamma=0"))


def test_binary_soft_label_and_logit_axis(curves: Page, shots_dir: Path) -> None:
    page = curves
    binary = chart(page, "binary")
    binary.scroll_into_view_if_needed()
    expect(legend(page, "binary")).to_have_text(
        ["your y = 1", "y = 1: −log q", "y = 0: −log(1 − q)"]
    )
    expect(binary.locator(".xtitle")).to_have_text("predicted probability q")
    assert not any("−" in t for t in x_ticks(page, "binary").all_text_contents())

    # A soft label: its own curve and the diamond at its minimum p = y appear.
    label = page.get_by_role("slider", name="Label y")
    label.focus()
    # 1.00 → 0.70 in steps of 0.05. Under load Streamlit's slider can take back a step when
    # the rerun for an earlier one lands (seen in CI), so step until the slider says 0.7.
    for _ in range(20):
        now = float(label.input_value())
        if abs(now - 0.7) < 1e-9:
            wait_idle(page)  # and check again once the reruns are over
            if abs(float(label.input_value()) - 0.7) < 1e-9:
                break
            continue
        page.keyboard.press("ArrowLeft" if now > 0.7 else "ArrowRight")
        # The step shows in the slider's value at once; read it again only once it has.
        # (Should a landing rerun put back exactly the old value first, the loop reads
        # it and steps again.)
        with contextlib.suppress(PlaywrightTimeoutError):
            page.wait_for_function(
                "([el, before]) => Number(el.value) !== before",
                arg=[label.element_handle(), now],
                timeout=5_000,
            )
    expect(label).to_have_attribute("aria-valuetext", "0.70")
    expect(legend(page, "binary")).to_contain_text(["your y = 0.7"])
    wait_for_chart(page, "binary", "gd.data.some(t => t.marker && t.marker.symbol === 'diamond')")
    diamond = settled(page, "binary").evaluate(
        "gd => { const t = gd.data.find(t => t.marker && t.marker.symbol === 'diamond');"
        " return [t.x[0], t.y[0]]; }"
    )
    # The smallest loss for y = 0.7 is its entropy, −0.7 ln 0.7 − 0.3 ln 0.3 (math.log).
    assert diamond[0] == pytest.approx(0.7)
    assert diamond[1] == pytest.approx(-0.7 * math.log(0.7) - 0.3 * math.log(0.3), abs=1e-9)

    # The logit axis: x runs over logits −8…8 and the branches are relabelled σ(x).
    # Click once the label's reruns are over: under load a click on a toggle that is being
    # redrawn can miss it (seen once in CI on a loaded machine).
    wait_idle(page)
    page.get_by_text("x axis in logits (q = σ(x))", exact=True).click()
    expect(page.get_by_role("switch", name="x axis in logits (q = σ(x))")).to_be_checked()
    # While the rerun draws, the old chart and the new one can both be on the page: look
    # for the new title itself.
    expect(binary.locator(".xtitle", has_text="logit x (q = σ(x))")).to_be_visible()
    expect(legend(page, "binary")).to_contain_text(["y = 1: −log σ(x)"])
    expect(x_ticks(page, "binary")).to_contain_text(["−5", "0", "5"])
    x_range = settled(page, "binary").evaluate("gd => gd._fullLayout.xaxis.range")
    assert x_range == pytest.approx([-8, 8])
    marker_x = settled(page, "binary").evaluate("gd => gd.data[gd.data.length - 1].x[0]")
    assert marker_x == pytest.approx(math.log(0.7 / 0.3), abs=1e-12)  # the logit of p = 0.7
    expect(page).to_have_url(re.compile(r"blogit=1"))
    assert_no_exception(page)
    binary.screenshot(path=shots_dir / "curves-binary-logits.png")


def test_bits_from_the_sidebar_rescale_the_log_losses(curves: Page) -> None:
    page = curves
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="bits").click()
    # A list: exactly one title, so a figure being swapped out cannot match.
    expect(chart(page, "main").locator(".ytitle")).to_have_text(["loss (bits for the log losses)"])
    expect(chart(page, "seed-curve").locator(".textpoint")).to_have_text("q_t = 0.7: 0.5146 bits")
    wait_for_chart(page, "main", "gd.data[0].y[0] > 9.9")  # −log2 0.001 = 9.97
    ce = trace_y(page, "main", "Cross-entropy")
    assert ce[0] == pytest.approx(-math.log2(1e-3), abs=1e-9)
    mse = trace_y(page, "main", "MSE")
    assert mse[0] == pytest.approx((1 - 1e-3) ** 2 / 2, abs=1e-9)  # no unit: unchanged
    expect(page).to_have_url(re.compile(r"unit=bits"))


def test_link_reopens_the_view_with_the_explorer_prediction(page: Page, app_url: str) -> None:
    open_curves(page, app_url, DESKTOP, "?q=0.05,0.9,0.05&show=cross_entropy,mse&logy=1")
    expect(legend(page, "main")).to_have_text(["Cross-entropy", "MSE", "your q(A) = 0.05"])
    expect(y_ticks(page, "main")).to_contain_text(["0.01", "1"])
    marker = settled(page, "main").evaluate(
        "gd => gd.data.find(t => (t.hovertemplate || '').startsWith('your Cross-entropy')).y[0]"
    )
    assert marker == pytest.approx(-math.log(0.05), abs=1e-12)
    expect(page.get_by_role("switch", name="Log y axis")).to_be_checked()
    expect(page.locator(".st-key-curves-now [data-testid='stMetricValue']").first).to_have_text(
        "0.050"
    )
    assert_no_exception(page)


def test_phone_layout(page: Page, app_url: str, shots_dir: Path) -> None:
    open_curves(page, app_url, PHONE)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    for key in CHARTS:
        box = chart(page, key).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (key, box)
    assert_no_exception(page)
    full_page_screenshot(page, shots_dir / "curves-full-phone.png")
