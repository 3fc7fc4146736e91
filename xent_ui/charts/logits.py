"""Figures of the logits page (pages/logits.py): softmax probabilities against the
temperature, and −log q_t under each library's convention.
"""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from .base import NEUTRAL, _figure, _finite, _layout, safe_label


def _current_line(x: float) -> dict:
    """A dashed vertical line across the plot at ``x``: the current setting."""
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"dash": "dash", "width": 1.5, "color": NEUTRAL},
    }


def temperature_figure(
    temperatures: Sequence[float],
    probabilities: Sequence[Sequence[float]],
    names: Sequence[str],
    current: float,
) -> go.Figure:
    """Each class's softmax probability against the temperature (log x axis)."""
    labels = [safe_label(n) for n in names]
    traces = [
        {
            "type": "scatter",
            "x": list(temperatures),
            "y": [row[i] for row in probabilities],
            "mode": "lines",
            "name": label,
            "line": {"width": 3},
            "hovertemplate": f"{label}: %{{y:.3f}} at T = %{{x:.3g}}<extra></extra>",
        }
        for i, label in enumerate(labels)
    ]
    return _figure(
        traces,
        _layout(
            showlegend=True,
            legend={"orientation": "h", "y": -0.3},
            shapes=[_current_line(current)],
            xaxis={
                "type": "log",
                "title": {"text": "temperature T (log scale)"},
                "tickvals": [0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20],
                "ticktext": ["0.05", "0.1", "0.2", "0.5", "1", "2", "5", "10", "20"],
            },
            yaxis={"title": {"text": "softmax probability"}, "range": [0, 1.05]},
        ),
    )


def conventions_figure(
    q: Sequence[float],
    losses: dict[str, Sequence[float]],
    labels: dict[str, str],
    current: float,
    unit: str = "nats",
) -> go.Figure:
    """−log q_t under each library's convention (in ``unit``), against q_t on a log axis.

    ``losses`` maps a convention key to its loss at every ``q`` (``inf`` is left out of the
    line); the dashed line marks the chosen ``current`` probability.
    """
    traces = [
        {
            "type": "scatter",
            "x": list(q),
            "y": _finite(values),
            "mode": "lines",
            "name": safe_label(labels[key]),
            "line": {"width": 3, "dash": "dot" if key == "exact" else "solid"},
            "hovertemplate": f"{safe_label(labels[key])}: %{{y:.4g}} {unit} at q_t = %{{x:.2g}}"
            "<extra></extra>",
        }
        for key, values in losses.items()
    ]
    return _figure(
        traces,
        _layout(
            height=320,
            showlegend=True,
            legend={"orientation": "h", "y": -0.3},
            shapes=[_current_line(current)],
            xaxis={
                "type": "log",
                "title": {"text": "probability of the true class q_t (log scale)"},
                "exponentformat": "power",
            },
            yaxis={"title": {"text": f"reported loss ({unit})"}, "rangemode": "tozero"},
        ),
    )
