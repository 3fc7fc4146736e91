"""The drag widget: coupled probability bars with live readouts (components v2).

The HTML, CSS and JS are files beside this module, read once at import. Nothing from
the user is ever formatted into them: names and numbers travel in ``data`` and the
script inserts them with ``textContent``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import streamlit as st

from xent_ui.state import StateError, validate_distribution

_HERE = Path(__file__).parent
# The state key the script sets on release. Not "value": Streamlit unwraps a state
# whose only key is "value" holding a dict and then finds no callback for its fields.
STATE = "gesture"


def _read(name: str) -> str:
    return (_HERE / name).read_text(encoding="utf-8")


_BARS = st.components.v2.component(
    "xent_bars",
    html=_read("bars.html"),
    css=_read("bars.css"),
    js=_read("bars.js"),
)


@dataclass(frozen=True)
class BarsValue:
    """What the widget sent on release: the prediction, the soft label (or None), the label."""

    q: list[float]
    p: list[float] | None
    label: int


def parse_value(raw: Any, k: int) -> BarsValue:
    """Validate a value sent by the browser; it is as untrusted as a URL."""
    if not isinstance(raw, dict):
        raise StateError("the widget sent something that is not a state object")
    q = raw.get("q")
    p = raw.get("p")
    label = raw.get("label")
    if not isinstance(q, list) or len(q) != k:
        raise StateError(
            f"the widget sent {len(q) if isinstance(q, list) else 'no'} bars for {k} classes"
        )
    q = validate_distribution(q)
    if p is not None:
        if not isinstance(p, list) or len(p) != k:
            raise StateError("the widget sent a soft label of the wrong length")
        p = validate_distribution(p)
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < k:
        raise StateError("the widget sent a true class that does not exist")
    return BarsValue(q=q, p=p, label=label)


def probability_bars(
    *,
    key: str,
    names: Sequence[str],
    q: Sequence[float],
    p: Sequence[float],
    label: int,
    soft: bool,
    epsilon: float,
    unit: str,
    on_change: Callable[[BarsValue], None],
    on_error: Callable[[str], None],
) -> None:
    """Mount the bars. ``on_change`` receives the validated value after each gesture."""

    seq_key = f"{key}.seq"

    def _changed() -> None:
        raw = st.session_state[key]
        raw = raw.get(STATE) if hasattr(raw, "get") else getattr(raw, STATE, None)
        # Acknowledge the gesture even if it is rejected, so the widget resyncs.
        seq = raw.get("seq") if isinstance(raw, dict) else None
        if isinstance(seq, int) and not isinstance(seq, bool):
            st.session_state[seq_key] = seq
        try:
            on_change(parse_value(raw, len(q)))
        except StateError as err:
            on_error(str(err))

    _BARS(
        key=key,
        data={
            "names": list(names),
            "q": [float(v) for v in q],
            "p": [float(v) for v in p],
            "label": int(label),
            "soft": bool(soft),
            "eps": float(epsilon),
            "unit": unit,
            # The last gesture Python has applied: the widget ignores data that is older
            # than its own latest gesture, so a slow rerun cannot undo a newer change.
            "seq": st.session_state.get(seq_key, 0),
        },
        on_gesture_change=_changed,
    )
