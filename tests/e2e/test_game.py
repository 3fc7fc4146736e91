"""The class game in a real browser: a lecturer's projector (desktop) and two students, one
on a desktop and one on a phone (390×844, touch), each in a browser context of its own,
play two rounds.

The students set their forecasts with the drag bars (a mouse press or a tap on a bar's
track, then the arrow keys) and submit; the lecturer's page follows the submissions
through its polling fragment and draws. The test reads the outcomes and the leaderboard
from the board's ``data-xent`` attributes and checks every player's ``data-value`` (mean
cross-entropy in nats over every outcome so far) against ``xent_core.game.score`` of the
forecasts it read from the bars and the outcomes it read from the board. Every wait is on
a condition (a text, an attribute, the idle marker), never a sleep.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

import xent_core as xc
from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page, wait_drawn, wait_idle

pytestmark = pytest.mark.e2e

NAMES = ("heads", "tails")


def bar(page: Page, name: str):
    """A forecast bar: a slider named exactly after its outcome (forecast mode)."""
    return page.locator(f"[role='slider'][aria-label='{name}']")


def bars(page: Page) -> list[float]:
    return [float(bar(page, n).get_attribute("aria-valuenow")) for n in NAMES]


def press(page: Page, name: str, *, touch: bool) -> None:
    button = page.get_by_role("button", name=name, exact=True)
    button.tap() if touch else button.click()
    wait_idle(page)


def set_heads(page: Page, level: float, goal: float, *, touch: bool) -> None:
    """Press (or tap) the heads bar's track near ``level``, then step onto ``target`` with
    the arrow keys (steps of 0.01), waiting for each gesture's value before the next."""
    heads = bar(page, "heads")
    heads.scroll_into_view_if_needed()
    box = heads.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] * (1 - level)
    if touch:
        page.touchscreen.tap(x, y)
    else:
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.up()
    wait_idle(page)
    for _ in range(40):
        raw = heads.get_attribute("aria-valuenow")
        if abs(float(raw) - goal) < 1e-9:
            break
        heads.focus()
        page.keyboard.press("ArrowUp" if float(raw) < goal else "ArrowDown")
        expect(heads).not_to_have_attribute("aria-valuenow", raw)
        wait_idle(page)
    assert float(heads.get_attribute("aria-valuenow")) == pytest.approx(goal, abs=1e-9)
    wait_idle(page)


def submit(page: Page, number: int, *, touch: bool) -> list[float]:
    """Submit the bars' forecast; the page confirms what the database stored."""
    q = bars(page)
    press(page, "Submit forecast", touch=touch)
    shown = " · ".join(f"{n} {v:.2f}" for n, v in zip(NAMES, q, strict=True))
    expect(page.get_by_text(f"Submitted for round {number}: {shown}.")).to_be_visible()
    return q


def metric(page: Page, label: str):
    """The value of the metric labelled exactly ``label``."""
    name = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stMetric").filter(has=name).get_by_test_id("stMetricValue")


def outcomes(page: Page) -> list[int]:
    raw = page.locator("[data-xent='outcomes']").get_attribute("data-value")
    return [int(x) for x in raw.split(",")]


def leaderboard(page: Page) -> dict[str, float]:
    rows = page.locator("[data-xent='leaderboard-row']")
    names = rows.evaluate_all("els => els.map(e => e.dataset.name)")
    values = rows.evaluate_all("els => els.map(e => e.dataset.value)")
    return {n: math.inf if v == "inf" else float(v) for n, v in zip(names, values, strict=True)}


def same(a: float, b: float) -> bool:
    return a == b if math.isinf(a) or math.isinf(b) else math.isclose(a, b, rel_tol=1e-9)


def test_a_lecturer_and_two_students_play_two_rounds(
    browser: Browser, app_url: str, shots_dir: Path
) -> None:
    contexts = [
        browser.new_context(viewport=DESKTOP),
        browser.new_context(viewport=DESKTOP),
        browser.new_context(viewport=PHONE, has_touch=True, color_scheme="dark"),
    ]
    lecturer, ana, bo = (context.new_page() for context in contexts)
    students = {"Ana": (ana, False), "Bo": (bo, True)}
    try:
        open_page(lecturer, f"{app_url}/game")
        press(lecturer, "Create a room", touch=False)
        room = lecturer.locator("[data-xent='room-code']")
        expect(room).to_have_attribute("data-value", re.compile(r"^[A-HJ-NP-Z2-9]{6}$"))
        code = room.get_attribute("data-value")
        assert "room=" + code in lecturer.url and "player" not in lecturer.url

        for name, (page, touch) in students.items():
            open_page(page, f"{app_url}/game?room={code}")
            page.locator("input[aria-label='Nickname']").fill(name)
            press(page, "Join", touch=touch)
            expect(page.get_by_text(f"You play as {name}.")).to_be_visible()
            assert "player=" in page.url
        expect(metric(lecturer, "Players")).to_have_text("2")  # followed by polling

        history: dict[str, list[tuple[list[float], list[int]]]] = {"Ana": [], "Bo": []}
        plans = {  # (where to press, the q(heads) to land on with the keys)
            1: {"Ana": (0.75, 0.75), "Bo": (0.5, 0.5)},
            2: {"Ana": (0.6, 0.6), "Bo": (0.95, 0.95)},
        }
        for number in (1, 2):
            forecasts = {}
            for name, (page, touch) in students.items():
                expect(page.get_by_text(f"Round {number}: your forecast.")).to_be_visible()
                wait_idle(page)
                level, goal = plans[number][name]
                set_heads(page, level, goal, touch=touch)
                forecasts[name] = submit(page, number, touch=touch)
            expect(metric(lecturer, f"Forecasts, round {number}")).to_have_text("2")
            press(lecturer, "Draw outcomes", touch=False)
            expect(metric(lecturer, f"Round {number}")).to_have_text("drawn")
            # The board shows this round once each row counts its 10 × rounds outcomes.
            rows = lecturer.locator("[data-xent='leaderboard-row']")
            expect(rows).to_have_count(2)
            for i in range(2):
                expect(rows.nth(i).locator("td").last).to_have_text(str(10 * number))
            drawn = outcomes(lecturer)
            assert len(drawn) == 10 and set(drawn) <= {0, 1}
            for name in students:
                history[name].append((forecasts[name], drawn))
            # Each player's board value: the mean over every outcome of every round so far.
            totals = {
                name: xc.combine([xc.score(q, x) for q, x in rounds])
                for name, rounds in history.items()
            }
            expected = {name: total.mean_log_loss for name, total in totals.items()}
            got = leaderboard(lecturer)
            assert set(got) == set(expected)
            assert all(same(got[n], expected[n]) for n in got), (got, expected)
            ranks = {row.name: row.rank for row in xc.leaderboard(totals)}
            # The students' phones follow: the round's outcomes and their own rank.
            for name, (page, _) in students.items():
                expect(page.get_by_text(f"Round {number} cost you")).to_be_visible()
                expect(page.locator("[data-xent='outcomes']")).to_have_attribute(
                    "data-value", ",".join(map(str, drawn))
                )
                expect(page.get_by_text(f"rank {ranks[name]} of 2")).to_be_visible()
            if number == 1:
                # The projector's tab reloads: the key the tab kept (never in the link)
                # gives the lecturer the room back without pasting anything.
                lecturer.reload()
                expect(lecturer.get_by_role("button", name="Next round", exact=True)).to_be_enabled(
                    timeout=15_000
                )
                assert "room=" + code in lecturer.url and "player" not in lecturer.url
                wait_idle(lecturer)
                press(lecturer, "Next round", touch=False)

        expect(lecturer.get_by_text("The lesson so far.")).to_be_visible()
        for page in (lecturer, ana, bo):
            assert_no_exception(page)
        assert bo.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        wait_drawn(lecturer)
        lecturer.screenshot(path=shots_dir / "game-lecturer-desktop.png", full_page=True)
        wait_drawn(bo)
        bo.screenshot(path=shots_dir / "game-student-phone.png", full_page=True)
    finally:
        for context in contexts:
            context.close()
