"""Learn page (pages/learn.py): the lessons' small figures, three shapes that serve them all.

* :func:`lesson_lines` — lines over a shared x (running averages over draws, a loss along
  q), with horizontal reference lines (an entropy, a cross-entropy) and an optional marker.
* :func:`lesson_bars` — one bar per symbol or forecaster, with its value written on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from .base import PALETTE, _figure, _finite, _layout, _legend, safe_label


@dataclass(frozen=True)
class Line:
    """One line of :func:`lesson_lines`: its name in the legend, values and colour name."""

    name: str
    y: Sequence[float]
    color: str = "blue"
    dash: str = "solid"


@dataclass(frozen=True)
class Level:
    """A horizontal reference line with its label (e.g. H(p) = 1.75 bits)."""

    name: str
    y: float
    color: str = "slate"


def lesson_lines(
    x: Sequence[float],
    lines: Sequence[Line],
    *,
    levels: Sequence[Level] = (),
    marker: tuple[float, float] | None = None,
    x_title: str,
    y_title: str,
    title: str | None = None,
    log_x: bool = False,
    y_range: tuple[float, float] | None = None,
    height: int = 300,
) -> go.Figure:
    """Lines over ``x`` with reference levels and an optional marked point."""
    traces: list[dict] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": safe_label(line.name),
            "x": list(x),
            "y": _finite(line.y),
            "line": {"color": PALETTE[line.color], "width": 3, "dash": line.dash},
            "hovertemplate": "%{x:.3g}: %{y:.3f}<extra>" + safe_label(line.name) + "</extra>",
        }
        for line in lines
    ]
    for level in levels:
        traces.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": safe_label(level.name),
                "x": [min(x), max(x)] if len(x) else [0, 1],
                "y": [level.y, level.y],
                "line": {"color": PALETTE[level.color], "width": 2, "dash": "dash"},
                "hoverinfo": "name",
            }
        )
    if marker is not None:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "now",
                "x": [marker[0]],
                "y": _finite([marker[1]]),
                "marker": {"color": PALETTE["red"], "size": 13},
                "hovertemplate": "%{x:.3g}: %{y:.3f}<extra>now</extra>",
            }
        )
    yaxis: dict = {"title": {"text": y_title}}
    if y_range is not None:
        yaxis["range"] = list(y_range)
    xaxis: dict = {"title": {"text": x_title}}
    if log_x:
        xaxis["type"] = "log"
    return _figure(
        traces,
        _layout(
            height=height,
            title=title,
            showlegend=len(traces) > 1,
            legend=_legend(),
            xaxis=xaxis,
            yaxis=yaxis,
        ),
    )


def lesson_bars(
    names: Sequence[str],
    values: Sequence[float],
    *,
    y_title: str,
    colors: Sequence[str] | None = None,
    text: Sequence[str] | None = None,
    title: str | None = None,
    y_range: tuple[float, float] | None = None,
    height: int = 260,
) -> go.Figure:
    """One bar per name, its value written on it (``text``), colours by palette name."""
    shown = _finite(values)
    yaxis: dict = {"title": {"text": y_title}}
    if y_range is not None:
        yaxis["range"] = list(y_range)
    return _figure(
        [
            {
                "type": "bar",
                "x": [safe_label(n) for n in names],
                "y": [0 if v is None else v for v in shown],
                "marker": {"color": [PALETTE[c] for c in (colors or ["blue"] * len(names))]},
                "text": [safe_label(t) for t in text] if text is not None else None,
                "textposition": "outside",
                "cliponaxis": False,
                "hoverinfo": "skip",
            }
        ],
        _layout(height=height, title=title, yaxis=yaxis),
    )
