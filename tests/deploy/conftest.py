"""The browser tests' Chromium settings (Debian's chromium, no download), for the one
browser test here."""

from tests.e2e.conftest import browser_type_launch_args  # noqa: F401
