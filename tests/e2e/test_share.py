"""The share panel follows the view: after a drag (a fragment rerun, which cannot redraw the
sidebar) the link and the QR code in "Share this view" are those of what is on screen."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pytest
import zxingcpp
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.helpers import assert_no_exception, open_page, wait_idle

pytestmark = pytest.mark.e2e


def decode(png: bytes) -> str:
    (result,) = zxingcpp.read_barcodes(np.asarray(Image.open(io.BytesIO(png)).convert("L")))
    return result.text


def test_share_link_and_code_follow_a_drag(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, f"{app_url}/?q=0.7,0.2,0.1")
    share = page.get_by_role("button", name="Share this view")
    share.click()
    link = page.get_by_test_id("xent-share-url")
    expect(link).to_have_text(page.url)
    before = page.url
    share.click()  # close the popover, then change the view in the page's fragment
    bar = page.locator("[role='slider'][aria-label='Predicted probability of A']")
    bar.focus()
    page.keyboard.press("ArrowDown")  # q(A): 0.70 → 0.69, one gesture, a fragment rerun
    page.wait_for_function("(before) => window.location.href !== before", arg=before)
    wait_idle(page)
    assert "0.69" in page.url
    share.click()
    expect(link).to_have_text(page.url)
    code = page.locator(".xent-share .share-qr svg")
    expect(code).to_be_visible()
    assert decode(code.screenshot()) == page.url
    page.screenshot(path=shots_dir / "share-after-drag.png")
    assert_no_exception(page)
