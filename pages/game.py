"""Class game: the whole room forecasts a hidden source, the draw decides, and
cross-entropy keeps the score (issue 19).

The lecturer creates a room and projects this page; students join on their phones with
the room's link or QR code. Shared state lives in the game's database (xent_game), so
every session and every replica sees the same room; this page only shows it and acts on it
(xent_ui.game), and follows it with a small polling fragment.
"""

import streamlit as st

from xent_game import rooms
from xent_game.store import StoreError
from xent_ui import shell, state
from xent_ui.components import forget_lecturer, keep_lecturer, recall_lecturer
from xent_ui.game import actions, lecturer, polling, setup, student
from xent_ui.game.database import store

shell.require_app()


def intro() -> None:
    st.markdown(
        "Everyone forecasts the same hidden coin or die; the draw decides, and **cross-entropy "
        "keeps the score**: each outcome costs −log q, q being the probability your forecast "
        "gave it. Over a few rounds the room finds out that honest probabilities win on "
        "average, and that a confident 0 on something that then happens costs ∞."
    )


def _message() -> None:
    """A refused action's message (kept by the callback), once."""
    message = state.GAME_MESSAGE.get()
    if message:
        st.error(message, icon=":material/error:")
        state.GAME_MESSAGE.clear()


def run_room(code: str, token: str) -> None:
    """The lecturer's projector view of room ``code``."""
    try:
        view = rooms.snapshot(store(), code, lecturer_token=token)
    except rooms.GameError as err:
        st.error(str(err), icon=":material/error:")
        state.GAME_LECTURER.clear()
        st.button("Set up a new room", key="game.restart", on_click=state.GAME_ROOM.set,
                  args=("",))  # fmt: skip
        return
    polling.seen(view, lecturer=True)
    intro()
    lecturer.show(view, token)
    keep_lecturer(code, token)  # in this tab's storage, never in the link
    polling.follow(code, True)


def play_room(code: str, token: str) -> None:
    """A student in room ``code``: the join form, or their round once they have joined."""
    try:
        view = rooms.snapshot(store(), code)
    except rooms.GameError as err:
        st.error(str(err), icon=":material/error:")
        student.find_room()
        return
    player = None
    if token:
        try:
            player = rooms.rejoin(store(), code, token)
        except rooms.GameError as err:
            st.error(str(err), icon=":material/error:")
            state.GAME_PLAYER.set("")
    if player is None:
        intro()
        student.join_form(view.code)
        # The lecturer's tab, reloaded or moved to another replica, takes control back.
        if state.GAME_KEY_REFUSED.get():
            forget_lecturer()
            state.GAME_KEY_REFUSED.clear()
        else:
            recall_lecturer(view.code, actions.recall_control)
        return
    polling.seen(view, lecturer=False)
    student.show(view, player)
    polling.follow(code, False, waiting_for_draw=view.phase == "closed")


st.title("Class game")
_message()
held = state.GAME_LECTURER.get()
room = state.GAME_ROOM.get()
try:
    if held is not None:
        state.GAME_ROOM.set(held[0])  # the lecturer's link is the students' join link
        run_room(*held)
    elif room:
        play_room(room, state.GAME_PLAYER.get())
    else:
        state.GAME_PLAYER.set("")
        intro()
        student.find_room()
        setup.show()
except StoreError as err:
    st.error(f"The game's database is not available: {err}.", icon=":material/error:")
state.write_url(state.GAME_URL)
