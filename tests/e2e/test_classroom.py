"""Classroom in a real browser: presenter mode on a projector, the deck by keyboard, the QR."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_page, wait_drawn

pytestmark = pytest.mark.e2e

PROJECTOR = {"width": 1920, "height": 1080}


def test_presenter_mode_deck_by_page_down(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(PROJECTOR)
    open_page(page, f"{app_url}/classroom?present=1")
    # Presenter mode: the sidebar starts collapsed, the type is large.
    expect(page.locator("[data-testid='stSidebar']")).to_have_attribute("data-collapsed", "true")
    page.wait_for_function("getComputedStyle(document.documentElement).fontSize === '20px'")
    # High contrast: captions take the body text's colour instead of a grey.
    caption_color = page.locator("[data-testid='stCaptionContainer']").first.evaluate(
        "e => getComputedStyle(e).color"
    )
    body_color = page.evaluate(
        "getComputedStyle(document.querySelector('[data-testid=stMainBlockContainer]')).color"
    )
    assert caption_color == body_color
    page.get_by_role("button", name="Start the deck").click()
    bar = page.locator(".st-key-deck-bar")
    expect(bar).to_contain_text("Step 1 of 10 · A prediction is a probability distribution")
    expect(page.locator("h1").first).to_have_text("Cross-entropy explorer")
    expect(page.get_by_role("slider", name="Predicted probability of cat")).to_have_attribute(
        "aria-valuenow", "0.7"
    )
    # A presentation clicker sends Page Down / Page Up.
    page.keyboard.press("PageDown")
    expect(bar).to_contain_text("Step 2 of 10")
    page.keyboard.press("PageDown")
    expect(bar).to_contain_text("Step 3 of 10 · Confidently wrong")
    expect(page.get_by_role("slider", name="Predicted probability of cat")).to_have_attribute(
        "aria-valuenow", "0.01"
    )
    expect(page.locator("[data-xent='cross-entropy']")).to_have_attribute(
        "data-value",
        re.compile(r"^4\.605170"),  # −ln 0.01
    )
    page.keyboard.press("PageDown")
    expect(page.locator("h1").first).to_have_text("Confidence curves")
    expect(page).to_have_url(re.compile(r"/curves\?.*present=1.*step=4"))
    expect(bar).to_contain_text("Step 4 of 10")
    wait_drawn(page)  # the curves page's run is over and its charts are drawn
    page.screenshot(path=shots_dir / "presenter-1920x1080.png")
    page.keyboard.press("PageUp")
    expect(bar).to_contain_text("Step 3 of 10")
    assert_no_exception(page)
