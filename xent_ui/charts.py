"""Plotly figure builders: arrays in, ``go.Figure`` out. No maths and no ``st.*`` here.

Figures are small, fixed (no zoom or pan, so a finger scrolling on a phone is not
captured), and take their colours from the Streamlit theme where they can.
"""

from __future__ import annotations

import contextlib
import contextvars
import html
import itertools
import math
from collections.abc import Iterator, Sequence

import numpy as np
import plotly.graph_objects as go

# Explicit colours only where meaning needs them (the theme supplies the rest).
TRUE = "#21a366"
MARK = "#d62f3f"
BAR = "#5b7cfa"  # readable on light and dark backgrounds


def safe_label(text: str) -> str:
    """Plotly reads a little HTML in labels; escape user text so it stays text."""
    return html.escape(text, quote=True)


def _layout(*, height: int = 280, title: str | None = None, **extra: object) -> dict:
    """The shared layout as a plain dict (see :func:`_figure`)."""
    axis = {"fixedrange": True, "automargin": True}
    layout: dict = {
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 36 if title else 8, "b": 8},
        "showlegend": False,
        "dragmode": False,
        "hoverlabel": {"font": {"size": 14}},
        "font": {"size": 14},
        "xaxis": dict(axis),
        "yaxis": {**axis, "zeroline": True},
    }
    if title:
        layout["title"] = {"text": title, "font": {"size": 15}}
    for key, value in extra.items():
        if key in ("xaxis", "yaxis"):
            layout[key] = {**layout[key], **value}
        else:
            layout[key] = value
    return layout


# Plotly checks every property of a figure as it is built: about 10 ms per chart here,
# paid again on every rerun. The figures below are literal dicts written in this module,
# so the test suite builds them all with checking on (tests/conftest.py) and the app
# builds them without it. The output is the same either way (tests/ui/test_charts.py).
VALIDATE = False

_SCALE: contextvars.ContextVar[float] = contextvars.ContextVar("xent_chart_scale", default=1.0)


@contextlib.contextmanager
def scaled(factor: float) -> Iterator[None]:
    """Build every figure in this block with type and height times ``factor`` (presenter)."""
    token = _SCALE.set(factor)
    try:
        yield
    finally:
        _SCALE.reset(token)


def _figure(traces: list[dict], layout: dict) -> go.Figure:
    """Build a figure from plain dicts in one go.

    Plotly validates every property assignment; building from one dict costs about
    2 ms where incremental ``update_*`` calls cost 15-35 ms, which a drag release
    would pay for every chart.
    """
    factor = _SCALE.get()
    if factor != 1.0:
        layout = _scale_layout(layout, factor)
    return go.Figure({"data": traces, "layout": layout}, _validate=VALIDATE)


def _scale_layout(layout: dict, factor: float) -> dict:
    """Type and height times ``factor``, with every axis's and the legend's type explicit
    (Streamlit's plotly theme sets those sizes itself, so the base font alone is not enough).
    """
    size = round(layout.get("font", {}).get("size", 14) * factor)
    out = {
        **layout,
        "font": {**layout.get("font", {}), "size": size},
        "height": round(layout.get("height", 280) * factor),
        "legend": {**layout.get("legend", {}), "font": {"size": size}},
    }
    for key, value in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(value, dict):
            title = value.get("title", {})
            title = {"text": title} if isinstance(title, str) else title
            out[key] = {
                **value,
                "tickfont": {**value.get("tickfont", {}), "size": size},
                "title": {**title, "font": {**title.get("font", {}), "size": size}},
            }
    return out


# --- confidence curves page ----------------------------------------------------------------

#: Name, colour and dash of each loss (keys of xent_core.curves.LOSSES). Mid-tone colours
#: that read on light and dark backgrounds; dashes tell them apart without colour.
#: Label smoothing's long dashes are given in pixels: plotly's "longdash" scales with the
#: line width and leaves a lone stub in the legend's short sample line.
LOSS_STYLES: dict[str, tuple[str, str, str]] = {
    "cross_entropy": ("Cross-entropy", "#5b7cfa", "solid"),
    "mse": ("MSE", "#e4572e", "dash"),
    "brier": ("Brier score", "#e39b25", "dot"),
    "focal": ("Focal loss", "#2a9d8f", "dashdot"),
    "smoothed": ("Label-smoothed CE", "#b36ad8", "16px,5px"),
    "zero_one": ("0–1 loss", "#8a94a6", "solid"),
}
#: Losses measured in the information unit; the others (squared errors, 0–1) have none.
LOG_LOSSES = frozenset({"cross_entropy", "focal", "smoothed"})
NEUTRAL = "#8a94a6"


def loss_label(key: str) -> str:
    """The learner-facing name of a loss key."""
    return LOSS_STYLES[key][0]


def _finite(values: Sequence[float]) -> list[float | None]:
    """Plotly draws a gap at None; ±∞ and NaN become gaps instead of broken JSON."""
    return [float(v) if math.isfinite(v) else None for v in values]


def _legend() -> dict:
    return {
        "orientation": "h",
        "yanchor": "bottom",
        "y": 1.02,
        "xanchor": "left",
        "x": 0,
        "font": {"size": 13},
    }


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


# --- data page (pages/data.py) -------------------------------------------------------------

CE_COLOR = "#5b7cfa"  # cross-entropy, as on the curves page
MSE_COLOR = "#e4572e"  # MSE, as on the curves page
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


# --- probability simplex (pages/simplex.py) ------------------------------------------------
#: Viridis, sampled: the landscape's colours, the same in plotly and in the simplex widget.
LANDSCAPE_COLORS: tuple[tuple[float, str], ...] = (
    (0.0, "#440154"),
    (0.125, "#472d7b"),
    (0.25, "#3b528b"),
    (0.375, "#2c728e"),
    (0.5, "#21918c"),
    (0.625, "#28ae80"),
    (0.75, "#5ec962"),
    (0.875, "#addc30"),
    (1.0, "#fde725"),
)
INFINITE_FILL = "#b0b5bf"  # where a measure is infinite (hatched grey in the widget)
P_MARK = "#e4572e"
LANDSCAPE_BANDS = 12
#: The measures a landscape can show, as the learner reads them.
MEASURE_LABELS = {
    "cross_entropy": "cross-entropy H(p,q)",
    "kl_divergence": "forward KL(p‖q)",
    "reverse_kl_divergence": "reverse KL(q‖p)",
    "js_divergence": "Jensen–Shannon JS(p,q)",
}
# Top of the colour scale and contour levels, by kind of measure and unit. The log-type
# measures are unbounded, so the scale stops at 3 nats (q_true = 0.05 for a one-hot p);
# JS never exceeds ln 2 nats = 1 bit.
_SCALES = {
    ("log", "nats"): (3.0, (0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 2.5)),
    ("log", "bits"): (4.0, (0.1, 0.25, 0.5, 1.0, 1.5, 2.0, 3.0)),
    ("js", "nats"): (math.log(2), (0.02, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6)),
    ("js", "bits"): (1.0, (0.03, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9)),
}


def landscape_scale(measure: str, unit: str) -> tuple[float, tuple[float, ...]]:
    """The colour scale's top and the contour levels for ``measure`` in ``unit``."""
    return _SCALES[("js" if measure == "js_divergence" else "log", unit)]


def _hex(rgb: Sequence[float]) -> str:
    return "#" + "".join(f"{round(v):02x}" for v in rgb)


def landscape_colour(t: float) -> str:
    """The colour at ``t`` in [0, 1] on :data:`LANDSCAPE_COLORS` (linear in RGB)."""
    t = min(max(t, 0.0), 1.0)
    for (t0, c0), (t1, c1) in itertools.pairwise(LANDSCAPE_COLORS):
        if t <= t1:
            f = (t - t0) / (t1 - t0)
            a = [int(c0[i : i + 2], 16) for i in (1, 3, 5)]
            b = [int(c1[i : i + 2], 16) for i in (1, 3, 5)]
            return _hex([x + f * (y - x) for x, y in zip(a, b, strict=True)])
    return LANDSCAPE_COLORS[-1][1]


def _ternary_axis(name: str) -> dict:
    return {
        "title": {"text": safe_label(name), "font": {"size": 14}},
        "min": 0,
        "linewidth": 1.5,
        "ticks": "outside",
        "ticklen": 4,
        "tickvals": [0.2, 0.4, 0.6, 0.8],
        "ticktext": ["0.2", "0.4", "0.6", "0.8"],
        "tickfont": {"size": 11},
        "showgrid": True,
        "gridcolor": "rgba(255, 255, 255, 0.25)",
        "layer": "below traces",
    }


def landscape_band_edges(cap: float) -> np.ndarray:
    """The filled bands' edges: equal steps from 0 to ``cap``, then one band above it."""
    return np.append(np.linspace(0.0, cap, LANDSCAPE_BANDS + 1), np.inf)


def _pieces(shapes: np.ndarray, *, closed: bool) -> dict[str, np.ndarray]:
    """Many polylines (N, V, 3) as one scatterternary trace, a NaN gap after each.

    Only a and b are sent, as float32: plotly computes c = 1 − a − b (ternary sum 1),
    which keeps the figure small enough to resend after every release.
    """
    parts = [shapes, shapes[:, :1]] if closed else [shapes]
    gap = np.full_like(shapes[:, :1], np.nan)
    flat = np.concatenate([*parts, gap], axis=1).reshape(-1, shapes.shape[-1])
    return {"a": flat[:, 0].astype(np.float32), "b": flat[:, 1].astype(np.float32)}


def _point_trace(v: Sequence[float], name: str, symbol: str, color: str, names: Sequence[str]):
    coords = ", ".join(f"{safe_label(n)} {x:.3f}" for n, x in zip(names, v, strict=True))
    return {
        "type": "scatterternary",
        "a": [v[0]],
        "b": [v[1]],
        "c": [v[2]],
        "name": name,
        "mode": "markers",
        "marker": {
            "symbol": symbol,
            "size": 14,
            "color": color,
            "line": {"width": 2, "color": "#fff"},
        },
        "showlegend": True,
        "hovertemplate": f"({coords})<extra>{name}</extra>",
        "cliponaxis": False,
    }


def simplex_figure(
    points: np.ndarray,
    triangles: np.ndarray,
    values: np.ndarray,
    infinite_cells: np.ndarray,
    dots: np.ndarray,
    bands: Sequence[np.ndarray],
    *,
    cap: float,
    contours: Sequence[tuple[float, str, np.ndarray]],
    infinite_edges: Sequence[bool],
    q: Sequence[float],
    p: Sequence[float],
    names: Sequence[str],
    measure: str,
    unit: str,
    height: int = 440,
) -> go.Figure:
    """A ternary landscape of one measure: filled bands, contours, q and p.

    ``points`` (M, 3) and ``triangles`` (T, 3) are the grid and its cells (from
    ``xent_core.simplex_grid`` / ``grid_triangles``) and ``values`` (M,) the measure at
    the points. ``bands`` are the filled contours between :func:`landscape_band_edges`
    (polygons (N, V, 3) per band, from ``xent_core.contour_bands``); the cells flagged in
    ``infinite_cells`` (T,) are grey. ``contours`` holds (level, label, segments
    (S, 2, 3)). Edges where the measure is infinite throughout are dashed; ``dots`` (M,)
    marks finite points surrounded by infinite cells, drawn one by one.
    """
    label = MEASURE_LABELS[measure]
    fills = [(INFINITE_FILL, points[triangles[infinite_cells]])]
    fills += [
        (landscape_colour(min((k + 0.5) / LANDSCAPE_BANDS, 1.0)), band)
        for k, band in enumerate(bands)
    ]
    traces: list[dict] = []
    for colour, polygons in fills:
        if len(polygons) == 0:
            continue
        traces.append(
            {
                "type": "scatterternary",
                **_pieces(polygons, closed=True),
                "mode": "lines",
                "fill": "toself",
                "fillcolor": colour,
                "line": {"width": 0.6, "color": colour},
                "hoverinfo": "skip",
            }
        )
    for _level, text, segments in contours:
        if len(segments) == 0:
            continue
        traces.append(
            {
                "type": "scatterternary",
                **_pieces(np.asarray(segments), closed=False),
                "mode": "lines",
                "line": {"width": 1.3, "color": "rgba(255, 255, 255, 0.9)"},
                "hoverinfo": "skip",
            }
        )
        middle = segments.mean(axis=1)
        best = middle[np.argmax(middle.min(axis=1))]
        if best.min() > 0.04:  # no label squeezed against an edge
            traces.append(
                {
                    "type": "scatterternary",
                    "a": [best[0]],
                    "b": [best[1]],
                    "c": [best[2]],
                    "mode": "text",
                    "text": [text],
                    "textfont": {"size": 12, "color": "#fff"},
                    "hoverinfo": "skip",
                }
            )
    for k, infinite in enumerate(infinite_edges):
        if infinite:
            edge = np.delete(np.eye(3), k, axis=0)
            traces.append(
                {
                    "type": "scatterternary",
                    "a": edge[:, 0].tolist(),
                    "b": edge[:, 1].tolist(),
                    "c": edge[:, 2].tolist(),
                    "mode": "lines",
                    "line": {"width": 4, "color": MARK, "dash": "dash"},
                    "hoverinfo": "skip",
                    "cliponaxis": False,
                }
            )
    colour_scale = {
        "colorscale": [list(s) for s in LANDSCAPE_COLORS],
        "cmin": 0,
        "cmax": cap,
    }
    if dots.any():
        traces.append(
            {
                "type": "scatterternary",
                "a": points[dots, 0],
                "b": points[dots, 1],
                "c": points[dots, 2],
                "mode": "markers",
                "marker": {
                    "size": 7,
                    "color": np.minimum(values[dots], cap),
                    **colour_scale,
                    "line": {"width": 0.5, "color": "#fff"},
                },
                "hoverinfo": "skip",
                "cliponaxis": False,
            }
        )
    shown = np.where(np.isfinite(values), np.minimum(values, cap), cap)
    traces.append(
        {
            "type": "scatterternary",
            "a": points[:, 0].astype(np.float32),
            "b": points[:, 1].astype(np.float32),
            "mode": "markers",
            "marker": {
                "size": 8,
                "opacity": 0,
                "color": shown.astype(np.float32),
                **colour_scale,
                "showscale": True,
                "colorbar": {
                    "orientation": "h",
                    "thickness": 10,
                    "len": 0.85,
                    "y": -0.06,
                    "yanchor": "top",
                    "title": {"text": f"{label} ({unit})", "side": "top", "font": {"size": 12}},
                    "tickfont": {"size": 11},
                },
            },
            "customdata": ["∞" if not math.isfinite(v) else f"{v:.4f}" for v in values.tolist()],
            "hovertemplate": (
                f"{safe_label(names[0])} %{{a:.3f}}, {safe_label(names[1])} %{{b:.3f}}, "
                f"{safe_label(names[2])} %{{c:.3f}}<br>{label} = %{{customdata}} {unit}"
                "<extra></extra>"
            ),
            "cliponaxis": False,
        }
    )
    for trace in traces:
        trace["showlegend"] = False
    traces.append(_point_trace(p, "p, the truth", "diamond", P_MARK, names))
    traces.append(_point_trace(q, "q, the prediction", "circle", BAR, names))
    layout = _layout(
        height=height,
        showlegend=True,
        legend={**_legend(), "y": 1.0, "yanchor": "bottom"},
        margin={"l": 36, "r": 36, "t": 56, "b": 64},
        ternary={
            "sum": 1,
            "domain": {"x": [0, 1], "y": [0, 0.9]},  # room above A for the legend
            "bgcolor": "rgba(0, 0, 0, 0)",
            "aaxis": _ternary_axis(names[0]),
            "baxis": _ternary_axis(names[1]),
            "caxis": _ternary_axis(names[2]),
        },
        hovermode="closest",
    )
    return _figure(traces, layout)


def code_lengths_figure(
    names: Sequence[str], q_bits: Sequence[float], p_bits: Sequence[float]
) -> go.Figure:
    """Ideal code lengths per class, −log₂ qᵢ beside −log₂ pᵢ; ∞ is a capped, labelled bar."""
    finite = [v for v in (*q_bits, *p_bits) if math.isfinite(v)]
    cap = max([*finite, 1.0]) * 1.25
    labels = [safe_label(n) for n in names]

    def bars(values: Sequence[float], name: str, colour: str) -> dict:
        return {
            "type": "bar",
            "name": name,
            "x": labels,
            "y": [v if math.isfinite(v) else cap for v in values],
            "text": ["∞" if not math.isfinite(v) else f"{v:.2f}" for v in values],
            "textposition": "outside",
            "cliponaxis": False,
            "marker": {
                "color": colour,
                "pattern": {"shape": ["/" if not math.isfinite(v) else "" for v in values]},
            },
            "hovertemplate": f"{name}<br>%{{x}}: %{{text}} bits<extra></extra>",
        }

    return _figure(
        [
            bars(q_bits, "code built for q", BAR),
            bars(p_bits, "code built for p", P_MARK),
        ],
        _layout(
            height=300,
            barmode="group",
            showlegend=True,
            legend=_legend(),
            margin={"l": 8, "r": 8, "t": 40, "b": 8},
            xaxis={"type": "category"},
            yaxis={"title": {"text": "codeword length (bits)"}, "range": [0, cap * 1.18]},
        ),
    )


def quiz_prediction_figure(
    names: Sequence[str], q: Sequence[float], label: int, *, title: str
) -> go.Figure:
    """A quiz's prediction as bars, the true class in green, with no loss shown."""
    colors = [TRUE if i == label else BAR for i in range(len(q))]
    return _figure(
        [
            {
                "type": "bar",
                "x": [safe_label(n) for n in names],
                "y": list(q),
                "marker": {"color": colors},
                "text": [f"{v:.2f}" for v in q],
                "textposition": "outside",
                "cliponaxis": False,
                "hoverinfo": "skip",
            }
        ],
        _layout(
            height=200,
            title=f"Prediction {safe_label(title)}",
            yaxis={"range": [0, 1.15], "title": {"text": "probability"}},
        ),
    )


# --- training lab (pages/training.py) ------------------------------------------------------
#: One colour per class (K ≤ 5): mid-tones that read on light and dark backgrounds.
CLASS_COLORS = ("#5b7cfa", "#e4572e", "#2a9d8f", "#e39b25", "#b36ad8")
#: The two configurations of a comparison.
RUN_COLORS = {"A": "#5b7cfa", "B": "#e4572e"}
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
