"""The game's buttons: one callback each, run before the page's next run.

Each callback calls one operation of ``xent_game.rooms`` (one transaction). A refusal
(``GameError``, or the database being unavailable) is kept in ``state.GAME_MESSAGE`` and
shown as an error on that run; nothing the user typed is cleared by a refusal. Joins,
submissions, room creations and takeovers are rate-limited per session (:mod:`.limits`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

import xent_core as xc
from xent_game import rooms
from xent_game.store import Store, StoreError
from xent_ui import state
from xent_ui.components import BarsValue
from xent_ui.game import limits
from xent_ui.game.database import store


def _attempt(action: str | None, operation: Callable[[], None]) -> bool:
    """Run ``operation`` unless rate-limited; keep a refusal's message. True if done."""
    state.GAME_MESSAGE.clear()
    refused = limits.allow(action) if action else None
    if refused:
        state.GAME_MESSAGE.set(refused)
        return False
    try:
        operation()
    except rooms.GameError as err:
        state.GAME_MESSAGE.set(str(err))
        return False
    except StoreError as err:
        state.GAME_MESSAGE.set(f"The game's database is not available ({err}): try again.")
        return False
    return True


# --- lecturer ----------------------------------------------------------------------------


def default_names(k: int) -> list[str]:
    """A coin's faces for K = 2, a die's (1…K) otherwise."""
    return ["heads", "tails"] if k == 2 else [str(i + 1) for i in range(k)]


def setup_k() -> int:
    value = state.GAME_K.value()
    k = int(value) if isinstance(value, int | float) else state.GAME_MIN_OUTCOMES
    return min(max(k, state.GAME_MIN_OUTCOMES), state.GAME_MAX_OUTCOMES)


def setup_names(k: int) -> list[str]:
    """The outcome names typed in the set-up (their defaults where not drawn yet)."""
    names = default_names(k)
    return [
        value if isinstance(value := state.game_name_widget(i).value(), str) else names[i]
        for i in range(k)
    ]


def setup_p(k: int) -> list[float]:
    """The source p from the set-up's bars, resized if K changed since."""
    p = state.GAME_SOURCE_P.get()
    if len(p) != k:
        p = xc.resize_distribution(p, k).tolist()
        state.GAME_SOURCE_P.set(p)
    return list(p)


def on_k() -> None:
    """A new K: p resized (the old outcomes keep their proportions), default names."""
    k = setup_k()
    state.GAME_SOURCE_P.set(xc.resize_distribution(state.GAME_SOURCE_P.get(), k).tolist())
    for i, name in enumerate(default_names(k)):
        state.game_name_widget(i).set(name)


def on_source(value: BarsValue) -> None:
    state.GAME_SOURCE_P.set(value.q)
    state.GAME_MESSAGE.clear()


def on_bars_error(message: str) -> None:
    state.GAME_MESSAGE.set(f"The last change of the bars was not applied: {message}.")


def create() -> None:
    def operation() -> None:
        k = setup_k()
        random_p = bool(state.GAME_RANDOM.value())
        p = xc.random_source(k, secrets.randbits(62)) if random_p else setup_p(k)
        per_round = state.GAME_PER_ROUND.value()
        floor = state.GAME_FLOOR if state.GAME_RULE.value() == "floor" else None
        created = rooms.create_room(
            store(),
            names=setup_names(k),
            p=p,
            per_round=int(per_round) if per_round is not None else state.GAME_PER_ROUND_DEFAULT,
            floor=floor,
        )
        state.GAME_LECTURER.set((created.code, created.lecturer_token))
        state.GAME_ROOM.set(created.code)
        state.GAME_PLAYER.set("")
        state.GAME_SEEN.clear()

    _attempt("create", operation)


def _control(token: str) -> None:
    code = state.GAME_ROOM.get()
    rooms.snapshot(store(), code, lecturer_token=token)  # refused unless it is the token
    state.GAME_LECTURER.set((code, token))
    state.GAME_PLAYER.set("")
    state.GAME_SEEN.clear()


def take_control() -> None:
    """A lecturer back after a reload: the room's token, pasted, checked by the database."""

    def operation() -> None:
        _control(str(state.GAME_TOKEN_INPUT.value() or "").strip())
        state.GAME_TOKEN_INPUT.clear()

    _attempt("control", operation)


def recall_control(token: str) -> None:
    """The lecturer's tab handed back the key it kept (components.keeper): checked like a
    pasted token; if refused, the tab is told to forget it."""
    if not _attempt("control", lambda: _control(token)):
        state.GAME_KEY_REFUSED.set(True)


def _lecturer_action(operation: Callable[[Store, str, str], object]) -> None:
    held = state.GAME_LECTURER.get()
    if held is None:
        state.GAME_MESSAGE.set("Only the lecturer who made this room can do this.")
        return
    code, token = held
    _attempt(None, lambda: operation(store(), code, token))


def close_round() -> None:
    _lecturer_action(rooms.close_round)


def draw() -> None:
    _lecturer_action(rooms.draw)


def next_round() -> None:
    _lecturer_action(rooms.next_round)


def leave_room() -> None:
    """Back to the set-up (the room lives on until it expires; the token still works)."""
    for entry in (state.GAME_LECTURER, state.GAME_SEEN, state.GAME_DRAFT, state.GAME_MESSAGE):
        entry.clear()
    state.GAME_ROOM.set("")
    state.GAME_PLAYER.set("")


# --- student -----------------------------------------------------------------------------


def go_to_room() -> None:
    """A student who opened /game without a code types it."""

    def operation() -> None:
        view = rooms.snapshot(store(), str(state.GAME_CODE_INPUT.value() or ""))
        state.GAME_ROOM.set(view.code)
        state.GAME_PLAYER.set("")

    _attempt("join", operation)


def join() -> None:
    def operation() -> None:
        nickname = state.GAME_NICKNAME.value()
        joined = rooms.join(store(), state.GAME_ROOM.get(), nickname if nickname else "")
        state.GAME_PLAYER.set(joined.player_token)
        state.GAME_DRAFT.clear()
        state.GAME_SEEN.clear()

    _attempt("join", operation)


def on_forecast(code: str, number: int, value: BarsValue) -> None:
    state.GAME_DRAFT.set((code, number, value.q))
    state.GAME_MESSAGE.clear()


def submit(number: int) -> None:
    """Store the forecast on the bars for round ``number``; the page says "submitted" only
    once the database has it (the next run reads it back)."""

    def operation() -> None:
        code, token = state.GAME_ROOM.get(), state.GAME_PLAYER.get()
        draft = state.GAME_DRAFT.get()
        if draft is None or draft[:2] != (code, number):
            raise rooms.GameError("Set your forecast on the bars first.")
        rooms.submit(store(), code, token, draft[2], expected_round=number)

    _attempt("submit", operation)


def leave_game() -> None:
    """A student leaves (or starts again under another nickname)."""
    for entry in (state.GAME_DRAFT, state.GAME_SEEN, state.GAME_MESSAGE):
        entry.clear()
    state.GAME_PLAYER.set("")
