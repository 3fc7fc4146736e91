"""The class game's shared state (issue 19): storage and room logic, no Streamlit.

- :mod:`xent_game.store` — ``open_store(url)``: SQLite (default, WAL) or PostgreSQL
  (psycopg 3), one schema, versioned migrations in ``xent_game/migrations``;
- :mod:`xent_game.rooms` — the operations (create, join, submit, close, draw, next round,
  snapshot, results, expire), each one transaction, every refusal a ``GameError``.

The scores and the draws' maths are ``xent_core.game``'s.
"""

from xent_game.rooms import (
    Created,
    GameError,
    Joined,
    Player,
    Progress,
    ResultRow,
    RoomView,
    Submitted,
    close_round,
    create_room,
    draw,
    expire,
    join,
    next_round,
    progress,
    rejoin,
    results_rows,
    set_source,
    snapshot,
    submit,
)
from xent_game.store import Store, StoreError, open_store

__all__ = [
    "Created",
    "GameError",
    "Joined",
    "Player",
    "Progress",
    "ResultRow",
    "RoomView",
    "Store",
    "StoreError",
    "Submitted",
    "close_round",
    "create_room",
    "draw",
    "expire",
    "join",
    "next_round",
    "open_store",
    "progress",
    "rejoin",
    "results_rows",
    "set_source",
    "snapshot",
    "submit",
]
