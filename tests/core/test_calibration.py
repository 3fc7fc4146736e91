"""Calibration: reliability bins, ECE, NLL, Brier score, and temperature scaling.

References: hand computations in the comments; scikit-learn's ``calibration_curve``
(top-label confidence against correctness), ``brier_score_loss`` and ``log_loss``; SciPy's
``optimize.minimize_scalar`` for the fitted temperature.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import optimize, special
from sklearn.calibration import calibration_curve
from sklearn.metrics import brier_score_loss, log_loss

from tests.core.strategies import PROPERTY_SETTINGS
from xent_core import (
    calibration_report,
    expected_calibration_error,
    fit_temperature,
    reliability_diagram,
    run_iris,
    temperature_nll,
    tempered_log_probs,
)

# Four samples, two classes. Confidences 0.9, 0.8, 0.7, 0.6; predicted 0, 0, 1, 0;
# right, wrong, right, wrong.
PROBS = np.array([[0.9, 0.1], [0.8, 0.2], [0.3, 0.7], [0.6, 0.4]])
LABELS = np.array([0, 1, 1, 1])


def exact(message: str) -> str:
    return "^" + re.escape(message) + "$"


def test_reliability_bins_by_hand() -> None:
    d = reliability_diagram(PROBS, LABELS, n_bins=5)
    # Bins (0, .2], (.2, .4], (.4, .6], (.6, .8], (.8, 1]: 0.6 → bin 2, 0.7 and 0.8 → bin 3
    # (0.8 closes that bin), 0.9 → bin 4.
    np.testing.assert_allclose(d.edges, [0, 0.2, 0.4, 0.6, 0.8, 1])
    assert d.counts.tolist() == [0, 0, 1, 2, 1]
    np.testing.assert_allclose(d.confidence, [np.nan, np.nan, 0.6, 0.75, 0.9])
    np.testing.assert_allclose(d.accuracy, [np.nan, np.nan, 0.0, 0.5, 1.0])


def test_metrics_by_hand() -> None:
    # ECE = 1/4·|0 − 0.6| + 2/4·|0.5 − 0.75| + 1/4·|1 − 0.9| = 0.15 + 0.125 + 0.025 = 0.3.
    assert expected_calibration_error(PROBS, LABELS, n_bins=5) == pytest.approx(0.3, abs=1e-15)
    r = calibration_report(np.log(PROBS), LABELS, n_bins=5)
    assert r.ece == pytest.approx(0.3, abs=1e-15)
    assert r.accuracy == 0.5
    # NLL = −(ln 0.9 + ln 0.2 + ln 0.7 + ln 0.4) / 4 = 2.9877641 / 4.
    assert r.nll == pytest.approx(0.74694102, abs=1e-8)
    # Brier = (0.02 + 1.28 + 0.18 + 0.72) / 4 = 0.55 (squared errors summed over classes).
    assert r.brier == pytest.approx(0.55, abs=1e-15)
    assert calibration_report(np.log(PROBS), LABELS, base=2).nll == pytest.approx(
        0.74694102 / np.log(2), abs=1e-8
    )


def test_metrics_against_scikit_learn() -> None:
    rng = np.random.default_rng(7)
    z = rng.normal(scale=2.0, size=(500, 4))
    y = rng.integers(0, 4, size=500)
    q = special.softmax(z, axis=1)
    r = calibration_report(z, y, n_bins=8)
    assert r.nll == pytest.approx(log_loss(y, q, labels=range(4)), rel=1e-12)
    assert r.brier == pytest.approx(
        brier_score_loss(y, q, labels=range(4), scale_by_half=False), rel=1e-12
    )
    # calibration_curve on (correct, confidence) gives the non-empty bins' accuracy and
    # mean confidence, with the same (a, b] bins.
    correct = (q.argmax(axis=1) == y).astype(int)
    accuracy, confidence = calibration_curve(correct, q.max(axis=1), n_bins=8)
    d = r.diagram
    filled = d.counts > 0
    np.testing.assert_allclose(d.accuracy[filled], accuracy, rtol=1e-12)
    np.testing.assert_allclose(d.confidence[filled], confidence, rtol=1e-12)
    ece = np.sum(d.counts[filled] * np.abs(accuracy - confidence)) / 500
    assert r.ece == pytest.approx(ece, rel=1e-12)


def test_temperature_nll_against_scikit_learn() -> None:
    rng = np.random.default_rng(3)
    z = rng.normal(scale=1.5, size=(200, 3))
    y = rng.integers(0, 3, size=200)
    for t in (0.5, 1.0, 4.0):
        expected = log_loss(y, special.softmax(z / t, axis=1), labels=range(3))
        assert temperature_nll(z, y, t) == pytest.approx(expected, rel=1e-12)
    assert temperature_nll(z, y, [0.5, 1.0]).shape == (2,)
    # Sharp enough that some q_y underflow below scikit-learn's clip (float64 eps): it
    # reports less; the log-softmax stays exact.
    sharp = 20 * z
    exact_nll = -special.log_softmax(sharp, axis=1)[np.arange(200), y].mean()
    assert temperature_nll(sharp, y, 1.0) == pytest.approx(exact_nll, rel=1e-12)
    assert log_loss(y, special.softmax(sharp, axis=1), labels=range(3)) < exact_nll


def test_minus_infinity_logits_keep_probability_zero() -> None:
    with np.errstate(divide="ignore"):
        log_p = np.log([[0.5, 0.3, 0.2], [0.8, 0.2, 0.0]])
    for t in (0.1, 1.0, 10.0):
        q = np.exp(tempered_log_probs(log_p, t))
        assert q[1, 2] == 0.0
        # p^(1/T) renormalised: the finite classes follow softmax(log p / T).
        np.testing.assert_allclose(q[1, :2], special.softmax(log_p[1, :2] / t), rtol=1e-12)
        np.testing.assert_allclose(q[0], special.softmax(log_p[0] / t), rtol=1e-12)


def synthetic(t_true: float, n: int, k: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Logits, and labels drawn from softmax(z / t_true): the true temperature is known."""
    rng = np.random.default_rng(seed)
    z = rng.normal(scale=3.0, size=(n, k))
    p = special.softmax(z / t_true, axis=1)
    labels = (p.cumsum(axis=1) < rng.random((n, 1))).sum(axis=1)
    return z, labels


@pytest.mark.parametrize("t_true", [0.5, 2.0])
def test_fit_temperature_recovers_a_known_temperature(t_true: float) -> None:
    z, y = synthetic(t_true, 50_000, 5, seed=11)
    # The maximum-likelihood estimate is consistent; with 50,000 samples its standard error
    # is below 1 %, so 3 % is a wide margin for this fixed seed.
    assert fit_temperature(z, y) == pytest.approx(t_true, rel=0.03)


def test_fit_temperature_matches_scipy() -> None:
    z, y = synthetic(1.7, 3000, 4, seed=5)
    reference = optimize.minimize_scalar(
        lambda log_t: temperature_nll(z, y, np.exp(log_t)),
        bounds=(np.log(0.01), np.log(100.0)),
        method="bounded",
        options={"xatol": 1e-10},
    )
    assert fit_temperature(z, y) == pytest.approx(np.exp(reference.x), rel=1e-7)


def test_fit_temperature_on_iris_improves_nll_and_keeps_accuracy() -> None:
    run = run_iris()
    z, y = run.test_logits, run.test_labels
    t = fit_temperature(z, y)
    before = calibration_report(z, y)
    after = calibration_report(z, y, temperature=t)
    assert after.accuracy == before.accuracy
    assert after.nll < before.nll
    # A minimum: nearby temperatures are no better.
    assert temperature_nll(z, y, [t * 0.999, t * 1.001]).min() >= after.nll


def test_fit_temperature_at_the_bounds_and_degenerate_cases() -> None:
    # Every sample right: sharper is always better, down to the lower bound.
    assert fit_temperature([[5.0, 0.0], [0.0, 5.0]], [0, 1]) == 0.01
    # Every sample wrong: flatter is always better, up to the upper bound.
    assert fit_temperature([[5.0, 0.0], [0.0, 5.0]], [1, 0], bounds=(0.1, 50.0)) == 50.0
    # Equal logits: the NLL is ln 2 at every T.
    assert fit_temperature([[1.0, 1.0], [2.0, 2.0]], [0, 1]) == 1.0


def test_fit_temperature_rejects_an_impossible_true_class() -> None:
    message = (
        "sample 1's true class has logit -inf (probability 0): its loss is infinite at every "
        "temperature, so no temperature minimises the NLL"
    )
    with pytest.raises(ValueError, match=exact(message)):
        fit_temperature([[0.0, 1.0], [0.0, -np.inf]], [0, 1])


def test_bad_input_messages() -> None:
    with pytest.raises(ValueError, match=exact("n_bins must be a positive integer, got 0")):
        reliability_diagram(PROBS, LABELS, n_bins=0)
    with pytest.raises(ValueError, match=r"^logits contains NaN or \+inf"):
        calibration_report([[np.inf, 0.0]], [0])
    no_finite = "logits row 0 has no finite entry (every class has probability 0)"
    with pytest.raises(ValueError, match=exact(no_finite)):
        tempered_log_probs([[-np.inf, -np.inf]])
    with pytest.raises(ValueError, match=exact("temperature must be finite and > 0, got 0.0")):
        calibration_report([[0.0, 1.0]], [0], temperature=0.0)
    with pytest.raises(ValueError, match=r"^bounds must satisfy 0 < low < high < inf"):
        fit_temperature([[0.0, 1.0]], [0], bounds=(2.0, 1.0))
    with pytest.raises(ValueError, match=r"^labels must have shape \(1,\), one per row"):
        calibration_report([[0.0, 1.0]], [0, 1])


@settings(**PROPERTY_SETTINGS)
@given(
    hnp.arrays(np.float64, (12, 3), elements=st.floats(-8, 8, allow_subnormal=False)),
    hnp.arrays(np.int64, (12,), elements=st.integers(0, 2)),
    st.floats(0.1, 10.0),
)
def test_fit_temperature_scales_with_the_logits(z: np.ndarray, y: np.ndarray, c: float) -> None:
    """Multiplying every logit by c multiplies the best temperature by c."""
    assume(np.ptp(z, axis=1).any())  # with all logits equal in every row, T does not matter
    t = fit_temperature(z, y, bounds=(1e-6, 1e6))
    if 1e-5 < t < 1e5:  # clear of the bounds, so the optimum is interior for c·z too
        t_c = fit_temperature(c * z, y, bounds=(1e-6, 1e6))
        # NLL(c·z, c·T) = NLL(z, T): both fits must reach the same minimum. (Compared on the
        # NLL, not on T: where the optimum is very flat T itself is ill-conditioned.)
        best = temperature_nll(c * z, y, [c * t, t_c])
        assert best[1] == pytest.approx(best[0], rel=1e-9, abs=1e-12)
        # T itself must match within 1 % wherever the NLL pins it that closely: the NLL is
        # unimodal in log T, so if it rises clearly above the minimum 1 % either side of
        # c·t, a T with the minimum NLL lies between. (A flat optimum, e.g. logits 1e-116
        # apart, leaves T free by more; the NLL check above is the one that holds there.)
        sides = temperature_nll(c * z, y, [c * t / 1.01, c * t * 1.01])
        if sides.min() > best[0] * (1 + 1e-8) + 1e-11:
            assert t_c == pytest.approx(c * t, rel=1e-2)
        # And it is a minimum of the NLL.
        nll = temperature_nll(z, y, [t / 1.01, t, t * 1.01])
        assert nll[1] <= min(nll[0], nll[2]) + 1e-12
