"""Figures of the text page (pages/text.py): cross-entropy against the model's order, and
the running bits per character along the held-out text.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .base import MARK, NEUTRAL, PALETTE, _figure, _finite, _layout, _legend

TRAIN_COLOR = PALETTE["blue"]
HELD_OUT_COLOR = PALETTE["orange"]


def _level(name: str, y: float, x: Sequence[float], dash: str) -> dict:
    return {
        "type": "scatter",
        "mode": "lines",
        "name": name,
        "x": [min(x) - 0.25, max(x) + 0.25],
        "y": [y, y],
        "line": {"color": NEUTRAL, "width": 2, "dash": dash},
        "hovertemplate": f"{name}<extra></extra>",
    }


def order_sweep_figure(
    orders: Sequence[int],
    train_bpc: Sequence[float],
    held_out_bpc: Sequence[float],
    *,
    uniform_bits: float,
    alphabet_size: int,
    unigram_bits: float,
    chosen: int | None = None,
    height: int = 340,
) -> go.Figure:
    """Training and held-out cross-entropy (bits per character) of the models of each order,
    with the uniform model's log₂|V| and the training text's unigram entropy as dashed
    reference lines, and the chosen order's held-out point ringed."""
    x = [int(n) for n in orders]
    traces: list[dict] = [
        _level(f"uniform: log₂ {alphabet_size} = {uniform_bits:.3f}", uniform_bits, x, "dash"),
        _level(f"unigram entropy H(p̂) = {unigram_bits:.3f}", unigram_bits, x, "dot"),
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "training text",
            "x": x,
            "y": _finite(train_bpc),
            "line": {"color": TRAIN_COLOR, "width": 3},
            "marker": {"size": 9},
            "hovertemplate": "order %{x}: %{y:.3f} bits per character<extra>training</extra>",
        },
        {
            "type": "scatter",
            "mode": "lines+markers",
            "name": "held-out text",
            "x": x,
            "y": _finite(held_out_bpc),
            "line": {"color": HELD_OUT_COLOR, "width": 3, "dash": "dash"},
            "marker": {"size": 9, "symbol": "square"},
            "hovertemplate": "order %{x}: %{y:.3f} bits per character<extra>held out</extra>",
        },
    ]
    if chosen is not None and chosen in x:
        i = x.index(chosen)
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"the model shown (order {chosen})",
                "x": [chosen],
                "y": _finite([held_out_bpc[i]]),
                "marker": {
                    "size": 20,
                    "color": "rgba(0,0,0,0)",
                    "line": {"color": MARK, "width": 3},
                },
                "hovertemplate": f"order {chosen}: the model shown<extra></extra>",
            }
        )
    return _figure(
        traces,
        _layout(
            height=height,
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 8, "b": 8},
            xaxis={
                "title": {"text": "order n of the model (it reads n − 1 characters)"},
                "tickmode": "array",
                "tickvals": x,
                "range": [min(x) - 0.3, max(x) + 0.3],
            },
            yaxis={"title": {"text": "bits per character"}, "rangemode": "tozero"},
        ),
    )


def running_bpc_figure(
    positions: Sequence[int],
    running: Sequence[float],
    *,
    final: float,
    height: int = 240,
) -> go.Figure:
    """The mean surprise of the first i held-out characters against i, and its final value
    (the held-out cross-entropy) as a dashed line."""
    x = [int(i) for i in positions]
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "mean surprise so far",
            "x": x,
            "y": _finite(running),
            "line": {"color": HELD_OUT_COLOR, "width": 2.5},
            "hovertemplate": "first %{x} characters: %{y:.3f} bits per character<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "all held-out text",
            "x": [x[0], x[-1]] if x else [0, 1],
            "y": [final, final],
            "line": {"color": NEUTRAL, "width": 2, "dash": "dash"},
            "hovertemplate": f"all held-out text: {final:.3f} bits per character<extra></extra>",
        },
    ]
    return _figure(
        traces,
        _layout(
            height=height,
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 8, "b": 8},
            # Log x: the first hundred characters, where the mean moves, get room too.
            xaxis={"title": {"text": "held-out characters read (log scale)"}, "type": "log"},
            yaxis={"title": {"text": "bits per character"}, "rangemode": "tozero"},
        ),
    )
