"""Small helpers shared by the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect

IDLE = "[data-test-script-state='notRunning']"


def open_page(page: Page, url: str) -> None:
    """Load ``url`` and wait until the script has finished its run."""
    page.goto(url)
    wait_idle(page)


def wait_idle(page: Page, timeout: float = 20_000) -> None:
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)
    # The first frame may report idle before the script's run began; the app's main
    # block appearing means a run has rendered.
    expect(page.locator("[data-testid='stMainBlockContainer']")).to_be_visible(timeout=timeout)
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)


def assert_no_exception(page: Page) -> None:
    expect(page.locator("[data-testid='stException']")).to_have_count(0)
