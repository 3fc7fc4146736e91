"""Figures of the loss-curves page (pages/curves.py): the seed example (a one-hot label
beside a prediction, and its point on −log q_t), every loss against the true class's
probability q_t, and their gradients. The binary section's figure is in
:mod:`.curves_binary`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import plotly.graph_objects as go

from .base import BAR, MARK, NEUTRAL, PALETTE, TRUE, _figure, _finite, _layout, _legend, safe_label

#: Name, colour and dash of each loss (keys of xent_core.curves.LOSSES). Mid-tone colours
#: that read on light and dark backgrounds; dashes tell them apart without colour.
#: Label smoothing's long dashes are given in pixels: plotly's "longdash" scales with the
#: line width and leaves a lone stub in the legend's short sample line.
LOSS_STYLES: dict[str, tuple[str, str, str]] = {
    "cross_entropy": ("Cross-entropy", PALETTE["blue"], "solid"),
    "mse": ("MSE", PALETTE["orange"], "dash"),
    "brier": ("Brier score", PALETTE["amber"], "dot"),
    "focal": ("Focal loss", PALETTE["teal"], "dashdot"),
    "smoothed": ("Label-smoothed CE", PALETTE["purple"], "16px,5px"),
    "zero_one": ("0–1 loss", PALETTE["slate"], "solid"),
}
#: Losses measured in the information unit; the others (squared errors, 0–1) have none.
LOG_LOSSES = frozenset({"cross_entropy", "focal", "smoothed"})


def loss_label(key: str) -> str:
    """The learner-facing name of a loss key."""
    return LOSS_STYLES[key][0]


def _unit_of(key: str, unit: str) -> str:
    return unit if key in LOG_LOSSES else "no unit"


def _curve_trace(key: str, x: Sequence[float], y: Sequence[float], unit: str, what: str) -> dict:
    """One loss's line; ``unit`` is appended to the hover value of the log losses only."""
    name, color, dash = LOSS_STYLES[key]
    trace = {
        "type": "scatter",
        "x": list(x),
        "y": _finite(y),
        "mode": "lines",
        "name": name,
        "legendgroup": key,
        "line": {"width": 3 if key == "cross_entropy" else 2.5, "color": color, "dash": dash},
        "hovertemplate": f"{name}<br>q_t = %{{x:.3f}}<br>{what} = %{{y:.4f}}"
        + (f" {unit}" if key in LOG_LOSSES else "")
        + "<extra></extra>",
    }
    if key == "zero_one":
        trace["line"]["shape"] = "hv"  # a step, not a slope between grid points
    return trace


def _vertical_marker(x: float, name: str, *, y_top: float, y_bottom: float) -> dict:
    """A dotted vertical line at ``x``, named in the legend rather than labelled on the
    plot: a label at either end would collide with the steep curves near q_t = 0 or the
    flat ones near 1. A trace, not a shape, so log axes just work."""
    return {
        "type": "scatter",
        "x": [x, x],
        "y": [y_bottom, y_top],
        "mode": "lines",
        "name": name,
        "line": {"color": MARK, "width": 2, "dash": "dot"},
        "showlegend": True,
        "hoverinfo": "skip",
    }


def confidence_curves_figure(
    grid: Sequence[float],
    curves: dict[str, Sequence[float]],
    *,
    unit: str,
    class_name: str,
    current_x: float,
    current: dict[str, float],
    uniform: float,
    uniform_text: str,
    smoothed_min: tuple[float, float] | None = None,
    steps: Sequence[tuple[float, float, float, float, str]] = (),
    log_y: bool = False,
) -> go.Figure:
    """Loss against the true class's probability q_t, one line per loss in ``curves``.

    ``current`` holds the losses of the explorer's prediction, marked at ``current_x``;
    ``smoothed_min`` = (p*, L*) marks label smoothing's minimum; each step
    (x_from, x_to, y_from, y_to, text) draws the rise in cross-entropy as q_t falls
    from x_from to x_to, labelled ``text``.
    """
    name = safe_label(class_name)
    traces = [_curve_trace(key, grid, values, unit, "loss") for key, values in curves.items()]
    visible = [
        v
        for key, values in curves.items()
        for x, v in zip(grid, values, strict=True)
        if math.isfinite(v) and (log_y or x >= 0.01)
    ]
    finite_now = [v for v in current.values() if math.isfinite(v)]
    top = max([*visible, *finite_now, uniform, 1.0]) * 1.08
    bottom = 1e-3
    y_top = top * 1.5 if log_y else top
    y_range = [math.log10(bottom), math.log10(y_top)] if log_y else [0, top]

    # The uniform guess's label sits at the right end of its line, or just left of the
    # explorer's line when that would run through it.
    label_x = 1.0 if current_x < 0.64 else current_x - 0.02
    traces.append(
        {
            "type": "scatter",
            "x": [0, label_x, 1],
            "y": [uniform] * 3,
            "mode": "lines+text",
            "text": ["", uniform_text, ""],
            "textposition": "top left",
            "textfont": {"size": 13},
            "line": {"color": NEUTRAL, "width": 1.5, "dash": "dash"},
            "showlegend": False,
            "hoverinfo": "skip",
        }
    )
    for x_from, x_to, y_from, y_to, text in steps:
        # The rise in cross-entropy as q_t falls from x_from to x_to, drawn as a right
        # angle whose vertical side is the rise, labelled on its right. Near q_t = 0 the
        # curve is steep: the rise goes at x_from, above the curve. Further right it is
        # flat and the space above it is the uniform guess's: the rise goes at x_to,
        # under the curve.
        steep = x_to < 0.2
        middle = math.sqrt(y_from * y_to) if log_y else (y_from + y_to) / 2
        xs = [x_from, x_from, x_from, x_to] if steep else [x_from, x_to, x_to, x_to]
        ys = [y_from, middle, y_to, y_to] if steep else [y_from, y_from, middle, y_to]
        traces.append(
            {
                "type": "scatter",
                "x": xs,
                "y": ys,
                "mode": "lines+markers+text",
                # No-break spaces keep the label off the dotted line (SVG drops plain ones).
                "text": ["", "\u00a0\u00a0" + text, "", ""]
                if steep
                else ["", "", "\u00a0\u00a0" + text, ""],
                "textposition": "middle right",
                "textfont": {"size": 13},
                "marker": {"size": [6, 0, 0, 6], "color": NEUTRAL},  # the two ends, on the curve
                "line": {"color": NEUTRAL, "width": 1.5, "dash": "dot"},
                "showlegend": False,
                "hovertemplate": f"cross-entropy, q_t {x_from:g} → {x_to:g}: {text} {unit}"
                "<extra></extra>",
                "hoveron": "points",
                "cliponaxis": False,
            }
        )
    if smoothed_min is not None and "smoothed" in curves:
        x_min, y_min = smoothed_min
        traces.append(
            {
                "type": "scatter",
                "x": [x_min],
                "y": [y_min],
                "mode": "markers+text",
                # A short label (the caption and the hover give q_t): a longer one runs
                # into the explorer's line whenever that sits near the minimum. At ε = 0
                # the minimum is at q_t = 1, the axis's end, and needs no label.
                "text": ["min" if x_min < 0.999 else ""],
                "textposition": "top center",
                "textfont": {"size": 13, "color": LOSS_STYLES["smoothed"][1]},
                "marker": {
                    "symbol": "diamond",
                    "size": 12,
                    "color": LOSS_STYLES["smoothed"][1],
                    "line": {"width": 1.5, "color": "white"},
                },
                "showlegend": False,
                "hovertemplate": "label smoothing's minimum<br>q_t = %{x:.4f}<br>"
                f"loss = %{{y:.4f}} {unit}<extra></extra>",
            }
        )
    traces.append(
        _vertical_marker(
            current_x,
            f"your q({name}) = {current_x:.2f}",
            y_top=y_top,
            y_bottom=bottom if log_y else 0,
        )
    )
    for key, value in current.items():
        if key not in curves:
            continue
        label, color, _ = LOSS_STYLES[key]
        infinite = not math.isfinite(value)
        traces.append(
            {
                "type": "scatter",
                "x": [current_x],
                "y": [y_top if infinite else value],
                "mode": "markers+text" if infinite else "markers",
                "text": ["∞" if infinite else ""],
                "textposition": "middle right",
                "marker": {"size": 12, "color": color, "line": {"width": 2, "color": "white"}},
                "showlegend": False,
                "hovertemplate": f"your {label} = "
                + ("∞" if infinite else f"{value:.4f}")
                + f" ({_unit_of(key, unit)})<extra></extra>",
                "cliponaxis": False,
            }
        )
    title = f"q_t: probability of the true class ({name})"
    if {"mse", "brier", "smoothed"} & curves.keys():
        title += (
            "<br><span style='font-size:13px'>MSE, Brier, label smoothing: the other"
            "<br>K − 1 classes share 1 − q_t evenly</span>"
        )
    yaxis: dict = {
        "title": {"text": f"loss ({unit} for the log losses)"},
        "range": y_range,
        "type": "log" if log_y else "linear",
    }
    if log_y:
        yaxis["dtick"] = 1  # one tick per power of ten, no unlabelled 2s and 5s between
    return _figure(
        traces,
        _layout(
            height=480,
            showlegend=True,
            legend=_legend(),
            xaxis={"title": {"text": title}, "range": [0, 1.02]},
            yaxis=yaxis,
        ),
    )


def gradient_curves_figure(
    grid: Sequence[float],
    curves: dict[str, Sequence[float]],
    *,
    unit: str,
    current_x: float,
    current: dict[str, float],
) -> go.Figure:
    """|∂L/∂z_true| against q_t, one line per loss, the current q_t marked.

    When cross-entropy and MSE (or the Brier score) are both drawn, a note under the x
    axis gives their pushes at the confidently wrong end, the grid's first point.
    """
    per_logit = f"{unit} per unit of logit"
    traces = [
        _curve_trace(key, grid, values, per_logit, "|∂L/∂z_t|") for key, values in curves.items()
    ]
    finite = [v for values in curves.values() for v in values if math.isfinite(v)]
    top = max([*finite, 1.0]) * 1.1
    traces.append(_vertical_marker(current_x, f"your q_t = {current_x:.2f}", y_top=top, y_bottom=0))
    for key, value in current.items():
        if key in curves and math.isfinite(value):
            label, color, _ = LOSS_STYLES[key]
            suffix = f" {per_logit}" if key in LOG_LOSSES else ""
            traces.append(
                {
                    "type": "scatter",
                    "x": [current_x],
                    "y": [value],
                    "mode": "markers",
                    "marker": {"size": 11, "color": color, "line": {"width": 2, "color": "white"}},
                    "showlegend": False,
                    "hovertemplate": f"your {label}: %{{y:.4f}}{suffix}<extra></extra>",
                }
            )
    # A note under the axis, not an arrow on the plot: the MSE and Brier humps and the
    # focal peak leave no room near q_t = 0 that stays free for every γ and K.
    title = "q_t: probability of the true class"
    vanishing = next((key for key in ("mse", "brier") if key in curves), None)
    if vanishing is not None and "cross_entropy" in curves:
        title += (
            f"<br><span style='font-size:13px'>confidently wrong, q_t = {grid[0]:g}:<br>"
            f"cross-entropy pushes {curves['cross_entropy'][0]:.2f},<br>"
            f"{loss_label(vanishing)} only {curves[vanishing][0]:.3f}</span>"
        )
    return _figure(
        traces,
        _layout(
            height=420,
            showlegend=True,
            legend=_legend(),
            xaxis={"title": {"text": title}, "range": [0, 1.02]},
            yaxis={
                "title": {"text": f"|∂L/∂z_t| ({unit}/logit for log losses)"},
                "range": [0, top],
            },
        ),
    )


def label_and_prediction_figure(
    names: Sequence[str], label: Sequence[float], prediction: Sequence[float]
) -> go.Figure:
    """Side-by-side bars of a one-hot label and a prediction, as in the seed script."""
    x = [safe_label(n) for n in names]
    traces = [
        {
            "type": "bar",
            "x": x,
            "y": list(values),
            "name": title,
            "marker": {"color": color},
            "text": [f"{v:.1f}" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertemplate": f"{title}<br>%{{x}}: %{{y:.2f}}<extra></extra>",
        }
        for title, values, color in (
            ("truth p (one-hot)", label, TRUE),
            ("prediction q", prediction, BAR),
        )
    ]
    return _figure(
        traces,
        _layout(
            height=300,
            showlegend=True,
            legend=_legend(),
            barmode="group",
            xaxis={"type": "category", "title": {"text": "class"}},
            yaxis={"title": {"text": "probability"}, "range": [0, 1.18]},
        ),
    )


def seed_curve_figure(
    grid: Sequence[float], losses: Sequence[float], *, x: float, loss: float, unit: str
) -> go.Figure:
    """The seed script's curve −log q_t, with the worked example's point marked."""
    curve = {
        "type": "scatter",
        "x": list(grid),
        "y": _finite(losses),
        "mode": "lines",
        "line": {"width": 3, "color": LOSS_STYLES["cross_entropy"][1]},
        "hovertemplate": f"q_t = %{{x:.3f}}<br>−log q_t = %{{y:.4f}} {unit}<extra></extra>",
    }
    point = {
        "type": "scatter",
        "x": [x],
        "y": [loss],
        "mode": "markers+text",
        "text": [f"q_t = {x:g}: {loss:.4f} {unit}"],
        "textposition": "bottom left",
        "marker": {"size": 14, "color": MARK, "line": {"width": 2, "color": "white"}},
        "hovertemplate": f"q_t = %{{x}}<br>loss = %{{y:.4f}} {unit}<extra></extra>",
        "cliponaxis": False,
    }
    finite = [v for v in losses if math.isfinite(v)]
    return _figure(
        [curve, point],
        _layout(
            height=300,
            xaxis={
                "title": {"text": "q_t: predicted probability of the true class"},
                "range": [0, 1.02],
            },
            yaxis={"title": {"text": f"−log q_t ({unit})"}, "range": [0, max(finite) * 1.05]},
        ),
    )
