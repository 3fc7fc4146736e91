"""What every xent drag widget shares: its files, and one validated message per gesture.

A widget is a Streamlit component v2 whose HTML, CSS and JS are files in this folder.
Its script starts with ``shared.js`` (the maths mirror, readouts and the gesture
protocol), so the live numbers and the acknowledgement logic exist once for all widgets.

The protocol: on each release (or keyboard step) the script sets the state key
``"gesture"`` to an object carrying a ``seq`` number. :func:`mount` acknowledges that
number back through ``data`` (so the widget ignores data older than its own latest
gesture) and hands the value to ``parse``, which must treat it as hostile.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import streamlit as st

from xent_ui.state import StateError

_HERE = Path(__file__).parent
# The state key the script sets on release. Not "value": Streamlit unwraps a state
# whose only key is "value" holding a dict and then finds no callback for its fields.
STATE = "gesture"
SHARED_JS = "shared.js"

V = TypeVar("V")


def read_asset(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


def register(name: str, *, html: str, css: str, js: str) -> Callable[..., Any]:
    """Register a widget from its files; ``shared.js`` is put in front of its script."""
    return st.components.v2.component(
        name,
        html=read_asset(html),
        css=read_asset(css),
        js=read_asset(SHARED_JS) + "\n" + read_asset(js),
    )


def state_object(raw: Any) -> dict:
    if not isinstance(raw, dict):
        raise StateError("the widget sent something that is not a state object")
    return raw


def mount(
    component: Callable[..., Any],
    *,
    key: str,
    data: dict[str, Any],
    parse: Callable[[Any], V],
    on_change: Callable[[V], None],
    on_error: Callable[[str], None],
) -> None:
    """Mount ``component``; after each gesture call ``on_change(parse(value))`` or ``on_error``."""
    seq_key = f"{key}.seq"

    def _changed() -> None:
        raw = st.session_state[key]
        raw = raw.get(STATE) if hasattr(raw, "get") else getattr(raw, STATE, None)
        # Acknowledge the gesture even if it is rejected, so the widget resyncs.
        seq = raw.get("seq") if isinstance(raw, dict) else None
        if isinstance(seq, int) and not isinstance(seq, bool):
            st.session_state[seq_key] = seq
        try:
            value = parse(raw)
        except StateError as err:
            on_error(str(err))
        else:
            on_change(value)

    # "seq" is the last gesture Python has applied: the widget ignores data older than
    # its own latest gesture, so a slow rerun cannot undo a newer change.
    component(
        key=key,
        data={**data, "seq": st.session_state.get(seq_key, 0)},
        on_gesture_change=_changed,
    )
