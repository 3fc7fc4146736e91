"""The shared base of the figure builders: palette, layout, legend, gaps, scaling, checks.

Every page's module in this package builds its figures with :func:`_figure` and
:func:`_layout`; the colours that mean the same thing on several pages live in
:data:`PALETTE` here. Figures are small, fixed (no zoom or pan, so a finger scrolling on a
phone is not captured), and take their colours from the Streamlit theme where they can.
"""

from __future__ import annotations

import contextlib
import contextvars
import html
import math
from collections.abc import Iterable, Iterator, Sequence

import plotly.graph_objects as go

#: The named colours, in one place: mid-tones that read on light and dark backgrounds.
#: Explicit colours only where meaning needs them (the theme supplies the rest). The drag
#: widgets' stylesheets (xent_ui/components/bars.css, simplex.css) declare the ones they
#: use as ``--xent-NAME`` custom properties, written as :func:`css_variables` renders them.
PALETTE: dict[str, str] = {
    "blue": "#5b7cfa",  # cross-entropy, the prediction q, class 1, run A
    "orange": "#e4572e",  # MSE, the truth p on the simplex, class 2, run B
    "amber": "#e39b25",  # Brier score, class 4
    "teal": "#2a9d8f",  # focal loss, class 3
    "purple": "#b36ad8",  # label-smoothed cross-entropy, class 5
    "slate": "#8a94a6",  # 0–1 loss, reference lines and other neutral marks
    "green": "#21a366",  # the true class
    "red": "#d62f3f",  # markers: the current setting, gaps, infinite edges
    "grey": "#b0b5bf",  # where a measure is infinite
}

TRUE = PALETTE["green"]
MARK = PALETTE["red"]
BAR = PALETTE["blue"]  # readable on light and dark backgrounds
NEUTRAL = PALETTE["slate"]


def css_variables(names: Iterable[str] | None = None) -> str:
    """The palette as CSS custom properties, one ``--xent-NAME: #hex;`` line each, in
    :data:`PALETTE`'s order (only ``names`` when given). The stylesheets in
    xent_ui/components declare these lines verbatim, so a test can compare them.

    >>> print(css_variables(["red", "green"]))
    --xent-green: #21a366;
    --xent-red: #d62f3f;
    """
    wanted = set(PALETTE) if names is None else set(names)
    unknown = wanted - PALETTE.keys()
    if unknown:
        raise KeyError(f"not in PALETTE: {sorted(unknown)}")
    return "\n".join(
        f"--xent-{name.replace('_', '-')}: {colour};"
        for name, colour in PALETTE.items()
        if name in wanted
    )


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
# paid again on every rerun. The figures are literal dicts written in this package, so
# the test suite builds them all with checking on (tests/conftest.py sets
# ``charts.VALIDATE``, which reads and writes this switch) and the app builds them
# without it. The output is the same either way (tests/ui/test_pages.py).
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
    title = layout.get("title")
    if isinstance(title, dict) and "size" in title.get("font", {}):
        out["title"] = {
            **title,
            "font": {**title["font"], "size": round(title["font"]["size"] * factor)},
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
