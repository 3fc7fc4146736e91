"""Every lesson in bits shows bits: no number followed by "nat"/"nats" anywhere in its text
(markdown, captions, metrics, tables, warnings), as tests/e2e/test_units.py checks for the
other pages in a browser. The lessons need a committed guess before their widget shows, so
this walks them through AppTest: commit any guess, then read everything on screen.
"""

from __future__ import annotations

import re

import pytest

from tests.helpers import commit_guess, open_lesson
from xent_ui import state

NUMBER_IN_NATS = re.compile(r"\d\s*(\*\*)?\s*nats?\b")
# The logits lesson derives the gradient with the natural log and says so in its text
# ("At T = 1, with the natural log"): the one formula allowed an ln in bits.
LN_ALLOWED = {"logits"}
LN_IN_FORMULA = re.compile(r"\\ln\b|\\log_e")


def _texts(at) -> list[str]:
    out = [m.value for m in at.markdown] + [c.value for c in at.caption]
    out += [e.value for kind in ("warning", "error", "success", "info") for e in at.get(kind)]
    out += [f"{m.label} {m.value}" for m in at.metric]
    for table in at.table:
        out.append(table.value.to_string())
    for frame in at.dataframe:
        out.append(frame.value.to_string())
    return out


@pytest.mark.parametrize("slug", state.LESSON_SLUGS)
def test_every_lesson_in_bits(slug: str) -> None:
    at = open_lesson(slug, {"unit": "bits"})
    radio = [r for r in at.radio if r.key == f"learn.{slug}.guess"]
    commit_guess(at, slug, radio[0].options[0] if radio else 1.0)
    texts = _texts(at)
    assert any("bit" in t for t in texts), slug
    found = [t for t in texts if NUMBER_IN_NATS.search(t)]
    assert not found, (slug, found)
    formulas = [f.value for f in at.latex if LN_IN_FORMULA.search(f.value)]
    if slug not in LN_ALLOWED:
        assert not formulas, (slug, formulas)
