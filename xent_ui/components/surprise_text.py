"""The text page's held-out text, each character shaded by its surprise (components v2).

Display only: nothing is sent back. The text is the learner's (or a corpus's), so it only
ever travels in ``data`` as plain strings, which ``surprise_text.js`` inserts with
``textContent`` — never into the component's HTML, CSS or script, and never through
``unsafe_allow_html`` or ``st.html``. Every number is computed by ``xent_core`` and
formatted here, in Python.

What the script keeps (the browser test reads it):

- ``data-xent="surprise-text"`` on the text, ``data-value`` = the mean surprise of the
  characters shown, in bits (``repr`` precision), ``data-count`` = how many are shown;
- one ``span`` per character with ``data-i`` (its position in the held-out text),
  ``data-bits`` = its surprise −log₂ q in bits (``repr`` precision) and ``data-band`` =
  its shading band (0 … len(BANDS)), as in the legend.

Keyboard: the text is one tab stop; the arrow keys, Home and End move through its
characters and the panel under it says each one's surprise and the model's top guesses.
Pointer: hover or tap a character.
"""

from __future__ import annotations

import itertools
import math
import unicodedata
from collections.abc import Sequence
from typing import Any

import numpy as np
import streamlit as st

from xent_ui.components.gesture import read_asset

#: Upper edges (bits) of the shading bands; a surprise at or above the last is the darkest.
BANDS: tuple[float, ...] = (1.0, 2.0, 4.0, 6.0, 8.0, 10.0)

_SURPRISE = st.components.v2.component(
    "xent_surprise_text",
    html=read_asset("surprise_text.html"),
    css=read_asset("surprise_text.css"),
    js=read_asset("surprise_text.js"),
)

_NAMED = {" ": "␣", "\n": "↵", "\t": "⇥"}


def glyph(ch: str) -> str:
    """A character as the page shows it on its own: visible marks for space, newline and
    tab, the code point for other characters with no printed form.

    >>> glyph("a"), glyph(" "), glyph("\\n"), glyph("\\u200b")
    ('a', '␣', '↵', 'U+200B')
    """
    if ch in _NAMED:
        return _NAMED[ch]
    if not ch.isprintable() or unicodedata.category(ch) in ("Zs", "Mn", "Me"):
        return f"U+{ord(ch):04X}"
    return ch


def in_text(ch: str) -> str:
    r"""A character as the running text shows it: itself; ↵ for a newline (the script
    breaks the line after it), ⇥ for a tab, a plain space for any other space, and ◌ for
    a character with no printed form (a zero-width or direction mark, …).

    >>> [in_text(c) for c in "a \n\t\u00a0\u202e"]
    ['a', ' ', '↵', '⇥', ' ', '◌']
    """
    if ch in ("\n", "\t"):
        return _NAMED[ch]
    if unicodedata.category(ch) == "Zs":
        return " "
    return ch if ch.isprintable() else "◌"


def band(bits: float) -> int:
    """The shading band of a surprise: 0 below BANDS[0] bits … len(BANDS) from the last."""
    return int(np.searchsorted(BANDS, bits, side="right"))


def _legend() -> list[str]:
    edges = [0.0, *BANDS]
    labels = [f"{a:g}–{b:g}" for a, b in itertools.pairwise(edges)]
    labels[0] = f"< {BANDS[0]:g}"
    return [*labels, f"≥ {BANDS[-1]:g}"]


def _fmt_p(p: float) -> str:
    """A probability in few characters: 0.43, 0.0071, 3.2e-05."""
    if p >= 0.01:
        return f"{p:.2f}"
    if p >= 1e-4:
        return f"{p:.2g}"
    return f"{p:.1e}"


def surprise_payload(
    text: str,
    bits: Sequence[float],
    guesses: Sequence[Sequence[tuple[str, float]]],
    *,
    order: int,
    large: bool = False,
) -> dict[str, Any]:
    """The JSON the script gets, for the characters of ``text`` with their surprises
    ``bits`` (−log₂ q) and the model's top guesses at each (character, probability)."""
    if len(bits) != len(text) or len(guesses) != len(text):
        raise ValueError("one surprise and one list of guesses per character")
    values = [float(b) for b in bits]
    if not all(math.isfinite(b) for b in values):
        raise ValueError("every surprise must be finite (α > 0)")
    return {
        "chars": [in_text(c) for c in text],
        "names": [glyph(c) for c in text],
        "newline": [c == "\n" for c in text],
        "bits": values,
        "bitsText": [f"{b:.2f}" for b in values],
        "qText": [_fmt_p(2.0**-b) for b in values],
        "bands": [band(b) for b in values],
        "guesses": [[[glyph(c), _fmt_p(p)] for c, p in g] for g in guesses],
        "order": int(order),
        "mean": repr(float(np.mean(values))) if values else "nan",
        "legend": _legend(),
        "large": bool(large),
    }


def surprise_text(*, key: str, payload: dict[str, Any]) -> None:
    """Mount the shaded text (display only: it sends nothing back)."""
    _SURPRISE(key=key, data=payload)
