"""The game's database: SQLite (default) or PostgreSQL, one code path and one schema.

``open_store(url)`` opens (and migrates) the database the game shares between sessions and
replicas:

- ``url`` None → the ``XENT_DATABASE_URL`` environment variable → an SQLite file at
  ``XENT_GAME_DB`` or under the user's data directory
  (``$XDG_DATA_HOME/xent/game.sqlite3``, by default ``~/.local/share/xent/game.sqlite3``);
- ``sqlite:///absolute/path.sqlite3`` → SQLite (standard library ``sqlite3``) in WAL mode
  with a busy timeout, so replicas on one machine can share the file;
- ``postgresql://…`` (or ``postgres://…``; any libpq URL, e.g. with ``?host=/socket/dir``)
  → PostgreSQL through psycopg 3, imported only then.

Every statement is written once, with ``?`` placeholders; ``_Dialect`` is the one place
that turns them into psycopg's ``%s`` and that knows how each backend begins a
transaction. ``Store.transaction()`` is the only way to run SQL: one transaction, committed
when the block ends, rolled back if it raises. Migrations (``xent_game/migrations``) are
applied on open under a lock (SQLite's write lock, a PostgreSQL advisory lock), so
concurrent opens apply each exactly once.

Examples
--------
>>> import tempfile
>>> with tempfile.TemporaryDirectory() as folder:
...     with open_store(f"sqlite:///{folder}/game.sqlite3") as store:
...         with store.transaction(write=False) as tx:
...             tx.fetchall("SELECT version FROM schema_version")
[(1,)]
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit, urlunsplit

from xent_game import migrations

Backend = Literal["sqlite", "postgresql"]
Params = Sequence[Any]

#: Seconds a transaction waits for another one's lock (SQLite's busy timeout) and for a
#: free connection from the pool.
BUSY_TIMEOUT = 30.0
#: Connections one store keeps open at most (each thread borrows one per transaction).
POOL_SIZE = 8
#: PostgreSQL advisory-lock key serialising migrations (any constant; "xent" in ASCII).
_MIGRATION_LOCK = 0x78656E74


class StoreError(RuntimeError):
    """The database is misconfigured, unreachable or busy (an operator's problem)."""


@dataclass(frozen=True)
class _Dialect:
    """Everything that differs between the backends, in one place."""

    backend: Backend
    begin_write: str
    begin_read: str
    migration_lock: str | None

    def sql(self, statement: str) -> str:
        """``statement`` with ``?`` placeholders as this backend's driver wants them."""
        return _psycopg_sql(statement) if self.backend == "postgresql" else statement


@lru_cache(maxsize=256)
def _psycopg_sql(statement: str) -> str:
    return statement.replace("%", "%%").replace("?", "%s")


_SQLITE = _Dialect("sqlite", "BEGIN IMMEDIATE", "BEGIN", None)
_POSTGRESQL = _Dialect(
    "postgresql",
    "BEGIN ISOLATION LEVEL READ COMMITTED",
    # One consistent snapshot for a view made of several queries; read-only transactions
    # at this level never fail to serialise.
    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})",
)


class Transaction:
    """The statements of one transaction (from ``Store.transaction``); ``?`` placeholders."""

    def __init__(self, connection: Any, dialect: _Dialect) -> None:
        self._connection = connection
        self._dialect = dialect

    def _run(self, sql: str, params: Params) -> Any:
        if params:
            return self._connection.execute(self._dialect.sql(sql), tuple(params))
        return self._connection.execute(sql)

    def execute(self, sql: str, params: Params = ()) -> int:
        """Run a statement; the number of rows it changed."""
        return self._run(sql, params).rowcount

    def fetchone(self, sql: str, params: Params = ()) -> tuple | None:
        """The first row of a query, or None."""
        row = self._run(sql, params).fetchone()
        return None if row is None else tuple(row)

    def fetchall(self, sql: str, params: Params = ()) -> list[tuple]:
        """Every row of a query."""
        return [tuple(row) for row in self._run(sql, params).fetchall()]


class Store:
    """An open game database: a small pool of connections and one schema.

    Thread-safe: each ``transaction()`` borrows a connection for its duration. Use
    ``open_store`` rather than the constructor.
    """

    def __init__(
        self,
        url: str,
        dialect: _Dialect,
        connect: Callable[[], Any],
        *,
        pool_size: int = POOL_SIZE,
        timeout: float = BUSY_TIMEOUT,
    ) -> None:
        self.url = url
        self._dialect = dialect
        self._connect = connect
        self._timeout = timeout
        self._slots = threading.BoundedSemaphore(pool_size)
        self._idle: list[Any] = []
        self._lock = threading.Lock()
        self._closed = False

    @property
    def backend(self) -> Backend:
        """``"sqlite"`` or ``"postgresql"``."""
        return self._dialect.backend

    def __repr__(self) -> str:
        return f"Store({self.backend}, {redact(self.url)!r})"

    @contextlib.contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Transaction]:
        """One transaction: committed when the block ends, rolled back if it raises.

        ``write=False`` reads one consistent snapshot (and must not change anything).
        """
        begin = self._dialect.begin_write if write else self._dialect.begin_read
        connection, pooled = self._acquire()
        if pooled:
            try:
                connection.execute(begin)
            except Exception:
                # A pooled connection the server has dropped (e.g. after its restart) is
                # replaced once with a new one; any other error stands.
                broken = bool(getattr(connection, "broken", False))
                self._release(connection, not broken)
                if not broken:
                    raise
                connection, pooled = self._acquire(new=True)
        reusable = False
        try:
            if not pooled:
                connection.execute(begin)
            try:
                yield Transaction(connection, self._dialect)
            except BaseException:
                try:
                    connection.execute("ROLLBACK")
                    reusable = True
                except Exception:  # a broken connection: dropped below, the error stands
                    pass
                raise
            connection.execute("COMMIT")
            reusable = True
        finally:
            self._release(connection, reusable)

    def _acquire(self, *, new: bool = False) -> tuple[Any, bool]:
        """A connection and whether it comes from the pool (else it is new)."""
        if self._closed:
            raise StoreError("the game database has been closed")
        if not self._slots.acquire(timeout=self._timeout):
            raise StoreError(
                f"the game database is busy: no connection free after {self._timeout:.0f} s"
            )
        connection = None
        if not new:
            with self._lock:
                connection = self._idle.pop() if self._idle else None
        if connection is not None:
            return connection, True
        try:
            return self._connect(), False
        except BaseException:
            self._slots.release()
            raise

    def _release(self, connection: Any, reusable: bool) -> None:
        try:
            if reusable and not self._closed:
                with self._lock:
                    self._idle.append(connection)
                return
            with contextlib.suppress(Exception):
                connection.close()
        finally:
            self._slots.release()

    def close(self) -> None:
        """Close the pooled connections; the store cannot be used afterwards."""
        self._closed = True
        with self._lock:
            idle, self._idle = self._idle, []
        for connection in idle:
            with contextlib.suppress(Exception):
                connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_url() -> str:
    """``XENT_DATABASE_URL``, else the SQLite file at ``XENT_GAME_DB`` or in the data folder.

    Examples
    --------
    >>> import os
    >>> names = ("XENT_DATABASE_URL", "XENT_GAME_DB")
    >>> saved = {k: os.environ.pop(k) for k in names if k in os.environ}
    >>> os.environ["XENT_GAME_DB"] = "/srv/xent/game.sqlite3"
    >>> default_url()
    'sqlite:////srv/xent/game.sqlite3'
    >>> _ = os.environ.pop("XENT_GAME_DB"); os.environ.update(saved)
    """
    url = os.environ.get("XENT_DATABASE_URL", "").strip()
    if url:
        return url
    path = os.environ.get("XENT_GAME_DB", "").strip()
    if not path:
        data = os.environ.get("XDG_DATA_HOME", "").strip() or Path.home() / ".local" / "share"
        path = str(Path(data) / "xent" / "game.sqlite3")
    return "sqlite:///" + str(Path(path).expanduser().resolve())


def redact(url: str) -> str:
    """``url`` without its password (for logs and messages).

    Examples
    --------
    >>> redact("postgresql://game:s3cret@db.example:5432/xent")
    'postgresql://game:***@db.example:5432/xent'
    """
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def open_store(url: str | None = None, *, pool_size: int = POOL_SIZE) -> Store:
    """Open the game database at ``url`` (see the module's docstring) and migrate it."""
    url = default_url() if url is None else url.strip()
    if url.startswith("sqlite:///"):
        store = _sqlite_store(url, pool_size)
    elif re.match(r"postgres(ql)?://", url):
        store = _postgresql_store(url, pool_size)
    else:
        raise StoreError(
            f"unknown database URL {redact(url)!r}: XENT_DATABASE_URL must start with "
            "sqlite:/// (followed by an absolute path) or postgresql://"
        )
    try:
        migrate(store)
    except BaseException:
        store.close()
        raise
    return store


def _sqlite_store(url: str, pool_size: int) -> Store:
    path = Path(url.removeprefix("sqlite://"))
    if not path.is_absolute() or path.name in {"", ":memory:"}:
        raise StoreError(f"{url!r}: an SQLite URL names a file by its absolute path")
    path.parent.mkdir(parents=True, exist_ok=True)

    def connect() -> sqlite3.Connection:
        # Autocommit mode: Store.transaction issues BEGIN/COMMIT itself.
        connection = sqlite3.connect(
            path, timeout=BUSY_TIMEOUT, isolation_level=None, check_same_thread=False
        )
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA foreign_keys = ON")
        return connection

    return Store(url, _SQLITE, connect, pool_size=pool_size)


def _postgresql_store(url: str, pool_size: int) -> Store:
    try:
        import psycopg  # only PostgreSQL needs it
    except ImportError as error:  # pragma: no cover - psycopg is a dependency
        raise StoreError(
            "XENT_DATABASE_URL names PostgreSQL but psycopg is not installed: "
            "`uv add 'psycopg[binary]'`"
        ) from error

    def connect() -> Any:
        try:
            connection = psycopg.connect(url, autocommit=True, connect_timeout=10)
        except psycopg.OperationalError as error:
            raise StoreError(f"cannot connect to {redact(url)}: {error}") from error
        # Like SQLite's busy timeout: a transaction waits this long for another's lock.
        connection.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT * 1000)}")
        return connection

    return Store(url, _POSTGRESQL, connect, pool_size=pool_size)


def migrate(store: Store) -> list[int]:
    """Apply the migrations this database lacks, in one transaction; their versions."""
    known = migrations.load()
    with store.transaction() as tx:
        if store._dialect.migration_lock:
            tx.fetchone(store._dialect.migration_lock)
        tx.execute(
            "CREATE TABLE IF NOT EXISTS schema_version ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
            " applied_at DOUBLE PRECISION NOT NULL)"
        )
        applied = {version for (version,) in tx.fetchall("SELECT version FROM schema_version")}
        newer = applied - {m.version for m in known}
        if newer:
            raise StoreError(
                f"the game database has schema version {max(newer)}, newer than this code "
                f"knows ({len(known)}): update xent on every replica"
            )
        done = []
        for migration in known:
            if migration.version in applied:
                continue
            for statement in migration.statements:
                tx.execute(statement)
            tx.execute(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, time.time()),
            )
            done.append(migration.version)
    return done
