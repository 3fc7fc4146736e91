"""Scenario decks: a guided sequence of steps, each opening a page in a given state.

A deck is a TOML file (see ``xent_ui/data/decks/intro.toml``, the built-in deck)::

    title = "…"
    [[step]]
    title = "…"          # a short heading
    page = "explorer"    # explorer, curves, logits, simplex or learn
    text = "…"           # the explanation shown above the page
    [step.state]         # the page's state, with the names and values of its URL
    q = [0.7, 0.2, 0.1]
    y = 0

Every value is checked by the same validators as a link (``xent_ui.state.parse_query``),
so a deck can set nothing a URL could not. A malformed deck raises :class:`DeckError`
whose message names the step, the key and what to change.

A step's text may hold placeholders that follow the viewer's unit (nats or bits), since
a deck cannot know which unit the room has chosen: ``{log}`` (ln or log₂), ``{unit}``
(nats or bits), ``{loss}`` (the cross-entropy H(p,q) of the step's own state, 2 decimals)
and ``{log10}`` (log 10 in the unit: 2.30 nats, 3.32 bits). Write ``{{`` and ``}}`` for
literal braces.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import xent_core as xc
from xent_ui import state

BUILTIN = Path(__file__).parent / "data" / "decks" / "intro.toml"
MAX_DECK_BYTES = 64 * 1024
MAX_TEXT = 600
MAX_TITLE = 80
#: Deck page names → page scripts.
PAGES = {
    "explorer": "pages/explorer.py",
    "curves": "pages/curves.py",
    "logits": "pages/logits.py",
    "simplex": "pages/simplex.py",
    "learn": "pages/learn.py",
}
#: The placeholders a step's text may use (see the module docstring).
PLACEHOLDERS = ("log", "unit", "loss", "log10")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")
# Keys a step may not set: they belong to the viewer, not to the deck.
_RESERVED = {p.url for p in state.GLOBAL_PARAMS}
_URL_NAMES = {p.url: p for p in state.ALL_PARAMS if p.url and p.url not in _RESERVED}


class DeckError(ValueError):
    """A deck that cannot be used; the message says where and what to change."""


@dataclass(frozen=True)
class Step:
    title: str
    page: str  # a key of PAGES
    text: str
    values: dict[str, Any]  # validated session values by Param.key


@dataclass(frozen=True)
class Deck:
    title: str
    steps: tuple[Step, ...]


def parse_deck(data: bytes | str) -> Deck:
    """Read and validate a TOML deck."""
    if isinstance(data, bytes):
        if len(data) > MAX_DECK_BYTES:
            raise DeckError(
                f"The deck file is {len(data) // 1024} KB; at most {MAX_DECK_BYTES // 1024} KB "
                "are accepted. Split it into smaller decks."
            )
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise DeckError(
                f"The deck is not UTF-8 text (byte {err.start}). Save it as UTF-8 and retry."
            ) from None
    elif len(data.encode()) > MAX_DECK_BYTES:
        raise DeckError(f"The deck is longer than {MAX_DECK_BYTES // 1024} KB. Shorten it.")
    try:
        doc = tomllib.loads(data)
    except tomllib.TOMLDecodeError as err:
        raise DeckError(f"The deck is not valid TOML: {err}. Check that line.") from None
    unknown = sorted(set(doc) - {"title", "step"})
    if unknown:
        raise DeckError(
            f"Unknown top-level key '{unknown[0]}'. A deck has a title and [[step]] tables."
        )
    title = _text(doc.get("title"), "The deck's title", MAX_TITLE)
    raw_steps = doc.get("step")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise DeckError("The deck has no steps. Add at least one [[step]] table.")
    if len(raw_steps) > state.MAX_DECK_STEPS:
        raise DeckError(
            f"The deck has {len(raw_steps)} steps; at most {state.MAX_DECK_STEPS} are allowed."
        )
    steps = tuple(_step(raw, i + 1) for i, raw in enumerate(raw_steps))
    return Deck(title=title, steps=steps)


@cache
def builtin_deck() -> Deck:
    """The deck that ships with xent."""
    return parse_deck(BUILTIN.read_bytes())


def step_loss(step: Step, base: float | None = None) -> float:
    """H(p,q) of the step's state (the defaults where it sets nothing), as the explorer
    would show it: a one-hot (or smoothed) label, or the soft p."""
    values = step.values
    q = values.get(state.Q.key, state.Q.initial())
    if values.get(state.SOFT.key, state.SOFT.initial()):
        p = values.get(state.P_SOFT.key, state.P_SOFT.initial())
    else:
        label = values.get(state.LABEL.key, state.LABEL.initial())
        eps = values.get(state.EPSILON.key, state.EPSILON.initial())
        p = xc.smooth_labels(xc.one_hot(min(label, len(q) - 1), len(q)), eps)
    if len(p) != len(q):
        p = xc.resize_distribution(p, len(q))
    return float(xc.cross_entropy(p, q, base=base))


def render_text(step: Step, unit: str) -> str:
    """The step's text with its placeholders filled in for ``unit`` ("nats" or "bits")."""
    bits = unit == "bits"
    values = {
        "log": "log₂" if bits else "ln",
        "unit": "bits" if bits else "nats",
        "loss": f"{step_loss(step, 2 if bits else None):.2f}",
        "log10": f"{math.log2(10) if bits else math.log(10):.2f}",
    }

    def fill(match: re.Match) -> str:
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        return values[match.group(1)]

    return _PLACEHOLDER.sub(fill, step.text)


def apply_step(step: Step) -> None:
    """Reset every page's state to its default, then set what the step says."""
    for param in state.ALL_PARAMS:
        if param in state.GLOBAL_PARAMS:
            continue
        param.set(step.values.get(param.key, param.initial()))


# --- validation --------------------------------------------------------------------------


def _text(value: object, what: str, limit: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DeckError(f"{what} is missing or not text. Write it in quotes.")
    text = " ".join(value.split())
    if len(text) > limit:
        raise DeckError(f"{what} is {len(text)} characters long; at most {limit} are allowed.")
    return text


def _step(raw: object, number: int) -> Step:
    where = f"Step {number}"
    if not isinstance(raw, dict):
        raise DeckError(f"{where} is not a table. Write it as [[step]] with keys below it.")
    unknown = sorted(set(raw) - {"title", "page", "text", "state"})
    if unknown:
        raise DeckError(
            f"{where} has an unknown key '{unknown[0]}'. A step has title, page, text and state."
        )
    title = _text(raw.get("title"), f"{where}'s title", MAX_TITLE)
    where = f"Step {number} ('{title}')"
    page = raw.get("page")
    if page not in PAGES:
        raise DeckError(
            f"{where} opens page {page!r}, which does not exist. Use one of: {', '.join(PAGES)}."
        )
    text = _text(raw.get("text"), f"{where}'s text", MAX_TEXT)
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) is not None and match.group(1) not in PLACEHOLDERS:
            raise DeckError(
                f"{where}'s text has an unknown placeholder {match.group(0)}. Use "
                + ", ".join("{" + name + "}" for name in PLACEHOLDERS)
                + ", or write {{ and }} for a literal brace."
            )
    values = _state(raw.get("state", {}), where)
    return Step(title=title, page=page, text=text, values=values)


def _state(raw: object, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise DeckError(f"{where}: state must be a table of page settings ([step.state]).")
    query: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _RESERVED:
            raise DeckError(
                f"{where}: '{key}' belongs to the viewer (the unit, presenter mode and the "
                "step), so a deck cannot set it. Remove it from the step."
            )
        param = _URL_NAMES.get(key)
        if param is None:
            raise DeckError(
                f"{where}: unknown setting '{key}'. Use the names of the page's link, "
                f"e.g. {', '.join(sorted(_URL_NAMES)[:8])}, …"
            )
        query[key] = _as_query(value, param, where, key)
    values, problems = state.parse_query(query, source=f"{where}:")
    if problems:
        raise DeckError(problems[0])
    return values


def _as_query(value: object, param: state.Param, where: str, key: str) -> str | list[str]:
    """A TOML value in the form the URL would carry it."""
    if param.multi:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DeckError(f'{where}: \'{key}\' must be a list of text, e.g. ["cat", "dog"].')
        return list(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int | float | str):
        return str(value)
    if isinstance(value, list) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in value
    ):
        return ",".join(str(v) for v in value)
    raise DeckError(f"{where}: '{key}' has a value of the wrong kind ({type(value).__name__}).")
