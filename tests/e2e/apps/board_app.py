"""The game board and the forecast bars (as the game mounts them) on their own, for
tests/e2e/test_board.py.

Run from the repository root by ``python -m streamlit run tests/e2e/apps/board_app.py``
(``python -m`` puts the root on ``sys.path``, so ``tests`` imports).
"""

from __future__ import annotations

import streamlit as st

from tests.e2e.apps.board_data import (
    CODE,
    FORECAST_KEY,
    HIGHLIGHT,
    JOIN_URL,
    NAMES,
    OUTCOMES,
    ROWS,
    RULE,
    START_Q,
)
from xent_ui.components import BarsValue, BoardData, BoardRow, game_board
from xent_ui.game.widgets import forecast_bars


def main() -> None:
    st.set_page_config(page_title="Board", layout="wide")
    unit = st.query_params.get("unit", "nats")
    per_nat = 1.4426950408889634 if unit == "bits" else 1.0
    game_board(
        key="board",
        data=BoardData(
            code=CODE,
            join_url=JOIN_URL,
            names=NAMES,
            outcomes=OUTCOMES,
            rows=[BoardRow(*row) for row in ROWS],
            unit=unit,
            per_nat=per_nat,
            rule=RULE,
            highlight=HIGHLIGHT,
        ),
    )
    q = st.session_state.setdefault("q", START_Q)

    def changed(value: BarsValue) -> None:
        st.session_state["q"] = value.q

    def failed(message: str) -> None:
        st.session_state["error"] = message

    forecast_bars(key=FORECAST_KEY, names=NAMES, q=q, unit=unit, on_change=changed, on_error=failed)
    st.text("forecast received: " + ", ".join(f"{v:.3f}" for v in st.session_state["q"]))
    if "error" in st.session_state:
        st.error(st.session_state["error"])


if __name__ == "__main__":
    main()
