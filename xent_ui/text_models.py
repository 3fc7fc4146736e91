"""The text page's data and models, computed once and cached (pages/text.py).

The corpora are gathered once per server (:mod:`xent_ui.text_corpora`); the models and
the numbers the sections show are cached per text (by its SHA-256), split, order and α,
so moving one control recomputes only what it changes. Every number comes from
``xent_core``'s n-gram functions; nothing here is maths of its own.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout, text_corpora
from xent_ui.components.surprise_text import glyph

#: The held-out text shown shaded, at most this many characters (its start).
SHOWN_CHARS = 1500
#: Points of the running-mean line at most (the line is read, not every point).
RUNNING_POINTS = 600
#: The model's top guesses listed for each character.
TOP_GUESSES = 3


@st.cache_data(show_spinner="Reading docstrings from Python's standard library…")
def stdlib_corpus() -> text_corpora.Corpus:
    return text_corpora.stdlib_docstrings()


@st.cache_data(show_spinner="Gathering xent's lesson texts…")
def lesson_corpus() -> text_corpora.Corpus:
    return text_corpora.lesson_texts()


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", errors="surrogatepass")).hexdigest()


@dataclass(frozen=True)
class Split:
    """A text cut into training and held-out parts, and the models' alphabet (the
    characters of both parts, so that every held-out character has a probability)."""

    key: str  # the text's digest and the percent held out: what the caches key on
    train: str
    held_out: str
    alphabet: str


def split(text: str, held_percent: int) -> Split:
    train, held_out = xc.split_text(text, held_percent / 100)
    return Split(f"{digest(text)}:{held_percent}", train, held_out, "".join(sorted(set(text))))


@st.cache_resource(max_entries=12, show_spinner="Counting the training text…")
def _model(key: str, order: int, alpha: float, _split: Split) -> xc.NgramModel:
    return xc.ngram_model(_split.train, order, alpha, alphabet=_split.alphabet)


def model(s: Split, order: int, alpha: float) -> xc.NgramModel:
    """The order-``order`` add-α model of ``s``'s training part (cached per server)."""
    return _model(s.key, order, alpha, s)


@st.cache_data(max_entries=12, show_spinner="Training the models of order 1 to 6…")
def _sweep(key: str, alpha: float, _split: Split) -> list[xc.OrderScore]:
    return xc.order_sweep(_split.train, _split.held_out, alpha, alphabet=_split.alphabet)


def sweep(s: Split, alpha: float) -> list[xc.OrderScore]:
    """Training and held-out bits per character of the models of every order."""
    return _sweep(s.key, alpha, s)


@dataclass(frozen=True)
class Surprise:
    """What the surprise and language-model sections read from one model.

    ``bits``: −log₂ q of every held-out character. ``guesses``: for the first
    :data:`SHOWN_CHARS` of them, the model's :data:`TOP_GUESSES` most probable characters
    with their probabilities. ``positions``/``running``: the mean surprise of the first i
    characters, at up to :data:`RUNNING_POINTS` values of i.
    """

    bits: np.ndarray
    guesses: list[list[tuple[str, float]]]
    positions: np.ndarray
    running: np.ndarray

    @property
    def bits_per_character(self) -> float:
        return float(self.bits.mean())


def _top(dist: np.ndarray, alphabet: str) -> list[list[tuple[str, float]]]:
    k = min(TOP_GUESSES, dist.shape[1])
    top = np.argsort(-dist, axis=1, kind="stable")[:, :k]
    return [[(alphabet[j], float(row[j])) for j in idx] for row, idx in zip(dist, top, strict=True)]


@st.cache_data(max_entries=12, show_spinner="Scoring the held-out text…")
def _surprise(key: str, order: int, alpha: float, _split: Split) -> Surprise:
    m = model(_split, order, alpha)
    bits = xc.surprisals(m, _split.held_out)
    shown = _split.held_out[:SHOWN_CHARS]
    guesses = _top(xc.context_distributions(m, shown), m.alphabet)
    n = len(bits)
    positions = np.unique(np.linspace(1, n, min(n, RUNNING_POINTS)).round().astype(int))
    running = np.cumsum(bits)[positions - 1] / positions
    return Surprise(bits, guesses, positions, running)


def surprise(s: Split, order: int, alpha: float) -> Surprise:
    return _surprise(s.key, order, alpha, s)


def per_character(bits: float, unit: str, digits: int = 3) -> str:
    """A cross-entropy per character as the page writes it: bits per character (bpc is in
    bits by definition), with the nats beside it when the sidebar's unit is nats."""
    text = f"{bits:.{digits}f} bits per character"
    if unit == "nats":
        text += f" ({bits * np.log(2):.{digits}f} nats)"
    return text


def shown(text: str, limit: int = 40) -> str:
    """A stretch of user text for a sentence: visible marks for space, newline and tab,
    markdown made inert, at most ``limit`` characters (the last ones)."""
    tail = text[-limit:]
    return layout.md_escape("".join(glyph(c) if c in "\n\t" else c for c in tail))
