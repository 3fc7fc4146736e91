"""Per-session rate limits on the game's actions (joins, submissions, room creation).

A session may try each kind of action at most ``state.GAME_RATE_COUNT`` times in
``state.GAME_RATE_SECONDS``; refused tries are not counted, so waiting always helps.
"""

from __future__ import annotations

import math
import time

from xent_ui import state

#: What a learner calls each limited action, for the message.
WHAT = {
    "join": "tries to join",
    "submit": "submissions",
    "create": "new rooms",
    "control": "tries to take control",
}


def allow(action: str, *, now: float | None = None) -> str | None:
    """Count a try of ``action``; None if allowed, else the message to show."""
    now = time.monotonic() if now is None else now
    tries = state.GAME_TRIES.get()
    window = state.GAME_RATE_SECONDS
    recent = [t for t in tries.get(action, []) if now - t < window]
    if len(recent) >= state.GAME_RATE_COUNT:
        tries[action] = recent
        wait = max(1, math.ceil(window - (now - recent[0])))
        return (
            f"Too many {WHAT[action]} in a row: wait {wait} s, then try again "
            f"(at most {state.GAME_RATE_COUNT} every {window:g} s)."
        )
    tries[action] = [*recent, now]
    return None
