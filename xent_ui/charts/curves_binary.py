"""The figure of the loss-curves page's binary section (pages/curves.py): binary
cross-entropy's two branches and the loss for a (soft) label.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from .base import MARK, _figure, _finite, _layout, _legend
from .curves import LOSS_STYLES


def binary_figure(
    x: Sequence[float],
    curves: dict[str, Sequence[float]],
    *,
    y: float,
    marker_x: float,
    marker: dict[str, float],
    logits: bool,
    unit: str,
    minimum: tuple[float, float] | None = None,
) -> go.Figure:
    """Binary cross-entropy's two branches and the loss for label ``y``, with markers.

    ``curves`` and ``marker`` have keys "positive" (−log p, y = 1), "negative"
    (−log(1 − p), y = 0) and "label" (the loss for the given y). ``minimum`` = (x, loss)
    marks where a soft label's loss bottoms out.
    """
    what = "σ(x)" if logits else "q"
    styles = {
        "positive": (f"y = 1: −log {what}", LOSS_STYLES["cross_entropy"][1], "dash", 2.5),
        "negative": (f"y = 0: −log(1 − {what})", LOSS_STYLES["mse"][1], "dash", 2.5),
        "label": (f"your y = {y:g}", MARK, "solid", 8),
    }
    traces = []
    # The label's loss first, wide and translucent, so a branch it coincides with
    # (y = 0 or 1) still shows on top of it.
    for key in ("label", "positive", "negative"):
        label, color, dash, width = styles[key]
        traces.append(
            {
                "type": "scatter",
                "x": list(x),
                "y": _finite(curves[key]),
                "mode": "lines",
                "name": label,
                "opacity": 0.45 if key == "label" else 1.0,
                "line": {"color": color, "dash": dash, "width": width},
                "hovertemplate": f"{label}<br>{'x' if logits else 'q'} = %{{x:.3f}}<br>"
                f"loss = %{{y:.4f}} {unit}<extra></extra>",
            }
        )
    if minimum is not None:
        x_min, loss_min = minimum
        traces.append(
            {
                "type": "scatter",
                "x": [x_min],
                "y": [loss_min],
                # No text label: at y = 0.5 both branches cross right at the minimum.
                "mode": "markers",
                "marker": {
                    "symbol": "diamond",
                    "size": 13,
                    "color": MARK,
                    "line": {"width": 1.5, "color": "white"},
                },
                "showlegend": False,
                "hovertemplate": f"smallest loss for y = {y:g}: %{{y:.4f}} {unit}<br>"
                f"at {what} = {y:g}<extra></extra>",
            }
        )
    # The label's marker last, so it stays on top where it meets a branch.
    for key in ("positive", "negative", "label"):
        label, color, _, _ = styles[key]
        value = marker[key]
        traces.append(
            {
                "type": "scatter",
                "x": [marker_x],
                "y": [value if math.isfinite(value) else None],
                "mode": "markers",
                "marker": {
                    "size": 14 if key == "label" else 10,
                    "color": color,
                    "line": {"width": 2, "color": "white"},
                },
                "showlegend": False,
                "hovertemplate": f"{label}: %{{y:.4f}} {unit}<extra></extra>",
            }
        )
    finite = [v for values in curves.values() for v in values if math.isfinite(v)]
    top = min(max([*finite, 1.0]), 5.0 / (1.0 if unit == "nats" else math.log(2))) * 1.05
    return _figure(
        traces,
        _layout(
            height=380,
            showlegend=True,
            legend=_legend(),
            xaxis={
                "title": {"text": "logit x (q = σ(x))" if logits else "predicted probability q"},
                "range": [min(x), max(x)] if logits else [0, 1],
            },
            yaxis={"title": {"text": f"binary cross-entropy ({unit})"}, "range": [0, top]},
        ),
    )
