"""xent_game.store on both backends: migrations, transactions, placeholders, connections."""

from __future__ import annotations

import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.game.conftest import new_database
from tests.game.helpers import TABLES, dump
from xent_game import rooms
from xent_game.migrations import load
from xent_game.store import (
    _POSTGRESQL,
    Store,
    StoreError,
    default_url,
    migrate,
    open_store,
    redact,
)

REPO = Path(__file__).resolve().parents[2]


def test_open_applies_every_migration_once(store):
    with store.transaction(write=False) as tx:
        versions = tx.fetchall("SELECT version, name FROM schema_version")
        (meta,) = tx.fetchall("SELECT id, lock_count FROM game_meta")
    assert versions == [(m.version, m.name) for m in load()] == [(1, "initial")]
    assert meta == (1, 0)
    assert set(dump(store)) == set(TABLES)
    assert migrate(store) == []  # nothing left to apply


def test_opening_again_keeps_the_data_and_applies_nothing(url):
    with open_store(url) as first:
        room = rooms.create_room(first, names=["a", "b"], p=[0.5, 0.5], per_round=3, floor=None)
        before = dump(first)
    with open_store(url) as second:
        assert dump(second) == before
        assert rooms.snapshot(second, room.code).code == room.code


def test_concurrent_opens_apply_the_migrations_exactly_once(url):
    barrier = threading.Barrier(8)

    def open_one(_: int) -> list[int]:
        barrier.wait()
        store = open_store(url)
        try:
            with store.transaction(write=False) as tx:
                return [v for (v,) in tx.fetchall("SELECT version FROM schema_version")]
        finally:
            store.close()

    with ThreadPoolExecutor(8) as pool:
        seen = list(pool.map(open_one, range(8)))
    assert seen == [[1]] * 8
    with open_store(url) as store:
        assert dump(store)["game_meta"] == [(1, 0)]


def test_a_newer_schema_is_refused(store, url):
    with store.transaction() as tx:
        tx.execute(
            "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
            (999, "future", 0.0),
        )
    with pytest.raises(StoreError, match="newer than this code"):
        open_store(url)


def test_a_transaction_commits_at_the_end_and_rolls_back_on_error(store):
    with pytest.raises(ZeroDivisionError), store.transaction() as tx:
        tx.execute("UPDATE game_meta SET lock_count = ? WHERE id = 1", (41,))
        1 / 0  # noqa: B018
    assert dump(store)["game_meta"] == [(1, 0)]
    with store.transaction() as tx:
        assert tx.execute("UPDATE game_meta SET lock_count = ? WHERE id = 1", (42,)) == 1
    assert dump(store)["game_meta"] == [(1, 42)]


def test_parameters_are_data_even_with_percent_and_question_marks(store):
    hostile = "100%s ?; %% ' \" -- DROP TABLE rooms;"
    room = rooms.create_room(store, names=["a", "b"], p=[0.5, 0.5], per_round=1, floor=None)
    with store.transaction() as tx:
        tx.execute("UPDATE rooms SET names = ? WHERE code = ?", (hostile, room.code))
        assert tx.fetchone("SELECT names FROM rooms WHERE code = ?", (room.code,)) == (hostile,)
        # A literal % in SQL without parameters reaches the database unchanged too.
        assert tx.fetchone("SELECT COUNT(*) FROM rooms WHERE names LIKE '100%'") == (1,)


def test_many_threads_share_a_small_pool(url):
    with open_store(url, pool_size=2) as store:

        def bump(_: int) -> None:
            with store.transaction() as tx:
                tx.execute("UPDATE game_meta SET lock_count = lock_count + 1 WHERE id = 1")

        with ThreadPoolExecutor(16) as pool:
            list(pool.map(bump, range(64)))
        assert dump(store)["game_meta"] == [(1, 64)]
        assert len(store._idle) <= 2
    with pytest.raises(StoreError, match="closed"), store.transaction():
        pass


def test_sqlite_is_in_wal_mode_with_a_busy_timeout(tmp_path):
    with open_store(f"sqlite:///{tmp_path}/game.sqlite3") as store:
        with store.transaction(write=False) as tx:
            assert tx.fetchone("PRAGMA journal_mode") == ("wal",)
            (timeout,) = tx.fetchone("PRAGMA busy_timeout")
            assert tx.fetchone("PRAGMA foreign_keys") == (1,)
        assert store.backend == "sqlite" and timeout >= 10_000


def test_postgresql_is_a_real_server(postgres_server):
    with open_store(new_database(postgres_server)) as store:
        with store.transaction(write=False) as tx:
            (version,) = tx.fetchone("SHOW server_version_num")
            (isolation,) = tx.fetchone("SHOW transaction_isolation")
        assert store.backend == "postgresql"
    assert int(version) >= 120000 and isolation == "repeatable read"


def test_a_dropped_postgresql_connection_is_replaced(postgres_server):
    import psycopg

    with open_store(new_database(postgres_server), pool_size=1) as store:
        with store.transaction(write=False) as tx:
            (pid,) = tx.fetchone("SELECT pg_backend_pid()")
        with psycopg.connect(postgres_server.url("postgres"), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s, 10000)", (pid,))  # waits
        with store.transaction(write=False) as tx:  # the pooled one is dead: a new one
            assert tx.fetchone("SELECT pg_backend_pid()") != (pid,)


# --- URLs (no database) -------------------------------------------------------------------


def test_the_url_comes_from_the_environment_or_the_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("XENT_DATABASE_URL", raising=False)
    monkeypatch.delenv("XENT_GAME_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path}/xent/game.sqlite3"
    monkeypatch.delenv("XDG_DATA_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_url() == f"sqlite:///{tmp_path}/.local/share/xent/game.sqlite3"
    monkeypatch.setenv("XENT_GAME_DB", str(tmp_path / "class.db"))
    assert default_url() == f"sqlite:///{tmp_path}/class.db"
    monkeypatch.setenv("XENT_DATABASE_URL", "postgresql://u@db/xent")
    assert default_url() == "postgresql://u@db/xent"
    monkeypatch.setenv("XENT_DATABASE_URL", f"sqlite:///{tmp_path}/env.sqlite3")
    with open_store() as store:
        assert store.backend == "sqlite"
    assert (tmp_path / "env.sqlite3").exists()


@pytest.mark.parametrize(
    "url", ["mysql://x/y", "sqlite://relative.db", "sqlite:///:memory:", "sqlite:///", ""]
)
def test_unusable_urls_are_refused_with_a_message(url, monkeypatch):
    monkeypatch.setenv("XENT_DATABASE_URL", "mysql://nope")
    with pytest.raises(StoreError, match=r"sqlite|SQLite"):
        open_store(url or None)


def test_passwords_are_kept_out_of_messages():
    assert redact("postgresql://u:pw@h/db") == "postgresql://u:***@h/db"
    assert redact("postgresql://u@h/db") == "postgresql://u@h/db"
    assert "pw" not in repr(Store("postgresql://u:pw@h/db", _POSTGRESQL, lambda: None))
    with pytest.raises(StoreError) as refused:
        open_store("postgresql://u:topsecret@127.0.0.1:1/db?connect_timeout=2")
    assert "topsecret" not in str(refused.value)


def test_sqlite_needs_neither_psycopg_nor_streamlit(tmp_path):
    code = (
        "import sys, xent_game\n"
        f"store = xent_game.open_store('sqlite:///{tmp_path}/g.sqlite3')\n"
        "xent_game.create_room(store, names=['a', 'b'], p=[1, 0], per_round=1, floor=None)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " {'psycopg', 'streamlit', 'plotly'}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
