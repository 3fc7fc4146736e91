"""Shared checks for the game's storage tests."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from xent_game.store import Store, Transaction

TABLES = ("game_meta", "rooms", "players", "forecasts", "draws", "schema_version")


def dump(store: Store) -> dict[str, list[tuple]]:
    """Every row of every table (sorted): compare a database before and after."""
    with store.transaction(write=False) as tx:
        return {t: sorted(tx.fetchall(f"SELECT * FROM {t}"), key=repr) for t in TABLES}


def room_rows(store: Store, code: str) -> dict[str, list[tuple]]:
    """Every row that belongs to room ``code``, by table."""
    with store.transaction(write=False) as tx:
        rows = {
            t: sorted(tx.fetchall(f"SELECT * FROM {t} WHERE room = ?", (code,)), key=repr)
            for t in ("players", "forecasts", "draws")
        }
        rows["rooms"] = tx.fetchall("SELECT * FROM rooms WHERE code = ?", (code,))
    return rows


class Injected(RuntimeError):
    """The failure ``fail_at`` injects."""


@contextlib.contextmanager
def fail_at(monkeypatch, k: int) -> Iterator[list[int]]:
    """Make the ``k``-th SQL statement (1-based) of the block raise ``Injected``; yields a
    one-item list holding the number of statements run so far."""
    calls = [0]
    originals = {name: getattr(Transaction, name) for name in ("execute", "fetchone", "fetchall")}

    def wrap(name):
        def run(self, sql, params=()):
            calls[0] += 1
            if calls[0] == k:
                raise Injected(f"statement {k}: {sql}")
            return originals[name](self, sql, params)

        return run

    with monkeypatch.context() as m:
        for name in originals:
            m.setattr(Transaction, name, wrap(name))
        yield calls


@contextlib.contextmanager
def count_transactions(monkeypatch, store: Store) -> Iterator[list[int]]:
    """Count ``store.transaction()`` calls inside the block."""
    count = [0]
    original = Store.transaction

    def transaction(self, *args, **kwargs):
        if self is store:
            count[0] += 1
        return original(self, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(Store, "transaction", transaction)
        yield count
