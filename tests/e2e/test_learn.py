"""A learner completes lesson 1 (surprise) in a real browser, on a desktop and on a phone.

Desktop: mouse drag of the slider's thumb, then arrow keys to land exactly. Phone (390×844,
touch): taps on the slider's track and on the buttons, then the arrow keys to land exactly.
Both type the guess and the answer. Every wait is on a condition (the script idle, a
text, a value), never a sleep.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, wait_drawn, wait_idle


def _press(page: Page, name: str, touch: bool) -> None:
    button = page.get_by_role("button", name=name, exact=True)
    if touch:
        button.tap()
    else:
        button.click()
    wait_idle(page)


def _slider_value(page: Page) -> float:
    # Streamlit's slider keeps its value in a visually hidden <input type="range">.
    return float(page.get_by_role("slider").first.input_value())


def _move_slider_to(page: Page, target: float, *, touch: bool) -> None:
    """Drag the thumb (desktop) or tap the track (phone) near ``target``, then step onto
    it with the arrow keys, waiting for each key's rerun before reading the value."""
    slider = page.get_by_role("slider").first
    # The hidden input sits in the visible thumb, which sits on the track.
    thumb = slider.locator("xpath=../..")
    track = slider.locator("xpath=../../..").bounding_box()
    box = thumb.bounding_box()
    # The slider runs from 0.01 to 0.99 across the track's width.
    x = track["x"] + (target - 0.01) / 0.98 * track["width"]
    y = box["y"] + box["height"] / 2
    if touch:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.move(box["x"] + box["width"] / 2, y)
        page.mouse.down()
        page.mouse.move(x, y, steps=12)
        page.mouse.up()
    wait_idle(page)
    for _ in range(20):
        value = _slider_value(page)
        if abs(value - target) < 1e-9:
            break
        slider.focus()
        slider.press("ArrowRight" if value < target else "ArrowLeft")
        wait_idle(page)
    assert _slider_value(page) == pytest.approx(target)


def _goal(page: Page, text: str) -> None:
    expect(page.get_by_text(f"Done: {text}", exact=False)).to_be_visible()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_learner_completes_the_surprise_lesson(
    browser: Browser, app_url: str, shots_dir: Path, device: str
) -> None:
    touch = device == "phone"
    context = browser.new_context(viewport=PHONE if touch else DESKTOP, has_touch=touch)
    page = context.new_page()
    try:
        open_page(page, f"{app_url}/learn?lesson=surprise&unit=bits")
        assert_no_exception(page)
        expect(page.get_by_role("slider")).to_have_count(0)  # predict first

        guess = page.get_by_label("Your guess (bits)")
        guess.fill("2")
        _press(page, "Commit my guess", touch)
        expect(page.get_by_text("You guessed 2.000 bits; the answer is 2.000 bits")).to_be_visible()

        # Goal 1: a single heads costs more than 3 bits, i.e. q(heads) < 1/8.
        _move_slider_to(page, 0.1, touch=touch)
        _goal(page, "Make a single heads cost more than 3 bits")
        # Goal 2: heads and tails equally surprising, q(heads) = 0.5.
        _move_slider_to(page, 0.5, touch=touch)
        _goal(page, "Make heads and tails exactly as surprising")
        # Goal 3: 20 flips with q(heads) = 0.5; each costs 1 bit, 20 bits in all.
        _press(page, "Flip 10", touch)
        _press(page, "Flip 10", touch)
        _goal(page, "Flip the coin at least 20 times with q(heads) = 0.5")
        expect(page.get_by_text("Total surprise 20.000 bits", exact=False)).to_be_visible()
        expect(page.get_by_text("What you should have noticed.", exact=False)).to_be_visible()

        answer = page.get_by_label("Your answer (bits, two decimals)")
        answer.fill("1")
        _press(page, "Check", touch)
        expect(page.get_by_text("Right.", exact=False)).to_be_visible()
        expect(page.get_by_text("Lesson complete.")).to_be_visible()
        assert_no_exception(page)
        wait_drawn(page)
        page.screenshot(path=shots_dir / f"learn-surprise-{device}.png", full_page=True)

        _press(page, "All lessons", touch)
        expect(page.get_by_text("1 of 10 lessons done")).to_be_visible()
    finally:
        context.close()
