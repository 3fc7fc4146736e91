"""The class game (pages/game.py): the room's forecasts of the last drawn round against the
hidden p, once it is revealed. One dot per player and outcome, p as bars behind them.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .base import PALETTE, _figure, _layout, _legend, safe_label

#: How far the dots of one outcome spread sideways at most (in outcome widths).
SPREAD = 0.6


def game_forecasts_figure(
    names: Sequence[str],
    p: Sequence[float],
    forecasts: Sequence[tuple[str, Sequence[float]]],
    *,
    height: int = 300,
) -> go.Figure:
    """p per outcome as bars (orange, the truth; its value under the outcome's name) and
    every player's forecast q as a dot (blue), spread sideways in the order given so that
    equal forecasts stay visible; the room's mean forecast as a dash. ``forecasts``:
    (nickname, q) pairs; names are escaped here (plotly reads a little HTML)."""
    k = len(names)
    m = len(forecasts)
    step = SPREAD / max(m, 1) if m > 1 else 0.0
    xs: list[float] = []
    ys: list[float] = []
    hover: list[str] = []
    for j, (nickname, q) in enumerate(forecasts):
        offset = (j - (m - 1) / 2) * step
        for i in range(k):
            xs.append(i + offset)
            ys.append(float(q[i]))
            hover.append(f"{safe_label(nickname)}: q({safe_label(names[i])}) = {q[i]:.2f}")
    traces: list[dict] = [
        {
            "type": "bar",
            "name": "hidden p (revealed)",
            "x": list(range(k)),
            "y": [float(v) for v in p],
            "width": 0.8,
            "marker": {"color": PALETTE["orange"], "opacity": 0.35},
            "hovertext": [f"p({safe_label(n)}) = {v:.2f}" for n, v in zip(names, p, strict=True)],
            "hoverinfo": "text",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "a player's forecast q",
            "x": xs,
            "y": ys,
            "marker": {"color": PALETTE["blue"], "size": 9, "opacity": 0.8},
            "hovertext": hover,
            "hoverinfo": "text",
        },
    ]
    if m:
        mean = [sum(float(q[i]) for _, q in forecasts) / m for i in range(k)]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "the room's mean forecast",
                "x": list(range(k)),
                "y": mean,
                "marker": {
                    "symbol": "line-ew",
                    "size": 44,
                    "line": {"width": 4, "color": PALETTE["blue"]},
                },
                "hovertext": [f"room's mean q = {v:.2f}" for v in mean],
                "hoverinfo": "text",
            }
        )
    return _figure(
        traces,
        _layout(
            height=height,
            showlegend=True,
            legend=_legend(),
            xaxis={
                "tickmode": "array",
                "tickvals": list(range(k)),
                # p in the labels, where no dot or dash can cover it.
                "ticktext": [
                    f"{safe_label(n)}<br>p = {v:.2f}" for n, v in zip(names, p, strict=True)
                ],
                "range": [-0.6, k - 0.4],
            },
            yaxis={"title": {"text": "probability"}, "range": [0, 1.12]},
        ),
    )
