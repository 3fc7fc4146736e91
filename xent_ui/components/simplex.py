"""The simplex widget: drag q (and p) over a landscape of the triangle (components v2).

The HTML, CSS and JS are files beside this module (the script starts with
``shared.js``, shared with the bars). The landscape arrives ready-made in ``data``:
grid values from xent_core, colour stops and contour segments, so the browser only
paints them. Nothing from the user is formatted into the files; class names travel in
``data`` and are inserted with ``textContent``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from xent_ui.components.gesture import mount, register, state_object
from xent_ui.state import StateError, validate_distribution

CLASSES = 3

_SIMPLEX = register("xent_simplex", html="simplex.html", css="simplex.css", js="simplex.js")


@dataclass(frozen=True)
class SimplexValue:
    """What the widget sent after a gesture: q, and p if the learner moved it (else None)."""

    q: list[float]
    p: list[float] | None


def _point(raw: dict, name: str, what: str) -> list[float]:
    value = raw.get(name)
    if not isinstance(value, list) or len(value) != CLASSES:
        raise StateError(f"the widget sent a {what} that is not a point of the triangle")
    return validate_distribution(value)


def parse_simplex(raw: Any) -> SimplexValue:
    """Validate a value sent by the browser; it is as untrusted as a URL."""
    raw = state_object(raw)
    q = _point(raw, "q", "prediction")
    p = _point(raw, "p", "true distribution") if raw.get("p") is not None else None
    return SimplexValue(q=q, p=p)


@dataclass(frozen=True)
class Landscape:
    """A measure over the simplex grid, ready for the widget (and cached by the page).

    Attributes
    ----------
    key : identifies the landscape; the browser repaints only when it changes.
    n : the grid's steps per edge (``xent_core.simplex_grid(n)`` order).
    values : the measure at each grid point; ``None`` stands for ``+inf`` (JSON has no ∞).
    cells : the measure at the centre of each cell (``xent_core.grid_triangles(n)`` order);
        a cell whose centre is infinite is hatched.
    dots : ``[a, b, value]`` for finite points drawn as dots (all their cells are infinite).
    cap : the value at the top of the colour scale (larger values share its colour).
    colors : colour stops ``[t, "#rrggbb"]`` for t from 0 to 1.
    contours : ``{"level", "label", "segments"}``, segments as flat barycentric
        ``[a1, b1, a2, b2, ...]`` (c = 1 − a − b).
    infinite_edges : per corner, whether the measure is infinite along the opposite edge.
    cap_label, mid_label : the colour bar's tick labels.
    """

    key: str
    n: int
    values: list[float | None]
    cells: list[float | None]
    dots: list[list[float]]
    cap: float
    colors: list[list]
    contours: list[dict]
    infinite_edges: list[bool]
    cap_label: str
    mid_label: str

    def to_data(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "n": self.n,
            "values": self.values,
            "cells": self.cells,
            "dots": self.dots,
            "cap": self.cap,
            "colors": self.colors,
            "contours": self.contours,
            "infiniteEdges": self.infinite_edges,
            "capLabel": self.cap_label,
            "midLabel": self.mid_label,
        }


def _packed(values: ArrayLike) -> list[float | None]:
    """4 significant digits; ``None`` for ∞ (JSON has no infinity)."""
    return [
        float(f"{v:.4g}") if math.isfinite(v) else None
        for v in np.asarray(values, dtype=np.float64).tolist()
    ]


def landscape_data(
    *,
    key: str,
    n: int,
    values: ArrayLike,
    cells: ArrayLike,
    dots: ArrayLike,
    cap: float,
    colors: Sequence[Sequence],
    contours: Sequence[tuple[float, str, ArrayLike]],
    infinite_edges: Sequence[bool],
    unit: str,
) -> Landscape:
    """Pack arrays from xent_core into the JSON the widget reads (4 significant digits)."""
    lines = []
    for level, label, segments in contours:
        seg = np.asarray(segments, dtype=np.float64)
        flat = np.round(seg[..., :2], 4).reshape(-1).tolist()  # a and b of both ends
        lines.append({"level": float(level), "label": label, "segments": flat})
    return Landscape(
        key=key,
        n=int(n),
        values=_packed(values),
        cells=_packed(cells),
        dots=np.round(np.asarray(dots, dtype=np.float64).reshape(-1, 3), 4).tolist(),
        cap=float(cap),
        colors=[[float(t), str(c)] for t, c in colors],
        contours=lines,
        infinite_edges=[bool(b) for b in infinite_edges],
        cap_label=f"≥ {cap:.3g} {unit}",
        mid_label=f"{cap / 2:.3g}",
    )


def simplex_point(
    *,
    key: str,
    names: Sequence[str],
    q: Sequence[float],
    p: Sequence[float],
    unit: str,
    measure: str,
    title: str,
    landscape: Landscape,
    on_change: Callable[[SimplexValue], None],
    on_error: Callable[[str], None],
) -> None:
    """Mount the triangle. ``on_change`` gets the validated value after each gesture."""
    if len(names) != CLASSES or len(q) != CLASSES or len(p) != CLASSES:
        raise ValueError("the simplex widget shows exactly three classes")
    data = {
        "names": list(names),
        "q": [float(v) for v in q],
        "p": [float(v) for v in p],
        "unit": unit,
        "measure": measure,
        "title": title,
        "landscape": landscape.to_data(),
    }
    mount(
        _SIMPLEX,
        key=key,
        data=data,
        parse=parse_simplex,
        on_change=on_change,
        on_error=on_error,
    )
