"""The class game's board: room code, the round's outcomes and the leaderboard (components v2).

Display only: the board sends nothing back. Every number is formatted here, in Python, and
every piece of user text (nicknames, outcome names, the join link) travels in ``data`` as
a plain string, which the script inserts with ``textContent`` / ``setAttribute`` only —
nothing is ever formatted into the component's HTML.

The testing contract (issue 19), kept by ``board.js``:

- ``data-xent="room-code"`` with ``data-value`` = the code (absent while there is no code);
- ``data-xent="outcomes"`` with ``data-value`` = the drawn class indices, comma-separated,
  in order (absent before the first draw);
- one ``data-xent="leaderboard-row"`` per row, ``data-name`` = the nickname and
  ``data-value`` = the mean cross-entropy in nats, ``repr`` precision (``"inf"`` for ∞).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from xent_ui.components.gesture import read_asset

_BOARD = st.components.v2.component(
    "xent_board",
    html=read_asset("board.html"),
    css=read_asset("board.css"),
    js=read_asset("board.js"),
)


@dataclass(frozen=True)
class BoardRow:
    """One leaderboard line: per-outcome means over ``total_outcomes`` outcomes and a rank.

    ``mean_log_loss`` is in nats and may be ∞ (a 0 on an outcome that happened).
    """

    name: str
    mean_log_loss: float
    mean_brier: float
    accuracy: float
    rank: int
    total_outcomes: int

    @classmethod
    def of(cls, row: Any, total_outcomes: int) -> BoardRow:
        """From an ``xent_core.game.Row`` (or anything with its fields) and an outcome count."""
        return cls(
            name=str(row.name),
            mean_log_loss=float(row.mean_log_loss),
            mean_brier=float(row.mean_brier),
            accuracy=float(row.accuracy),
            rank=int(row.rank),
            total_outcomes=int(total_outcomes),
        )


@dataclass(frozen=True)
class BoardData:
    """Everything the board shows, as plain values.

    ``code``/``join_url``: the room code (shown huge) and the join link under it, or None to
    leave the join panel out. ``names``: the outcomes' names. ``outcomes``: the latest round's
    drawn class indices in order, or None before the first draw. ``rows``: the leaderboard
    in rank order. ``unit``/``per_nat``: the unit the losses are shown in and the factor
    from nats to it (``layout.unit()``, ``layout.per_nat()``). ``rule``: the scoring rule in
    force, one sentence shown under the table. ``highlight``: a nickname whose row is
    marked (a student's own), or None.
    """

    code: str | None
    join_url: str | None
    names: list[str]
    outcomes: list[int] | None
    rows: list[BoardRow]
    unit: str
    per_nat: float
    rule: str
    highlight: str | None = field(default=None)


def value_text(x: float) -> str:
    """A float for a ``data-value`` attribute: full precision (``repr``), ``inf`` for ∞.

    >>> value_text(0.1 + 0.2), value_text(float("inf")), value_text(float("nan"))
    ('0.30000000000000004', 'inf', 'nan')
    """
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return repr(x)


def _shown(x: float, digits: int = 3) -> str:
    """A number as the board shows it: ``digits`` decimals, ∞, or – when undefined."""
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    return f"{x:.{digits}f}"


def _percent(x: float) -> str:
    return "–" if not math.isfinite(x) else f"{100 * x:.1f} %"


def _row(row: BoardRow, per_nat: float) -> dict[str, Any]:
    loss = float(row.mean_log_loss)
    return {
        "name": str(row.name),
        "rank": int(row.rank),
        "value": value_text(loss),
        "brierValue": value_text(row.mean_brier),
        "accuracyValue": value_text(row.accuracy),
        "loss": _shown(loss * per_nat if math.isfinite(loss) else loss),
        "brier": _shown(float(row.mean_brier)),
        "accuracy": _percent(float(row.accuracy)),
        "n": int(row.total_outcomes),
        "infinite": math.isinf(loss),
    }


def _counts(outcomes: Sequence[int], k: int) -> list[int]:
    counts = [0] * k
    for x in outcomes:
        counts[x] += 1
    return counts


def board_payload(data: BoardData) -> dict[str, Any]:
    """The JSON the script gets: strings, ints and booleans only (no NaN or ∞ constants)."""
    names = [str(n) for n in data.names]
    outcomes = None
    if data.outcomes is not None:
        outcomes = [int(x) for x in data.outcomes]
        bad = [x for x in outcomes if not 0 <= x < len(names)]
        if bad:
            raise ValueError(f"outcome {bad[0]} is not one of the {len(names)} classes")
    per_nat = float(data.per_nat)
    if not math.isfinite(per_nat) or per_nat <= 0:
        raise ValueError("per_nat must be a positive finite factor")
    return {
        "code": None if data.code is None else str(data.code),
        "joinUrl": None if data.join_url is None else str(data.join_url),
        "names": names,
        "outcomes": outcomes,
        "counts": None if outcomes is None else _counts(outcomes, len(names)),
        "rows": [_row(row, per_nat) for row in data.rows],
        "unit": str(data.unit),
        "rule": str(data.rule),
        "highlight": None if data.highlight is None else str(data.highlight),
    }


def game_board(*, key: str, data: BoardData) -> None:
    """Mount the board (display only: it sends nothing back)."""
    _BOARD(key=key, data=board_payload(data))
