"""Real-browser fixtures: a `streamlit run` server on a free loopback port and Chromium.

The browser is Debian's `chromium` package, found on PATH and passed to Playwright as
`executable_path` (no browser is downloaded). Without it the tests skip with a message
saying how to get one, except under CI=true, where a missing browser fails the run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.server import ROOT, game_db_env, running_app

SHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
# The machine is shared and noisy (a heavy page can take 20 s to draw in software while
# the other worker's browser is busy): give slow renders time rather than flake.
expect.set_options(timeout=40_000)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def find_chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path:
        return path
    message = (
        "No Chromium on PATH. Install Debian's package: `sudo apt-get install -y chromium` "
        "(the browser tests use the system browser; Playwright downloads none)."
    )
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {
        **browser_type_launch_args,
        "executable_path": find_chromium(),
        "args": CHROMIUM_ARGS,
        "headless": True,
    }


@pytest.fixture(scope="session")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`streamlit run app.py` on a free loopback port, healthy before the first test; the
    class game's database is a fresh SQLite file in the test's temporary folder."""
    folder = tmp_path_factory.mktemp("server")
    log_path = folder / "streamlit.log"
    with running_app("app.py", log_path, env=game_db_env(folder / "game.sqlite3")) as url:
        yield url


@pytest.fixture(scope="session")
def shots_dir() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
