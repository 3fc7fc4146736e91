"""A learner who chooses bits sees bits everywhere: every page, in a real browser.

Issue 16: with the bits unit no number on any page is followed by "nat"/"nats", and no
formula uses ln (formulas are written with ln only when the unit is nats). The page text
is the rendered text a reader sees (HTML and the charts' SVG text); the formulas are
KaTeX's TeX source of every rendered formula.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP
from tests.e2e.helpers import assert_no_exception, open_page

pytestmark = pytest.mark.e2e

PATHS = ["", "curves", "logits", "simplex", "data", "text", "training", "classroom", "game"]
NUMBER_IN_NATS = re.compile(r"\d\s*nats?\b")
# \ln, \log_e or a bare "ln " in a formula's TeX source.
LN_IN_FORMULA = re.compile(r"\\ln\b|\\log_e|\bln\s")

TEXTS = """() => {
  const svg = [...document.querySelectorAll('svg text')].map(t => t.textContent);
  return document.body.innerText + '\\n' + svg.join('\\n');
}"""
FORMULAS = """() => [...document.querySelectorAll('annotation[encoding="application/x-tex"]')]
  .map(a => a.textContent)"""


def test_every_page_in_bits(page: Page, app_url: str, shots_dir: Path) -> None:
    page.set_viewport_size(DESKTOP)
    for path in PATHS:
        name = path or "explorer"
        open_page(page, f"{app_url}/{path}?unit=bits")
        assert_no_exception(page)
        expect(page.locator("[data-testid='stSkeleton']")).to_have_count(0)
        # Every plotly chart has drawn its SVG (its axis titles and labels are checked too).
        expect(page.locator("[data-testid='stPlotlyChart']:not(:has(.main-svg))")).to_have_count(0)
        text = page.evaluate(TEXTS)
        assert "bits" in text, name
        found = [m.group(0) for m in NUMBER_IN_NATS.finditer(text)]
        assert not found, (
            name,
            found,
            [text[max(0, m.start() - 80) : m.end()] for m in NUMBER_IN_NATS.finditer(text)],
        )
        formulas = page.evaluate(FORMULAS)
        with_ln = [f for f in formulas if LN_IN_FORMULA.search(f)]
        assert not with_ln, (name, with_ln)
        page.screenshot(path=shots_dir / f"{name}-bits.png", full_page=True)
