"""Every storage and room test runs twice: on an SQLite file and on a real PostgreSQL server.

The PostgreSQL server is Debian's ``postgresql`` package, started by this file once per
test session (per xdist worker): ``initdb`` into a fresh temporary folder, ``pg_ctl start``
listening only on a Unix socket in that folder (no TCP port), readiness polled with a
deadline, one database with a new schema per test, ``pg_ctl stop`` at the end. initdb
refuses to run as root, so as root the folder is handed to the package's ``postgres`` user
and the server runs as that user (``runuser -u postgres --``); the tests connect over the
socket.

Without PostgreSQL the PostgreSQL half is skipped, or fails under ``CI=true``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from xent_game.store import Store, open_store

INSTALL = "install Debian's PostgreSQL server: `apt-get install -y postgresql`"
READY_TIMEOUT = 60.0
PORT = 5432  # only names the socket file (.s.PGSQL.5432) in the server's own folder
DATABASE = "xent_tests"


def _bindir() -> Path | None:
    """The folder holding initdb and pg_ctl: on PATH, else Debian's newest version."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(found).resolve().parent
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    candidates.sort(key=lambda p: int(Path(p).parts[-3]) if Path(p).parts[-3].isdigit() else 0)
    return Path(candidates[-1]).parent if candidates else None


def _unavailable(reason: str) -> None:
    message = f"PostgreSQL tests need a local server: {reason}; {INSTALL}"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@dataclass(frozen=True)
class PostgresServer:
    """A running throwaway server; ``url(db)`` is a libpq URL over its Unix socket."""

    socket_dir: Path
    user: str

    def url(self, database: str) -> str:
        return f"postgresql://{self.user}@/{database}?host={self.socket_dir}&port={PORT}"


def _run(command: list[str], as_postgres: bool, cwd: Path) -> subprocess.CompletedProcess:
    if as_postgres:
        command = ["runuser", "-u", "postgres", "--", *command]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    bindir = _bindir()
    if bindir is None:
        _unavailable("initdb was not found on PATH nor under /usr/lib/postgresql/*/bin")
    as_root = os.geteuid() == 0
    if as_root:
        if shutil.which("runuser") is None:
            _unavailable("running as root needs runuser (util-linux) to start the server")
        try:
            import pwd

            pwd.getpwnam("postgres")
        except KeyError:
            _unavailable("running as root needs the package's `postgres` user")
    # A short path in the system temp folder: Unix socket paths are limited to ~107 bytes,
    # and pytest's own temp folders are closed (0700) to the postgres user.
    base = Path(tempfile.mkdtemp(prefix="xent-pg-"))
    data, log = base / "data", base / "server.log"
    if as_root:
        shutil.chown(base, "postgres", "postgres")
    pg_ctl = str(bindir / "pg_ctl")
    started = False
    try:
        init = _run(
            [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
             "--encoding=UTF8", "--no-sync"],
            as_root, base,
        )  # fmt: skip
        if init.returncode:
            pytest.fail(f"initdb failed:\n{init.stdout}\n{init.stderr}", pytrace=False)
        options = (
            f"-c listen_addresses='' -c unix_socket_directories='{base}' -p {PORT}"
            " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
            " -c max_connections=200"
        )
        start = _run(
            [pg_ctl, "start", "-W", "-D", str(data), "-l", str(log), "-o", options], as_root, base
        )
        if start.returncode:
            pytest.fail(f"pg_ctl start failed:\n{start.stderr}\n{_tail(log)}", pytrace=False)
        started = True
        server = PostgresServer(base, "postgres")
        _wait_ready(server, bindir, log)
        import psycopg

        with psycopg.connect(server.url("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        yield server
    finally:
        if started:
            _run([pg_ctl, "stop", "-D", str(data), "-m", "fast", "-w"], as_root, base)
        shutil.rmtree(base, ignore_errors=True)


def _tail(log: Path) -> str:
    with contextlib.suppress(OSError):
        return log.read_text(errors="replace")[-4000:]
    return ""


def _wait_ready(server: PostgresServer, bindir: Path, log: Path) -> None:
    """Poll pg_isready, then a real connection, until the deadline."""
    import psycopg

    deadline = time.monotonic() + READY_TIMEOUT
    isready = [str(bindir / "pg_isready"), "-q", "-h", str(server.socket_dir), "-p", str(PORT)]
    while True:
        ready = subprocess.run(isready, capture_output=True, timeout=30).returncode == 0
        if ready:
            with contextlib.suppress(psycopg.OperationalError):
                psycopg.connect(server.url("postgres"), connect_timeout=5).close()
                return
        if time.monotonic() > deadline:
            pytest.fail(f"PostgreSQL did not become ready:\n{_tail(log)}", pytrace=False)
        time.sleep(0.05)


def new_database(server: PostgresServer) -> str:
    """The URL of a new, empty database on ``server``: a schema of its own in the tests'
    database, chosen by the URL's search_path (milliseconds, where CREATE DATABASE takes
    a third of a second)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:16]}"
    with psycopg.connect(server.url(DATABASE), autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    return f"{server.url(DATABASE)}&options=-c%20search_path%3D{schema}"


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def new_url(backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Callable[[], str]:
    """Makes the URL of a new, empty database of the test's backend."""
    if backend == "sqlite":
        counter = iter(range(1_000_000))
        return lambda: f"sqlite:///{tmp_path}/game-{next(counter)}.sqlite3"
    server = request.getfixturevalue("postgres_server")
    return lambda: new_database(server)


@pytest.fixture
def url(new_url: Callable[[], str]) -> str:
    """The test's own database (empty until opened)."""
    return new_url()


@pytest.fixture
def store(url: str) -> Iterator[Store]:
    """The test's database, opened and migrated."""
    with open_store(url) as opened:
        yield opened
