"""Figures of the data page (pages/data.py): per-sample losses, reliability diagrams
and temperature scaling's NLL curve.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from .base import BAR, MARK, NEUTRAL, PALETTE, TRUE, _figure, _finite, _layout, _legend

CE_COLOR = PALETTE["blue"]  # cross-entropy, as on the curves page
MSE_COLOR = PALETTE["orange"]  # MSE, as on the curves page
GAP = "rgba(214, 47, 63, 0.35)"  # reliability gap between accuracy and confidence


def _bins(edges: Sequence[float]) -> list[tuple[float, float]]:
    """(lower, upper) of each bin from its ``len(bins) + 1`` edges."""
    return [(edges[i], edges[i + 1]) for i in range(len(edges) - 1)]


def loss_histogram_figure(
    edges: Sequence[float],
    counts: Sequence[int],
    *,
    x_title: str,
    color: str,
    unit: str = "",
) -> go.Figure:
    """Counts of per-sample losses in the given bins (computed by xent_core), as bars."""
    centres = [(a + b) / 2 for a, b in _bins(edges)]
    widths = [b - a for a, b in _bins(edges)]
    suffix = f" {unit}" if unit else ""
    bars = {
        "type": "bar",
        "x": centres,
        "y": list(counts),
        "width": widths,
        "customdata": [[a, b] for a, b in _bins(edges)],
        "marker": {"color": color, "line": {"width": 0.5, "color": "white"}},
        "hovertemplate": "%{customdata[0]:.4g} to %{customdata[1]:.4g}"
        + suffix
        + ": %{y} samples<extra></extra>",
    }
    return _figure(
        [bars],
        _layout(
            height=260,
            bargap=0,
            xaxis={"title": {"text": x_title}},
            yaxis={"title": {"text": "samples"}, "rangemode": "tozero"},
        ),
    )


def loss_scatter_figure(
    cross_entropy: Sequence[float],
    mse: Sequence[float],
    correct: Sequence[bool],
    *,
    unit: str,
    rows: Sequence[int],
) -> go.Figure:
    """Each sample's MSE against its cross-entropy, right and wrong predictions apart."""
    traces = []
    for is_right, name, color, symbol in (
        (True, "right", TRUE, "circle"),
        (False, "wrong", MARK, "x"),
    ):
        picked = [i for i, c in enumerate(correct) if bool(c) == is_right]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": f"predicted class {name}",
                "x": _finite([cross_entropy[i] for i in picked]),
                "y": [mse[i] for i in picked],
                "customdata": [rows[i] for i in picked],
                "marker": {"color": color, "size": 8, "symbol": symbol, "opacity": 0.75},
                "hovertemplate": "row %{customdata}<br>cross-entropy %{x:.4f} "
                + unit
                + "<br>MSE %{y:.4f}<extra></extra>",
            }
        )
    return _figure(
        traces,
        _layout(
            height=300,
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 40, "b": 8},
            xaxis={"title": {"text": f"cross-entropy ({unit})"}, "rangemode": "tozero"},
            yaxis={"title": {"text": "MSE"}, "rangemode": "tozero"},
        ),
    )


def reliability_figure(
    edges: Sequence[float],
    counts: Sequence[int],
    confidence: Sequence[float],
    accuracy: Sequence[float],
    *,
    title: str | None = None,
) -> go.Figure:
    """Reliability diagram: each bin's accuracy as a bar, the gap to its mean confidence
    shaded, and the diagonal of perfect calibration. Empty bins draw nothing."""
    centres = [(a + b) / 2 for a, b in _bins(edges)]
    width = [b - a for a, b in _bins(edges)]
    filled = [n > 0 and math.isfinite(a) for n, a in zip(counts, accuracy, strict=True)]
    acc = [a if f else None for a, f in zip(accuracy, filled, strict=True)]
    conf = [c if f else None for c, f in zip(confidence, filled, strict=True)]
    hover = [
        [edges[i], edges[i + 1], counts[i], conf[i] if filled[i] else 0.0]
        for i in range(len(centres))
    ]
    accuracy_bars = {
        "type": "bar",
        "name": "accuracy",
        "x": centres,
        "y": acc,
        "width": width,
        "customdata": hover,
        "marker": {"color": BAR, "line": {"width": 1, "color": "white"}},
        "hovertemplate": "confidence %{customdata[0]:.2f} to %{customdata[1]:.2f}: "
        "%{customdata[2]} samples<br>mean confidence %{customdata[3]:.3f}"
        "<br>accuracy %{y:.3f}<extra></extra>",
    }
    gap_bars = {
        "type": "bar",
        "name": "gap to confidence",
        "x": centres,
        "y": [abs(c - a) if f else None for a, c, f in zip(acc, conf, filled, strict=True)],
        "base": [min(a, c) if f else None for a, c, f in zip(acc, conf, filled, strict=True)],
        "width": width,
        # Hatched, as in Guo et al. (2017): readable over the accuracy bar it may overlap.
        "marker": {
            "color": GAP,
            "line": {"width": 1.5, "color": MARK},
            "pattern": {"shape": "/", "fgcolor": MARK, "size": 6, "solidity": 0.3},
        },
        "hoverinfo": "skip",
    }
    diagonal = {
        "type": "scatter",
        "name": "perfect calibration",
        "x": [0, 1],
        "y": [0, 1],
        "mode": "lines",
        "line": {"dash": "dash", "width": 1.5, "color": NEUTRAL},
        "hoverinfo": "skip",
    }
    return _figure(
        [accuracy_bars, gap_bars, diagonal],
        _layout(
            height=320,
            title=title,
            barmode="overlay",
            showlegend=True,
            legend={"orientation": "h", "y": -0.28, "font": {"size": 13}},
            xaxis={"title": {"text": "confidence (largest probability)"}, "range": [0, 1]},
            yaxis={"title": {"text": "accuracy"}, "range": [0, 1.05]},
        ),
    )


def temperature_nll_figure(
    temperatures: Sequence[float],
    nll: Sequence[float],
    *,
    fitted: float | None,
    chosen: float,
    chosen_nll: float,
    unit: str,
    fit_nll: Sequence[float] | None = None,
) -> go.Figure:
    """Mean NLL against the temperature (log x axis), the fitted minimum and the
    slider's temperature marked. ``nll`` is the held-out samples'; ``fit_nll``, when
    given, the curve of the samples T* was fitted on (its minimum is T*)."""
    traces = [
        {
            "type": "scatter",
            "x": list(temperatures),
            "y": _finite(nll),
            "mode": "lines",
            "name": "held-out half" if fit_nll is not None else "NLL",
            "line": {"width": 3, "color": CE_COLOR},
            "hovertemplate": f"T = %{{x:.3g}}: NLL %{{y:.4f}} {unit}<extra></extra>",
            "showlegend": fit_nll is not None,
        },
        {
            "type": "scatter",
            "x": [chosen],
            "y": _finite([chosen_nll]),
            "mode": "markers",
            "name": f"your T = {chosen:g}",
            "marker": {"size": 13, "color": MARK, "line": {"width": 2, "color": "white"}},
            "hovertemplate": f"your T = %{{x:.3g}}: NLL %{{y:.4f}} {unit}<extra></extra>",
        },
    ]
    if fit_nll is not None:
        traces.insert(
            1,
            {
                "type": "scatter",
                "x": list(temperatures),
                "y": _finite(fit_nll),
                "mode": "lines",
                "name": "calibration half (T* fitted here)",
                "line": {"width": 2, "color": NEUTRAL, "dash": "dash"},
                "hovertemplate": f"T = %{{x:.3g}}: NLL %{{y:.4f}} {unit} (calibration half)"
                "<extra></extra>",
            },
        )
    if fitted is not None:
        traces.append(
            {
                "type": "scatter",
                "x": [fitted, fitted],
                "y": [0, 1],
                "yaxis": "y2",
                "mode": "lines",
                "name": f"fitted T* = {fitted:.3g}",
                "line": {"dash": "dot", "width": 2, "color": TRUE},
                "hoverinfo": "skip",
            }
        )
    finite = [v for v in [*nll, *(fit_nll or [])] if math.isfinite(v)]
    # Show the valley: the curve climbs steeply for small T and would flatten the rest.
    # With two curves, each one's lowest point stays in view.
    lows = [min(f) for f in ([v for v in c if math.isfinite(v)] for c in (nll, fit_nll or [])) if f]
    top = max(finite) if finite else 1.0
    if finite:
        focus = 3 * max(lows)
        if math.isfinite(chosen_nll):
            focus = max(focus, 1.25 * chosen_nll)
        top = min(top, focus)
    ticks = [
        t
        for t in (0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100)
        if temperatures[0] <= t <= temperatures[-1]
    ]
    return _figure(
        traces,
        _layout(
            height=300,
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 40, "b": 8},
            xaxis={
                "type": "log",
                "title": {"text": "temperature T (log scale)"},
                "tickvals": ticks,
                "ticktext": [f"{t:g}" for t in ticks],
            },
            yaxis={"title": {"text": f"mean NLL ({unit})"}, "range": [0, top * 1.05]},
            yaxis2={"overlaying": "y", "range": [0, 1], "visible": False, "fixedrange": True},
        ),
    )
