"""The lecturer's view of a room, made for the projector: the room code and the join link
with its QR code, the counts, the round's buttons, then the outcomes, the leaderboard, the
forecasts against p, the lesson and the export.

The page's own link is the students' join link (``/game?room=CODE``): the lecturer's
token is kept in the session and in the tab's storage (``components.keeper``: a reload or
another replica finds it there), and shown folded away, to be typed in on another device.
"""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit, urlunsplit

import streamlit as st

from xent_game import rooms
from xent_ui import charts, layout, state
from xent_ui.components import BoardData, BoardRow, game_board, share_link
from xent_ui.game import actions, results
from xent_ui.game.database import store

#: A round's phase in one or two words (the metric above the board).
PHASES = {"open": "open", "closed": "closed", "drawn": "drawn"}


def join_url(code: str) -> str:
    """The students' link: this page's address with only ``?room=CODE``."""
    parts = urlsplit(st.context.url or "")
    if not parts.netloc:
        return join_path(code)
    return urlunsplit((parts.scheme, parts.netloc, *join_path(code).split("?", 1), ""))


def join_path(code: str) -> str:
    """The join link's path and query ("/game?room=CODE"), for the QR code: no presenter
    mode, unit or lecturer state rides along to the students' phones."""
    path = urlsplit(st.context.url or "").path or "/game"
    return f"{path}?{urlencode({state.GAME_ROOM.url: code})}"


def board(view: rooms.RoomView, table: results.Standings, *, code: str | None,
          highlight: str | None = None, key: str,
          rows: list | None = None) -> None:  # fmt: skip
    """The board component: code (when given), the last draw's outcomes, the leaderboard
    (every row of ``table``, or only ``rows`` of it)."""
    last = results.latest_round(view)
    rows = table.rows if rows is None else rows
    game_board(
        key=key,
        data=BoardData(
            code=code,
            join_url=join_url(code) if code else None,
            names=list(view.names),
            outcomes=list(view.outcomes[last]) if last is not None else None,
            rows=[BoardRow.of(row, table.totals[row.name].n) for row in rows],
            unit=layout.unit(),
            per_nat=layout.per_nat(),
            rule=results.rule_text(view.floor, layout.unit(), layout.base()),
            highlight=highlight,
        ),
    )


def _controls(view: rooms.RoomView) -> None:
    with st.container(horizontal=True, gap="small", key="game-controls", width="content"):
        st.button(
            "Close submissions",
            key="game.close",
            icon=":material/lock:",
            on_click=actions.close_round,
            disabled=view.phase != "open",
        )
        st.button(
            "Draw outcomes",
            key="game.draw",
            type="primary",
            icon=":material/casino:",
            on_click=actions.draw,
            disabled=view.phase == "drawn",
            help="Closes submissions if they are open, then draws this round's "
            f"{view.per_round} outcomes from the hidden p.",
        )
        st.button(
            "Next round",
            key="game.next",
            icon=":material/skip_next:",
            on_click=actions.next_round,
            disabled=view.phase != "drawn",
        )


def _forecasts(view: rooms.RoomView) -> None:
    last = results.latest_round(view)
    if last is None or view.p is None:
        return
    forecasts = [(view.players[pid], q) for pid, q in sorted(view.forecasts.get(last, {}).items())]
    st.markdown(f"**Round {last}: the room's forecasts against the hidden p, now revealed**")
    st.plotly_chart(
        charts.game_forecasts_figure(view.names, view.p, forecasts),
        config={"displayModeBar": False},
        key="game.forecasts",
    )
    layout.explain(
        "Each dot is one player's forecast for one outcome; the bars are the p the outcomes "
        "were drawn from. Forecasts near the bars pay the least on average: that is what "
        "cross-entropy rewards."
    )


def _export(view: rooms.RoomView, token: str) -> None:
    if not view.outcomes:
        return

    def csv_text() -> str:  # made when clicked, from the database as it is then
        return results.results_csv(view.names, rooms.results_rows(store(), view.code, token))

    st.download_button(
        "Download results (CSV)",
        csv_text,
        file_name=f"xent-game-{view.code}.csv",
        mime="text/csv",
        key="game.csv",
        icon=":material/download:",
    )


def _keep_control(token: str) -> None:
    with st.expander("Keep control after a reload", icon=":material/key:"):
        st.markdown(
            "This page's link is the students' join link: it does **not** carry your "
            "control of the room. This browser tab keeps it (in the tab's own storage, "
            "until you close the tab), so a reload brings you back here. In another tab, "
            "browser or device, open the room's link, unfold **I am the lecturer** and "
            "paste this token. Keep it private: whoever has it runs the room."
        )
        st.code(token, language=None)
        st.button(
            "Leave this room and set up another",
            key="game.leave",
            type="tertiary",
            icon=":material/logout:",
            on_click=actions.leave_room,
        )


def _status(view: rooms.RoomView) -> None:
    """The counts and the round's buttons, above the board (the lecturer's hands)."""
    with st.container(horizontal=True, gap="medium", vertical_alignment="bottom"):
        st.metric("Players", len(view.players), width="content")
        st.metric(f"Forecasts, round {view.round}", view.submissions, width="content")
        st.metric(f"Round {view.round}", PHASES[view.phase], width="content")
        _controls(view)


def show(view: rooms.RoomView, token: str) -> None:
    table = results.standings(view)
    unit = layout.unit()
    per_nat = layout.per_nat()
    _status(view)
    left, right = st.columns([3, 1], gap="medium")
    with left:
        board(view, table, code=view.code, key="game.board")
    with right:
        share_link(key="game.share", path=join_path(view.code))
    if view.phase == "drawn" and len(table.rows) < len(view.players):
        missing = len(view.players) - len(table.rows)
        st.caption(
            f"{missing} player{'s' if missing != 1 else ''} not on the leaderboard yet: "
            "no forecast in a drawn round. A round without a player's forecast is not "
            "scored for them (the Outcomes column counts what each was scored on)."
        )
    _forecasts(view)
    line = results.lesson(view, table, unit, per_nat)
    if line is not None:
        with st.container(border=True, key="game-lesson"):
            st.markdown(f"**The lesson so far.** {line}")
    _export(view, token)
    _keep_control(token)
