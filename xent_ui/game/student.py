"""A student's view: join a room with a nickname, set a forecast on the bars and submit it,
then see the outcomes, their own loss for the round and in total, and their rank.

The player's token is in the page's link (``player=``) and in the session: a reload, or a
reconnection to another replica, finds the player again (``rooms.rejoin``).
"""

from __future__ import annotations

import functools

import streamlit as st

from xent_game import rooms
from xent_ui import layout, state
from xent_ui.game import actions, results
from xent_ui.game.lecturer import board
from xent_ui.game.widgets import forecast_bars

#: Leaderboard lines on a student's phone: the first ones, and the student's own.
PHONE_ROWS = 10


def find_room() -> None:
    """For a student who opened /game without a room in the link."""
    with st.expander("Joining a game? Type the room code", icon=":material/login:"):
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.text_input(
                "Room code",
                key=state.GAME_CODE_INPUT.key,
                max_chars=state.GAME_CODE_LENGTH,
                placeholder="e.g. K7QW3M",
            )
            st.button("Go to the room", key="game.go", on_click=actions.go_to_room)


def join_form(code: str) -> None:
    st.subheader(f"Room {code}")
    st.markdown(
        "Choose a nickname (1 to 20 characters) to join. Each round you forecast the "
        "lecturer's hidden source; the draw decides, and cross-entropy keeps the score."
    )
    with st.container(horizontal=True, vertical_alignment="bottom"):
        st.text_input(
            "Nickname",
            key=state.GAME_NICKNAME.key,
            max_chars=state.GAME_NICKNAME_MAX,
            autocomplete="nickname",
        )
        st.button("Join", key="game.join", type="primary", on_click=actions.join)
    with st.expander("I am the lecturer", icon=":material/key:"):
        st.caption(
            "Running this room from another tab or device? Paste the lecturer token shown "
            'under "Keep control after a reload" when you made the room (the tab you made '
            "it in takes control back by itself)."
        )
        with st.container(horizontal=True, vertical_alignment="bottom"):
            st.text_input("Lecturer token", key=state.GAME_TOKEN_INPUT.key, type="password")
            st.button("Take control", key="game.control", on_click=actions.take_control)


def _draft(view: rooms.RoomView, player: rooms.Player) -> list[float]:
    """The forecast on the bars: this round's draft, else what was submitted, else the
    player's forecast of the last drawn round, else uniform."""
    draft = state.GAME_DRAFT.get()
    if draft is not None and draft[:2] == (view.code, view.round) and len(draft[2]) == view.k:
        return list(draft[2])
    q = player.forecast
    if q is None:
        earlier = [r for r in view.forecasts if player.player_id in view.forecasts[r]]
        q = view.forecasts[max(earlier)][player.player_id] if earlier else None
    q = list(q) if q is not None else [1.0 / view.k] * view.k
    state.GAME_DRAFT.set((view.code, view.round, q))
    return q


def _as_text(names: tuple[str, ...], q: list[float] | tuple[float, ...]) -> str:
    return " · ".join(f"{layout.md_escape(n)} {v:.2f}" for n, v in zip(names, q, strict=True))


def _forecast(view: rooms.RoomView, player: rooms.Player) -> None:
    q = _draft(view, player)
    st.markdown(f"**Round {view.round}: your forecast.** Drag the bars, then submit.")
    forecast_bars(
        key=state.GAME_BARS.key,
        names=view.names,
        q=q,
        unit=layout.unit(),
        on_change=functools.partial(actions.on_forecast, view.code, view.round),
        on_error=actions.on_bars_error,
    )
    st.button(
        "Submit forecast",
        key="game.submit",
        type="primary",
        icon=":material/send:",
        on_click=actions.submit,
        args=(view.round,),
    )
    if player.forecast is None:
        st.info("Not submitted yet.", icon=":material/hourglass_empty:")
    else:
        changed = any(abs(a - b) > 1e-9 for a, b in zip(q, player.forecast, strict=True))
        st.success(
            f"Submitted for round {view.round}: {_as_text(view.names, player.forecast)}."
            + (
                " Your bars now differ from it: press Submit forecast to replace it."
                if changed
                else " You can change it until the lecturer closes the round."
            ),
            icon=":material/check_circle:",
        )


def _results(view: rooms.RoomView, player: rooms.Player) -> None:
    """After a draw: the player's loss for the round and in total, their rank, the board."""
    last = results.latest_round(view)
    if last is None:
        return
    unit, per_nat = layout.unit(), layout.per_nat()
    table = results.standings(view)
    mine = results.round_score(view, last, player.player_id)
    with st.container(border=True, key="game-my-score"):
        if mine is None:
            st.markdown(f"You did not forecast round {last}, so it is not scored for you.")
        else:
            st.markdown(
                f"Round {last} cost you **{results.loss_text(mine.mean_log_loss, unit, per_nat)}"
                f" per outcome** ({results.loss_text(mine.log_loss, unit, per_nat)} for its "
                f"{mine.n} outcomes)."
            )
        row = table.row_of(player.nickname)
        if row is not None:
            total = table.totals[player.nickname]
            st.markdown(
                f"Over every round so far: **{results.loss_text(row.mean_log_loss, unit, per_nat)}"
                f" per outcome** ({total.n} outcomes): **rank {row.rank} of {len(table.rows)}**."
            )
    shown = results.top_and_own(table, player.nickname, PHONE_ROWS)
    board(view, table, code=None, highlight=player.nickname, key="game.board", rows=shown)
    if len(shown) < len(table.rows):
        st.caption(
            f"The leaderboard's first {PHONE_ROWS} of {len(table.rows)} players"
            + (" and your own line" if len(shown) > PHONE_ROWS else "")
            + "; the projector shows everyone."
        )


def show(view: rooms.RoomView, player: rooms.Player) -> None:
    st.subheader(f"Room {view.code}")
    st.markdown(f"You play as **{layout.md_escape(player.nickname)}**.")
    if view.phase == "open":
        _forecast(view, player)
    elif view.phase == "closed":
        st.info(
            f"Round {view.round} is closed: the lecturer is about to draw the outcomes.",
            icon=":material/lock:",
        )
        if player.forecast is not None:
            st.markdown(f"Your forecast: {_as_text(view.names, player.forecast)}.")
        else:
            st.markdown("You did not submit a forecast for this round.")
    else:
        st.info(
            f"Round {view.round} is drawn: wait for the lecturer to start the next round.",
            icon=":material/casino:",
        )
    _results(view, player)
    st.caption(
        "This page's link carries your player key: it brings you back to this room after a "
        "reload. Do not share it (the room's own link is on the projector)."
    )
    st.button(
        "Join again under another nickname",
        key="game.leave_game",
        type="tertiary",
        on_click=actions.leave_game,
    )
