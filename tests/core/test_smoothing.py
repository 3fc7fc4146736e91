"""Label smoothing's optimal logit gap, against independent references.

References: the closed form ln((1 - ε + ε/K) / (ε/K)) evaluated in 50-digit decimal
arithmetic, and SciPy's ``optimize.minimize_scalar`` on the smoothed loss.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, localcontext

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import optimize, special, stats

from tests.core.strategies import PROPERTY_SETTINGS
from xent_core import (
    cross_entropy_from_logits,
    one_hot,
    optimal_logit_gap,
    smooth_labels,
    softmax,
)

pytestmark = pytest.mark.filterwarnings("error")

class_counts = st.integers(min_value=2, max_value=10)
#: ε in (0, 1], kept away from subnormals so that ε/K stays a normal float.
epsilons = st.floats(min_value=1e-300, max_value=1.0)
temperatures = st.floats(min_value=1e-3, max_value=1e3)


def exact(message: str) -> str:
    return "^" + re.escape(message) + "$"


def closed_form(epsilon: float, k: int) -> float:
    """ln((1 - ε + ε/K) / (ε/K)) with 50 significant digits, then rounded to float."""
    with localcontext() as ctx:
        ctx.prec = 50
        e = Decimal(epsilon)  # exact: every float is a finite decimal
        return float(((1 - e + e / k) / (e / k)).ln())


def smoothed_loss(gap: float, epsilon: float, k: int) -> float:
    """H(y', softmax([gap, 0, ..., 0])) with y' the one-hot of class 0 smoothed by ε."""
    target = np.full(k, epsilon / k)
    target[0] += 1.0 - epsilon
    z = np.zeros(k)
    z[0] = gap
    return float(-(target * special.log_softmax(z)).sum())


# --- optimal_logit_gap ----------------------------------------------------------------


def test_hand_checked_gaps():
    # ε = 0.1, K = 3: (0.9 + 0.1/3) / (0.1/3) = 0.9333... / 0.0333... = 28, gap ln 28.
    assert optimal_logit_gap(0.1, 3) == pytest.approx(math.log(28), rel=1e-15)
    # ε = 0.5, K = 2: (0.5 + 0.25) / 0.25 = 3, gap ln 3 = 1.0986122886681098.
    assert optimal_logit_gap(0.5, 2) == pytest.approx(1.0986122886681098, rel=1e-15)
    # ε = 0.1, K = 10: (0.9 + 0.01) / 0.01 = 91, gap ln 91.
    assert optimal_logit_gap(0.1, 10) == pytest.approx(math.log(91), rel=1e-15)
    # With T = 2 the raw logits sit twice as far apart: 2 ln 28.
    assert optimal_logit_gap(0.1, 3, temperature=2.0) == pytest.approx(2 * math.log(28))


def test_edges_are_exact():
    # ε = 0: plain cross-entropy has no finite minimiser. ε = 1: the target is uniform.
    assert optimal_logit_gap(0.0, 2) == math.inf
    assert optimal_logit_gap(0.0, 7, temperature=0.5) == math.inf
    assert optimal_logit_gap(1.0, 10) == 0.0
    assert optimal_logit_gap(1.0, 3, temperature=100.0) == 0.0
    assert optimal_logit_gap([0.0, 1.0], 10).tolist() == [math.inf, 0.0]


def test_tiny_epsilon_does_not_overflow_to_inf():
    # K (1 - ε) / ε overflows float64 for these ε, yet the gap is finite:
    # ε = 2^-1074 (smallest subnormal), K = 2: ln 2 - ln 2^-1074 = 1075 ln 2 = 745.133.
    assert optimal_logit_gap(5e-324, 2) == pytest.approx(1075 * math.log(2), rel=1e-15)
    # ε = 1e-308, K = 10: ln(10 / 1e-308) = 309 ln 10 = 711.499 (the +1 is lost).
    assert optimal_logit_gap(1e-308, 10) == pytest.approx(309 * math.log(10), rel=1e-15)
    assert np.isfinite(optimal_logit_gap(np.array([5e-324, 1e-310, 1e-308]), 10)).all()


def test_gap_near_epsilon_one_is_accurate():
    # ε = 1 - δ: gap = log1p(K δ / (1 - δ)) ≈ K δ; the naive log of the ratio would lose
    # every digit for δ = 1e-12 (1 + 3e-12 is stored to 4 digits only).
    delta = 2.0**-40
    eps = 1.0 - delta  # exact in float64
    expected = math.log1p(3 * delta / eps)
    assert optimal_logit_gap(eps, 3) == pytest.approx(expected, rel=1e-15)
    assert optimal_logit_gap(eps, 3) == pytest.approx(closed_form(eps, 3), rel=1e-15)


def test_shape_follows_epsilon():
    eps = np.array([[0.0, 0.1, 0.5], [0.9, 0.99, 1.0]])
    gap = optimal_logit_gap(eps, 4)
    assert gap.shape == (2, 3) and gap.dtype == np.float64
    np.testing.assert_allclose(
        gap.ravel(), [closed_form(e, 4) if e else math.inf for e in eps.ravel()], rtol=1e-14
    )
    assert isinstance(optimal_logit_gap(0.2, 3), np.float64)
    # Integer k of any integral type, and integer epsilon (0 or 1).
    assert optimal_logit_gap(1, np.int64(5)) == 0.0


@settings(**PROPERTY_SETTINGS)
@given(epsilons, class_counts)
def test_gap_equals_the_closed_form(epsilon, k):
    assert optimal_logit_gap(epsilon, k) == pytest.approx(closed_form(epsilon, k), rel=1e-14)


@settings(**PROPERTY_SETTINGS)
@given(epsilons, class_counts)
def test_softmax_of_the_gap_is_the_smoothed_target(epsilon, k):
    gap = optimal_logit_gap(epsilon, k)
    z = np.zeros(k)
    z[0] = gap
    target = smooth_labels(one_hot(0, k), epsilon)
    np.testing.assert_allclose(softmax(z), target, rtol=1e-12, atol=0)
    # The gap is the same for every other class position: move the true class last.
    np.testing.assert_allclose(
        softmax(np.roll(z, -1)), smooth_labels(one_hot(k - 1, k), epsilon), rtol=1e-12, atol=0
    )


@settings(**PROPERTY_SETTINGS)
@given(epsilons, class_counts, temperatures)
def test_temperature_scales_the_gap_linearly(epsilon, k, temperature):
    gap = optimal_logit_gap(epsilon, k, temperature=temperature)
    assert gap == pytest.approx(temperature * optimal_logit_gap(epsilon, k), rel=1e-15)
    z = np.zeros(k)
    z[0] = gap
    np.testing.assert_allclose(
        softmax(z, temperature=temperature),
        smooth_labels(one_hot(0, k), epsilon),
        rtol=1e-9,
        atol=0,
    )


@settings(**PROPERTY_SETTINGS)
@given(
    st.floats(min_value=0.0, max_value=1.0),
    st.floats(min_value=0.0, max_value=1.0),
    class_counts,
    class_counts,
)
def test_gap_shrinks_with_epsilon_and_grows_with_k(e1, e2, k1, k2):
    # More smoothing pulls the target towards uniform; more classes spread ε thinner.
    lo, hi = sorted((e1, e2))
    k_lo, k_hi = sorted((k1, k2))
    assert optimal_logit_gap(lo, k_lo) >= optimal_logit_gap(hi, k_lo)
    assert optimal_logit_gap(lo, k_lo) <= optimal_logit_gap(lo, k_hi)
    assert optimal_logit_gap(lo, k_lo) >= 0.0


@pytest.mark.parametrize("k", [2, 3, 10])
@pytest.mark.parametrize("epsilon", [0.01, 0.1, 0.3, 0.7, 1.0])
def test_gap_minimises_the_smoothed_loss(epsilon, k):
    gap = optimal_logit_gap(epsilon, k)
    found = optimize.minimize_scalar(
        smoothed_loss,
        bounds=(-5.0, 20.0),
        args=(epsilon, k),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert found.success
    assert found.x == pytest.approx(gap, abs=1e-5)
    # The minimum value is the entropy of the smoothed target (Gibbs: KL = 0 there).
    target = smooth_labels(one_hot(0, k), epsilon)
    assert smoothed_loss(gap, epsilon, k) == pytest.approx(stats.entropy(target), rel=1e-12)
    assert smoothed_loss(gap, epsilon, k) <= found.fun + 1e-15
    # Strictly worse on either side, on a dense grid around it.
    grid = gap + np.linspace(-2.0, 2.0, 401)
    losses = np.array([smoothed_loss(g, epsilon, k) for g in grid])
    assert np.argmin(losses) == 200
    # xent's own loss agrees (torch's smoothing convention is the same y').
    assert cross_entropy_from_logits(
        np.r_[gap, np.zeros(k - 1)], 0, label_smoothing=epsilon
    ) == pytest.approx(stats.entropy(target), rel=1e-12)


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        pytest.param(
            (0.1, 1), {}, "k must be an integer >= 2 (the number of classes), got 1", id="k-1"
        ),
        pytest.param(
            (0.1, 0), {}, "k must be an integer >= 2 (the number of classes), got 0", id="k-0"
        ),
        pytest.param(
            (0.1, True),
            {},
            "k must be an integer >= 2 (the number of classes), got True",
            id="k-bool",
        ),
        pytest.param(
            (0.1, 3.0),
            {},
            "k must be an integer >= 2 (the number of classes), got 3.0",
            id="k-float",
        ),
        pytest.param(
            (0.1, 3),
            {"temperature": 0.0},
            "temperature must be finite and > 0, got 0.0",
            id="t-zero",
        ),
        pytest.param(
            (0.1, 3),
            {"temperature": -1.0},
            "temperature must be finite and > 0, got -1.0",
            id="t-negative",
        ),
        pytest.param(
            (0.1, 3),
            {"temperature": math.inf},
            "temperature must be finite and > 0, got inf",
            id="t-inf",
        ),
        pytest.param(
            (0.1, 3),
            {"temperature": math.nan},
            "temperature must be finite and > 0, got nan",
            id="t-nan",
        ),
        pytest.param(
            (0.1, 3),
            {"temperature": True},
            "temperature must be a real number, got True",
            id="t-bool",
        ),
        pytest.param((-0.1, 3), {}, "epsilon must lie in [0, 1]", id="eps-negative"),
        pytest.param((1.5, 3), {}, "epsilon must lie in [0, 1]", id="eps-above-1"),
        pytest.param(([0.5, 1.01], 3), {}, "epsilon must lie in [0, 1]", id="eps-array"),
        pytest.param((math.nan, 3), {}, "epsilon contains NaN or infinite values", id="eps-nan"),
        pytest.param(
            ("0.1", 3), {}, "epsilon must contain real numbers, got dtype <U3", id="eps-str"
        ),
    ],
)
def test_bad_input_names_the_argument(args, kwargs, message):
    with pytest.raises(ValueError, match=exact(message)):
        optimal_logit_gap(*args, **kwargs)
