"""The game's database for this server process: one store per database URL, kept open.

The URL comes from the environment (``XENT_DATABASE_URL``, else the SQLite file at
``XENT_GAME_DB`` or under the user's data folder: ``xent_game.store.default_url``). Every
session of the process shares the store (a small pool of connections); replicas each open
their own on the same database.
"""

from __future__ import annotations

import streamlit as st

from xent_game.store import Store, default_url, open_store


@st.cache_resource(show_spinner=False, max_entries=8)
def _open(url: str) -> Store:
    return open_store(url)


def store() -> Store:
    """The store for the configured URL (opened and migrated on first use, never closed)."""
    return _open(default_url())
