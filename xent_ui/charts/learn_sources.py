"""Learn page (pages/learn.py), lesson 4: two distributions over the same symbols side by
side, the world p and the belief q, one pair of bars per symbol.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .base import PALETTE, _figure, _layout, _legend, safe_label


def source_pair_bars(
    names: Sequence[str],
    p: Sequence[float],
    q: Sequence[float],
    *,
    p_name: str = "p",
    q_name: str = "q",
    p_text: Sequence[str] | None = None,
    q_text: Sequence[str] | None = None,
    y_title: str = "probability",
    height: int = 260,
) -> go.Figure:
    """Grouped bars: p (orange, the truth) and q (blue, the belief) for each name, each
    bar's ``text`` written on top (a probability 0 keeps its label on the axis)."""

    def bars(name: str, values: Sequence[float], text: Sequence[str] | None, colour: str):
        return {
            "type": "bar",
            "name": safe_label(name),
            "x": [safe_label(n) for n in names],
            "y": [float(v) for v in values],
            "marker": {"color": PALETTE[colour]},
            "text": [safe_label(t) for t in text] if text is not None else None,
            "textposition": "outside",
            "cliponaxis": False,
            "hoverinfo": "skip",
        }

    return _figure(
        [bars(p_name, p, p_text, "orange"), bars(q_name, q, q_text, "blue")],
        _layout(
            height=height,
            barmode="group",
            showlegend=True,
            legend=_legend(),
            yaxis={"title": {"text": y_title}, "range": [0, 1.1]},
        ),
    )
