"""Softmax, log-softmax and logsumexp against SciPy, and their stability."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy import special

from tests.core.strategies import PROPERTY_SETTINGS, logits, shapes
from xent_core import log_softmax, logsumexp, one_hot, softmax

pytestmark = pytest.mark.filterwarnings("error")

Z = np.array([[2.0, 1.0, 0.1], [-3.0, 0.0, 5.0], [7.0, 7.0, 7.0]])
FLOATS = [np.float16, np.float32, np.float64]


def test_match_scipy():
    np.testing.assert_allclose(softmax(Z), special.softmax(Z, axis=-1), rtol=1e-14)
    np.testing.assert_allclose(log_softmax(Z), special.log_softmax(Z, axis=-1), rtol=1e-14)
    np.testing.assert_allclose(logsumexp(Z), special.logsumexp(Z, axis=-1), rtol=1e-14)
    np.testing.assert_allclose(logsumexp(Z, axis=0), special.logsumexp(Z, axis=0), rtol=1e-14)
    np.testing.assert_allclose(
        softmax(Z, temperature=2.5), special.softmax(Z / 2.5, axis=-1), rtol=1e-14
    )
    np.testing.assert_allclose(
        log_softmax(Z, temperature=0.5), special.log_softmax(Z / 0.5, axis=-1), rtol=1e-14
    )


def test_hand_checked():
    # softmax of equal logits is uniform; logsumexp([0, 0]) = ln 2 = 0.6931471805599453.
    assert softmax([3, 3, 3, 3]).tolist() == [0.25] * 4
    assert logsumexp([0.0, 0.0]) == pytest.approx(0.6931471805599453, rel=1e-15)
    # log(0.7/0.2/0.1) are logits whose softmax is the worked example.
    np.testing.assert_allclose(softmax(np.log([0.7, 0.2, 0.1])), [0.7, 0.2, 0.1], rtol=1e-15)


def test_integer_logits_are_computed_in_float64():
    assert softmax([1, 2, 3]).dtype == np.float64
    assert logsumexp([1, 2, 3]) == pytest.approx(special.logsumexp([1.0, 2.0, 3.0]))


@pytest.mark.parametrize("dtype", FLOATS)
def test_float_dtype_is_kept(dtype):
    z = np.array([[1.0, 2.0, 3.0]], dtype=dtype)
    assert softmax(z).dtype == dtype
    assert softmax(z, temperature=3.0).dtype == dtype
    assert log_softmax(z).dtype == dtype
    assert logsumexp(z).dtype == dtype


@pytest.mark.parametrize("dtype", FLOATS)
def test_huge_logits_stay_finite(dtype):
    z = np.array([[1e4, -1e4, 0.0], [-1e4, -1e4, -1e4], [1e4, 1e4 - 1, 3.0]], dtype=dtype)
    s, ls, lse = softmax(z), log_softmax(z), logsumexp(z)
    assert np.all(np.isfinite(s)) and np.all(np.isfinite(ls)) and np.all(np.isfinite(lse))
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-3)
    assert np.all(ls <= 0)
    np.testing.assert_allclose(s[1], [1 / 3] * 3, rtol=1e-3)
    # Gaps of 2e4 round to exactly 0 probability and log-probability -2e4.
    assert s[0].tolist() == [1.0, 0.0, 0.0]
    assert ls[0].tolist() == [0.0, -2e4, -1e4]


def test_temperature_limits_are_exact_at_extremes():
    for dtype in FLOATS:
        z = np.array([1.0, 3.0, 2.0], dtype=dtype)
        # T below float16's smallest number must not round to 0 (0/0 at the arg-max).
        assert softmax(z, temperature=1e-300).tolist() == [0.0, 1.0, 0.0]
        assert log_softmax(z, temperature=1e-300)[1] == 0.0
        # T above float16's largest number must not round to inf.
        np.testing.assert_allclose(softmax(z, temperature=1e300), [1 / 3] * 3, rtol=1e-3)


# --- properties -----------------------------------------------------------------------


@settings(**PROPERTY_SETTINGS)
@given(
    st.data(),
    shapes(),
    st.floats(min_value=-1e3, max_value=1e3),
    st.floats(min_value=0.1, max_value=10.0),
)
def test_shift_invariance(data, shape, shift, temperature):
    z = data.draw(logits(shape, bound=1e3))
    np.testing.assert_allclose(
        softmax(z + shift, temperature=temperature),
        softmax(z, temperature=temperature),
        atol=1e-9,
    )
    np.testing.assert_allclose(logsumexp(z + shift), logsumexp(z) + shift, rtol=1e-12, atol=1e-9)


@settings(**PROPERTY_SETTINGS)
@given(st.data(), shapes())
def test_rows_are_distributions(data, shape):
    z = data.draw(logits(shape, bound=1e4))
    s = softmax(z)
    assert np.all(s >= 0)
    np.testing.assert_allclose(s.sum(axis=-1), 1.0, rtol=1e-12)
    np.testing.assert_allclose(np.exp(log_softmax(z)), s, atol=1e-12)
    np.testing.assert_allclose(log_softmax(z), z - logsumexp(z)[..., None], atol=1e-9)


@settings(**PROPERTY_SETTINGS)
@given(st.data(), shapes(batched=False))
def test_temperature_to_zero_gives_the_argmax(data, shape):
    z = data.draw(logits(shape))
    top2 = np.sort(z)[-2:]
    assume(top2[1] - top2[0] > 1e-3)  # a distinct maximum
    # The gap divided by T = 1e-6 is over 1000 nats: e^-1000 is exactly 0 in float64.
    np.testing.assert_array_equal(softmax(z, temperature=1e-6), one_hot(np.argmax(z), len(z)))


@settings(**PROPERTY_SETTINGS)
@given(st.data(), shapes())
def test_temperature_to_infinity_gives_uniform(data, shape):
    z = data.draw(logits(shape, bound=1e4))
    k = shape[-1]
    np.testing.assert_allclose(softmax(z, temperature=1e12), np.full(shape, 1 / k), rtol=1e-6)


@settings(**PROPERTY_SETTINGS)
@given(st.data(), shapes(), st.sampled_from([np.float32, np.float64]))
def test_logits_up_to_1e4_stay_finite(data, shape, dtype):
    z = data.draw(logits(shape, bound=1e4, dtype=dtype))
    for out in (softmax(z), log_softmax(z), logsumexp(z)):
        assert np.all(np.isfinite(out))
    np.testing.assert_allclose(softmax(z).sum(axis=-1), 1.0, rtol=1e-5)


@settings(**PROPERTY_SETTINGS)
@given(st.data(), shapes(batched=True), st.floats(min_value=0.1, max_value=10.0))
def test_batched_and_moved_axis(data, shape, temperature):
    z = data.draw(logits(shape))
    s = softmax(z, temperature=temperature)
    np.testing.assert_allclose(s, [softmax(row, temperature=temperature) for row in z], rtol=1e-13)
    np.testing.assert_allclose(softmax(z.T, temperature=temperature, axis=0), s.T, rtol=1e-13)
    np.testing.assert_allclose(log_softmax(z.T, axis=0), log_softmax(z).T, rtol=1e-13)
    np.testing.assert_allclose(logsumexp(z.T, axis=0), logsumexp(z), rtol=1e-13)
    np.testing.assert_allclose(logsumexp(z), [logsumexp(row) for row in z], rtol=1e-13)


def test_lower_temperature_sharpens():
    z = [2.0, 1.0, 0.0]
    peaks = [softmax(z, temperature=t)[0] for t in (4.0, 1.0, 0.25)]
    assert peaks == sorted(peaks) and math.isclose(peaks[-1], 1 / (1 + math.exp(-4) + math.exp(-8)))


# --- -inf logits (log-probabilities of 0), allowed on request ---------------------------


@pytest.mark.parametrize("temperature", [0.5, 1.0, 3.0])
def test_neg_inf_logits_are_probability_zero(temperature):
    # softmax over the finite classes, with the -inf class at exactly 0 (and -inf in logs).
    z = np.array([[1.0, -np.inf, 0.5], [-np.inf, 2.0, 2.0]])
    q = softmax(z, temperature=temperature, allow_neg_inf=True)
    log_q = log_softmax(z, temperature=temperature, allow_neg_inf=True)
    np.testing.assert_allclose(
        q[0, [0, 2]], special.softmax([1.0 / temperature, 0.5 / temperature])
    )
    assert q[0, 1] == 0.0 and log_q[0, 1] == -np.inf
    assert q[1].tolist() == [0.0, 0.5, 0.5]
    np.testing.assert_allclose(np.exp(log_q), q, rtol=1e-15)
    # Finite logits give exactly what they give without the option.
    finite = Z
    np.testing.assert_array_equal(softmax(finite, allow_neg_inf=True), softmax(finite))


@pytest.mark.parametrize("function", [softmax, log_softmax])
@pytest.mark.parametrize(
    ("z", "message"),
    [
        ([1.0, np.nan], "z contains NaN or +inf (only -inf, a log-probability of 0, is allowed)"),
        ([1.0, np.inf], "z contains NaN or +inf (only -inf, a log-probability of 0, is allowed)"),
        ([-np.inf, -np.inf], "z has no finite entry (every class has probability 0)"),
        (
            [[0.0, 1.0], [-np.inf, -np.inf]],
            "z row 1 has no finite entry (every class has probability 0)",
        ),
    ],
)
def test_neg_inf_option_still_refuses_nan_and_rows_of_zeros(function, z, message):
    with pytest.raises(ValueError, match="^" + re.escape(message) + "$"):
        function(z, allow_neg_inf=True)
