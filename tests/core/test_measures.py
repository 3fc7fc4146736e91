"""Information measures against SciPy, hand-checked values and their identities."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats
from scipy.spatial.distance import jensenshannon
from sklearn.metrics import log_loss

from tests.core.strategies import PROPERTY_SETTINGS, distributions, shapes
from xent_core import (
    cross_entropy,
    cross_entropy_terms,
    entropy,
    js_divergence,
    kl_divergence,
    one_hot,
    perplexity,
)

pytestmark = pytest.mark.filterwarnings("error")

LN_07 = 0.35667494393873245  # -ln 0.7, the seed's worked example (math.log(0.7))
P = np.array([[0.5, 0.3, 0.2, 0.0], [0.1, 0.2, 0.3, 0.4], [0.0, 0.0, 1.0, 0.0]])
Q = np.array([[0.4, 0.4, 0.1, 0.1], [0.25, 0.25, 0.25, 0.25], [0.1, 0.2, 0.6, 0.1]])


# --- reference values -----------------------------------------------------------------


def test_worked_example():
    assert cross_entropy([1, 0, 0], [0.7, 0.2, 0.1]) == pytest.approx(LN_07, rel=1e-15)
    # In bits: -log2 0.7 = 0.5145731728297583 (math.log2(0.7))
    assert cross_entropy([1, 0, 0], [0.7, 0.2, 0.1], base=2) == pytest.approx(0.5145731728297583)
    assert kl_divergence([1, 0, 0], [0.7, 0.2, 0.1]) == pytest.approx(LN_07)
    assert entropy([1, 0, 0]) == 0.0
    assert perplexity([1, 0, 0], [0.7, 0.2, 0.1]) == pytest.approx(1 / 0.7)


@pytest.mark.parametrize("base", [None, 2, 10, 0.5])
def test_entropy_matches_scipy(base):
    np.testing.assert_allclose(entropy(P, base=base), stats.entropy(P, base=base, axis=-1))


@pytest.mark.parametrize("base", [None, 2])
def test_kl_matches_scipy(base):
    np.testing.assert_allclose(
        kl_divergence(P, Q, base=base), stats.entropy(P, Q, base=base, axis=-1)
    )
    np.testing.assert_allclose(kl_divergence(P, Q), special.rel_entr(P, Q).sum(axis=-1))


@pytest.mark.parametrize("base", [None, 2])
def test_cross_entropy_matches_scipy(base):
    expected = -special.xlogy(P, Q).sum(axis=-1) / (1.0 if base is None else math.log(base))
    np.testing.assert_allclose(cross_entropy(P, Q, base=base), expected)
    np.testing.assert_allclose(
        cross_entropy_terms(P, Q, base=base).sum(axis=-1), cross_entropy(P, Q, base=base)
    )


def test_cross_entropy_of_one_hot_labels_is_sklearn_log_loss():
    labels = np.array([0, 2, 1, 2])
    q = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.4, 0.3], [0.5, 0.25, 0.25]])
    ours = cross_entropy(one_hot(labels, 3), q).mean()
    assert ours == pytest.approx(log_loss(labels, q, labels=[0, 1, 2]), rel=1e-12)


@pytest.mark.parametrize("base", [None, 2])
def test_js_matches_squared_scipy_distance(base):
    # scipy's jensenshannon is the square root of the divergence.
    expected = jensenshannon(P, Q, base=base, axis=-1) ** 2
    np.testing.assert_allclose(js_divergence(P, Q, base=base), expected, rtol=1e-10)


def test_js_of_disjoint_supports_is_one_bit():
    assert js_divergence([1, 0], [0, 1], base=2) == pytest.approx(1.0)
    assert js_divergence([1, 0], [0, 1]) == pytest.approx(math.log(2))


def test_perplexity_is_exp_of_cross_entropy_in_nats():
    np.testing.assert_allclose(perplexity(P, Q), np.exp(cross_entropy(P, Q)))
    assert perplexity([0.25] * 4, [0.25] * 4) == pytest.approx(4.0)


def test_cross_entropy_terms_hand_checked():
    # -0.5 log2 0.5 = 0.5, -0.5 log2 0.25 = 1, and 0 log 0.25 = 0.
    assert cross_entropy_terms([0.5, 0.5, 0], [0.5, 0.25, 0.25], base=2).tolist() == [0.5, 1.0, 0.0]


def test_scalars_and_lists():
    value = cross_entropy([1, 0, 0], [0.7, 0.2, 0.1])
    assert isinstance(value, float) and np.ndim(value) == 0
    assert cross_entropy(P, Q).shape == (3,)


# --- infinities and conventions -------------------------------------------------------


def test_infinities_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cross_entropy([1, 0], [0, 1]) == math.inf
        assert kl_divergence([1, 0], [0, 1]) == math.inf
        assert perplexity([1, 0], [0, 1]) == math.inf
        assert cross_entropy_terms([1, 0], [0, 1]).tolist() == [math.inf, 0.0]
        assert entropy([1, 0]) == 0.0
        assert entropy([0, 0, 1]) == 0.0
        # 0 log 0 = 0: classes that p rules out cost nothing even when q also gives them 0.
        assert cross_entropy([1, 0], [1, 0]) == 0.0
        assert kl_divergence([1, 0], [1, 0]) == 0.0
        assert js_divergence([1, 0], [0, 1]) == pytest.approx(math.log(2))


def test_zeros_are_positive_zeros():
    # -0.0 would show as "-0.0000" in the UI.
    assert math.copysign(1.0, entropy([1, 0])) == 1.0
    assert math.copysign(1.0, cross_entropy([1, 0], [1, 0])) == 1.0


def test_subnormal_prediction_gives_finite_divergence():
    # q = 1e-320 is tiny but not 0: p/q overflows, the answer must not.
    p, q = [0.5, 0.5], [1.0, 1e-320]
    assert math.isfinite(kl_divergence(p, q))
    assert kl_divergence(p, q) == pytest.approx(cross_entropy(p, q) - entropy(p), rel=1e-12)


# --- properties -----------------------------------------------------------------------


@st.composite
def pairs(draw, *, positive_q=True):
    shape = draw(shapes())
    return draw(distributions(shape)), draw(distributions(shape, positive=positive_q))


@settings(**PROPERTY_SETTINGS)
@given(pairs())
def test_cross_entropy_is_entropy_plus_kl(pq):
    p, q = pq
    np.testing.assert_allclose(
        cross_entropy(p, q), entropy(p) + kl_divergence(p, q), rtol=1e-10, atol=1e-12
    )


@settings(**PROPERTY_SETTINGS)
@given(pairs(positive_q=False))
def test_kl_is_non_negative_and_zero_only_at_p(pq):
    p, q = pq
    kl = np.asarray(kl_divergence(p, q))
    assert np.all(kl >= 0)
    assert np.all(np.asarray(kl_divergence(p, p)) == 0)
    # "= 0 iff p = q", quantitatively (Pinsker): KL >= 2 TV^2, so p != q means KL > 0.
    tv = 0.5 * np.abs(p - q).sum(axis=-1)
    assert np.all(kl >= 2 * tv**2 - 1e-12)
    assert np.all(kl[tv > 1e-6] > 0)


@settings(**PROPERTY_SETTINGS)
@given(pairs(positive_q=False))
def test_js_is_symmetric_and_bounded(pq):
    p, q = pq
    js = np.asarray(js_divergence(p, q))
    np.testing.assert_allclose(js, js_divergence(q, p), rtol=1e-12, atol=1e-15)
    assert np.all(js >= 0)
    assert np.all(js <= math.log(2) + 1e-12)
    assert np.all(np.asarray(js_divergence(p, q, base=2)) <= 1 + 1e-12)


@settings(**PROPERTY_SETTINGS)
@given(pairs())
def test_entropy_at_most_log_k_and_cross_entropy_at_least_entropy(pq):
    p, q = pq
    k = p.shape[-1]
    h = np.asarray(entropy(p))
    assert np.all((h >= 0) & (h <= math.log(k) + 1e-12))
    assert np.all(np.asarray(cross_entropy(p, q)) >= h - 1e-12)


@settings(**PROPERTY_SETTINGS)
@given(pairs())
def test_batched_equals_per_row(pq):
    p, q = np.atleast_2d(pq[0]), np.atleast_2d(pq[1])
    for measure in (cross_entropy, kl_divergence, js_divergence, perplexity):
        batched = measure(p, q)
        rows = [measure(p[i], q[i]) for i in range(len(p))]
        np.testing.assert_allclose(batched, rows, rtol=1e-13)
    np.testing.assert_allclose(entropy(p), [entropy(row) for row in p], rtol=1e-13)


@settings(**PROPERTY_SETTINGS)
@given(pairs())
def test_moved_axis_equals_last_axis(pq):
    p, q = np.atleast_2d(pq[0]), np.atleast_2d(pq[1])
    for measure in (cross_entropy, kl_divergence, js_divergence):
        np.testing.assert_allclose(measure(p.T, q.T, axis=0), measure(p, q), rtol=1e-13)
    np.testing.assert_allclose(entropy(p.T, axis=0), entropy(p), rtol=1e-13)
    np.testing.assert_allclose(
        cross_entropy_terms(p.T, q.T, axis=0), cross_entropy_terms(p, q).T, rtol=1e-13
    )


@settings(**PROPERTY_SETTINGS)
@given(pairs(), st.sampled_from([2, 10, math.e]))
def test_units_differ_by_a_constant(pq, base):
    p, q = pq
    np.testing.assert_allclose(
        cross_entropy(p, q, base=base), cross_entropy(p, q) / math.log(base), rtol=1e-12
    )
