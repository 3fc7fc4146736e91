"""Start `streamlit run` on a free loopback port and wait for its health check.

Used by the browser tests' fixture and by the benchmark scripts in bench/.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(
    script: str | Path,
    log_path: Path,
    *,
    timeout: float = 60,
    env: Mapping[str, str] | None = None,
) -> Iterator[str]:
    """Run ``streamlit run script`` from the repo root; yield its base URL. ``env`` adds
    to (or overrides) this process's environment for the server (e.g. the game's
    database: ``game_db_env``)."""
    port = free_port()
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "streamlit", "run", str(script),
                "--server.port", str(port),
                "--server.address", "127.0.0.1",
                "--server.headless", "true",
                "--server.fileWatcherType", "none",
                "--browser.gatherUsageStats", "false",
            ],
            cwd=ROOT,
            env=None if env is None else {**os.environ, **env},
            stdout=log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_healthy(proc, url, log_path, timeout)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def game_db_env(path: Path) -> dict[str, str]:
    """The environment that gives a server the class game's database in SQLite file
    ``path`` (never the user's own, nor a PostgreSQL server named outside)."""
    return {"XENT_DATABASE_URL": "", "XENT_GAME_DB": str(path)}


def _wait_healthy(proc: subprocess.Popen, url: str, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited early:\n{log_path.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.read().decode().strip() == "ok":
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(f"streamlit did not become healthy:\n{log_path.read_text()}")
        time.sleep(0.25)
