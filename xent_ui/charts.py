"""Plotly figure builders: arrays in, ``go.Figure`` out. No maths and no ``st.*`` here.

Figures are small, fixed (no zoom or pan, so a finger scrolling on a phone is not
captured), and take their colours from the Streamlit theme where they can.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence

import plotly.graph_objects as go

# Explicit colours only where meaning needs them (the theme supplies the rest).
UP = "#21a366"  # gradient descent raises this logit
DOWN = "#d62f3f"  # gradient descent lowers this logit
TRUE = "#21a366"
MARK = "#d62f3f"
BAR = "#5b7cfa"  # readable on light and dark backgrounds


def safe_label(text: str) -> str:
    """Plotly reads a little HTML in labels; escape user text so it stays text."""
    return html.escape(text, quote=True)


def _base(fig: go.Figure, *, height: int = 280, title: str | None = None) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 8, "r": 8, "t": 36 if title else 8, "b": 8},
        title={"text": title, "font": {"size": 15}} if title else None,
        showlegend=False,
        dragmode=False,
        hoverlabel={"font_size": 14},
        font={"size": 14},
    )
    fig.update_xaxes(fixedrange=True, automargin=True)
    fig.update_yaxes(fixedrange=True, automargin=True, zeroline=True)
    return fig


def contributions_figure(names: Sequence[str], terms: Sequence[float], unit: str) -> go.Figure:
    """Per-class terms of the cross-entropy sum, −p_i log q_i; ∞ is drawn as a capped bar."""
    finite = [t for t in terms if math.isfinite(t)]
    cap = max([*finite, 0.5]) * 1.25
    heights = [t if math.isfinite(t) else cap for t in terms]
    text = ["∞" if not math.isfinite(t) else f"{t:.3f}" for t in terms]
    labels = [safe_label(n) for n in names]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=heights,
            text=text,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}: %{text} " + unit + "<extra></extra>",
            marker_color=[MARK if not math.isfinite(t) else BAR for t in terms],
        )
    )
    fig.update_yaxes(title_text=f"−p·log q ({unit})", range=[0, cap * 1.15])
    fig.update_xaxes(type="category")
    return _base(fig)


def gradient_figure(names: Sequence[str], gradient: Sequence[float]) -> go.Figure:
    """Signed bars of ∂H/∂z_i = q_i − p_i: negative bars are logits training pushes up."""
    labels = [safe_label(n) for n in names]
    colours = [DOWN if g > 0 else UP for g in gradient]
    hover = [
        "training lowers this logit"
        if g > 0
        else "training raises this logit"
        if g < 0
        else "no push"
        for g in gradient
    ]
    fig = go.Figure(
        go.Bar(
            x=labels,
            y=list(gradient),
            marker_color=colours,
            text=[f"{g:+.3f}" for g in gradient],
            textposition="outside",
            cliponaxis=False,
            customdata=hover,
            hovertemplate="%{x}: %{y:+.4f}<br>%{customdata}<extra></extra>",
        )
    )
    fig.update_yaxes(title_text="∂H/∂zᵢ = qᵢ − pᵢ", range=[-1.2, 1.2])
    fig.update_xaxes(type="category")
    return _base(fig)


def confidence_figure(
    grid: Sequence[float],
    losses: Sequence[float],
    *,
    current_x: float,
    current_y: float,
    uniform: float,
    class_name: str,
    unit: str,
) -> go.Figure:
    """The loss as the chosen class's probability moves, with the current point marked."""
    name = safe_label(class_name)
    finite_max = max(v for v in losses if math.isfinite(v))
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=list(grid),
            y=list(losses),
            mode="lines",
            line={"width": 3},
            hovertemplate=f"q({name}) = %{{x:.3f}}<br>H(p,q) = %{{y:.4f}} {unit}<extra></extra>",
        )
    )
    shown_y = current_y if math.isfinite(current_y) else finite_max
    fig.add_trace(
        go.Scatter(
            x=[current_x],
            y=[shown_y],
            mode="markers+text",
            marker={"size": 14, "color": MARK, "line": {"width": 2, "color": "white"}},
            text=["now" if math.isfinite(current_y) else "now: ∞"],
            textposition="top center",
            hovertemplate=f"now: q({name}) = %{{x:.3f}}<extra></extra>",
        )
    )
    fig.add_hline(
        y=uniform,
        line_dash="dash",
        line_width=1.5,
        annotation_text="uniform guess",
        annotation_position="bottom left",
    )
    fig.update_xaxes(title_text=f"predicted probability of {name}", range=[0, 1.02])
    fig.update_yaxes(title_text=f"H(p,q) ({unit})", range=[0, min(finite_max, 10.0) * 1.05])
    return _base(fig)
