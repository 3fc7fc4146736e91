"""The drag widget: coupled probability bars, or logit bars, with live readouts (components v2).

The HTML, CSS and JS are files beside this module, read once at import. Nothing from
the user is ever formatted into them: names and numbers travel in ``data`` and the
script inserts them with ``textContent``.
"""

from __future__ import annotations

import functools
import hashlib
import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui.components.gesture import mount, register
from xent_ui.components.gesture import state_object as _state_object
from xent_ui.state import StateError, validate_distribution, validate_logits

LOGIT_LIMIT = 20.0
#: Points on the loss-vs-confidence curve drawn under the explorer's bars.
CURVE_POINTS = 200

_BARS = register("xent_bars", html="bars.html", css="bars.css", js="bars.js")


@dataclass(frozen=True)
class BarsValue:
    """What the widget sent on release: the prediction, the soft label (or None), the label."""

    q: list[float]
    p: list[float] | None
    label: int


@dataclass(frozen=True)
class LogitsValue:
    """What the widget sent on release in logits mode: the logits and the true class."""

    z: list[float]
    label: int


def _label(raw: dict, k: int) -> int:
    label = raw.get("label")
    if isinstance(label, bool) or not isinstance(label, int) or not 0 <= label < k:
        raise StateError("the widget sent a true class that does not exist")
    return label


def parse_value(raw: Any, k: int) -> BarsValue:
    """Validate a value sent by the browser; it is as untrusted as a URL."""
    raw = _state_object(raw)
    q = raw.get("q")
    p = raw.get("p")
    if not isinstance(q, list) or len(q) != k:
        count = len(q) if isinstance(q, list) else "no"
        raise StateError(f"the widget sent {count} bars for {k} classes")
    q = validate_distribution(q)
    if p is not None:
        if not isinstance(p, list) or len(p) != k:
            raise StateError("the widget sent a soft label of the wrong length")
        p = validate_distribution(p)
    return BarsValue(q=q, p=p, label=_label(raw, k))


def parse_logit_gesture(raw: Any, k: int) -> LogitsValue:
    """Validate what the logit widget sent on a release: k logits (checked as a link's
    are, by :func:`xent_ui.state.validate_logits`) and the true class."""
    raw = _state_object(raw)
    z = raw.get("z")
    if not isinstance(z, list) or len(z) != k:
        count = len(z) if isinstance(z, list) else "no"
        raise StateError(f"the widget sent {count} logits for {k} classes")
    return LogitsValue(z=validate_logits(z, source="the widget sent"), label=_label(raw, k))


def _json_numbers(values: Any) -> list[float | None]:
    """Floats for JSON, with ±∞ as None (JSON has no infinity; the widget reads null as ∞)."""
    return [float(v) if math.isfinite(v) else None for v in np.asarray(values, dtype=float)]


#: The points of the loss curve: the same for every configuration, so made once.
_GRID = xc.confidence_grid(CURVE_POINTS)
_GRID_JSON = [float(x) for x in _GRID]
#: Loss curves already computed, by configuration (first in, first out; a few MB at most).
_CURVES: dict[tuple, tuple[str, list[float | None]]] = {}
_CURVES_MAX = 512
_CURVES_LOCK = threading.Lock()
#: Significant digits of the other classes' shares that name a curve's configuration.
SHARE_DIGITS = 12


def _loss_curve(
    p: Sequence[float], q: Sequence[float], true: int, base: float | None
) -> tuple[str, list[float | None]]:
    """``xent_core``'s loss curve for class ``true``, and a key naming its configuration.

    The curve depends on q only through the shares the other classes keep
    (:func:`xent_core.set_class_probability`), so dragging the true class's bar leaves it
    as it is. It is computed once per (p, shares to 12 significant digits, class, base) —
    a dragged bar rescales the others in floating point, which moves their shares in the
    last bits — from the prediction with exactly those shares, and reused by every
    session. It differs from the curve of q itself by about 1e-12 relative (a pixel is
    1e-3 of the chart).
    """
    others = np.delete(np.asarray(q, dtype=np.float64), true)
    rest = others.sum()
    if rest > 0:
        shares = tuple(float(f"{v:.{SHARE_DIGITS}g}") for v in (others / rest).tolist())
    else:
        shares = None  # every other class at 0: they share the rest equally
    config = (tuple(float(v) for v in p), shares, int(true), base)
    found = _CURVES.get(config)
    if found is None:
        canonical = np.zeros(len(q))
        if shares is None:
            canonical[true] = 1.0
        else:
            canonical[np.arange(len(q)) != true] = shares
        curve = _json_numbers(xc.loss_along_class(p, canonical, true, _GRID, base=base))
        key = hashlib.blake2b(repr(config).encode(), digest_size=8).hexdigest()
        found = (key, curve)
        with _CURVES_LOCK:
            if len(_CURVES) >= _CURVES_MAX:
                del _CURVES[next(iter(_CURVES))]
            _CURVES[config] = found
    return found


@functools.lru_cache(maxsize=64)
def _uniform(k: int, base: float | None) -> float:
    return float(xc.entropy([1.0 / k] * k, base=base))


def explorer_views(p: Sequence[float], q: Sequence[float], true: int, base: float | None) -> dict:
    """The three small charts under the explorer's bars, computed by ``xent_core``.

    The widget draws them from these numbers after every release and from its own mirror
    of the maths while a bar moves: per-class terms −pᵢ log qᵢ, the logit gradient q − p,
    and H(p, q') as class ``true`` moves along a grid (the others keep their proportions).
    ``curveKey`` names the curve's configuration (see :func:`probability_bars`).
    """
    key, curve = _loss_curve(p, q, true, base)
    return {
        "terms": _json_numbers(xc.cross_entropy_terms(p, q, base=base)),
        "grad": _json_numbers(xc.logit_gradient(p, q)),
        "true": int(true),
        "grid": _GRID_JSON,
        "curve": curve,
        "curveKey": key,
        "uniform": _uniform(len(q), base),
    }


def _held_curve_key(key: str) -> str:
    return f"{key}.held-curve"


def _note_held_curve(key: str, raw: Any) -> None:
    """Remember which curve the widget said it holds when it sent this gesture."""
    held = raw.get("curve") if isinstance(raw, dict) else None
    if isinstance(held, str) and 0 < len(held) <= 32:
        st.session_state[_held_curve_key(key)] = held
    else:
        st.session_state.pop(_held_curve_key(key), None)


def _without_held_curve(key: str, views: dict | None) -> dict | None:
    """``views`` without the grid and curve if this run answers a gesture from a widget
    that holds that very curve (its ``curveKey``): it draws its copy, and the release
    message stays small. Every other run (a full run, a control, another class dragged)
    sends them in full."""
    held = st.session_state.pop(_held_curve_key(key), None)
    if views is None or held is None or views.get("curveKey") != held:
        return views
    return {name: value for name, value in views.items() if name not in ("grid", "curve")}


V = TypeVar("V")


def _mount(
    key: str,
    data: dict[str, Any],
    parse: Callable[[Any, int], V],
    on_change: Callable[[V], None],
    on_error: Callable[[str], None],
) -> None:
    k = len(data["names"])

    def parse_gesture(raw: Any) -> V:
        _note_held_curve(key, raw)  # read back in this same run by _without_held_curve
        return parse(raw, k)

    mount(
        _BARS,
        key=key,
        data=data,
        parse=parse_gesture,
        on_change=on_change,
        on_error=on_error,
    )


def probability_bars(
    *,
    key: str,
    names: Sequence[str],
    q: Sequence[float],
    p: Sequence[float],
    label: int,
    soft: bool,
    epsilon: float,
    unit: str,
    on_change: Callable[[BarsValue], None],
    on_error: Callable[[str], None],
    views: dict | None = None,
    fixed_label: bool = False,
    forecast: bool = False,
    title: str | None = None,
) -> None:
    """Mount the probability bars. ``on_change`` gets the validated value after each gesture.

    ``views`` (from :func:`explorer_views`) adds the three small live charts under the bars;
    ``fixed_label`` keeps the true class where it is (no "set as true" under the names).

    ``forecast`` (the class game): a forecast with no truth behind it. No true class or
    "set as true", no readouts (cross-entropy, entropy, KL…), no p panel and no small charts;
    each bar's slider is labelled with its outcome's name exactly. ``p``, ``label``,
    ``soft``, ``epsilon``, ``views`` and ``fixed_label`` are ignored (pass ``label=0``,
    ``p=q``, ``soft=False``, ``epsilon=0``); the value sent back is ``BarsValue(q, None, 0)``.

    ``title`` replaces the heading over the bars ("Prediction q"; "Your forecast q" in
    forecast mode), e.g. "Hidden source p" for the lecturer's die.
    """
    # Tuples, not lists: the same JSON, but Streamlit does not probe a tuple for a
    # data frame (about 60 µs for each list, on every release).
    qs = tuple(float(v) for v in q)
    data = {
        "mode": "probs",
        "names": tuple(names),
        "q": qs,
        "p": qs if forecast else tuple(float(v) for v in p),
        "label": 0 if forecast else int(label),
        "soft": False if forecast else bool(soft),
        "eps": 0.0 if forecast else float(epsilon),
        "unit": unit,
        "views": None if forecast else _without_held_curve(key, views),
        "fixedLabel": False if forecast else bool(fixed_label),
        "forecast": bool(forecast),
        "title": None if title is None else str(title),
    }
    _mount(key, data, parse_value, on_change, on_error)


def logit_bars(
    *,
    key: str,
    names: Sequence[str],
    z: Sequence[float],
    temperature: float,
    label: int,
    epsilon: float,
    unit: str,
    on_change: Callable[[LogitsValue], None],
    on_error: Callable[[str], None],
    limit: float = LOGIT_LIMIT,
) -> None:
    """Mount the logit bars: drag z within ±limit; softmax(z/T) and the gradient update live."""
    data = {
        "mode": "logits",
        "names": list(names),
        "z": [float(v) for v in z],
        "temperature": float(temperature),
        "zmin": -float(limit),
        "zmax": float(limit),
        "p": [],  # the widget derives p from the label and ε (no soft labels here)
        "label": int(label),
        "soft": False,
        "eps": float(epsilon),
        "unit": unit,
    }
    _mount(key, data, parse_logit_gesture, on_change, on_error)
