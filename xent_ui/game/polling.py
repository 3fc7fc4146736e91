"""Following the room: a small fragment reads the database every 2 s and reruns the page
only when the room has changed since the page drew it.

The lecturer's projector follows every change (``RoomView.version``: joins and
submissions move the counts); a student's phone follows the round and its phase only, so
a hundred classmates submitting do not rerun a hundred phones every 2 s. While a round is
closed the draw is seconds away, so a student's phone looks every second then: the
outcomes reach the room about a second sooner, for a one-row read per phone and second.
"""

from __future__ import annotations

from collections.abc import Hashable

import streamlit as st

from xent_game import rooms
from xent_game.store import StoreError
from xent_ui import state
from xent_ui.game.database import store

POLL_SECONDS = 2.0
DRAW_POLL_SECONDS = 1.0  # a student's phone while the round is closed


def watched(view: rooms.RoomView | rooms.Progress, *, lecturer: bool) -> Hashable:
    """What a page redraws for: everything (the lecturer), or the round's progress."""
    return view.version if lecturer else (view.round, view.phase)


def seen(view: rooms.RoomView, *, lecturer: bool) -> None:
    """The page has drawn ``view``."""
    state.GAME_SEEN.set(watched(view, lecturer=lecturer))


def follow(code: str, lecturer: bool, *, waiting_for_draw: bool = False) -> None:
    """Poll room ``code`` (every second when a student waits for the draw, else every
    2 s) and rerun the page when it moved on. Draws nothing."""
    (_follow_closely if waiting_for_draw and not lecturer else _follow)(code, lecturer)


def _check(code: str, lecturer: bool) -> None:
    try:
        view = rooms.progress(store(), code)
    except (rooms.GameError, StoreError):
        return  # the page's next full run says what is wrong
    if watched(view, lecturer=lecturer) != state.GAME_SEEN.get():
        st.rerun()


@st.fragment(run_every=POLL_SECONDS)
def _follow(code: str, lecturer: bool) -> None:
    _check(code, lecturer)


@st.fragment(run_every=DRAW_POLL_SECONDS)
def _follow_closely(code: str, lecturer: bool) -> None:
    _check(code, lecturer)
