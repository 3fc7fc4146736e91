"""Pages open in Chromium without an exception, at desktop and phone widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.helpers import assert_no_exception, open_page

pytestmark = pytest.mark.e2e

# The simplex, data, text and training pages are opened at both widths by their own modules,
# with the same checks (no exception, no loading skeletons, nothing wider than the phone)
# and screenshots; each load costs seconds here, so they are not loaded again.
PATHS = ["", "curves", "logits", "classroom"]


@pytest.mark.parametrize("path", PATHS, ids=[p or "explorer" for p in PATHS])
def test_page_renders(page: Page, app_url: str, path: str, shots_dir: Path) -> None:
    """One page load per page (each costs seconds here); the phone width is the same page
    narrowed, which reflows exactly as a phone's first layout does."""
    name = path or "explorer"
    page.set_viewport_size(DESKTOP)
    open_page(page, f"{app_url}/{path}")
    for width, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        expect(page.locator("h1").first).to_be_visible()
        assert_no_exception(page)
        # Widgets still loading show grey skeletons; the screenshot is of the finished page.
        expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
        if viewport == PHONE:
            # Nothing wider than the phone: no sideways scrolling.
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=shots_dir / f"{name}-{width}.png", full_page=True)
