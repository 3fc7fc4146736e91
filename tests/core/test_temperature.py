"""Temperature: softmax swept over temperatures, against ``scipy.special.softmax(z / T)``."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import special, stats

from tests.core.strategies import PROPERTY_SETTINGS, logits
from xent_core import one_hot, softmax, softmax_by_temperature, temperature_grid

pytestmark = pytest.mark.filterwarnings("error")

class_counts = st.integers(min_value=2, max_value=10)


def exact(message: str) -> str:
    return "^" + re.escape(message) + "$"


# --- softmax_by_temperature and temperature_grid --------------------------------------


def test_sweep_hand_checked():
    # T = 1: softmax([2, 0]) = [1/(1+e^-2), e^-2/(1+e^-2)] = [0.8808, 0.1192];
    # T = 2: softmax([1, 0]) = [0.7311, 0.2689].
    q = softmax_by_temperature([2.0, 0.0], [1.0, 2.0])
    e2, e1 = math.exp(-2), math.exp(-1)
    expected = [[1 / (1 + e2), e2 / (1 + e2)], [1 / (1 + e1), e1 / (1 + e1)]]
    np.testing.assert_allclose(q, expected, rtol=4e-16)


@settings(**PROPERTY_SETTINGS)
@given(
    st.data(),
    class_counts,
    st.lists(st.floats(min_value=0.05, max_value=50.0), min_size=1, max_size=8),
)
def test_sweep_matches_scipy(data, k, ts):
    z = data.draw(logits((k,), bound=10.0))
    q = softmax_by_temperature(z, ts)
    assert q.shape == (len(ts), k) and q.dtype == np.float64
    expected = np.stack([special.softmax(z / t) for t in ts])
    np.testing.assert_allclose(q, expected, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(q.sum(axis=-1), 1.0, rtol=1e-14)
    # Row by row it is softmax(z, temperature=T).
    for row, t in zip(q, ts, strict=True):
        np.testing.assert_allclose(row, softmax(z, temperature=t), rtol=1e-12, atol=1e-300)


@settings(**PROPERTY_SETTINGS)
@given(st.data(), class_counts, st.floats(min_value=-100.0, max_value=100.0))
def test_sweep_is_shift_invariant(data, k, shift):
    z = data.draw(logits((k,), bound=10.0))
    ts = temperature_grid(9, low=0.05, high=50.0)
    np.testing.assert_allclose(
        softmax_by_temperature(z + shift, ts), softmax_by_temperature(z, ts), rtol=1e-9, atol=1e-12
    )


@settings(**PROPERTY_SETTINGS)
@given(st.data(), class_counts)
def test_small_temperature_approaches_the_argmax(data, k):
    z = data.draw(logits((k,), bound=10.0))
    top2 = np.sort(z)[-2:]
    assume(top2[1] - top2[0] > 1e-3)  # a distinct maximum
    # gap / T > 1e-3 / 1e-6 = 1000 nats, and e^-1000 = 0 exactly in float64.
    q = softmax_by_temperature(z, [1e-6, 1e-3, 1.0])
    np.testing.assert_array_equal(q[0], one_hot(int(np.argmax(z)), k))
    # The arg-max probability grows as T falls.
    assert q[0, np.argmax(z)] >= q[1, np.argmax(z)] >= q[2, np.argmax(z)]


@settings(**PROPERTY_SETTINGS)
@given(st.data(), class_counts)
def test_large_temperature_approaches_uniform(data, k):
    z = data.draw(logits((k,), bound=10.0))
    # |z_i - z_j| / T <= 20 / 1e12: every q_i is 1/K to within about 2e-11 / K.
    q = softmax_by_temperature(z, [1e12, 1e3])
    np.testing.assert_allclose(q[0], np.full(k, 1 / k), rtol=1e-10)
    # Entropy never falls as T rises; ln K is its ceiling.
    h = stats.entropy(softmax_by_temperature(z, temperature_grid(30)), axis=-1)
    assert np.all(np.diff(h) >= -1e-12)
    assert np.all(h <= math.log(k) + 1e-12)


def test_sweep_survives_a_tiny_positive_temperature():
    # T = 1e-320 is positive and finite, as the docstring asks; the limit is one-hot.
    q = softmax_by_temperature([1.0, 0.0], [1e-320])
    assert q.tolist() == [[1.0, 0.0]]


@pytest.mark.parametrize(
    ("z", "ts", "message"),
    [
        pytest.param(
            [1.0, 0.0],
            [1.0, 0.0],
            "temperatures must be a 1-D array of positive, finite numbers",
            id="t-zero",
        ),
        pytest.param(
            [1.0, 0.0],
            [-1.0],
            "temperatures must be a 1-D array of positive, finite numbers",
            id="t-negative",
        ),
        pytest.param(
            [1.0, 0.0],
            [np.inf],
            "temperatures must be a 1-D array of positive, finite numbers",
            id="t-inf",
        ),
        pytest.param(
            [1.0, 0.0],
            [np.nan],
            "temperatures must be a 1-D array of positive, finite numbers",
            id="t-nan",
        ),
        pytest.param(
            [1.0, 0.0],
            1.0,
            "temperatures must be a 1-D array of positive, finite numbers",
            id="t-scalar",
        ),
        pytest.param(
            [1.0, 0.0],
            [[1.0]],
            "temperatures must be a 1-D array of positive, finite numbers",
            id="t-2d",
        ),
        pytest.param([[1.0, 0.0]], [1.0], "z must be 1-D, got shape (1, 2)", id="z-2d"),
        pytest.param(1.0, [1.0], "z must be 1-D, got shape ()", id="z-scalar"),
        pytest.param([1.0, np.nan], [1.0], "z contains NaN or infinite values", id="z-nan"),
    ],
)
def test_sweep_bad_input(z, ts, message):
    with pytest.raises(ValueError, match=exact(message)):
        softmax_by_temperature(z, ts)


def test_temperature_grid():
    g = temperature_grid()
    assert g.shape == (120,)
    assert g[0] == pytest.approx(0.02, rel=1e-15) and g[-1] == pytest.approx(50.0, rel=1e-15)
    assert np.all(np.diff(g) > 0)
    # Evenly spaced on a log scale: a constant ratio (50 / 0.02)^(1/119).
    np.testing.assert_allclose(g[1:] / g[:-1], (50 / 0.02) ** (1 / 119), rtol=1e-12)
    np.testing.assert_allclose(temperature_grid(3, low=0.1, high=10.0), [0.1, 1.0, 10.0])
    assert temperature_grid(1, low=0.5, high=2.0).tolist() == [0.5]


@pytest.mark.parametrize(
    ("low", "high"),
    [(0.0, 50.0), (-1.0, 1.0), (2.0, 2.0), (5.0, 1.0), (0.1, math.inf), (math.nan, 1.0)],
)
def test_temperature_grid_bad_bounds(low, high):
    message = f"need 0 < low < high, got low={low}, high={high}"
    with pytest.raises(ValueError, match=exact(message)):
        temperature_grid(10, low=low, high=high)
