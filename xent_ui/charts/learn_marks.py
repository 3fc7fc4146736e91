"""Learn page (pages/learn.py): one curve with several named points marked on it.

* :func:`curve_with_marks` — a quantity along a grid (a likelihood, a mean loss, an
  expected loss over q) with named, coloured points on it: "now", "the best", or each
  forecaster's forecast. The maximum-likelihood and honesty lessons use it;
  :func:`~xent_ui.charts.learn.lesson_lines` has room for one marker only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from .base import PALETTE, _figure, _finite, _layout, _legend, safe_label


@dataclass(frozen=True)
class Mark:
    """A named point on the curve, drawn in a palette colour; ``label`` is written beside
    it ("above" or "below" the point) so a phone needs no legend to read it."""

    name: str
    x: float
    y: float
    color: str = "red"
    label: str = "above"
    symbol: str = "circle"


def curve_with_marks(
    x: Sequence[float],
    y: Sequence[float],
    *,
    name: str,
    marks: Sequence[Mark],
    x_title: str,
    y_title: str,
    title: str | None = None,
    y_range: tuple[float, float] | None = None,
    color: str = "blue",
    powers_of_ten: bool = False,
    height: int = 280,
) -> go.Figure:
    """The curve ``y`` over ``x`` with each of ``marks`` drawn and named on it.

    ``powers_of_ten`` writes the y ticks as 5×10⁻⁶ rather than 5µ (tiny likelihoods)."""
    traces: list[dict] = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": safe_label(name),
            "x": list(x),
            "y": _finite(y),
            "line": {"color": PALETTE[color], "width": 3},
            "hovertemplate": "%{x:.3g}: %{y:.4g}<extra>" + safe_label(name) + "</extra>",
        }
    ]
    for mark in marks:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": safe_label(mark.name),
                "x": [mark.x],
                "y": _finite([mark.y]),
                "text": [safe_label(mark.name)],
                "textposition": "bottom center" if mark.label == "below" else "top center",
                "marker": {"color": PALETTE[mark.color], "size": 12, "symbol": mark.symbol},
                "cliponaxis": False,
                "hovertemplate": "%{x:.3g}: %{y:.4g}<extra>" + safe_label(mark.name) + "</extra>",
            }
        )
    yaxis: dict = {"title": {"text": y_title}}
    if y_range is not None:
        yaxis["range"] = list(y_range)
    if powers_of_ten:
        yaxis["exponentformat"] = "power"
    return _figure(
        traces,
        _layout(
            height=height,
            title=title,
            showlegend=False,
            legend=_legend(),
            xaxis={"title": {"text": x_title}},
            yaxis=yaxis,
        ),
    )
