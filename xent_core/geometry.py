r"""Drawing the simplex: its small triangles, the plane, and contours cut through a landscape.

The measures live in :mod:`xent_core.simplex`; this module turns their values on the grid
into what a chart draws. :func:`grid_triangles` lists the ``n**2`` small triangles
between the points of :func:`~xent_core.simplex.simplex_grid`; :func:`to_cartesian` and
:func:`from_cartesian` map a distribution to a point of the triangle with class A at the
top, B bottom left and C bottom right (the orientation of Plotly's ternary axes ``a``,
``b``, ``c``), side 1:

.. math:: (x, y) = q_A \, (\tfrac12, \tfrac{\sqrt3}2) + q_B \, (0, 0) + q_C \, (1, 0)

:func:`contour_segments` cuts a landscape at a level (marching triangles),
:func:`contour_bands` fills the region between two levels, and :func:`infinite_edges` and
:func:`isolated_finite_points` find where a measure is infinite or finite only on a point.
"""

from __future__ import annotations

import itertools

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import as_probabilities, as_real_array, check_finite
from xent_core.simplex import _check_resolution, _lattice

__all__ = [
    "VERTICES",
    "contour_bands",
    "contour_segments",
    "from_cartesian",
    "grid_triangles",
    "infinite_edges",
    "isolated_finite_points",
    "to_cartesian",
]

#: Cartesian corners of the triangle: A top, B bottom left, C bottom right (side 1).
VERTICES = np.array([[0.5, np.sqrt(3.0) / 2.0], [0.0, 0.0], [1.0, 0.0]])


def grid_triangles(n: int) -> NDArray[np.intp]:
    """The ``n**2`` small triangles of :func:`~xent_core.simplex.simplex_grid`, as row indices.

    The ``n (n + 1) / 2`` upward triangles come first, then the ``n (n - 1) / 2``
    downward ones; together they tile the simplex without overlap.

    Parameters
    ----------
    n : int
        The grid's steps per edge, as passed to :func:`~xent_core.simplex.simplex_grid`.

    Returns
    -------
    ndarray of int, shape (n**2, 3)

    Examples
    --------
    >>> grid_triangles(1).tolist()
    [[0, 2, 1]]
    >>> grid_triangles(2).tolist()
    [[0, 3, 1], [1, 4, 2], [3, 5, 4], [3, 1, 4]]
    """
    n = _check_resolution(n)

    def index(i: NDArray, j: NDArray) -> NDArray[np.intp]:
        return i * (n + 1) - i * (i - 1) // 2 + j

    i, j = _lattice(n - 1)  # cells whose lower corner (i, j) has i + j <= n - 1
    up = np.stack([index(i, j), index(i + 1, j), index(i, j + 1)], axis=-1)
    down_mask = i + j <= n - 2
    i, j = i[down_mask], j[down_mask]
    down = np.stack([index(i + 1, j), index(i, j + 1), index(i + 1, j + 1)], axis=-1)
    return np.concatenate([up, down]).astype(np.intp)


def to_cartesian(points: ArrayLike) -> NDArray[np.float64]:
    r"""Barycentric coordinates (a distribution over three classes) to a point in the plane.

    .. math:: (x, y) = \sum_i q_i V_i, \quad V_A = (\tfrac12, \tfrac{\sqrt3}2),\
        V_B = (0, 0),\ V_C = (1, 0)

    Parameters
    ----------
    points : array_like, shape (..., 3)
        Barycentric coordinates; they are not required to be a distribution (points
        outside the triangle have a negative coordinate).

    Returns
    -------
    ndarray, shape (..., 2)

    Examples
    --------
    >>> to_cartesian([[1, 0, 0], [0, 1, 0], [0, 0, 1]]).round(4).tolist()
    [[0.5, 0.866], [0.0, 0.0], [1.0, 0.0]]
    >>> to_cartesian([1 / 3, 1 / 3, 1 / 3]).round(4).tolist()  # the centroid
    [0.5, 0.2887]
    """
    arr = as_real_array(points, "points").astype(np.float64)
    if arr.ndim == 0 or arr.shape[-1] != 3:
        raise ValueError(f"points must have 3 coordinates on the last axis, got shape {arr.shape}")
    return arr @ VERTICES


def from_cartesian(xy: ArrayLike) -> NDArray[np.float64]:
    r"""A point in the plane to its barycentric coordinates (the inverse of :func:`to_cartesian`).

    .. math:: q_A = \frac{2y}{\sqrt3}, \quad q_C = x - \frac{q_A}2, \quad q_B = 1 - q_A - q_C

    Parameters
    ----------
    xy : array_like, shape (..., 2)

    Returns
    -------
    ndarray, shape (..., 3)
        Coordinates summing to 1; all in [0, 1] exactly when the point lies in the triangle.

    Examples
    --------
    >>> from_cartesian([0.5, 0.0]).tolist()  # the middle of the bottom edge, between B and C
    [0.0, 0.5, 0.5]
    >>> q = [0.7, 0.2, 0.1]
    >>> bool(np.allclose(from_cartesian(to_cartesian(q)), q))
    True
    """
    arr = as_real_array(xy, "xy").astype(np.float64)
    if arr.ndim == 0 or arr.shape[-1] != 2:
        raise ValueError(f"xy must have 2 coordinates on the last axis, got shape {arr.shape}")
    x, y = arr[..., 0], arr[..., 1]
    a = 2.0 * y / np.sqrt(3.0)
    c = x - a / 2.0
    return np.stack([a, 1.0 - a - c, c], axis=-1)


def contour_segments(
    points: ArrayLike, values: ArrayLike, triangles: ArrayLike, level: float
) -> NDArray[np.float64]:
    """Where a landscape crosses ``level``: one straight segment per small triangle it cuts.

    Marching triangles: along each edge of a triangle whose corners lie on both sides
    of the level, the crossing is found by linear interpolation. A corner counts as
    above when its value is ``>= level``. Triangles with a non-finite corner are skipped,
    so a contour stops one cell short of an edge where the measure is infinite.

    Parameters
    ----------
    points : array_like, shape (M, D)
        The grid points (barycentric, ``D = 3``, or cartesian, ``D = 2``).
    values : array_like, shape (M,)
        The landscape at each point.
    triangles : array_like of int, shape (T, 3)
        Row indices into ``points`` (for example :func:`grid_triangles`).
    level : float
        A finite level.

    Returns
    -------
    ndarray, shape (S, 2, D)
        The two ends of each segment.

    Examples
    --------
    On one triangle with corner values 0, 1 and 2, the level 0.5 cuts the two edges
    that leave the corner with value 0, half-way along each:

    >>> corners = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    >>> contour_segments(corners, [0, 1, 2], [[0, 1, 2]], 0.5).tolist()
    [[[0.5, 0.5, 0.0], [0.75, 0.0, 0.25]]]
    """
    pts = as_real_array(points, "points").astype(np.float64)
    vals = as_real_array(values, "values").astype(np.float64)
    tri = np.asarray(triangles)
    if pts.ndim != 2 or vals.shape != (pts.shape[0],):
        raise ValueError(
            f"points must have shape (M, D) and values shape (M,), got {pts.shape} and {vals.shape}"
        )
    if tri.ndim != 2 or tri.shape[1] != 3 or tri.dtype.kind not in "iu":
        raise ValueError(f"triangles must be integer indices of shape (T, 3), got {tri.shape}")
    level_arr = np.float64(level)
    check_finite(level_arr, "level")

    v = vals[tri]  # (T, 3)
    tri = tri[np.all(np.isfinite(v), axis=1)]
    v = vals[tri]
    above = v >= level_arr
    # Edges 0-1, 1-2 and 2-0 of every triangle.
    start, end = np.array([0, 1, 2]), np.array([1, 2, 0])
    crosses = above[:, start] != above[:, end]  # (T, 3)
    cut = crosses.sum(axis=1) == 2  # 0 or 2 edges cross; 2 means the level passes through
    v0, v1 = v[cut][:, start], v[cut][:, end]
    p0, p1 = pts[tri[cut][:, start]], pts[tri[cut][:, end]]  # (S, 3 edges, D)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(crosses[cut], (level_arr - v0) / (v1 - v0), 0.0)
    ends = p0 + t[..., None] * (p1 - p0)
    # The two crossing edges of each cut triangle, in edge order.
    which = np.argsort(~crosses[cut], axis=1, kind="stable")[:, :2]
    return np.take_along_axis(ends, which[..., None], axis=1)


def _clip(
    poly: NDArray, vals: NDArray, bound: float, *, keep_above: bool
) -> tuple[NDArray, NDArray, NDArray]:
    """Clip convex polygons (N, V, D), with a linear function's values (N, V) at their
    vertices, to ``vals >= bound`` (or ``<= bound``): one Sutherland-Hodgman step for all.

    Repeated vertices are allowed (they pad short polygons); the result is padded the
    same way, to the longest polygon, and polygons left with fewer than 3 vertices are
    returned with a count of 0 so the caller can drop them.
    """
    side = vals - bound if keep_above else bound - vals  # >= 0 inside
    poly_next, vals_next, side_next = (np.roll(x, -1, axis=1) for x in (poly, vals, side))
    inside = side >= 0
    crosses = inside != (side_next >= 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(crosses, side / (side - side_next), 0.0)
    cut = poly + t[..., None] * (poly_next - poly)
    cut_vals = vals + t * (vals_next - vals)
    # Each edge contributes its start vertex (if inside) and its crossing (if any).
    n, v, d = poly.shape
    cand = np.stack([poly, cut], axis=2).reshape(n, 2 * v, d)
    cand_vals = np.stack([vals, cut_vals], axis=2).reshape(n, 2 * v)
    keep = np.stack([inside, crosses], axis=2).reshape(n, 2 * v)
    # Drop a vertex equal to the previous kept one (a vertex on the bound is also a crossing).
    order = np.argsort(~keep, axis=1, kind="stable")
    cand = np.take_along_axis(cand, order[..., None], axis=1)
    cand_vals = np.take_along_axis(cand_vals, order, axis=1)
    keep = np.take_along_axis(keep, order, axis=1)
    same = np.zeros_like(keep)
    same[:, 1:] = np.all(cand[:, 1:] == cand[:, :-1], axis=-1) & keep[:, 1:]
    keep &= ~same
    order = np.argsort(~keep, axis=1, kind="stable")
    cand = np.take_along_axis(cand, order[..., None], axis=1)
    cand_vals = np.take_along_axis(cand_vals, order, axis=1)
    count = keep.sum(axis=1)
    count = np.where(count >= 3, count, 0)
    width = max(int(count.max(initial=0)), 3)
    # Pad each polygon with its last vertex.
    index = np.minimum(np.arange(width)[None, :], np.maximum(count - 1, 0)[:, None])
    return (
        np.take_along_axis(cand, index[..., None], axis=1),
        np.take_along_axis(cand_vals, index, axis=1),
        count,
    )


def contour_bands(
    points: ArrayLike, values: ArrayLike, triangles: ArrayLike, levels: ArrayLike
) -> list[NDArray[np.float64]]:
    r"""Filled contours: the parts of the cells where the landscape lies between two levels.

    Inside each small triangle the landscape is interpolated linearly from its corners
    (as :func:`contour_segments` assumes), so the region :math:`l_k \le f < l_{k+1}` of a
    cell is a convex polygon of at most 5 vertices. Cells with a non-finite corner are
    left out; the caller decides how to show them.

    Parameters
    ----------
    points : array_like, shape (M, D)
        The grid points (barycentric, ``D = 3``, or cartesian, ``D = 2``).
    values : array_like, shape (M,)
        The landscape at each point.
    triangles : array_like of int, shape (T, 3)
        Row indices into ``points`` (for example :func:`grid_triangles`).
    levels : array_like, shape (L,)
        Increasing band edges; the last may be ``+inf`` for an open top band.

    Returns
    -------
    list of L - 1 ndarrays, shape (N_k, V, D)
        The polygons of band k; shorter polygons repeat their last vertex up to ``V``.

    Examples
    --------
    The landscape :math:`q_A` over one cell, cut at 0.5: the band below is the
    quadrilateral between the bottom edge and the line :math:`q_A = 0.5`.

    >>> corners = [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    >>> low, high = contour_bands(corners, [1, 0, 0], [[0, 1, 2]], [0, 0.5, 1])
    >>> low.tolist()
    [[[0.5, 0.5, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0], [0.5, 0.0, 0.5]]]
    >>> high.shape
    (1, 3, 3)
    """
    pts = as_real_array(points, "points").astype(np.float64)
    vals = as_real_array(values, "values").astype(np.float64)
    tri = np.asarray(triangles)
    edges = as_real_array(levels, "levels").astype(np.float64)
    if pts.ndim != 2 or vals.shape != (pts.shape[0],):
        raise ValueError(
            f"points must have shape (M, D) and values shape (M,), got {pts.shape} and {vals.shape}"
        )
    if tri.ndim != 2 or tri.shape[1] != 3 or tri.dtype.kind not in "iu":
        raise ValueError(f"triangles must be integer indices of shape (T, 3), got {tri.shape}")
    if edges.ndim != 1 or edges.size < 2 or np.any(np.isnan(edges)) or np.any(np.diff(edges) <= 0):
        raise ValueError("levels must be at least two increasing numbers")

    tri = tri[np.all(np.isfinite(vals[tri]), axis=1)]
    poly, cell_vals = pts[tri], vals[tri]
    lowest, highest = cell_vals.min(axis=1), cell_vals.max(axis=1)
    bands = []
    for lo, hi in itertools.pairwise(edges.tolist()):
        touches = (highest >= lo) & (lowest < hi)
        inside = touches & (lowest >= lo) & (highest < hi)
        whole = poly[inside]
        part, part_vals = poly[touches & ~inside], cell_vals[touches & ~inside]
        part, part_vals, count = _clip(part, part_vals, lo, keep_above=True)
        part, part_vals = part[count > 0], part_vals[count > 0]
        if np.isfinite(hi):
            part, part_vals, count = _clip(part, part_vals, hi, keep_above=False)
            part = part[count > 0]
        width = max(whole.shape[1], part.shape[1])
        bands.append(np.concatenate([_pad(whole, width), _pad(part, width)]))
    return bands


def _pad(poly: NDArray, width: int) -> NDArray:
    """Repeat each polygon's last vertex up to ``width`` vertices."""
    extra = width - poly.shape[1]
    return np.concatenate([poly, np.repeat(poly[:, -1:], extra, axis=1)], axis=1)


def infinite_edges(points: ArrayLike, values: ArrayLike) -> NDArray[np.bool_]:
    r"""For each class i, whether a landscape is infinite all along the edge :math:`q_i = 0`.

    Only the points strictly inside each edge count (its two corners belong to the other
    edges too). For :math:`D_{KL}(p\|q)` and :math:`H(p, q)` the edge opposite class i is
    infinite exactly when :math:`p_i > 0`: a prediction there rules out a class the truth
    needs.

    Parameters
    ----------
    points : array_like, shape (M, 3)
        Grid points, for example :func:`~xent_core.simplex.simplex_grid` (``n >= 2``, so
        edges have inner points).
    values : array_like, shape (M,)
        The landscape at each point.

    Returns
    -------
    ndarray of bool, shape (3,)

    Examples
    --------
    >>> from xent_core.simplex import landscape, simplex_grid
    >>> grid = simplex_grid(4)
    >>> infinite_edges(grid, landscape([0.5, 0.5, 0.0], grid, "kl_divergence")).tolist()
    [True, True, False]
    """
    pts = as_probabilities(points, "points")
    vals = as_real_array(values, "values").astype(np.float64)
    if pts.ndim != 2 or pts.shape[1] != 3 or vals.shape != (pts.shape[0],):
        raise ValueError(
            f"points must have shape (M, 3) and values shape (M,), got {pts.shape} and {vals.shape}"
        )
    inner = (pts == 0) & (pts.max(axis=1, keepdims=True) < 1)  # (M, 3): on edge i, not a corner
    if not inner.any(axis=0).all():
        raise ValueError("points must include inner points of every edge (a grid with n >= 2)")
    infinite = ~np.isfinite(vals)[:, None]
    return np.all(infinite | ~inner, axis=0)


def isolated_finite_points(values: ArrayLike, triangles: ArrayLike) -> NDArray[np.bool_]:
    """Finite points of a landscape that lie in no cell whose corners are all finite.

    Where a measure is finite only on an edge or at a corner (the reverse KL when p
    rules a class out), every cell around is infinite and a filled drawing would hide
    those values; they are the points to draw one by one.

    Parameters
    ----------
    values : array_like, shape (M,)
        The landscape at the grid points.
    triangles : array_like of int, shape (T, 3)
        The grid's cells (:func:`grid_triangles`).

    Returns
    -------
    ndarray of bool, shape (M,)

    Examples
    --------
    >>> from xent_core.simplex import landscape, simplex_grid
    >>> grid = simplex_grid(2)
    >>> reverse = landscape([1, 0, 0], grid, "reverse_kl_divergence")
    >>> isolated_finite_points(reverse, grid_triangles(2)).tolist()  # only the corner A
    [False, False, False, False, False, True]
    """
    vals = as_real_array(values, "values").astype(np.float64)
    tri = np.asarray(triangles)
    if vals.ndim != 1 or tri.ndim != 2 or tri.shape[1] != 3 or tri.dtype.kind not in "iu":
        raise ValueError(
            f"values must have shape (M,) and triangles be integer indices of shape (T, 3), "
            f"got {vals.shape} and {tri.shape}"
        )
    finite = np.isfinite(vals)
    covered = np.zeros(vals.shape, dtype=bool)
    covered[tri[finite[tri].all(axis=1)].ravel()] = True
    return finite & ~covered
