"""The lecturer's key, kept in this browser tab (components v2): control of a room survives
a reload of the projector's tab and the loss of its server replica.

The page's link is the students' join link, so the lecturer's token may never be in it.
Instead this invisible component keeps ``{code, token}`` in the tab's ``sessionStorage``
(nothing leaves the tab: not the link, not a cookie, not other tabs; it is gone when the
tab is closed). When that tab later shows the room's join form, on any replica, the
component hands the token back once (a trigger value); the page checks it with the
database like a pasted token, and tells the component to forget it if it is refused.

The token travels in ``data`` as a plain string; the script never inserts it anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from xent_ui.components.gesture import read_asset

_KEEPER = st.components.v2.component(
    "xent_keeper",
    html='<div class="xent-keeper" hidden></div>',
    js=read_asset("keeper.js"),
)
KEY = "game.keeper"
RECALL = "recall"


def keep_lecturer(code: str, token: str, *, key: str = KEY) -> None:
    """Keep ``token`` for room ``code`` in this tab (replacing any other room's)."""
    _KEEPER(key=key, data={"mode": "keep", "code": code, "token": token})


def forget_lecturer(*, key: str = KEY) -> None:
    """Drop whatever this tab keeps (the lecturer left the room, or the key was refused)."""
    _KEEPER(key=key, data={"mode": "forget"})


def recall_lecturer(code: str, on_recall: Callable[[str], None], *, key: str = KEY) -> None:
    """If this tab keeps a key for room ``code``, send it back once: ``on_recall(token)``
    runs before the page's next run with whatever string the browser sent."""

    def _recalled() -> None:
        value = _trigger(st.session_state.get(key))
        if isinstance(value, str):
            on_recall(value)

    _KEEPER(key=key, data={"mode": "recall", "code": code}, on_recall_change=_recalled)


def _trigger(raw: Any) -> Any:
    if raw is None:
        return None
    return raw.get(RECALL) if hasattr(raw, "get") else getattr(raw, RECALL, None)
