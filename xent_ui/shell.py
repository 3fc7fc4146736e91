"""Make every page run inside app.py, even when a server's first visitor opens a deep link.

Streamlit decides once per server process whether the app uses the old ``pages/``
directory mode: a ``pages/`` folder beside the main script turns it on until some run calls
``st.navigation``. So when the first session after a start opens ``/logits`` (a shared link,
a QR code), Streamlit runs ``pages/logits.py`` on its own: no sidebar, no URL state, no
shared theme. Every page calls :func:`require_app` first; outside app.py it switches that
mode off and reruns, and the rerun goes through app.py's ``st.navigation`` to the same page.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import streamlit as st
from streamlit import runtime
from streamlit.runtime.pages_manager import PagesManager

_local = threading.local()  # each session's script runs in its own thread

# Every message of a rerun passes the GIL between the session's script thread and the
# server's event loop (Streamlit wakes the loop once per message, the loop then writes it
# to the socket), and the new script thread needs it to start. A thread that wants the GIL
# back waits up to the switch interval, 5 ms by default, while another thread computes:
# with 30 students dragging at once the releases waited there, not for the CPU (py-spy
# under bench/classroom_load.py, issue 20). 1 ms cut the release's p95 from 250–340 ms to
# 100–115 ms at the same server CPU (BENCHMARKS.md). Process-wide: set by the server's
# first run (app.py), not under AppTest, whose own polling it would slow.
SWITCH_INTERVAL_S = 0.001


def tune_interpreter() -> None:
    """Shorten the GIL's switch interval in the serving process (once; not under AppTest,
    which runs pages with a mock in place of Streamlit's runtime)."""
    serving = runtime.exists() and type(runtime.get_instance()) is runtime.Runtime
    if serving and sys.getswitchinterval() != SWITCH_INTERVAL_S:
        sys.setswitchinterval(SWITCH_INTERVAL_S)


@contextmanager
def inside_app() -> Iterator[None]:
    """Mark the current script run as started by app.py (around ``page.run()``).

    app.py navigates with ``st.navigation``, so Streamlit's old ``pages/`` mode is not
    needed once it has run: switching it off here saves every later run of every session
    the ``pages/`` re-scan and a fresh compile of app.py (about a quarter of a rerun's
    server time in a profile of the explorer under load).
    """
    PagesManager.uses_pages_directory = False
    _local.active = True
    try:
        yield
    finally:
        _local.active = False


def require_app() -> None:
    """Rerun through app.py when Streamlit ran this page directly in ``pages/`` mode."""
    if getattr(_local, "active", False) or not PagesManager.uses_pages_directory:
        return  # normal, or a page run on its own on purpose (nothing to reroute to)
    PagesManager.uses_pages_directory = False
    st.rerun()


# A page whose websocket reconnects to a *different* server (a replica died, or the server
# restarted) meets a new session that has never run the app, so it knows none of the
# page's fragments: the next drag would rerun a fragment id it has never seen, which
# Streamlit ignores ("The fragment with id … does not exist anymore"), and every drag
# after it too. Streamlit's page asks for a full rerun after a reconnect only when the
# last run was a fragment run or the app has a fragment that reruns itself
# (streamlit/streamlit#11890). This fragment is the second: it draws nothing and reruns
# every few minutes, so a reconnect always rebuilds the page from its URL.
RECONNECT_GUARD_INTERVAL = timedelta(minutes=5)


@st.fragment(run_every=RECONNECT_GUARD_INTERVAL)
def reconnect_guard() -> None:
    """Nothing to draw: being an auto-rerunning fragment is its whole job."""
