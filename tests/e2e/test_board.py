"""The class game's board and forecast bars in a real browser (tests/e2e/apps/board_app.py).

The testing contract's elements and attributes, an HTML nickname shown as text, the
forecast bars as sliders named for their outcomes that the keyboard moves, and the board
in the light theme on a desktop and the dark theme on a phone.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.apps import board_data as board
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, wait_idle
from tests.e2e.server import ROOT, running_app
from xent_ui.components.board import value_text

pytestmark = pytest.mark.e2e

APP = ROOT / "tests" / "e2e" / "apps" / "board_app.py"


@pytest.fixture(scope="module")
def board_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_app(APP, tmp_path_factory.mktemp("board") / "streamlit.log") as url:
        yield url


def rows(page: Page):
    return page.locator("[data-xent='leaderboard-row']")


def open_board(page: Page, url: str) -> None:
    open_page(page, url)
    expect(rows(page)).to_have_count(len(board.ROWS))
    page.wait_for_function("document.fonts.status === 'loaded'")


def test_board_and_forecast_bars(page: Page, board_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(DESKTOP)
    open_board(page, board_url)

    code = page.locator("[data-xent='room-code']")
    expect(code).to_have_attribute("data-value", board.CODE)
    expect(code).to_have_text(board.CODE)
    expect(page.get_by_text(board.JOIN_URL, exact=True)).to_be_visible()
    outcomes = page.locator("[data-xent='outcomes']")
    expect(outcomes).to_have_attribute("data-value", ",".join(map(str, board.OUTCOMES)))
    chips = outcomes.locator("li")
    assert chips.all_inner_texts() == [board.NAMES[x] for x in board.OUTCOMES]

    for i, (name, loss, *_rest) in enumerate(board.ROWS):
        row = rows(page).nth(i)
        expect(row).to_have_attribute("data-name", name)
        expect(row).to_have_attribute("data-value", value_text(loss))
    expect(rows(page).last).to_have_attribute("data-value", "inf")
    expect(rows(page).last.locator("td.c-loss")).to_have_text("∞")
    assert float(rows(page).first.get_attribute("data-value")) == board.ROWS[0][1]
    expect(page.get_by_text(board.RULE, exact=True)).to_be_visible()

    # The HTML nickname (and the outcome named "<i>Edge</i>") is text: no element injected.
    hostile = page.locator(f"[data-xent='leaderboard-row'][data-name='{board.HOSTILE}']")
    expect(hostile.locator(".name-text")).to_have_text(board.HOSTILE)
    expect(page.locator(".xent-board img, .xent-board i, .xent-bars .cols i")).to_have_count(0)
    assert page.evaluate("window.__xentPwned") is None
    page.screenshot(path=shots_dir / "board-desktop-light.png", full_page=True)

    # The forecast bars: no truth, no readouts; each slider is named for its outcome.
    sliders = page.get_by_role("slider")  # the visible ones (the p panel is hidden)
    expect(sliders).to_have_count(len(board.NAMES))
    assert [s.get_attribute("aria-label") for s in sliders.all()] == board.NAMES
    expect(page.locator(".xent-bars [data-xent='cross-entropy']")).to_be_hidden()
    expect(page.locator(".xent-bars .panel-p")).to_be_hidden()
    expect(page.locator(".xent-bars .main-title")).to_have_text("Your forecast q")
    shown = page.locator(".xent-bars").inner_text()  # rendered text only
    assert not re.search("true|entropy|KL", shown, re.IGNORECASE), shown
    heads = page.get_by_role("slider", name="Heads", exact=True)
    expect(heads).to_have_attribute("aria-valuenow", str(board.START_Q[0]))
    heads.focus()
    page.keyboard.press("ArrowUp")
    expect(heads).to_have_attribute("aria-valuenow", "0.51")
    expect(page.get_by_text("forecast received: 0.510, 0.294, 0.196")).to_be_visible()
    edge = page.get_by_role("slider", name=board.NAMES[2], exact=True)
    edge.focus()
    page.keyboard.press("ArrowDown")
    expect(edge).to_have_attribute("aria-valuenow", "0.186")
    wait_idle(page)
    expect(page.get_by_text(re.compile(r"forecast received: .*, 0\.186$"))).to_be_visible()
    page.locator(".xent-bars").screenshot(path=shots_dir / "board-forecast-bars.png")
    assert_no_exception(page)


def test_board_dark_on_a_phone(page: Page, board_url: str, shots_dir: Path) -> None:
    page.emulate_media(color_scheme="dark")
    page.set_viewport_size(PHONE)
    open_board(page, f"{board_url}/?unit=bits")
    # Text follows the dark theme: light on the dark background.
    colour = page.locator(".xent-board .rule").evaluate("el => getComputedStyle(el).color")
    r, g, b = (int(v) for v in re.findall(r"\d+", colour)[:3])
    assert (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 > 0.6, colour
    expect(page.locator(".xent-board thead .c-loss")).to_contain_text("(bits)")
    # The code fits the phone; the table scrolls sideways inside its box, not the page.
    code_box = page.locator("[data-xent='room-code']").bounding_box()
    assert code_box["x"] >= 0 and code_box["x"] + code_box["width"] <= PHONE["width"]
    scroller = page.locator(".xent-board .table-scroll")
    assert scroller.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=shots_dir / "board-phone-dark.png", full_page=True)
    bars = page.locator(".xent-bars")
    bars.scroll_into_view_if_needed()
    bars.screenshot(path=shots_dir / "board-forecast-bars-phone-dark.png")
    assert_no_exception(page)
