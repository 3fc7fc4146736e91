"""The simplex grid and its landscapes against direct core calls, SciPy and hand-checked values."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from scipy.spatial.distance import jensenshannon

from tests.core.strategies import PROPERTY_SETTINGS, distributions
from xent_core import (
    LANDSCAPES,
    code_lengths,
    contour_bands,
    contour_segments,
    cross_entropy,
    entropy,
    from_cartesian,
    grid_triangles,
    infinite_edges,
    isolated_finite_points,
    js_distance,
    js_divergence,
    kl_divergence,
    landscape,
    message_length,
    sample_message,
    simplex_grid,
    to_cartesian,
    uncovered_classes,
)

pytestmark = pytest.mark.filterwarnings("error")

LN2 = math.log(2)
SOFT = np.array([0.5, 0.3, 0.2])
HALF = np.array([0.5, 0.5, 0.0])  # the truth is A or B, never C
ONE_HOT_A = np.array([1.0, 0.0, 0.0])
DIRECT = {
    "cross_entropy": lambda p, q: cross_entropy(p, q),
    "kl_divergence": lambda p, q: kl_divergence(p, q),
    "reverse_kl_divergence": lambda p, q: kl_divergence(q, p),
    "js_divergence": lambda p, q: js_divergence(p, q),
}
three_class = distributions((3,))


def area(tri_xy: np.ndarray) -> np.ndarray:
    a, b, c = tri_xy[:, 0], tri_xy[:, 1], tri_xy[:, 2]
    return 0.5 * np.abs((b - a)[:, 0] * (c - a)[:, 1] - (b - a)[:, 1] * (c - a)[:, 0])


# --- the grid -------------------------------------------------------------------------------


@pytest.mark.parametrize("n", [1, 2, 7, 60])
def test_grid_covers_the_lattice_once(n):
    grid = simplex_grid(n)
    assert grid.shape == ((n + 1) * (n + 2) // 2, 3)
    np.testing.assert_allclose(grid.sum(axis=1), 1.0, atol=1e-15)
    assert grid.min() == 0.0 and grid.max() == 1.0
    lattice = np.rint(grid * n).astype(int)
    assert len({tuple(row) for row in lattice}) == len(grid)  # no duplicates
    np.testing.assert_array_equal(lattice.sum(axis=1), n)
    for corner in np.eye(3):
        assert (grid == corner).all(axis=1).sum() == 1


def test_grid_row_formula():
    n = 9
    grid = simplex_grid(n)
    for i in range(n + 1):
        for j in range(n + 1 - i):
            row = i * (n + 1) - i * (i - 1) // 2 + j
            np.testing.assert_allclose(grid[row], [i / n, j / n, (n - i - j) / n])


@pytest.mark.parametrize("n", [1, 2, 5, 48])
def test_triangles_tile_the_simplex(n):
    grid = simplex_grid(n)
    tri = grid_triangles(n)
    assert tri.shape == (n * n, 3)
    assert tri.min() == 0 and tri.max() == len(grid) - 1
    areas = area(to_cartesian(grid)[tri])
    # Every small triangle has 1/n² of the whole (√3/4 for side 1), and together they fill it.
    np.testing.assert_allclose(areas, math.sqrt(3) / 4 / n**2, rtol=1e-9)
    # Each edge of a small triangle joins lattice neighbours: one step of 1/n.
    lattice = np.rint(grid * n).astype(int)[tri]
    for a, b in ((0, 1), (1, 2), (2, 0)):
        assert np.all(np.abs(lattice[:, a] - lattice[:, b]).sum(axis=1) == 2)
    # No triangle twice.
    assert len({tuple(sorted(t)) for t in tri.tolist()}) == n * n


def test_grid_rejects_bad_resolution():
    for bad in (0, -3, 2.5, True, "10"):
        with pytest.raises(ValueError, match=r"^n must be a positive integer, got "):
            simplex_grid(bad)
    with pytest.raises(ValueError, match=r"^n must be a positive integer, got 0$"):
        grid_triangles(0)


# --- cartesian coordinates ------------------------------------------------------------------


def test_corners_and_centroid():
    np.testing.assert_allclose(to_cartesian(np.eye(3)), [[0.5, math.sqrt(3) / 2], [0, 0], [1, 0]])
    np.testing.assert_allclose(to_cartesian([1 / 3] * 3), [0.5, math.sqrt(3) / 6])
    # A point beyond the bottom edge has a negative A coordinate.
    assert from_cartesian([0.5, -0.1])[0] < 0


@settings(**PROPERTY_SETTINGS)
@given(q=distributions((5, 3)))
def test_cartesian_round_trip(q):
    np.testing.assert_allclose(from_cartesian(to_cartesian(q)), q, atol=1e-12)
    # Equal side lengths: the map preserves distances up to the factor 1/√2.
    xy = to_cartesian(q)
    d_xy = np.linalg.norm(xy[0] - xy[1])
    assert d_xy == pytest.approx(np.linalg.norm(q[0] - q[1]) / math.sqrt(2), abs=1e-12)


def test_coordinate_shapes_are_checked():
    with pytest.raises(ValueError, match=r"^points must have 3 coordinates on the last axis"):
        to_cartesian([0.5, 0.5])
    with pytest.raises(ValueError, match=r"^xy must have 2 coordinates on the last axis"):
        from_cartesian([0.2, 0.3, 0.5])


# --- landscapes equal the core called directly ------------------------------------------------


@pytest.mark.parametrize("measure", LANDSCAPES)
@pytest.mark.parametrize("p", [SOFT, HALF, ONE_HOT_A], ids=["soft", "half", "one-hot"])
def test_landscape_equals_direct_calls_at_sample_points(measure, p):
    grid = simplex_grid(24)
    values = landscape(p, grid, measure)
    assert values.shape == (len(grid),)
    rng = np.random.default_rng(6)
    for row in [0, len(grid) - 1, *rng.integers(0, len(grid), 25)]:
        expected = DIRECT[measure](p, grid[row])
        assert values[row] == expected or math.isclose(values[row], expected, rel_tol=1e-12)


@pytest.mark.parametrize("measure", LANDSCAPES)
def test_landscape_in_bits(measure):
    grid = simplex_grid(10)
    np.testing.assert_allclose(
        landscape(SOFT, grid, measure, base=2), landscape(SOFT, grid, measure) / LN2
    )


def test_landscapes_against_scipy():
    grid = simplex_grid(30)
    positive = grid[(grid > 0).all(axis=1)]
    # scipy.stats.entropy(p, q) is KL(p‖q); with q first it is the reverse divergence.
    truth = np.broadcast_to(SOFT, positive.shape)
    np.testing.assert_allclose(
        landscape(SOFT, positive, "kl_divergence"), stats.entropy(truth, positive, axis=1)
    )
    np.testing.assert_allclose(
        landscape(SOFT, positive, "reverse_kl_divergence"), stats.entropy(positive, truth, axis=1)
    )
    # scipy's jensenshannon is the distance: the square root of the JS divergence.
    np.testing.assert_allclose(
        np.sqrt(landscape(SOFT, grid, "js_divergence")),
        jensenshannon(np.broadcast_to(SOFT, grid.shape), grid, axis=1),
        atol=1e-12,
    )


@pytest.mark.parametrize("base", [None, 2])
def test_js_distance_is_scipys_jensenshannon(base):
    rng = np.random.default_rng(11)
    p = rng.dirichlet([1, 1, 1], size=20)
    q = rng.dirichlet([0.3, 0.3, 0.3], size=20)
    q[:5, 0] = 0  # some zeros too
    q[:5] /= q[:5].sum(axis=1, keepdims=True)
    np.testing.assert_allclose(
        js_distance(p, q, base=base), jensenshannon(p, q, axis=1, base=base), atol=1e-12
    )
    # Not to be confused: scipy's number squared is the divergence.
    np.testing.assert_allclose(
        jensenshannon(p, q, axis=1, base=base) ** 2, js_divergence(p, q, base=base), atol=1e-12
    )


def test_landscape_rejects_bad_input():
    grid = simplex_grid(4)
    with pytest.raises(ValueError, match=r"^measure must be one of cross_entropy, kl_divergence, "):
        landscape(SOFT, grid, "mse")
    with pytest.raises(ValueError, match=r"^p must sum to 1 along axis -1"):
        landscape([0.5, 0.6, 0.2], grid, "cross_entropy")
    with pytest.raises(ValueError, match=r"^p must have shape \(K,\) and q shape \(M, K\), got "):
        landscape([0.5, 0.5], grid, "cross_entropy")


# --- asymmetry and infinity -------------------------------------------------------------------


def test_forward_and_reverse_kl_differ():
    q = np.array([0.05, 0.05, 0.9])
    forward = landscape(SOFT, q[None], "kl_divergence")[0]
    reverse = landscape(SOFT, q[None], "reverse_kl_divergence")[0]
    # Hand-checked: 0.5 ln 10 + 0.3 ln 6 + 0.2 ln(2/9) = 1.3880 and
    # 0.05 ln 0.1 + 0.05 ln(1/6) + 0.9 ln 4.5 = 1.1490.
    assert forward == pytest.approx(0.5 * math.log(10) + 0.3 * math.log(6) + 0.2 * math.log(2 / 9))
    assert reverse == pytest.approx(
        0.05 * math.log(0.1) + 0.05 * math.log(1 / 6) + 0.9 * math.log(4.5)
    )
    assert forward == pytest.approx(1.3880, abs=1e-4) and reverse == pytest.approx(1.1490, abs=1e-4)
    # JS is symmetric.
    assert js_divergence(SOFT, q) == pytest.approx(js_divergence(q, SOFT), abs=1e-15)


def test_infinity_cases_with_a_two_class_truth():
    grid = simplex_grid(20)
    forward = landscape(HALF, grid, "kl_divergence")
    reverse = landscape(HALF, grid, "reverse_kl_divergence")
    # Forward KL(p‖q): infinite exactly where q drops A or B, which p needs (zero-avoiding).
    np.testing.assert_array_equal(np.isinf(forward), (grid[:, 0] == 0) | (grid[:, 1] == 0))
    # Reverse KL(q‖p): infinite wherever q gives C anything (zero-forcing): only the
    # edge between A and B is finite.
    np.testing.assert_array_equal(np.isinf(reverse), grid[:, 2] > 0)
    # The corner A: forward ∞ (q dropped B), reverse ln 2 (q picked one of p's two modes).
    corner = (grid == [1, 0, 0]).all(axis=1)
    assert np.isinf(forward[corner]).all()
    assert reverse[corner][0] == pytest.approx(LN2)
    # The centre of the triangle: forward ln 1.5 (q covers both modes), reverse ∞.
    centre = np.array([[1 / 3, 1 / 3, 1 / 3]])
    assert landscape(HALF, centre, "kl_divergence")[0] == pytest.approx(math.log(1.5))
    assert np.isinf(landscape(HALF, centre, "reverse_kl_divergence")[0])
    # JS stays finite everywhere, and reaches ln 2 only for disjoint supports (q at C).
    js = landscape(HALF, grid, "js_divergence")
    assert np.isfinite(js).all() and js.max() == pytest.approx(LN2)
    assert np.argmax(js) == np.flatnonzero((grid == [0, 0, 1]).all(axis=1))[0]


def test_one_hot_truth_reverse_kl_is_finite_only_at_its_corner():
    grid = simplex_grid(12)
    reverse = landscape(ONE_HOT_A, grid, "reverse_kl_divergence")
    finite = np.isfinite(reverse)
    assert finite.sum() == 1 and (grid[finite] == [1, 0, 0]).all()
    assert reverse[finite][0] == 0.0


def test_uncovered_classes():
    assert uncovered_classes(HALF, [1.0, 0.0, 0.0]).tolist() == [False, True, False]
    assert uncovered_classes([1.0, 0.0, 0.0], HALF).tolist() == [False, False, False]
    assert uncovered_classes(SOFT, SOFT).tolist() == [False, False, False]
    with pytest.raises(ValueError, match=r"^p and q must have the same shape, got \(3,\) and"):
        uncovered_classes(SOFT, [0.5, 0.5])


@settings(**PROPERTY_SETTINGS)
@given(p=three_class)
def test_infinite_exactly_where_a_class_is_uncovered(p):
    grid = simplex_grid(8)
    truth = np.broadcast_to(p, grid.shape)
    np.testing.assert_array_equal(
        np.isinf(landscape(p, grid, "kl_divergence")), uncovered_classes(truth, grid).any(axis=1)
    )
    np.testing.assert_array_equal(
        np.isinf(landscape(p, grid, "reverse_kl_divergence")),
        uncovered_classes(grid, truth).any(axis=1),
    )


# --- properties over the whole grid -----------------------------------------------------------


@settings(**PROPERTY_SETTINGS)
@given(p=three_class)
def test_landscape_identities(p):
    grid = simplex_grid(10)
    ce = landscape(p, grid, "cross_entropy")
    kl = landscape(p, grid, "kl_divergence")
    reverse = landscape(p, grid, "reverse_kl_divergence")
    js = landscape(p, grid, "js_divergence")
    finite = np.isfinite(kl)
    np.testing.assert_allclose(ce[finite], entropy(p) + kl[finite], atol=1e-12)
    np.testing.assert_array_equal(np.isinf(ce), np.isinf(kl))
    assert (kl >= 0).all() and (reverse >= 0).all()
    assert (js >= 0).all() and (js <= LN2 + 1e-12).all()
    # Gibbs: no prediction beats the truth itself.
    assert ce.min() >= entropy(p) - 1e-12


@settings(**PROPERTY_SETTINGS)
@given(i=st.integers(0, 12), j=st.integers(0, 12))
def test_every_divergence_is_zero_only_at_p(i, j):
    n = 12
    if i + j > n:
        i, j = n - i, n - j
    grid = simplex_grid(n)
    row = i * (n + 1) - i * (i - 1) // 2 + j
    p = grid[row]
    for measure in ("kl_divergence", "reverse_kl_divergence", "js_divergence"):
        values = landscape(p, grid, measure)
        assert values[row] == 0.0
        others = np.delete(values, row)
        assert (others > 0).all(), measure


# --- contours -------------------------------------------------------------------------------


def test_contours_of_a_linear_function_lie_on_the_level():
    n = 16
    grid = simplex_grid(n)
    weights = np.array([0.3, 1.7, -0.4])
    values = grid @ weights  # linear: interpolation along each edge is exact
    segments = contour_segments(grid, values, grid_triangles(n), 0.5)
    assert len(segments) > 0
    np.testing.assert_allclose(segments @ weights, 0.5, atol=1e-12)
    np.testing.assert_allclose(segments.sum(axis=-1), 1.0, atol=1e-12)  # still on the simplex


def test_cross_entropy_contours_of_a_one_hot_truth_are_level_lines():
    n = 40
    grid = simplex_grid(n)
    values = landscape(ONE_HOT_A, grid, "cross_entropy")  # −ln q_A, ∞ on the edge q_A = 0
    for level in (0.25, 1.0, 2.5):
        segments = contour_segments(grid, values, grid_triangles(n), level)
        q_a = segments[..., 0]
        # −ln q_A = level is the line q_A = e^−level; linear interpolation between grid rows
        # 1/n apart misses it by less than one row.
        assert np.abs(q_a - math.exp(-level)).max() < 1 / n
        # The segments span the triangle from the AB edge to the AC edge.
        assert segments[..., 1].min() == 0 and segments[..., 2].min() == 0
    # Above every finite value there is nothing to draw (cells touching ∞ are skipped).
    assert contour_segments(grid, values, grid_triangles(n), 50.0).shape == (0, 2, 3)


def test_contours_reject_bad_input():
    grid = simplex_grid(2)
    tri = grid_triangles(2)
    with pytest.raises(ValueError, match=r"^points must have shape \(M, D\) and values shape"):
        contour_segments(grid, [0.0, 1.0], tri, 0.5)
    with pytest.raises(ValueError, match=r"^triangles must be integer indices of shape \(T, 3\)"):
        contour_segments(grid, np.zeros(len(grid)), tri.astype(float), 0.5)
    with pytest.raises(ValueError, match=r"^level contains NaN or infinite values$"):
        contour_segments(grid, np.zeros(len(grid)), tri, math.inf)


def polygon_area(polygons: np.ndarray) -> np.ndarray:
    """Shoelace areas of (padded) polygons given in barycentric coordinates."""
    xy = to_cartesian(polygons)
    x, y = xy[..., 0], xy[..., 1]
    return 0.5 * np.abs((x * np.roll(y, -1, axis=1) - np.roll(x, -1, axis=1) * y).sum(axis=1))


def interpolate(points, values, triangles, at):
    """The piecewise-linear landscape at barycentric points ``at`` (for checking bands)."""
    out = np.empty(len(at))
    corners = points[triangles]  # (T, 3, 3)
    for k, v in enumerate(at):
        # Barycentric weights of v in each cell; the cell containing v has all >= 0.
        target = np.broadcast_to(v, (len(corners), 3))[..., None]
        weights = np.linalg.solve(np.swapaxes(corners, 1, 2), target)[..., 0]
        cell = np.argmax(weights.min(axis=1))
        out[k] = weights[cell] @ values[triangles[cell]]
    return out


def test_bands_of_a_linear_landscape_have_exact_areas():
    n = 8
    grid, tri = simplex_grid(n), grid_triangles(n)
    # q_A: the region q_A < t is the trapezoid below a horizontal line, area (1 - (1 - t)²)·A.
    whole = math.sqrt(3) / 4
    bands = contour_bands(grid, grid[:, 0], tri, [0.0, 0.3, 0.55, 1.0])
    areas = [polygon_area(b).sum() for b in bands]
    np.testing.assert_allclose(areas[0], whole * (1 - 0.7**2), rtol=1e-12)
    np.testing.assert_allclose(areas[1], whole * (0.7**2 - 0.45**2), rtol=1e-12)
    np.testing.assert_allclose(sum(areas), whole, rtol=1e-12)
    for band, (lo, hi) in zip(bands, [(0.0, 0.3), (0.3, 0.55), (0.55, 1.0)], strict=True):
        assert band.shape[1:] in {(3, 3), (4, 3), (5, 3)}
        assert band[..., 0].min() >= lo - 1e-12 and band[..., 0].max() <= hi + 1e-12


@pytest.mark.parametrize(
    ("measure", "levels"),
    [
        ("kl_divergence", [0.0, 0.05, 0.2, 0.5, math.inf]),
        ("js_divergence", [0.0, 0.02, 0.1, 0.25, math.inf]),
    ],
)
def test_bands_tile_the_finite_cells_and_hold_their_values(measure, levels):
    n = 10
    grid, tri = simplex_grid(n), grid_triangles(n)
    values = landscape(SOFT, grid, measure)
    finite = np.isfinite(values[tri]).all(axis=1)
    bands = contour_bands(grid, values, tri, levels)
    total = sum(polygon_area(b).sum() for b in bands)
    np.testing.assert_allclose(total, finite.sum() * math.sqrt(3) / 4 / n**2, rtol=1e-9)
    for band, lo, hi in zip(bands, levels[:-1], levels[1:], strict=True):
        assert len(band) > 0
        centres = band.mean(axis=1)  # inside each convex piece
        inside = interpolate(grid, values, tri[finite], centres[:40])
        assert ((inside >= lo - 1e-9) & (inside <= hi + 1e-9)).all()


def test_bands_reject_bad_levels():
    grid, tri = simplex_grid(2), grid_triangles(2)
    with pytest.raises(ValueError, match=r"^levels must be at least two increasing numbers$"):
        contour_bands(grid, grid[:, 0], tri, [0.5, 0.2])
    with pytest.raises(ValueError, match=r"^levels must be at least two increasing numbers$"):
        contour_bands(grid, grid[:, 0], tri, [0.5])


def test_infinite_edges_and_isolated_points():
    grid, tri = simplex_grid(6), grid_triangles(6)
    forward = landscape(HALF, grid, "kl_divergence")
    reverse = landscape(HALF, grid, "reverse_kl_divergence")
    # Forward: ∞ along q_A = 0 and q_B = 0 (p needs A and B); finite along q_C = 0.
    assert infinite_edges(grid, forward).tolist() == [True, True, False]
    # Reverse: ∞ inside the edges that give C something (B–C and A–C), finite along A–B.
    assert infinite_edges(grid, reverse).tolist() == [True, True, False]
    assert infinite_edges(grid, landscape(HALF, grid, "js_divergence")).tolist() == [False] * 3
    # Reverse KL is finite only on the edge A–B, where every cell around is infinite:
    # exactly those 7 grid points are drawn as dots.
    dots = isolated_finite_points(reverse, tri)
    np.testing.assert_array_equal(dots, grid[:, 2] == 0)
    assert not isolated_finite_points(forward, tri).any()
    with pytest.raises(ValueError, match=r"^points must include inner points of every edge"):
        infinite_edges(simplex_grid(1), np.zeros(3))


# --- code lengths -----------------------------------------------------------------------------


def test_code_lengths_and_the_extra_bits():
    p, q = np.array([0.5, 0.25, 0.25]), np.array([0.25, 0.25, 0.5])
    np.testing.assert_allclose(code_lengths(q), [2.0, 2.0, 1.0])
    np.testing.assert_allclose(code_lengths(p, base=None), -np.log(p))
    # Expected length with q's code = H(p, q); with p's own code = H(p); the gap = KL.
    with_q = float(p @ code_lengths(q))
    with_p = float(p @ code_lengths(p))
    assert with_q == pytest.approx(cross_entropy(p, q, base=2)) == pytest.approx(1.75)
    assert with_p == pytest.approx(entropy(p, base=2)) == pytest.approx(1.5)
    assert with_q - with_p == pytest.approx(kl_divergence(p, q, base=2))
    assert code_lengths([0.0, 1.0]).tolist() == [math.inf, 0.0]


def test_sample_message_is_reproducible_and_follows_p():
    p = np.array([0.6, 0.3, 0.1])
    a = sample_message(p, 30_000, seed=3)
    assert a.shape == (30_000,) and a.dtype == np.intp
    np.testing.assert_array_equal(a, sample_message(p, 30_000, seed=3))
    assert not np.array_equal(a[:50], sample_message(p, 50, seed=4))
    # Fixed seed: the frequencies are within 0.01 of p (3σ for 30 000 draws is ≈ 0.008).
    np.testing.assert_allclose(np.bincount(a, minlength=3) / a.size, p, atol=0.01)
    assert set(sample_message(HALF, 500, seed=1).tolist()) == {0, 1}
    assert sample_message(p, 0, seed=1).shape == (0,)


def test_message_length_per_symbol_tends_to_the_cross_entropy():
    p, q = np.array([0.6, 0.3, 0.1]), np.array([0.2, 0.3, 0.5])
    message = sample_message(p, 40_000, seed=9)
    per_symbol = message_length(message, q) / message.size
    assert per_symbol == pytest.approx(cross_entropy(p, q, base=2), abs=0.02)
    assert message_length([0, 1, 1], q) == pytest.approx(-math.log2(0.2) - 2 * math.log2(0.3))
    assert message_length([], q) == 0.0
    assert message_length([2, 0], [0.5, 0.5, 0.0]) == math.inf


def test_message_helpers_reject_bad_input():
    with pytest.raises(ValueError, match=r"^length must be a non-negative integer, got -1$"):
        sample_message(SOFT, -1, seed=0)
    with pytest.raises(ValueError, match=r"^p must be a single distribution of shape \(K,\)"):
        sample_message([SOFT, SOFT], 3, seed=0)
    with pytest.raises(ValueError, match=r"^message class indices must lie in \[0, 2\]$"):
        message_length([0, 3], SOFT)
    with pytest.raises(ValueError, match=r"^message must be a 1-D array of integer class indices$"):
        message_length([0.5], SOFT)
