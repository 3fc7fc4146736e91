"""The explorer in a real browser: live readouts while dragging, agreement with
xent_core after release, keyboard stepping, shareable URLs and hostile URLs."""

from __future__ import annotations

import math
import random
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import (
    assert_no_exception,
    chart_values,
    core_value,
    curve_values,
    open_page,
    readout,
    views_source,
    wait_core_agrees,
    wait_idle,
    wait_stable,
)

pytestmark = pytest.mark.e2e


def bar(page: Page, name: str):
    return page.locator(f"[role='slider'][aria-label='Predicted probability of {name}']")


def press_at(page: Page, name: str, level: float) -> None:
    """Press and release inside a bar's column at ``level`` (0 = bottom, 1 = top)."""
    bar(page, name).scroll_into_view_if_needed()
    box = bar(page, name).bounding_box()
    x = box["x"] + box["width"] / 2
    y = box["y"] + box["height"] * (1 - level)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.up()


@pytest.fixture
def explorer(page: Page, app_url: str) -> Page:
    page.set_viewport_size(DESKTOP)
    open_page(page, app_url)
    expect(bar(page, "A")).to_be_visible()
    return page


def test_seed_example_is_the_default(explorer: Page) -> None:
    assert readout(explorer, "cross-entropy") == pytest.approx(0.35667494393873245, abs=1e-12)
    assert explorer.locator("[data-xent='cross-entropy']").inner_text() == "0.3567"
    assert core_value(explorer, "cross-entropy") == pytest.approx(0.356675, abs=1e-6)


def test_drag_updates_readout_before_release(explorer: Page, shots_dir: Path) -> None:
    page = explorer
    before = readout(page, "cross-entropy")
    box = bar(page, "A").bounding_box()
    x = box["x"] + box["width"] / 2
    page.mouse.move(x, box["y"] + box["height"] * 0.3)  # level 0.7: where the bar is
    page.mouse.down()
    values = []
    for level in (0.6, 0.4, 0.2, 0.05):
        page.mouse.move(x, box["y"] + box["height"] * (1 - level), steps=3)
        values.append(readout(page, "cross-entropy"))
    # Still pressed: the numbers moved in the browser, Python has not rerun yet.
    assert values == sorted(values) and values[0] > before, values
    assert values[-1] == pytest.approx(-math.log(0.05), abs=0.02)
    assert core_value(page, "cross-entropy") == pytest.approx(0.356675, abs=1e-6)
    # The small charts moved with the bar too: A's term −log q_A is the loss, and the
    # curve's dot sits at (q_A, H).
    assert views_source(page) == "browser"
    live_terms = chart_values(page, "terms")
    live_grad = chart_values(page, "grad")
    assert live_terms[0] == pytest.approx(values[-1], abs=1e-12)
    dot = page.locator("[data-chart='curve'] circle.now")
    assert float(dot.get_attribute("data-value")) == pytest.approx(values[-1], abs=1e-12)
    page.screenshot(path=shots_dir / "explorer-dragging.png")
    page.mouse.up()
    wait_core_agrees(page)
    assert core_value(page, "cross-entropy") == pytest.approx(values[-1], abs=1e-4)
    # After the rerun the charts are redrawn from xent_core and show the same numbers.
    expect(page.locator(".views")).to_have_attribute("data-source", "xent_core")
    assert chart_values(page, "terms") == pytest.approx(live_terms, abs=1e-12)
    assert chart_values(page, "grad") == pytest.approx(live_grad, abs=1e-12)
    page.locator(".views").screenshot(path=shots_dir / "explorer-charts.png")


def test_live_readouts_agree_with_core_for_random_configurations(explorer: Page) -> None:
    page = explorer
    rng = random.Random(20261122)
    names = ["A", "B", "C"]
    for _ in range(20):
        if rng.random() < 0.25:
            page.get_by_role(
                "button", name=re.compile(f"^Make {rng.choice(names)} the true")
            ).click()
        else:
            press_at(page, rng.choice(names), rng.uniform(0.0, 1.0))
        wait_core_agrees(page)
        q = [float(bar(page, n).get_attribute("aria-valuenow")) for n in names]
        assert math.fsum(q) == pytest.approx(1.0, abs=1e-9)
        # xent_core's charts agree with the live readout and the bars: the terms add up
        # to H(p,q) and the gradient is q − p with p one-hot on the true class.
        expect(page.locator(".views")).to_have_attribute("data-source", "xent_core")
        terms, grad = chart_values(page, "terms"), chart_values(page, "grad")
        assert math.fsum(terms) == pytest.approx(readout(page, "cross-entropy"), abs=1e-4)
        true = names.index(page.locator(".col.true .name-text").inner_text())
        p = [1.0 if i == true else 0.0 for i in range(3)]
        assert grad == pytest.approx([qi - pi for qi, pi in zip(q, p, strict=True)], abs=1e-9)


def test_keyboard_steps(explorer: Page) -> None:
    page = explorer
    a = bar(page, "A")
    a.focus()
    page.keyboard.press("ArrowDown")
    expect(a).to_have_attribute("aria-valuenow", "0.69")
    page.keyboard.press("Shift+ArrowDown")
    expect(a).to_have_attribute("aria-valuenow", "0.59")
    page.keyboard.press("ArrowUp")
    expect(a).to_have_attribute("aria-valuenow", "0.6")
    page.keyboard.press("Home")
    expect(a).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("[data-xent='cross-entropy']")).to_have_attribute("data-value", "inf")
    expect(page.locator("[data-xent='cross-entropy']")).to_have_text("∞")
    wait_core_agrees(page)
    page.keyboard.press("End")
    expect(a).to_have_attribute("aria-valuenow", "1")
    assert readout(page, "cross-entropy") == 0
    wait_core_agrees(page)


def test_copied_url_reproduces_state(explorer: Page, page: Page) -> None:
    press_at(explorer, "B", 0.55)
    wait_core_agrees(explorer)
    explorer.get_by_role("button", name="Make C the true class").click()
    wait_core_agrees(explorer)
    expect(explorer).to_have_url(re.compile(r"y=2"))
    url = explorer.url
    q = [float(bar(explorer, n).get_attribute("aria-valuenow")) for n in "ABC"]
    ce = readout(explorer, "cross-entropy")

    fresh = explorer.context.browser.new_page()
    try:
        open_page(fresh, url)
        expect(bar(fresh, "A")).to_be_visible()
        q2 = [float(bar(fresh, n).get_attribute("aria-valuenow")) for n in "ABC"]
        assert q2 == pytest.approx(q, abs=1e-5)
        assert readout(fresh, "cross-entropy") == pytest.approx(ce, abs=1e-4)
        expect(fresh.get_by_role("button", name="Make C the true class")).to_have_attribute(
            "aria-pressed", "true"
        )
    finally:
        fresh.close()


# Every hostile value has its own AppTest case (tests/ui/test_explorer.py and
# tests/ui/test_state.py); in the browser, where markup could run, one page load each
# for markup in a number, markup in a choice, thousands of classes, and the bad numbers
# and names together.
HOSTILE = {
    "script": "q=" + quote("<script>alert(1)</script>"),
    "unit": "unit=" + quote("<img src=x onerror=alert(1)>"),
    "many-classes": "q=" + ",".join(["0.0002"] * 5000),
    "numbers-and-names": "q=1e309,nan,-0.5&y=99&eps=inf&name=" + "x" * 300 + "&name=B",
}


@pytest.mark.parametrize("query", HOSTILE.values(), ids=HOSTILE.keys())
def test_hostile_url_warns_and_uses_defaults(page: Page, app_url: str, query: str) -> None:
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, f"{app_url}/?{query}")
    expect(page.locator("[data-testid='stAlertContentWarning']").first).to_be_visible()
    assert_no_exception(page)
    expect(bar(page, "A")).to_have_attribute("aria-valuenow", "0.7")
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []


def test_names_render_as_text(page: Page, app_url: str, shots_dir: Path) -> None:
    open_page(page, f"{app_url}/?name={quote('<b>cat</b>')}&name=dog&name=bird")
    button = page.get_by_role("button", name="Make <b>cat</b> the true class")
    expect(button).to_be_visible()
    expect(button.locator(".name-text")).to_have_text("<b>cat</b>")
    assert button.locator("b").count() == 0
    assert_no_exception(page)


def test_phone_layout(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, app_url)
    expect(bar(page, "A")).to_be_visible()
    # Nothing wider than the screen: no horizontal scrolling on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    press_at(page, "A", 0.1)
    wait_core_agrees(page)
    page.screenshot(path=shots_dir / "explorer-phone-after-drag.png", full_page=True)


def test_exactly_one_rerun_per_drag_gesture(page: Page, app_url: str) -> None:
    """A drag of many pointer moves sends one message to the server: the release."""
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    page.set_viewport_size(DESKTOP)
    open_page(page, app_url)
    expect(bar(page, "A")).to_be_visible()
    wait_stable(bar(page, "B"))  # the gesture aims at coordinates measured now
    box = bar(page, "B").bounding_box()
    x = box["x"] + box["width"] / 2
    before = len(sent)
    page.mouse.move(x, box["y"] + box["height"] * 0.8)
    page.mouse.down()
    for i in range(30):
        page.mouse.move(x, box["y"] + box["height"] * (0.8 - i * 0.02))
    assert len(sent) == before, "nothing is sent while the pointer moves"
    page.mouse.up()
    wait_core_agrees(page)
    # The widget has taken the rerun's data, which echoes the gesture's number (it keeps
    # its own until then), and the run is over: anything the release caused has been sent.
    expect(page.locator(".views")).to_have_attribute("data-source", "xent_core")
    wait_idle(page)
    assert len(sent) - before == 1, f"{len(sent) - before} messages for one gesture"


def test_soft_label_bars_drag_live(explorer: Page) -> None:
    page = explorer
    page.get_by_text("Soft label (drag p too)").click()
    p_bar = page.locator("[role='slider'][aria-label='True probability of A']")
    expect(p_bar).to_be_visible()
    wait_core_agrees(page)
    assert readout(page, "entropy") > 0
    p_bar.scroll_into_view_if_needed()
    box = p_bar.bounding_box()
    x = box["x"] + box["width"] / 2
    page.mouse.move(x, box["y"] + box["height"] * 0.5)
    page.mouse.down()
    page.mouse.move(x, box["y"] + box["height"] * 0.02, steps=4)
    # p(A) ≈ 0.98 while still pressed: the entropy readout fell before any rerun.
    assert readout(page, "entropy") < 0.15
    # The browser's loss curve for the soft label (class A moves, the others keep their
    # proportions) is the one xent_core draws after the release.
    assert views_source(page) == "browser"
    live_curve, live_terms = curve_values(page), chart_values(page, "terms")
    page.mouse.up()
    wait_core_agrees(page)
    expect(page.locator(".readout.surprisal")).to_be_hidden()
    expect(page.locator(".views")).to_have_attribute("data-source", "xent_core")
    expect(page.locator(".view-curve .explain")).to_contain_text(
        "Dragging the bar of A, the class p gives the most,"
    )
    assert len(live_curve) == 200
    assert curve_values(page) == pytest.approx(live_curve, rel=1e-9, abs=1e-12)
    assert chart_values(page, "terms") == pytest.approx(live_terms, rel=1e-9, abs=1e-12)


def test_small_charts_download_as_png(explorer: Page) -> None:
    page = explorer
    for chart in ("terms", "grad", "curve"):
        button = page.locator(f"[data-chart='{chart}'] button.png")
        button.scroll_into_view_if_needed()
        with page.expect_download() as info:
            button.click()
        download = info.value
        assert download.suggested_filename == f"xent-explorer-{chart}.png"
        data = Path(download.path()).read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width > 300 and height > 300  # drawn at twice the on-screen size


def test_unit_switch_to_bits(explorer: Page) -> None:
    page = explorer
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="bits").click()
    expect(page.locator("[data-xent='cross-entropy']")).to_have_text("0.5146")  # −log2 0.7
    assert readout(page, "cross-entropy") == pytest.approx(-math.log2(0.7), abs=1e-12)
    expect(page.locator(".readout.main .r-unit")).to_have_text("bits")
    wait_core_agrees(page)
    expect(page).to_have_url(re.compile(r"unit=bits"))
    # Clicking the selected option would clear a segmented control; the unit stays.
    page.locator("[data-testid='stSidebar']").get_by_role("radio", name="bits").click()
    wait_core_agrees(page)
    expect(page.locator(".readout.main .r-unit")).to_have_text("bits")
    expect(
        page.locator("[data-testid='stSidebar']").get_by_role("radio", name="bits")
    ).to_be_checked()


def test_a_release_of_the_true_class_leaves_its_curve_out(page: Page, app_url: str) -> None:
    """Dragging the true class keeps the loss curve: the widget says which curve it holds,
    the release's answer leaves grid and curve out, and the charts are still xent_core's.
    Dragging another class changes the curve, and the new one arrives in full."""
    received: list[bytes] = []

    def keep(payload: str | bytes) -> None:
        received.append(payload if isinstance(payload, bytes) else payload.encode())

    page.on("websocket", lambda ws: ws.on("framereceived", keep))
    page.set_viewport_size(DESKTOP)
    open_page(page, app_url)
    expect(bar(page, "A")).to_be_visible()
    expect(page.locator(".views")).to_have_attribute("data-source", "xent_core")
    curve = curve_values(page)
    assert any(b'"curve": [' in frame for frame in received)

    def release(name: str, level: float) -> list[bytes]:
        before = len(received)
        wait_stable(bar(page, name))
        press_at(page, name, level)
        wait_core_agrees(page)
        expect(page.locator(".views")).to_have_attribute("data-source", "xent_core")
        wait_idle(page)
        return received[before:]

    frames = release("A", 0.4)
    assert any(b'"curveKey": ' in frame for frame in frames), "the release's views arrived"
    assert not any(b'"curve": [' in frame for frame in frames)
    assert curve_values(page) == curve  # the same numbers, xent_core's
    assert chart_values(page, "terms")[0] == pytest.approx(readout(page, "cross-entropy"))
    frames = release("B", 0.5)
    assert any(b'"curve": [' in frame for frame in frames)
    # A new key for B and C's new shares; with a one-hot label on A the curve is −ln x still.
    assert curve_values(page) == pytest.approx(curve, rel=1e-12)
