"""The simplex page's landscapes: every q's measure for one p, computed once per p.

The drag widget paints a fine grid (``GRID_N``); the plotly ternaries of the forward and
reverse KL use a coarser one (``FIGURE_N``), with filled contour bands. Both are cached
per (p, measure, unit), so dragging q never recomputes a landscape.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts
from xent_ui.components import Landscape, landscape_data

GRID_N = 48  # the widget's landscape: 1225 points, 2304 cells
FIGURE_N = 30  # the plotly ternaries: a smaller payload on every rerun


def _grid(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    points = xc.simplex_grid(n)
    triangles = xc.grid_triangles(n)
    return points, triangles, points[triangles].mean(axis=1)


@st.cache_data(max_entries=256, show_spinner=False)
def _surface(p: tuple[float, ...], measure: str, unit: str, n: int) -> dict:
    """The landscape of ``measure`` for this p: computed once per p, never during a drag.

    ``values`` (M,) at the grid points, ``cells`` (n²,) at the cells' centres (a cell
    whose centre is infinite is drawn as ∞), the ``contours`` (level, label, segments),
    ``infinite_edges``, ``dots`` (finite points in infinite cells) and the colour
    scale's ``cap``.
    """
    points, triangles, centres = _grid(n)
    base = 2 if unit == "bits" else None
    values = xc.landscape(p, points, measure, base=base)
    cap, levels = charts.landscape_scale(measure, unit)
    contours = [
        (level, f"{level:g}", xc.contour_segments(points, values, triangles, level))
        for level in levels
    ]
    return {
        "values": values,
        "cells": xc.landscape(p, centres, measure, base=base),
        "contours": contours,
        "infinite_edges": xc.infinite_edges(points, values).tolist(),
        "dots": xc.isolated_finite_points(values, triangles),
        "cap": cap,
    }


@st.cache_data(max_entries=256, show_spinner=False)
def _bands(p: tuple[float, ...], measure: str, unit: str, n: int) -> list[np.ndarray]:
    """Filled contours for the plotly ternaries (the widget paints pixels instead).

    Cells whose centre is finite are filled; an infinite corner counts as the top of the
    colour scale, which it would reach inside the cell anyway.
    """
    points, triangles, _ = _grid(n)
    surface = _surface(p, measure, unit, n)
    cap = surface["cap"]
    finite = np.isfinite(surface["cells"])
    shown = np.minimum(surface["values"], cap)
    return xc.contour_bands(points, shown, triangles[finite], charts.landscape_band_edges(cap))


@st.cache_data(max_entries=256, show_spinner=False)
def widget_landscape(p: tuple[float, ...], measure: str, unit: str) -> Landscape:
    surface = _surface(p, measure, unit, GRID_N)
    points = xc.simplex_grid(GRID_N)
    dots = surface["dots"]
    return landscape_data(
        key=f"{measure}|{unit}|{p}",
        n=GRID_N,
        values=surface["values"],
        cells=surface["cells"],
        dots=np.column_stack([points[dots, :2], surface["values"][dots]]),
        cap=surface["cap"],
        colors=charts.LANDSCAPE_COLORS,
        contours=surface["contours"],
        infinite_edges=surface["infinite_edges"],
        unit=unit,
    )


def ternary_figure(p: tuple, q: list[float], names: list[str], measure: str, unit: str):
    surface = _surface(p, measure, unit, FIGURE_N)
    points, triangles, _ = _grid(FIGURE_N)
    return charts.simplex_figure(
        points,
        triangles,
        surface["values"],
        ~np.isfinite(surface["cells"]),
        surface["dots"],
        _bands(p, measure, unit, FIGURE_N),
        cap=surface["cap"],
        contours=surface["contours"],
        infinite_edges=surface["infinite_edges"],
        q=q,
        p=list(p),
        names=names,
        measure=measure,
        unit=unit,
    )
