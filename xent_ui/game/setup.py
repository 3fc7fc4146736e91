"""The lecturer's set-up: the hidden source (outcomes, p or a random p), outcomes drawn per
round, the scoring rule, then "Create a room"."""

from __future__ import annotations

import streamlit as st

from xent_ui import layout, state
from xent_ui.game import actions
from xent_ui.game.widgets import forecast_bars

RULE_LABELS = {
    "none": "No floor: a forecast of 0 on an outcome that happens costs ∞",
    "floor": f"Floor: every probability counts as at least {state.GAME_FLOOR:g}",
}


def _initial(widget: state.Widget, value: object) -> None:
    """A widget's first value (set before it is drawn, so it keeps what is typed after)."""
    if widget.value() is None:
        widget.set(value)


def show() -> None:
    st.subheader("Run a game")
    st.markdown(
        "Choose a hidden source (a biased coin or die), how many outcomes each round draws, "
        "and the scoring rule; then create a room and project this page. Its code, link and "
        "QR code appear large; students join on their phones and forecast the source with "
        "bars like the explorer's."
    )
    left, right = st.columns([2, 3], gap="large")
    with left:
        _initial(state.GAME_K, state.GAME_MIN_OUTCOMES)
        _initial(state.GAME_PER_ROUND, state.GAME_PER_ROUND_DEFAULT)
        _initial(state.GAME_RULE, state.GAME_RULES[0])
        st.number_input(
            "Number of outcomes K",
            min_value=state.GAME_MIN_OUTCOMES,
            max_value=state.GAME_MAX_OUTCOMES,
            step=1,
            key=state.GAME_K.key,
            on_change=actions.on_k,
            help="2 is a coin, 6 a die.",
        )
        k = actions.setup_k()
        defaults = actions.default_names(k)
        with st.container(horizontal=True, gap="small"):
            for i in range(k):
                _initial(state.game_name_widget(i), defaults[i])
                st.text_input(
                    f"Outcome {i + 1}",
                    max_chars=state.MAX_NAME_LENGTH,
                    key=state.game_name_widget(i).key,
                    width=140,
                )
        st.number_input(
            "Outcomes drawn per round",
            min_value=1,
            max_value=state.GAME_MAX_PER_ROUND,
            step=1,
            key=state.GAME_PER_ROUND.key,
            help="More outcomes per round: luck evens out sooner, and honesty shows sooner.",
        )
        st.radio(
            "Scoring rule",
            options=state.GAME_RULES,
            format_func=RULE_LABELS.__getitem__,
            key=state.GAME_RULE.key,
            help="Without a floor one confident miss costs ∞ for the rest of the game; "
            f"the floor caps each outcome's cost at −ln {state.GAME_FLOOR:g}.",
        )
    with right:
        random_p = st.toggle(
            "Random p (hidden from you too)",
            key=state.GAME_RANDOM.key,
            help="The server draws p at random (every outcome at least 0.01); nobody sees it "
            "before the first draw.",
        )
        if random_p:
            st.caption("p is drawn when the room is created, and revealed after the first draw.")
        else:
            st.markdown("**The hidden p** (drag the bars; only you see this before the draw)")
            forecast_bars(
                key=state.GAME_SOURCE_BARS.key,
                names=actions.setup_names(k),
                q=actions.setup_p(k),
                unit=layout.unit(),
                on_change=actions.on_source,
                on_error=actions.on_bars_error,
                title="The hidden source p",
            )
    st.button(
        "Create a room",
        type="primary",
        icon=":material/add_circle:",
        key="game.create",
        on_click=actions.create,
    )
