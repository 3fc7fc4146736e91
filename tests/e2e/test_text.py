"""The text page in a real browser: a learner pastes a text and sees it shaded by surprise
(the component's spans carry xent_core's surprisals), steps through it with the keyboard,
and reads the order chart; then the same page from a short text's link, dark, on a phone.

Expected numbers come from xent_core, computed here from the text the browser pastes.
Every wait is on a condition, never a sleep.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import numpy as np
import pytest
from playwright.sync_api import Page, expect

import xent_core as xc
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, wait_drawn, wait_idle
from xent_ui import state

pytestmark = pytest.mark.e2e

HOSTILE = '<img src=x onerror="window.__xentPwned=1"> <b>bold?</b>'
TEXT = (
    (
        "the cat sat on the mat. the dog sat on the log. the cat saw the dog and the dog saw "
        "the cat. a bird sat on the cat, and the cat ran to the log.\n"
    )
    * 6
    + HOSTILE
    + "\nthe end of the text, with a zebra: zzz!"
)
SHORT = "abracadabra, said the cat to the bat"


def expected(text: str, order: int = 3, alpha: float = 0.003):
    train, held_out = xc.split_text(text, 0.2)
    alphabet = "".join(sorted(set(text)))
    model = xc.ngram_model(train, order, alpha, alphabet=alphabet)
    sweep = xc.order_sweep(train, held_out, alpha, alphabet=alphabet)
    return held_out, xc.surprisals(model, held_out), sweep


def spans(page: Page):
    return page.locator(".xent-surprise [data-xent='surprise-text'] span[data-bits]")


def bits_of(page: Page) -> np.ndarray:
    """Every shaded character's surprise as the page wrote it (data-bits)."""
    return np.array([float(v) for v in spans(page).evaluate_all("s => s.map(e => e.dataset.bits)")])


def test_paste_a_text_and_see_its_surprise(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/text?corpus=own&unit=bits")
    expect(page.get_by_text("Paste a text and press")).to_be_visible()
    box = page.get_by_label("Your text", exact=True)
    box.fill(TEXT)
    page.get_by_role("button", name="Use this text").click()
    wait_idle(page)
    held_out, bits, sweep = expected(TEXT)

    # The shading: one span per held-out character, each with xent_core's surprise.
    expect(spans(page)).to_have_count(len(held_out))
    shown = np.array(
        [float(v) for v in spans(page).evaluate_all("s => s.map(e => e.dataset.bits)")]
    )
    np.testing.assert_allclose(shown, bits, rtol=1e-12)
    bands = spans(page).evaluate_all("s => s.map(e => Number(e.dataset.band))")
    assert max(bands) >= 5  # the zebra's z was never seen: heavily shaded
    colours = set(spans(page).evaluate_all("s => s.map(e => getComputedStyle(e).backgroundColor)"))
    assert len(colours) >= 4, colours
    # The learner's HTML is text: nothing injected, nothing run.
    expect(page.locator(".xent-surprise img, .xent-surprise b")).to_have_count(0)
    assert page.evaluate("window.__xentPwned") is None
    assert "<img" in page.locator(".xent-surprise .text").inner_text()

    # Keyboard: the text is one tab stop; the arrows step through it and the panel reads it.
    text = page.locator(".xent-surprise .text")
    text.focus()
    page.keyboard.press("ArrowRight")
    detail = page.locator(".xent-surprise .detail")
    expect(detail).to_contain_text(f"−log₂ q = {bits[0]:.2f} bits")
    expect(detail).to_contain_text("Its top guesses")
    page.keyboard.press("ArrowRight")
    expect(detail).to_contain_text("Character 2: ")
    expect(spans(page).nth(1)).to_have_class(re.compile(r"\bsel\b"))
    expect(page.get_by_text("Surprise −log₂ q (bits):")).to_be_visible()  # the legend

    # The compare chart: training and held-out bits per character, xent_core's numbers.
    chart = page.locator("[data-testid='stPlotlyChart']").filter(has_text="held-out text").last
    chart.scroll_into_view_if_needed()
    wait_drawn(page)
    lines = chart.locator(".js-plotly-plot").evaluate(
        "gd => Object.fromEntries(gd.data.map(t => [t.name, t.y]))"
    )
    np.testing.assert_allclose(lines["training text"], [s.train_bpc for s in sweep], rtol=1e-12)
    np.testing.assert_allclose(lines["held-out text"], [s.held_out_bpc for s in sweep], rtol=1e-12)
    expect(chart.get_by_text("uniform: log₂")).to_be_visible()

    # A long text is not in the link; the page says so.
    assert len(TEXT) > state.TEXT_LINK_CHARS
    assert "corpus=own" in page.url and "text=" not in page.url
    expect(page.get_by_text(f"at most {state.TEXT_LINK_CHARS} characters")).to_be_visible()
    assert_no_exception(page)
    text.scroll_into_view_if_needed()
    page.screenshot(path=shots_dir / "text-paste-desktop.png")


def test_a_short_text_from_a_link_dark_on_a_phone(
    page: Page, app_url: str, shots_dir: Path
) -> None:
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size(PHONE)
    open_page(page, f"{app_url}/text?corpus=own&text={quote(SHORT)}")
    held_out, bits, _sweep = expected(SHORT)
    expect(spans(page)).to_have_count(len(held_out))
    np.testing.assert_allclose(bits_of(page), bits, rtol=1e-12)
    # Text follows the dark theme: light on the dark background.
    colour = page.locator(".xent-surprise .text").evaluate("el => getComputedStyle(el).color")
    r, g, b = (int(v) for v in re.findall(r"\d+", colour)[:3])
    assert (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.6, colour
    # Pointing at a character (a tap on a phone) reads it.
    spans(page).nth(2).click()
    expect(page.locator(".xent-surprise .detail")).to_contain_text(
        f"Character 3: {SHORT[len(SHORT) - len(held_out) + 2]}"
    )
    wait_drawn(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_no_exception(page)
    page.locator(".xent-surprise").scroll_into_view_if_needed()
    page.screenshot(path=shots_dir / "text-phone-dark.png")
