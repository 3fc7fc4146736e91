"""Figures of the probability-simplex page (pages/simplex.py): the ternary landscape
of a measure with q and p marked, and the ideal code lengths per class. The landscape's
colour scale is shared with the page's drag widget (xent_ui/components/simplex.js).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from .base import BAR, MARK, PALETTE, _figure, _layout, _legend, safe_label

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
INFINITE_FILL = PALETTE["grey"]  # where a measure is infinite (hatched grey in the widget)
P_MARK = PALETTE["orange"]
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
