"""The serving process's GIL switch interval (xent_ui.shell.tune_interpreter, issue 20)."""

from __future__ import annotations

import sys
from pathlib import Path
from unittest.mock import patch

from streamlit.testing.v1 import AppTest

from xent_ui import shell

ROOT = Path(__file__).resolve().parents[2]


def test_the_server_shortens_the_switch_interval_and_apptest_keeps_it() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)  # Python's default
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
        assert not at.exception
        assert sys.getswitchinterval() == 0.005  # AppTest runs keep it
        shell.tune_interpreter()  # no runtime here either: unchanged
        assert sys.getswitchinterval() == 0.005
        server = object.__new__(shell.runtime.Runtime)  # a runtime, as a server has
        with (
            patch.object(shell.runtime, "exists", return_value=True),
            patch.object(shell.runtime, "get_instance", return_value=server),
        ):
            shell.tune_interpreter()  # what app.py's first run does in a server
        assert sys.getswitchinterval() == shell.SWITCH_INTERVAL_S == 0.001
    finally:
        sys.setswitchinterval(before)
