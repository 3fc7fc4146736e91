"""Figures of the training lab (pages/training.py): values per epoch, the samples over
the model's decision regions, per-class recall, and each training sample's q_t.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from .base import NEUTRAL, PALETTE, _figure, _finite, _layout, _legend, safe_label

#: One colour per class (K ≤ 5): mid-tones that read on light and dark backgrounds.
CLASS_COLORS = tuple(PALETTE[name] for name in ("blue", "orange", "teal", "amber", "purple"))
#: The two configurations of a comparison.
RUN_COLORS = {"A": PALETTE["blue"], "B": PALETTE["orange"]}
#: Opacity of a decision region's colour at confidence 1/K (a toss-up) and at 1 (certain).
REGION_ALPHA = (0.03, 0.45)


def _rgba(color: str, alpha: float) -> str:
    r, g, b = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {alpha:.3f})"


def _reference_line(y: float, text: str, *, at_right: bool = True) -> dict:
    """A dashed horizontal line across the plot, labelled just above it at one end.

    Drawn on a hidden x axis "x2" spanning [0, 1], so it reaches across whatever the data
    axis shows (the figure's layout must define ``xaxis2``).
    """
    return {
        "type": "scatter",
        "x": [0, 1],
        "y": [y, y],
        "xaxis": "x2",
        "mode": "lines+text",
        "line": {"color": NEUTRAL, "width": 1.5, "dash": "dash"},
        "text": ["", text] if at_right else [text, ""],
        "textposition": "top left" if at_right else "top right",
        "textfont": {"size": 12, "color": NEUTRAL},
        "cliponaxis": False,
        "hoverinfo": "skip",
        "showlegend": False,
    }


def epoch_figure(
    lines: Sequence[dict],
    *,
    y_title: str,
    y_range: tuple[float, float] | None = None,
    references: Sequence[tuple[float, str]] = (),
    epochs: int | None = None,
    height: int = 300,
) -> go.Figure:
    """Values per epoch, one line per entry of ``lines``.

    Each line is ``{"name", "x", "y", "color", "dash", "unit"}`` (``unit`` is appended to
    the hover value; NaN and ±∞ become gaps). ``references`` are (y, text) dashed lines,
    such as the uniform guess's loss. ``epochs`` fixes the x axis to the run's length, so
    the lines grow into it while training.
    """
    traces = []
    for line in lines:
        unit = f" {line['unit']}" if line.get("unit") else ""
        traces.append(
            {
                "type": "scatter",
                "x": list(line["x"]),
                "y": _finite(line["y"]),
                "mode": "lines",
                "name": safe_label(line["name"]),
                "line": {"color": line["color"], "width": 2.5, "dash": line.get("dash", "solid")},
                "hovertemplate": f"{safe_label(line['name'])}<br>epoch %{{x}}: %{{y:.4f}}{unit}"
                "<extra></extra>",
            }
        )
    traces += [_reference_line(y, text) for y, text in references]
    xaxis: dict = {"title": {"text": "epoch"}, "rangemode": "tozero"}
    if epochs:
        xaxis["range"] = [0, epochs]
    yaxis: dict = {"title": {"text": y_title}, "rangemode": "tozero"}
    if y_range:
        yaxis["range"] = list(y_range)
    return _figure(
        traces,
        _layout(
            height=height,
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 40, "b": 8},
            xaxis=xaxis,
            yaxis=yaxis,
            xaxis2={"overlaying": "x", "range": [0, 1], "visible": False, "fixedrange": True},
        ),
    )


def _points(
    x: Sequence[Sequence[float]],
    labels: Sequence[int],
    names: Sequence[str],
    *,
    test: bool,
) -> list[dict]:
    """Samples as markers, one trace per class: filled for training, hollow for test."""
    traces = []
    for c, name in enumerate(names):
        picked = [i for i, y in enumerate(labels) if y == c]
        if not picked:
            continue
        color = CLASS_COLORS[c % len(CLASS_COLORS)]
        marker = (
            {"symbol": "circle-open", "size": 8, "color": color, "line": {"width": 2}}
            if test
            else {
                "symbol": "circle",
                "size": 7,
                "color": color,
                "line": {"width": 1, "color": "white"},
            }
        )
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [x[i][0] for i in picked],
                "y": [x[i][1] for i in picked],
                "name": safe_label(name),
                "legendgroup": f"class-{c}",
                "showlegend": not test,
                "marker": marker,
                "hovertemplate": f"{safe_label(name)} ({'test' if test else 'training'})"
                "<br>(%{x:.2f}, %{y:.2f})<extra></extra>",
            }
        )
    return traces


def decision_regions_figure(
    names: Sequence[str],
    train: tuple[Sequence[Sequence[float]], Sequence[int]],
    test: tuple[Sequence[Sequence[float]], Sequence[int]],
    *,
    bounds: tuple[float, float, float, float],
    regions: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | None = None,
    title: str | None = None,
    width: int = 560,
) -> go.Figure:
    """The samples on the plane, over the model's decision regions if ``regions`` is given.

    ``regions`` = (xs, ys, label, confidence) arrays from ``xent_core.decision_regions``:
    each grid cell takes its predicted class's colour, more opaque the more confident the
    model (transparent at 1/K, a toss-up). Training samples are filled, test samples
    hollow. The axes keep the data's proportions; the height follows them for a plot about
    ``width`` pixels wide, so a flat data set does not leave a tall empty frame.
    """
    k = len(names)
    traces: list[dict] = []
    if regions is not None:
        xs, ys, label, confidence = regions
        # One heatmap for every class: the value c + t (t in [0, 1) from 1/K to certain)
        # falls in class c's stretch of the colour scale, faint at t = 0, strong near 1.
        floor = 1.0 / k
        t = np.clip((np.asarray(confidence) - floor) / (1.0 - floor), 0.0, 1.0)
        z = np.round(np.asarray(label) + 0.999 * t, 3).tolist()
        scale = []
        for c in range(k):
            color = CLASS_COLORS[c % len(CLASS_COLORS)]
            scale += [
                [c / k, _rgba(color, REGION_ALPHA[0])],
                [(c + 1) / k, _rgba(color, REGION_ALPHA[1])],
            ]
        traces.append(
            {
                "type": "heatmap",
                "x": np.asarray(xs).tolist(),
                "y": np.asarray(ys).tolist(),
                "z": z,
                "zmin": 0,
                "zmax": k,
                "colorscale": scale,
                "showscale": False,
                "hoverinfo": "skip",
            }
        )
    traces += _points(*train, names, test=False)
    traces += _points(*test, names, test=True)
    if test[1] is not None and len(test[1]):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [None],
                "y": [None],
                "name": "test (hollow)",
                "marker": {
                    "symbol": "circle-open",
                    "size": 8,
                    "color": NEUTRAL,
                    "line": {"width": 2},
                },
                "hoverinfo": "skip",
            }
        )
    aspect = (bounds[3] - bounds[2]) / (bounds[1] - bounds[0])
    return _figure(
        traces,
        _layout(
            # The plot area keeps the data's aspect; add room for the legend and the axes.
            height=int(min(max(width * aspect, 160), 560)) + 110 + (28 if title else 0),
            title=title,
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 40 + (28 if title else 0), "b": 8},
            xaxis={
                "range": [bounds[0], bounds[1]],
                "showgrid": False,
                "zeroline": False,
                "constrain": "domain",
                "title": {"text": "x₁"},
            },
            yaxis={
                "range": [bounds[2], bounds[3]],
                "showgrid": False,
                "zeroline": False,
                "scaleanchor": "x",
                "constrain": "domain",
                "constraintoward": "top",  # spare height goes below the plot, not above
                "title": {"text": "x₂"},
            },
        ),
    )


def recall_figure(
    names: Sequence[str],
    bars: dict[str, Sequence[float]],
    colors: dict[str, str],
    *,
    counts: Sequence[int] | None = None,
    height: int = 260,
) -> go.Figure:
    """Per-class recall (the share of each class predicted correctly), grouped bars.

    ``bars`` maps a series name (e.g. "training", "test", "A", "B") to one recall per
    class (NaN for a class without samples); ``counts`` adds each class's training count
    to its axis label.
    """
    labels = [
        safe_label(n) + (f"<br>n = {counts[i]}" if counts is not None else "")
        for i, n in enumerate(names)
    ]
    traces = [
        {
            "type": "bar",
            "name": safe_label(series),
            "x": labels,
            "y": _finite(values),
            "marker": {"color": colors[series]},
            "text": [f"{v:.2f}" if math.isfinite(v) else "–" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": f"{safe_label(series)}: recall %{{y:.3f}}<extra></extra>",
        }
        for series, values in bars.items()
    ]
    return _figure(
        traces,
        _layout(
            height=height,
            barmode="group",
            showlegend=len(bars) > 1,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 40, "b": 8},
            xaxis={"type": "category"},
            yaxis={
                "title": {"text": "recall"},
                "range": [0, 1.15],
                "tickvals": [0, 0.25, 0.5, 0.75, 1],
            },
        ),
    )


def sample_probability_figure(
    q_true: Sequence[float], labels: Sequence[int], names: Sequence[str], *, height: int = 260
) -> go.Figure:
    """The probability each training sample's true class gets, one bar per sample, with
    the uniform guess 1/K marked (the seed script's ten samples have no 2-D map)."""
    k = len(names)
    bar = {
        "type": "bar",
        "x": [f"#{i + 1}" for i in range(len(q_true))],
        "y": list(q_true),
        "marker": {"color": [CLASS_COLORS[y % len(CLASS_COLORS)] for y in labels]},
        "customdata": [safe_label(names[y]) for y in labels],
        "text": [f"{q:.2f}" for q in q_true],
        "textposition": "outside",
        "cliponaxis": False,
        "hovertemplate": "sample %{x}, class %{customdata}: q = %{y:.3f}<extra></extra>",
        "showlegend": False,
    }
    # The bars fill the width, so the uniform line is named in the legend, not on the plot.
    uniform = {
        **_reference_line(1.0 / k, ""),
        "mode": "lines",
        "name": f"uniform guess 1/{k}",
        "showlegend": True,
    }
    return _figure(
        [bar, uniform],
        _layout(
            height=height,
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 40, "b": 8},
            xaxis={"type": "category", "title": {"text": "training sample"}},
            yaxis={"title": {"text": "q_t, probability of the true class"}, "range": [0, 1.15]},
            xaxis2={"overlaying": "x", "range": [0, 1], "visible": False, "fixedrange": True},
        ),
    )
