"""Confidence curves: closed forms, hand-checked values, gradients against finite
differences, binary cross-entropy against scikit-learn, and bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import special, stats
from sklearn.metrics import log_loss

from tests.core.strategies import PROPERTY_SETTINGS, class_counts, distributions
from xent_core import (
    binary_curves,
    binary_grid,
    binary_minimum,
    classification_losses,
    confidence_grid,
    cross_entropy,
    even_split_prediction,
    gradient_curves,
    log_odds,
    loss_curves,
    loss_increase,
    smoothed_minimum,
    softmax,
    true_logit_gradients,
)
from xent_core.curves import LOSSES

pytestmark = pytest.mark.filterwarnings("error")

LN_07 = 0.35667494393873245  # -ln 0.7, the seed's worked example (math.log(0.7))
LN_10 = 2.302585092994046  # math.log(10)
LN2 = math.log(2)
GRID = confidence_grid(300)
P_T = st.floats(min_value=1e-6, max_value=1.0)
GAMMAS = st.floats(min_value=0.0, max_value=5.0)
ALPHAS = st.floats(min_value=0.0, max_value=1.0)
EPSILONS = st.floats(min_value=0.0, max_value=1.0)


# --- the even split --------------------------------------------------------------------


@given(k=class_counts, p=P_T)
@settings(**PROPERTY_SETTINGS)
def test_even_split_gives_the_rest_equally(k, p):
    q = even_split_prediction([p], k)[0]
    assert q[0] == p
    assert math.fsum(q) == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(q[1:], (1 - p) / (k - 1), rtol=1e-12)


def test_even_split_shapes_and_bad_input():
    assert even_split_prediction(np.zeros((2, 3)), 4).shape == (2, 3, 4)
    with pytest.raises(ValueError, match=r"^n_classes must be an integer of at least 2, got 1$"):
        even_split_prediction([0.5], 1)
    with pytest.raises(ValueError, match=r"^n_classes must be an integer of at least 2, got 2.0$"):
        even_split_prediction([0.5], 2.0)
    with pytest.raises(ValueError, match=r"^value must lie in \[0, 1\]$"):
        even_split_prediction([1.5], 3)


# --- loss curves against their closed forms ----------------------------------------------


def test_worked_example_values():
    losses = classification_losses([0.7, 0.2, 0.1], 0, gamma=2.0, alpha=0.25, epsilon=0.1)
    assert losses["cross_entropy"] == pytest.approx(LN_07, rel=1e-15)
    # MSE = (0.09 + 0.04 + 0.01) / 3 and Brier = 0.14 (hand-checked)
    assert losses["mse"] == pytest.approx(0.14 / 3)
    assert losses["brier"] == pytest.approx(0.14)
    # focal = 0.25 * 0.3^2 * ln(1/0.7) (hand-checked)
    assert losses["focal"] == pytest.approx(0.25 * 0.09 * LN_07)
    # smoothed target [0.9333, 0.0333, 0.0333] against q (hand-checked)
    expected = -(14 / 15 * math.log(0.7) + 1 / 30 * math.log(0.2) + 1 / 30 * math.log(0.1))
    assert losses["smoothed"] == pytest.approx(expected)
    assert losses["zero_one"] == 0.0
    assert tuple(losses) == LOSSES


@given(k=class_counts, gamma=GAMMAS, alpha=ALPHAS, eps=EPSILONS)
@settings(**PROPERTY_SETTINGS)
def test_curves_match_closed_forms(k, gamma, alpha, eps):
    curves = loss_curves(GRID, k, gamma=gamma, alpha=alpha, epsilon=eps)
    p = GRID
    np.testing.assert_allclose(curves["cross_entropy"], -np.log(p), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(curves["mse"], (1 - p) ** 2 / (k - 1), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(curves["brier"], k * (1 - p) ** 2 / (k - 1), rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(
        curves["focal"], -alpha * (1 - p) ** gamma * np.log(p), rtol=1e-9, atol=1e-15
    )
    inner = p < 1  # at p_t = 1 the other classes have 0 and smoothing makes it infinite
    smoothed = -(1 - eps + eps / k) * np.log(p[inner]) - (k - 1) * eps / k * np.log(
        (1 - p[inner]) / (k - 1)
    )
    np.testing.assert_allclose(curves["smoothed"][inner], smoothed, rtol=1e-9, atol=1e-12)
    np.testing.assert_array_equal(curves["zero_one"], np.where(p > 1 / k, 0.0, 1.0))


@given(k=class_counts, alpha=ALPHAS)
@settings(**PROPERTY_SETTINGS)
def test_focal_with_gamma_zero_is_alpha_times_cross_entropy(k, alpha):
    curves = loss_curves(GRID, k, gamma=0.0, alpha=alpha)
    np.testing.assert_allclose(curves["focal"], alpha * curves["cross_entropy"], rtol=1e-12)
    plain = loss_curves(GRID, k, gamma=0.0, alpha=1.0)
    np.testing.assert_array_equal(plain["focal"], plain["cross_entropy"])


@given(k=class_counts, gamma=st.floats(min_value=0.1, max_value=5.0))
@settings(**PROPERTY_SETTINGS)
def test_focal_never_exceeds_cross_entropy(k, gamma):
    curves = loss_curves(GRID, k, gamma=gamma)
    assert np.all(curves["focal"] <= curves["cross_entropy"])


def test_squared_errors_are_bounded_while_cross_entropy_is_not():
    curves = loss_curves([0.0, 1e-300, 1.0], 4, epsilon=0.0)
    assert curves["cross_entropy"][0] == math.inf
    assert curves["cross_entropy"][1] == pytest.approx(300 * LN_10)
    # at p_t = 0 the even split gives [0, 1/3, 1/3, 1/3]: MSE = (1 + 3/9) / 4 = 1/3
    assert curves["mse"][0] == pytest.approx(1 / 3)
    assert curves["brier"][0] == pytest.approx(4 / 3)


def test_zero_one_counts_ties_as_wrong():
    assert classification_losses([0.5, 0.5], 0)["zero_one"] == 1.0
    q = [[0.4, 0.3, 0.3], [0.3, 0.4, 0.3], [1 / 3, 1 / 3, 1 / 3]]
    assert classification_losses(q, [0, 0, 2])["zero_one"].tolist() == [0.0, 1.0, 1.0]


def test_bits_divide_the_log_losses_only():
    nats = loss_curves(GRID, 3, epsilon=0.2)
    bits = loss_curves(GRID, 3, epsilon=0.2, base=2)
    for key in ("cross_entropy", "focal", "smoothed"):
        np.testing.assert_allclose(bits[key], nats[key] / LN2, rtol=1e-12)
    for key in ("mse", "brier", "zero_one"):
        np.testing.assert_array_equal(bits[key], nats[key])
    np.testing.assert_allclose(bits["cross_entropy"], -np.log2(GRID), rtol=1e-12, atol=1e-15)


@given(data=st.data(), k=class_counts, n=st.integers(min_value=1, max_value=4))
@settings(**PROPERTY_SETTINGS)
def test_batched_equals_one_at_a_time(data, k, n):
    q = data.draw(distributions((n, k)))
    t = data.draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))
    batched = classification_losses(q, t, epsilon=0.1)
    grads = true_logit_gradients(q, t, epsilon=0.1)
    for i in range(n):
        single = classification_losses(q[i], t[i], epsilon=0.1)
        single_grads = true_logit_gradients(q[i], t[i], epsilon=0.1)
        for key in LOSSES:
            assert batched[key][i] == pytest.approx(single[key], rel=1e-12, abs=0)
            assert grads[key][i] == pytest.approx(single_grads[key], rel=1e-12, abs=1e-300)


def test_cross_entropy_does_not_depend_on_the_split():
    # Cross-entropy and focal see p_t only; MSE sees how the rest is split.
    a = classification_losses([0.7, 0.15, 0.15], 0)
    b = classification_losses([0.7, 0.3, 0.0], 0)
    assert a["cross_entropy"] == b["cross_entropy"]
    assert a["focal"] == b["focal"]
    assert a["mse"] < b["mse"]


# --- label smoothing's minimum -------------------------------------------------------------


def test_smoothed_minimum_hand_checked():
    best = smoothed_minimum(3, 0.1)
    # 1 - 0.1 + 0.1/3 = 0.9333...; the loss is the entropy of [14/15, 1/30, 1/30]
    assert best.p_true == pytest.approx(14 / 15, rel=1e-15)
    assert best.loss == pytest.approx(stats.entropy([14 / 15, 1 / 30, 1 / 30]), rel=1e-12)
    # ln((14/15) / (1/30)) = ln 28
    assert best.logit_margin == pytest.approx(math.log(28), rel=1e-12)
    assert smoothed_minimum(3, 0.0) == (1.0, 0.0, math.inf)
    assert smoothed_minimum(4, 1.0).p_true == pytest.approx(0.25)
    assert smoothed_minimum(4, 1.0).logit_margin == 0.0
    assert smoothed_minimum(2, 0.2, base=2).loss == pytest.approx(
        stats.entropy([0.9, 0.1], base=2), rel=1e-12
    )


@given(k=class_counts, eps=st.floats(min_value=0.01, max_value=0.99))
@settings(**PROPERTY_SETTINGS)
def test_smoothed_minimum_is_at_one_minus_eps_plus_eps_over_k(k, eps):
    best = smoothed_minimum(k, eps)
    assert best.p_true == pytest.approx(1 - eps + eps / k, rel=1e-12)
    fine = np.linspace(1e-4, 1 - 1e-9, 50_001)
    curve = loss_curves(fine, k, epsilon=eps)["smoothed"]
    assert fine[np.argmin(curve)] == pytest.approx(best.p_true, abs=5e-5)
    assert curve.min() >= best.loss - 1e-12
    at_best = loss_curves([best.p_true], k, epsilon=eps)["smoothed"][0]
    assert at_best == pytest.approx(best.loss, rel=1e-9, abs=1e-12)
    assert math.isfinite(best.loss)
    # the minimum stays finite, but p_t = 1 starves the other classes: infinite loss
    assert loss_curves([1.0], k, epsilon=eps)["smoothed"][0] == math.inf
    # and there the gradient is exactly zero
    grad = true_logit_gradients(even_split_prediction([best.p_true], k), 0, epsilon=eps)
    assert grad["smoothed"][0] == pytest.approx(0.0, abs=1e-12)
    # the softmax of logits best.logit_margin apart is the optimum
    z = np.zeros(k)
    z[0] = best.logit_margin
    assert softmax(z)[0] == pytest.approx(best.p_true, rel=1e-9)


# --- gradients -----------------------------------------------------------------------------


def test_mse_gradient_vanishes_for_a_confident_mistake_with_two_classes():
    p = np.array([1e-2, 1e-4, 1e-6, 0.0])
    grads = gradient_curves(p, 2)
    # |dMSE/dz_t| = 2 p (1 - p)^2 for K = 2 (hand-derived through the softmax)
    np.testing.assert_allclose(grads["mse"], 2 * p * (1 - p) ** 2, rtol=1e-9, atol=1e-300)
    assert grads["mse"][-1] == 0.0
    assert np.all(np.diff(grads["mse"]) < 0)
    # cross-entropy's push tends to 1 instead
    np.testing.assert_allclose(grads["cross_entropy"], 1 - p, rtol=1e-12)


@given(k=class_counts, p=st.floats(min_value=0.0, max_value=1.0))
@settings(**PROPERTY_SETTINGS)
def test_gradient_closed_forms(k, p):
    grads = gradient_curves([p], k, gamma=2.0, alpha=0.5, epsilon=0.2)
    assert grads["cross_entropy"][0] == pytest.approx(1 - p, abs=1e-12)
    assert grads["mse"][0] == pytest.approx(2 * p * (1 - p) ** 2 / (k - 1), abs=1e-12)
    assert grads["brier"][0] == pytest.approx(2 * k * p * (1 - p) ** 2 / (k - 1), abs=1e-12)
    p_log_p = p * math.log(p) if p > 0 else 0.0
    focal = 0.5 * (1 - p) ** 2 * ((1 - p) - 2 * p_log_p)
    assert grads["focal"][0] == pytest.approx(focal, abs=1e-12)
    assert grads["smoothed"][0] == pytest.approx(abs(p - (1 - 0.2 + 0.2 / k)), abs=1e-12)
    assert grads["zero_one"][0] == 0.0


def test_focal_gradient_with_gamma_zero_is_cross_entropy_gradient():
    grads = gradient_curves(GRID, 5, gamma=0.0, alpha=1.0)
    np.testing.assert_allclose(grads["focal"], grads["cross_entropy"], rtol=1e-12, atol=1e-15)


@given(
    z=st.lists(st.floats(min_value=-4, max_value=4), min_size=2, max_size=6),
    gamma=GAMMAS,
    alpha=ALPHAS,
    eps=EPSILONS,
    data=st.data(),
)
@settings(**PROPERTY_SETTINGS)
def test_gradients_match_finite_differences(z, gamma, alpha, eps, data):
    z = np.array(z)
    t = data.draw(st.integers(0, len(z) - 1))
    h = 1e-6
    up, down = z.copy(), z.copy()
    up[t] += h
    down[t] -= h
    options = {"gamma": gamma, "alpha": alpha, "epsilon": eps}
    plus = classification_losses(softmax(up), t, **options)
    minus = classification_losses(softmax(down), t, **options)
    grads = true_logit_gradients(softmax(z), t, **options)
    for key in ("cross_entropy", "mse", "brier", "focal", "smoothed"):
        numeric = (plus[key] - minus[key]) / (2 * h)
        assert grads[key] == pytest.approx(numeric, rel=1e-4, abs=1e-6), key


def test_gradients_in_bits():
    nats = true_logit_gradients([0.7, 0.2, 0.1], 0)
    bits = true_logit_gradients([0.7, 0.2, 0.1], 0, base=2)
    assert bits["cross_entropy"] == pytest.approx(-0.3 / LN2)
    assert bits["mse"] == nats["mse"]


# --- the penalty ---------------------------------------------------------------------------


def test_tenfold_drop_adds_ln_10():
    added = loss_increase([0.9, 0.1, 0.01], [0.5, 0.01, 0.001], 3)
    # ln(0.9 / 0.5) = ln 1.8 = 0.5878 and ln 10 = 2.3026 (math.log)
    np.testing.assert_allclose(added["cross_entropy"], [math.log(1.8), LN_10, LN_10], rtol=1e-12)
    assert loss_increase([0.1], [0.01], 3, base=2)["cross_entropy"][0] == pytest.approx(
        math.log2(10)
    )
    # crossing 1/K = 1/3 is the only step the 0-1 loss notices
    np.testing.assert_array_equal(
        loss_increase([0.9, 0.5, 0.1], [0.5, 0.1, 0.01], 3)["zero_one"], [0.0, 1.0, 0.0]
    )


@given(k=class_counts, a=P_T, b=P_T)
@settings(**PROPERTY_SETTINGS)
def test_cross_entropy_increase_is_log_ratio(k, a, b):
    added = loss_increase([a], [b], k)
    assert added["cross_entropy"][0] == pytest.approx(math.log(a / b), rel=1e-9, abs=1e-12)
    if a == b == 1.0:  # smoothing makes both ends infinite: no finite increase
        assert math.isnan(added["smoothed"][0])


# --- binary cross-entropy ------------------------------------------------------------------


def test_binary_curves_against_sklearn():
    p = np.array([0.01, 0.3, 0.7, 0.99])
    curves = binary_curves(p, 1.0)
    for i, pi in enumerate(p):
        assert curves["positive"][i] == pytest.approx(log_loss([1], [pi], labels=[0, 1]))
        assert curves["negative"][i] == pytest.approx(log_loss([0], [pi], labels=[0, 1]))
    np.testing.assert_array_equal(curves["label"], curves["positive"])
    assert binary_curves(p, 0.0)["label"].tolist() == curves["negative"].tolist()


@given(x=st.floats(min_value=-8, max_value=8), y=st.floats(min_value=0, max_value=1))
@settings(**PROPERTY_SETTINGS)
def test_binary_logits_agree_with_probabilities(x, y):
    by_logit = binary_curves([x], y, logits=True)
    by_prob = binary_curves([special.expit(x)], y)
    for key in ("positive", "negative", "label"):
        assert by_logit[key][0] == pytest.approx(by_prob[key][0], rel=1e-9, abs=1e-12)
    mixed = y * by_prob["positive"][0] + (1 - y) * by_prob["negative"][0]
    assert by_prob["label"][0] == pytest.approx(mixed, rel=1e-12, abs=1e-15)


def test_binary_soft_label_minimum_is_its_entropy():
    p = binary_grid(2001, bound=9.0)
    curve = binary_curves(p, 0.3)["label"]
    assert p[np.argmin(curve)] == pytest.approx(0.3, abs=5e-3)
    assert curve.min() == pytest.approx(stats.entropy([0.3, 0.7]), abs=1e-4)


@pytest.mark.parametrize("y", [0.05, 0.3, 0.5, 0.9])
@pytest.mark.parametrize("logits", [False, True])
@pytest.mark.parametrize("base", [None, 2])
def test_binary_minimum_is_the_lowest_point_of_the_curve(y, logits, base):
    x_min, loss_min = binary_minimum(y, logits=logits, base=base)
    # The soft label's own entropy (scipy), in the chosen unit.
    assert loss_min == pytest.approx(stats.entropy([y, 1 - y], base=base), rel=1e-12)
    assert x_min == pytest.approx(special.logit(y) if logits else y, rel=1e-12)
    assert binary_curves([x_min], y, logits=logits, base=base)["label"][0] == pytest.approx(
        loss_min, rel=1e-12
    )
    # No point on a dense axis does better.
    x = binary_grid(4001, logits=logits, bound=9.0)
    assert binary_curves(x, y, logits=logits, base=base)["label"].min() >= loss_min - 1e-12


def test_binary_minimum_of_a_hard_label_is_zero_at_the_axis_end():
    assert binary_minimum(1.0) == (1.0, 0.0)
    assert binary_minimum(0.0) == (0.0, 0.0)
    assert binary_minimum(0.0, logits=True) == (-math.inf, 0.0)
    with pytest.raises(ValueError, match=r"^y must lie in \[0, 1\], got 1.5$"):
        binary_minimum(1.5)


def test_binary_logits_stay_finite_far_out():
    curves = binary_curves([-1e4, 1e4], 1.0, logits=True)
    assert curves["positive"].tolist() == [1e4, 0.0]
    assert binary_curves([0.0], 1.0, base=2)["positive"][0] == math.inf


def test_binary_grid_and_log_odds():
    p = binary_grid(101)
    np.testing.assert_allclose(p + p[::-1], 1.0, rtol=1e-12)
    np.testing.assert_allclose(p, special.expit(binary_grid(101, logits=True)), rtol=1e-12)
    np.testing.assert_allclose(log_odds(p), special.logit(p), rtol=1e-9)
    assert log_odds(0.5) == 0.0
    assert log_odds([0.0, 1.0]).tolist() == [-math.inf, math.inf]
    with pytest.raises(ValueError, match=r"^n must be at least 2, got 1$"):
        binary_grid(1)
    with pytest.raises(ValueError, match=r"^bound must be finite and > 0, got 0.0$"):
        binary_grid(bound=0.0)
    with pytest.raises(ValueError, match=r"^p must lie in \[0, 1\]$"):
        log_odds(1.5)


# --- bad input -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: loss_curves(GRID, 3, gamma=-1.0), r"^gamma must be finite and >= 0, got -1.0$"),
        (lambda: loss_curves(GRID, 3, alpha=-0.5), r"^alpha must be finite and non-negative$"),
        (lambda: loss_curves(GRID, 3, epsilon=1.5), r"^epsilon must lie in \[0, 1\], got 1.5$"),
        (
            lambda: gradient_curves(GRID, 3, alpha=math.nan),
            r"^alpha must be finite and >= 0, got nan$",
        ),
        (
            lambda: classification_losses([0.5, 0.5], 2),
            r"^target class indices must lie in \[0, 1\], got 2$",
        ),
        (
            lambda: classification_losses([[0.5, 0.5]] * 2, [0, 1, 0]),
            r"^target of shape \(3,\) does not fit predictions of shape \(2, 2\)$",
        ),
        (lambda: classification_losses([0.5, 0.6], 0), r"^q must sum to 1 along axis -1"),
        (lambda: binary_curves([0.5], 1.5), r"^y must lie in \[0, 1\], got 1.5$"),
        (lambda: binary_curves([np.inf], 1.0, logits=True), r"^x contains NaN or infinite"),
        (lambda: smoothed_minimum(1, 0.1), r"^n_classes must be an integer of at least 2"),
    ],
)
def test_bad_input_names_the_argument(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_curves_agree_with_cross_entropy_of_the_split():
    q = even_split_prediction(GRID, 3)
    np.testing.assert_allclose(
        loss_curves(GRID, 3)["cross_entropy"], cross_entropy(np.eye(3)[[0] * len(GRID)], q)
    )
