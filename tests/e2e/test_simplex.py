"""The simplex page in a real browser: drag q and p with live readouts, agreement with
xent_core after release, clicking, the keyboard, phone width and screenshots."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import (
    assert_no_exception,
    open_page,
    readout,
    wait_core_agrees,
    wait_idle,
    wait_stable,
)

pytestmark = pytest.mark.e2e

# The divergences the explorer's table lacks: readout key → row of the page's second table.
EXTRA_ROWS = {"reverse-kl": 0, "js": 1}
TALL_DESKTOP = {"width": 1280, "height": 4000}
TALL_PHONE = {"width": 390, "height": 7000}


def point(page: Page, what: str):
    name = "Prediction q" if what == "q" else "True distribution p"
    return page.locator(f"[role='slider'][aria-label='{name}']")


def bary(page: Page, what: str) -> list[float]:
    return [float(v) for v in point(page, what).get_attribute("data-bary").split(",")]


def screen(page: Page, v: tuple[float, float, float]) -> tuple[float, float]:
    """Where the barycentric point v is on screen: A top, B bottom left, C bottom right."""
    box = page.locator("polygon.outline").bounding_box()
    a, _, c = v
    return box["x"] + (a / 2 + c) * box["width"], box["y"] + (1 - a) * box["height"]


def extra_core(page: Page, key: str) -> float:
    row = page.locator(".st-key-simplex-divergences table tbody tr").nth(EXTRA_ROWS[key])
    text = row.locator("td").nth(2).inner_text().strip()
    return math.inf if text == "∞" else float(text)


def wait_all_agree(page: Page) -> None:
    """The explorer's four readouts, then reverse KL and JS, agree with the core tables."""
    wait_core_agrees(page)
    for key in EXTRA_ROWS:
        live, core = readout(page, key), extra_core(page, key)
        assert live == core if math.isinf(core) else abs(live - core) < 1e-5, (key, live, core)


def expected(p: list[float], q: list[float]) -> dict[str, float]:
    """Each readout from the formulas (nats), independently of the app's code."""
    terms = zip(p, q, strict=True)
    ce = -sum(pi * math.log(qi) if qi > 0 else -math.inf for pi, qi in terms if pi > 0)
    h = -sum(pi * math.log(pi) for pi in p if pi > 0)
    return {"cross-entropy": ce, "entropy": h, "kl": ce - h, "perplexity": math.exp(ce)}


@pytest.fixture
def simplex(page: Page, app_url: str) -> Page:
    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/simplex")
    expect(point(page, "q")).to_be_visible()
    return page


def test_defaults_and_accessible_point(simplex: Page) -> None:
    page = simplex
    q = point(page, "q")
    expect(q).to_have_attribute("aria-valuetext", "q: A 0.700, B 0.200, C 0.100")
    expect(q).to_have_attribute("aria-valuenow", "0.7")
    expect(q).to_have_attribute("tabindex", "0")
    assert readout(page, "cross-entropy") == pytest.approx(-math.log(0.7), abs=1e-12)
    assert readout(page, "reverse-kl") == math.inf  # q bets on B and C; the one-hot p does not
    wait_all_agree(page)


def test_drag_q_updates_readouts_before_release(simplex: Page, shots_dir: Path, page: Page) -> None:
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda data: sent.append(len(data))))
    page.reload()
    wait_idle(page)
    expect(point(page, "q")).to_be_visible()
    wait_stable(page.locator("polygon.outline"))  # `screen` measures the triangle
    page.locator("svg.tri").scroll_into_view_if_needed()
    before = len(sent)
    page.mouse.move(*screen(page, (0.7, 0.2, 0.1)))
    page.mouse.down()
    values = []
    for a in (0.55, 0.4, 0.25, 0.1):
        page.mouse.move(*screen(page, (a, (1 - a) * 0.6, (1 - a) * 0.4)), steps=3)
        q = bary(page, "q")
        live = readout(page, "cross-entropy")
        # The readout is −ln q_A of the point under the pointer, computed in the browser.
        assert live == pytest.approx(-math.log(q[0]), abs=1e-12)
        assert q[0] == pytest.approx(a, abs=0.01)
        values.append(live)
    # Still pressed: the numbers rose while Python has not rerun and nothing was sent.
    assert values == sorted(values) and values[0] > -math.log(0.7), values
    assert len(sent) == before, "nothing is sent while the pointer moves"
    core = page.locator(".st-key-core-values table tbody tr").first.locator("td").nth(2)
    assert core.inner_text() == "0.356675"
    page.screenshot(path=shots_dir / "simplex-dragging.png")
    page.mouse.up()
    wait_all_agree(page)
    assert float(core.inner_text()) == pytest.approx(values[-1], abs=1e-6)
    q = bary(page, "q")
    expect(page).to_have_url(re.compile("q=" + "%2C".join(f"{v:g}" for v in q).replace(".", r"\.")))
    wait_idle(page)  # the release's run is over: anything it caused has been sent
    assert len(sent) - before == 1, f"{len(sent) - before} messages for one gesture"
    assert_no_exception(page)


def test_click_anywhere_moves_q(simplex: Page) -> None:
    page = simplex
    page.locator("svg.tri").scroll_into_view_if_needed()
    page.mouse.click(*screen(page, (1 / 3, 1 / 3, 1 / 3)))
    q = bary(page, "q")
    assert q == pytest.approx([1 / 3] * 3, abs=0.01)
    assert math.fsum(q) == pytest.approx(1, abs=1e-9)
    wait_all_agree(page)
    # Outside the triangle, below the bottom edge: q lands on the edge (q_A = 0), and the
    # loss of the one-hot truth A is infinite.
    page.locator("svg.tri").scroll_into_view_if_needed()
    box = page.locator("polygon.outline").bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] + 15)
    expect(point(page, "q")).to_have_attribute("aria-valuenow", "0")
    expect(page.locator("[data-xent='cross-entropy']")).to_have_text("∞")
    wait_all_agree(page)


def test_drag_p_makes_a_soft_truth(simplex: Page) -> None:
    page = simplex
    page.locator("svg.tri").scroll_into_view_if_needed()
    assert bary(page, "p") == [1.0, 0.0, 0.0]
    page.mouse.move(*screen(page, (1.0, 0.0, 0.0)))
    page.mouse.down()
    page.mouse.move(*screen(page, (0.5, 0.3, 0.2)), steps=5)
    p = bary(page, "p")
    assert p == pytest.approx([0.5, 0.3, 0.2], abs=0.01)
    # The entropy of p was 0 at the corner; it moved while the button is still down.
    assert readout(page, "entropy") == pytest.approx(expected(p, [0.7, 0.2, 0.1])["entropy"])
    assert readout(page, "kl") == pytest.approx(expected(p, [0.7, 0.2, 0.1])["kl"], abs=1e-9)
    expect(page.locator(".stale-note")).to_be_visible()  # the landscape waits for the release
    page.mouse.up()
    wait_all_agree(page)
    expect(page.locator(".stale-note")).to_be_hidden()
    expect(page.get_by_role("radio", name="soft")).to_be_checked()
    expect(page).to_have_url(re.compile(r"soft=1"))
    assert bary(page, "p") == pytest.approx(p, abs=1e-6)
    assert_no_exception(page)


def test_keyboard_moves_the_point(simplex: Page) -> None:
    page = simplex
    q = point(page, "q")
    q.focus()
    page.keyboard.press("ArrowDown")  # away from A: q_A − 0.01, B and C + 0.005 each
    expect(q).to_have_attribute("data-bary", "0.69,0.205,0.105")
    page.keyboard.press("ArrowRight")  # along the bottom: 0.01 from B to C
    expect(q).to_have_attribute("data-bary", "0.69,0.195,0.115")
    page.keyboard.press("Shift+ArrowUp")  # towards A by 0.1
    expect(q).to_have_attribute("aria-valuenow", "0.79")
    expect(q).to_have_attribute("aria-valuetext", "q: A 0.790, B 0.145, C 0.065")
    wait_all_agree(page)
    assert readout(page, "cross-entropy") == pytest.approx(-math.log(0.79), abs=1e-12)
    # p can be moved by keyboard too; it becomes a soft truth.
    point(page, "p").focus()
    page.keyboard.press("Shift+ArrowDown")
    expect(point(page, "p")).to_have_attribute("data-bary", "0.9,0.05,0.05")
    wait_all_agree(page)
    expect(page.get_by_role("radio", name="soft")).to_be_checked()


def test_landscape_switch_redraws(simplex: Page) -> None:
    page = simplex
    image = page.locator("image.landscape")
    before = image.get_attribute("href")
    assert before.startswith("data:image/png;base64,")
    expect(page.locator(".inf-edges line")).to_have_count(1)  # H(p,q) = ∞ only where q_A = 0
    landscape = page.locator("[data-testid='stRadio']").filter(has_text="Landscape")
    landscape.get_by_text("Reverse KL(q‖p)", exact=True).click()
    expect(page.locator(".landscape-title")).to_have_text("Reverse KL(q‖p) for every q")
    expect(page.locator(".readout.active [data-xent='reverse-kl']")).to_have_count(1)
    expect(page.locator(".inf-edges line")).to_have_count(3)  # finite only at the corner A
    assert image.get_attribute("href") != before
    expect(page).to_have_url(re.compile(r"measure=reverse_kl_divergence"))
    wait_all_agree(page)
    assert_no_exception(page)


def test_dark_theme_is_readable(page: Page, app_url: str, shots_dir: Path) -> None:
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size(TALL_DESKTOP)
    open_page(page, f"{app_url}/simplex")
    expect(point(page, "q")).to_be_visible()
    # The corner labels follow the theme's text colour: light on the dark background.
    fill = page.locator("text.vertex").first.evaluate("el => getComputedStyle(el).fill")
    r, g, b = (int(v) for v in re.findall(r"\d+", fill)[:3])
    assert (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.6, fill
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
    page.screenshot(path=shots_dir / "simplex-dark-full.png")
    assert_no_exception(page)


def test_desktop_screenshots(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/simplex?soft=1&p=0.5,0.3,0.2&q=0.2,0.2,0.6&measure=kl_divergence")
    expect(point(page, "p")).to_have_attribute("aria-valuetext", "p: A 0.500, B 0.300, C 0.200")
    wait_all_agree(page)
    page.screenshot(path=shots_dir / "simplex-desktop.png")
    page.set_viewport_size(TALL_DESKTOP)
    expect(page.locator(".st-key-simplex-reverse .js-plotly-plot")).to_be_visible()
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
    page.screenshot(path=shots_dir / "simplex-desktop-full.png")
    assert_no_exception(page)


def test_phone_width(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(PHONE)
    open_page(page, f"{app_url}/simplex")
    expect(point(page, "q")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], width
    triangle = page.locator("polygon.outline").bounding_box()
    assert triangle["x"] >= 0 and triangle["x"] + triangle["width"] <= PHONE["width"]
    page.locator("svg.tri").scroll_into_view_if_needed()
    page.mouse.click(*screen(page, (0.2, 0.4, 0.4)))  # a tap moves q too
    wait_all_agree(page)
    assert bary(page, "q") == pytest.approx([0.2, 0.4, 0.4], abs=0.02)
    page.screenshot(path=shots_dir / "simplex-phone.png")
    page.set_viewport_size(TALL_PHONE)
    expect(page.locator(".st-key-simplex-message")).to_be_visible()
    expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=shots_dir / "simplex-phone-full.png")
    assert_no_exception(page)
