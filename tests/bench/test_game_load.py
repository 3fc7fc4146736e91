"""The class game's load driver (bench/game_load.py) at a tiny size.

A few students join one room through two replicas behind nginx that share one SQLite
file, submit their forecasts and follow the round while one replica is killed. The
driver's timings are benchmarks (BENCHMARKS.md), not assertions; this checks what must
hold at any size: every acknowledged forecast is in the database as sent, no student sees
an error, and every tab that lost its replica is back in the room on the other one.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import json

import pytest

from bench import game_load as gl
from bench.classroom_load import Widget
from tests.helpers import require_nginx


def options(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    gl.arguments(parser)
    args = parser.parse_args(list(argv))
    gl.check(parser, args)
    return args


def test_what_the_driver_sends_is_what_the_page_accepts() -> None:
    """The bars' release as the driver sends it passes the page's own validation, and the
    forecasts are distinct valid distributions over the coin's two faces."""
    from xent_ui.components.bars import parse_value

    for i in range(6):
        state = gl.gesture_state(Widget("$$ID-abc-game.bars"), gl.forecast(i), seq=i + 1)
        sent = json.loads(state.json_value)["gesture"]
        assert sent["seq"] == i + 1 and sent["label"] == 0
        assert parse_value(sent, 2).q == pytest.approx(gl.forecast(i))
    assert len({tuple(gl.forecast(i)) for i in range(100)}) > 50


def test_a_small_class_through_two_replicas_one_killed() -> None:
    require_nginx()
    args = options("--students", "6", "--replicas", "2", "--kill-after", "0.5",
                   "--join-seconds", "2", "--submit-seconds", "6", "--draw-after", "1")  # fmt: skip
    # In a thread of its own: a browser test on the same worker may have left
    # Playwright's event loop running in this one.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        s = pool.submit(gl.measure, args).result()
    gl.report(s)
    assert s["student_errors"] == {}
    assert s["driver_errors"] == {}
    assert s["joined"] == 6
    # 0 lost: every acknowledged forecast is in the database, as sent, and nothing else is.
    assert s["acknowledged"] == 6 == s["rows"]
    assert s["lost"] == [] and s["not_acknowledged_rows"] == []
    # The busiest replica was killed after half the acknowledgements; its tabs came back.
    assert s["killed"] and s["dropped"] >= 1
    assert s["reconnected"] == s["dropped"] == s["restored"]
    assert len(s["submit_ms"]) == 6
    assert s["projector_refresh_ms"] is not None
    assert len(s["saw_closed_ms"]) == len(s["saw_outcomes_ms"]) == 6
    assert s["outcomes"] is not None and len(s["outcomes"]) == 10  # the default: 10 a round
    assert gl.passed(s)
