"""Losses: PyTorch's documented semantics (hand-computed; torch is not installed),
scikit-learn references, gradients against finite differences."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special
from sklearn.metrics import log_loss

from tests.core.strategies import PROPERTY_SETTINGS, distributions, logits, shapes
from xent_core import (
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    brier_logit_gradient,
    brier_score,
    cross_entropy,
    cross_entropy_from_logits,
    focal_logit_gradient,
    focal_loss,
    logit_gradient,
    mse,
    mse_logit_gradient,
    one_hot,
    smooth_labels,
    softmax,
    softmax_cross_entropy_grad,
    softmax_focal_loss_grad,
    softmax_mse_grad,
)

pytestmark = pytest.mark.filterwarnings("error")

LN2 = math.log(2)  # 0.6931471805599453
LN_07 = 0.35667494393873245  # -ln 0.7 (math.log(0.7))
Z = np.array([[1.0, 2.0, 0.5], [0.3, -1.0, 2.0], [0.0, 0.0, 0.0], [4.0, -2.0, 1.0]])
Y = np.array([1, 2, 0, 0])
W = np.array([0.2, 1.0, 3.0])


def torch_cross_entropy_reference(z, y, w, eps, reduction):
    """torch.nn.functional.cross_entropy for index targets, written out from its docs and
    ATen's cross_entropy_loss_label_smoothing, one sample at a time."""
    k = z.shape[1]
    losses, target_weights = [], []
    for z_n, y_n in zip(z, y, strict=True):
        log_q = z_n - math.log(sum(math.exp(v) for v in z_n))
        nll = -w[y_n] * log_q[y_n]
        smooth = -sum(w[c] * log_q[c] for c in range(k)) / k
        losses.append((1 - eps) * nll + eps * smooth)
        target_weights.append(w[y_n])
    if reduction == "none":
        return np.array(losses)
    if reduction == "sum":
        return sum(losses)
    return sum(losses) / sum(target_weights)


# --- cross_entropy_from_logits: PyTorch semantics -------------------------------------


def test_worked_example_from_logits():
    assert cross_entropy_from_logits(np.log([0.7, 0.2, 0.1]), 0) == pytest.approx(LN_07)


def test_matches_sklearn_log_loss():
    assert cross_entropy_from_logits(Z, Y) == pytest.approx(
        log_loss(Y, special.softmax(Z, axis=-1), labels=[0, 1, 2]), rel=1e-12
    )


@pytest.mark.parametrize("reduction", ["mean", "sum", "none"])
@pytest.mark.parametrize("eps", [0.0, 0.1, 1.0])
@pytest.mark.parametrize("weighted", [False, True])
def test_index_targets_follow_torch(reduction, eps, weighted):
    w = W if weighted else np.ones(3)
    expected = torch_cross_entropy_reference(Z, Y, w, eps, reduction)
    got = cross_entropy_from_logits(
        Z, Y, weight=W if weighted else None, label_smoothing=eps, reduction=reduction
    )
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_weighted_mean_divides_by_target_weights_hand_checked():
    # Zero logits, K = 2: log q = -ln 2 everywhere. Targets [0, 0], weights [2, 3].
    # nll sum = 2 * 2 ln2 = 4 ln2, Σ w_y = 4 -> mean = ln 2 (dividing by N = 2 would give 2 ln2).
    z = np.zeros((2, 2))
    assert cross_entropy_from_logits(z, [0, 0], weight=[2.0, 3.0]) == pytest.approx(LN2)
    # With ε = 0.2: smooth term per sample = (2 + 3) ln2 / 2 = 2.5 ln2, sum 5 ln2;
    # total = 0.8 * 4 ln2 + 0.2 * 5 ln2 = 4.2 ln2, over Σ w_y = 4 -> 1.05 ln2.
    got = cross_entropy_from_logits(z, [0, 0], weight=[2.0, 3.0], label_smoothing=0.2)
    assert got == pytest.approx(1.05 * LN2)
    # Unweighted with ε = 0.2: every term is ln 2, so smoothing changes nothing here.
    assert cross_entropy_from_logits(z, [0, 1], label_smoothing=0.2) == pytest.approx(LN2)


def test_probability_targets_mean_divides_by_n_hand_checked():
    # Zero logits, K = 2, weights [2, 3]; targets [1, 0] and [0.5, 0.5]:
    # sample 1: 2·1·ln2 = 2 ln2; sample 2: (2·0.5 + 3·0.5) ln2 = 2.5 ln2 -> mean 2.25 ln2.
    z = np.zeros((2, 2))
    target = np.array([[1.0, 0.0], [0.5, 0.5]])
    w = [2.0, 3.0]
    assert cross_entropy_from_logits(z, target, weight=w) == pytest.approx(2.25 * LN2)
    assert cross_entropy_from_logits(z, target, weight=w, reduction="sum") == pytest.approx(
        4.5 * LN2
    )
    # ε = 0.2 smooths the target to y·0.8 + 0.1: [0.9, 0.1] -> (1.8 + 0.3) ln2 = 2.1 ln2;
    # [0.5, 0.5] unchanged -> 2.5 ln2; mean 2.3 ln2.
    got = cross_entropy_from_logits(z, target, weight=w, label_smoothing=0.2, reduction="none")
    np.testing.assert_allclose(got, [2.1 * LN2, 2.5 * LN2])


@pytest.mark.parametrize("eps", [0.0, 0.3])
def test_one_hot_probability_targets_equal_index_targets_without_weights(eps):
    for reduction in ("mean", "sum", "none"):
        np.testing.assert_allclose(
            cross_entropy_from_logits(Z, one_hot(Y, 3), label_smoothing=eps, reduction=reduction),
            cross_entropy_from_logits(Z, Y, label_smoothing=eps, reduction=reduction),
            rtol=1e-12,
        )


def test_probability_targets_equal_cross_entropy_of_softmax():
    target = smooth_labels(one_hot(Y, 3), 0.25)
    np.testing.assert_allclose(
        cross_entropy_from_logits(Z, target, reduction="none"),
        cross_entropy(target, special.softmax(Z, axis=-1)),
        rtol=1e-12,
    )


def test_reduction_shapes():
    assert cross_entropy_from_logits(Z, Y, reduction="none").shape == (4,)
    assert np.ndim(cross_entropy_from_logits(Z, Y, reduction="sum")) == 0
    single = cross_entropy_from_logits([0.0, 0.0], 1, reduction="none")
    assert np.ndim(single) == 0 and single == pytest.approx(LN2)


def test_huge_logits_give_finite_loss():
    for dtype in (np.float32, np.float64):
        z = np.array([[1e4, -1e4, 0.0], [-1e4, 1e4, 0.0]], dtype=dtype)
        losses = cross_entropy_from_logits(z, [0, 0], reduction="none")
        np.testing.assert_allclose(losses, [0.0, 2e4])


# --- gradients ------------------------------------------------------------------------


def central_difference(f, z, h=1e-6):
    grad = np.zeros_like(z)
    for i in np.ndindex(z.shape):  # a test may loop: it checks the vectorised code
        step = np.zeros_like(z)
        step[i] = h
        grad[i] = (f(z + step) - f(z - step)) / (2 * h)
    return grad


@st.composite
def logits_and_targets(draw):
    shape = draw(shapes())
    z = draw(logits(shape, bound=5.0))
    if draw(st.booleans()):  # class indices, one per sample
        classes = st.integers(min_value=0, max_value=shape[-1] - 1)
        return z, draw(hnp.arrays(np.int64, shape[:-1], elements=classes))
    return z, draw(distributions(shape))  # class probabilities


@settings(**PROPERTY_SETTINGS)
@given(logits_and_targets(), st.floats(min_value=0.0, max_value=1.0))
def test_softmax_cross_entropy_grad_matches_finite_differences(zt, eps):
    z, target = zt
    analytic = softmax_cross_entropy_grad(z, target, label_smoothing=eps)
    numeric = central_difference(
        lambda v: cross_entropy_from_logits(v, target, label_smoothing=eps, reduction="sum"), z
    )
    np.testing.assert_allclose(analytic, numeric, atol=1e-6)
    np.testing.assert_allclose(analytic.sum(axis=-1), 0.0, atol=1e-12)


def test_grad_hand_checked():
    # softmax(log q) = q, so the gradient is q - one_hot = [0.7 - 1, 0.2, 0.1].
    np.testing.assert_allclose(
        softmax_cross_entropy_grad(np.log([0.7, 0.2, 0.1]), 0), [-0.3, 0.2, 0.1], atol=1e-15
    )
    np.testing.assert_allclose(logit_gradient([1, 0, 0], [0.7, 0.2, 0.1]), [-0.3, 0.2, 0.1])
    # With ε = 0.3 and K = 3 the target is [0.8, 0.1, 0.1].
    np.testing.assert_allclose(
        softmax_cross_entropy_grad(np.log([0.7, 0.2, 0.1]), 0, label_smoothing=0.3),
        [-0.1, 0.1, 0.0],
        atol=1e-15,
    )


@settings(**PROPERTY_SETTINGS)
@given(st.data(), shapes())
def test_bce_with_logits_grad_is_sigmoid_minus_y(data, shape):
    x = data.draw(logits(shape, bound=10.0))
    y = data.draw(distributions(shape))  # any values in [0, 1] will do
    h = 1e-6
    numeric = (
        binary_cross_entropy_with_logits(x + h, y, reduction="none")
        - binary_cross_entropy_with_logits(x - h, y, reduction="none")
    ) / (2 * h)
    np.testing.assert_allclose(numeric, special.expit(x) - y, atol=1e-6)


# --- binary cross-entropy -------------------------------------------------------------


def test_bce_matches_sklearn_and_hand_values():
    p = np.array([0.9, 0.2, 0.6, 0.35])
    y = np.array([1, 0, 0, 1])
    assert binary_cross_entropy(p, y) == pytest.approx(log_loss(y, p), rel=1e-12)
    assert binary_cross_entropy([0.7], [1]) == pytest.approx(LN_07)
    # Soft label: -(0.3 ln 0.5 + 0.7 ln 0.5) = ln 2.
    assert binary_cross_entropy(0.5, 0.3) == pytest.approx(LN2)
    assert binary_cross_entropy(p, y, reduction="sum") == pytest.approx(4 * log_loss(y, p))


def test_bce_certain_answers_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = binary_cross_entropy([0.0, 1.0, 0.0, 1.0], [1, 0, 0, 1], reduction="none")
    assert got.tolist() == [math.inf, math.inf, 0.0, 0.0]


def test_bce_with_logits_matches_bce_of_sigmoid():
    x = np.array([[-3.0, 0.5], [2.0, -0.1]])
    y = np.array([[0.0, 1.0], [0.25, 1.0]])
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(x, y, reduction="none"),
        binary_cross_entropy(special.expit(x), y, reduction="none"),
        rtol=1e-12,
    )


def test_bce_with_logits_extremes_are_finite_and_exact():
    got = binary_cross_entropy_with_logits([1e4, -1e4, 1e4, -1e4], [1, 1, 0, 0], reduction="none")
    assert got.tolist() == [0.0, 1e4, 1e4, 0.0]
    for dtype in (np.float32, np.float16):
        x = np.array([1e4, -1e4], dtype=dtype)
        assert np.all(np.isfinite(binary_cross_entropy_with_logits(x, [0, 1], reduction="none")))


def test_bce_with_logits_pos_weight_hand_checked():
    # x = 0: σ = 1/2, loss = -(w·y·ln ½ + (1-y) ln ½) = (w·y + 1 - y) ln 2.
    y = np.array([[1.0, 0.0, 0.5]])
    pw = np.array([3.0, 3.0, 2.0])
    got = binary_cross_entropy_with_logits(np.zeros((1, 3)), y, pos_weight=pw, reduction="none")
    np.testing.assert_allclose(got, [[3 * LN2, LN2, 1.5 * LN2]])
    # Against the documented unstable form at moderate x.
    x = np.array([[-2.0, 0.7, 3.0]])
    s = special.expit(x)
    expected = -(pw * y * np.log(s) + (1 - y) * np.log(1 - s))
    np.testing.assert_allclose(
        binary_cross_entropy_with_logits(x, y, pos_weight=pw, reduction="none"), expected
    )
    assert binary_cross_entropy_with_logits(x, y, pos_weight=pw) == pytest.approx(expected.mean())


# --- focal loss, MSE, Brier -----------------------------------------------------------

Q = np.array([[0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.25, 0.25, 0.5]])
T = np.array([0, 2, 2])


def test_focal_gamma_zero_is_cross_entropy():
    assert focal_loss(Q, T, gamma=0.0) == pytest.approx(log_loss(T, Q, labels=[0, 1, 2]))
    np.testing.assert_allclose(
        focal_loss(Q, T, gamma=0.0, reduction="none"), cross_entropy(one_hot(T, 3), Q)
    )


def test_focal_hand_checked():
    # -(1 - 0.7)^2 ln 0.7 = 0.09 · 0.35667... = 0.0321007...
    assert focal_loss([0.7, 0.2, 0.1], 0) == pytest.approx(0.09 * LN_07)
    expected = -((1 - Q[[0, 1, 2], T]) ** 2) * np.log(Q[[0, 1, 2], T])
    np.testing.assert_allclose(focal_loss(Q, T, reduction="none"), expected)
    assert focal_loss(Q, T) == pytest.approx(expected.mean())
    assert focal_loss(Q, T, reduction="sum") == pytest.approx(expected.sum())
    assert focal_loss(Q, T, alpha=0.25) == pytest.approx(0.25 * expected.mean())
    alpha = np.array([0.5, 1.0, 2.0])
    np.testing.assert_allclose(focal_loss(Q, T, alpha=alpha, reduction="none"), alpha[T] * expected)


def test_focal_down_weights_easy_samples():
    easy, hard = focal_loss([0.9, 0.1], 0), focal_loss([0.1, 0.9], 0)
    ce_easy, ce_hard = -math.log(0.9), -math.log(0.1)
    assert easy / ce_easy < hard / ce_hard


def test_focal_infinity_and_switched_off_class():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert focal_loss([0.0, 1.0], 0) == math.inf
        assert focal_loss([0.0, 1.0], 0, alpha=[0.0, 1.0]) == 0.0
        assert focal_loss([1.0, 0.0], 0) == 0.0


def test_mse_and_brier_hand_checked():
    # (0.7-1)^2 + 0.2^2 + 0.1^2 = 0.09 + 0.04 + 0.01 = 0.14
    assert brier_score([0.7, 0.2, 0.1], [1, 0, 0]) == pytest.approx(0.14)
    assert mse([0.7, 0.2, 0.1], [1, 0, 0]) == pytest.approx(0.14 / 3)
    y = one_hot(T, 3)
    np.testing.assert_allclose(brier_score(Q, y), ((Q - y) ** 2).sum(axis=1))
    np.testing.assert_allclose(mse(Q, y), brier_score(Q, y) / 3)
    assert mse(Q, y).shape == (3,)
    assert brier_score([0, 1], [1, 0]) == 2.0


# --- labels ---------------------------------------------------------------------------


def test_one_hot():
    assert one_hot([0, 2], 3).tolist() == [[1, 0, 0], [0, 0, 1]]
    assert one_hot(np.array([[1], [0]]), 2).shape == (2, 1, 2)
    assert one_hot([1.0, 0.0], 2).tolist() == [[0, 1], [1, 0]]  # whole-valued floats
    assert one_hot(np.uint8(1), 2).tolist() == [0, 1]


def test_smooth_labels():
    assert smooth_labels([1, 0, 0, 0], 0.1).tolist() == pytest.approx([0.925, 0.025, 0.025, 0.025])
    assert smooth_labels([1, 0], 0.0).tolist() == [1.0, 0.0]
    np.testing.assert_allclose(smooth_labels([[1, 0, 0]], 1.0), [[1 / 3] * 3])


@settings(**PROPERTY_SETTINGS)
@given(st.data(), shapes(), st.floats(min_value=0.0, max_value=1.0))
def test_smoothed_labels_are_distributions(data, shape, eps):
    y = data.draw(distributions(shape))
    smoothed = smooth_labels(y, eps)
    np.testing.assert_allclose(smoothed.sum(axis=-1), 1.0, rtol=1e-12)
    assert np.all(smoothed >= eps / shape[-1] - 1e-15)


@settings(**PROPERTY_SETTINGS)
@given(logits_and_targets(), st.sampled_from(["none", "sum", "mean"]))
def test_losses_batched_equal_per_row(zt, reduction):
    z, target = zt
    if z.ndim == 1:
        z, target = z[None], np.asarray(target)[None]
    rows = np.array([cross_entropy_from_logits(z[i], target[i]) for i in range(len(z))])
    batched = cross_entropy_from_logits(z, target, reduction=reduction)
    expected = {"none": rows, "sum": rows.sum(), "mean": rows.mean()}[reduction]
    np.testing.assert_allclose(batched, expected, rtol=1e-12)


# --- gradients given the prediction q = softmax(z) ------------------------------------


@st.composite
def logits_and_classes(draw):
    shape = draw(shapes())
    z = draw(logits(shape, bound=4.0))
    classes = st.integers(min_value=0, max_value=shape[-1] - 1)
    return z, draw(hnp.arrays(np.int64, shape[:-1], elements=classes))


@settings(**PROPERTY_SETTINGS)
@given(
    logits_and_classes(),
    st.sampled_from([0.0, 0.5, 2.0, 5.0]),
    st.one_of(st.none(), st.floats(min_value=0.0, max_value=2.0)),
)
def test_prediction_gradients_match_finite_differences(zt, gamma, alpha):
    # Each loss of softmax(z), differentiated numerically in z; the analytic gradient
    # only sees q = softmax(z).
    z, t = zt
    y = one_hot(t, z.shape[-1])
    cases = {
        "mse": (lambda v: np.sum(mse(softmax(v), y)), mse_logit_gradient(softmax(z), y)),
        "brier": (
            lambda v: np.sum(brier_score(softmax(v), y)),
            brier_logit_gradient(softmax(z), y),
        ),
        "focal": (
            lambda v: focal_loss(softmax(v), t, gamma=gamma, alpha=alpha, reduction="sum"),
            focal_logit_gradient(softmax(z), t, gamma=gamma, alpha=alpha),
        ),
    }
    for name, (loss, analytic) in cases.items():
        numeric = central_difference(loss, z)
        np.testing.assert_allclose(analytic, numeric, atol=1e-6, err_msg=name)
        np.testing.assert_allclose(analytic.sum(axis=-1), 0.0, atol=1e-12, err_msg=name)


@settings(**PROPERTY_SETTINGS)
@given(logits_and_classes(), st.sampled_from([0.0, 0.5, 2.0]))
def test_prediction_gradients_equal_the_logit_ones(zt, gamma):
    # Given q = softmax(z) or given z, the same gradient: one derivation, two entrances.
    z, t = zt
    q = softmax(z)
    y = one_hot(t, z.shape[-1])
    np.testing.assert_allclose(mse_logit_gradient(q, y), softmax_mse_grad(z, t), atol=1e-15)
    np.testing.assert_allclose(
        brier_logit_gradient(q, y), z.shape[-1] * softmax_mse_grad(z, t), atol=1e-14
    )
    np.testing.assert_allclose(
        focal_logit_gradient(q, t, gamma=gamma),
        softmax_focal_loss_grad(z, t, gamma=gamma),
        atol=1e-12,
    )
    np.testing.assert_allclose(logit_gradient(y, q), softmax_cross_entropy_grad(z, t), atol=1e-15)


def test_prediction_gradients_hand_checked():
    q, y = [0.7, 0.2, 0.1], [1.0, 0.0, 0.0]
    # Brier: g = 2 (q - y) = (-0.6, 0.4, 0.2), q . g = -0.32, so q (g + 0.32).
    np.testing.assert_allclose(brier_logit_gradient(q, y), [-0.196, 0.144, 0.052], atol=1e-15)
    # MSE is the Brier score over K: a third of it.
    np.testing.assert_allclose(mse_logit_gradient(q, y), [-0.196 / 3, 0.048, 0.052 / 3])
    # Focal with γ = 2 on the true class: (1 - p)^2 (2 p ln p - (1 - p)) with p = 0.7,
    # = 0.09 (1.4 ln 0.7 - 0.3) = -0.0719384...; the others get -coefficient * q_c.
    coefficient = 0.09 * (1.4 * math.log(0.7) / 0.3 - 1.0)
    np.testing.assert_allclose(
        focal_logit_gradient(q, 0, gamma=2.0),
        [coefficient * 0.3, -coefficient * 0.2, -coefficient * 0.1],
        rtol=1e-14,
    )


def test_focal_gradient_at_the_edges_of_the_simplex():
    # p = 0: the loss is infinite but its slope in the logits is finite, -alpha on the
    # true class (p log p -> 0); p = 1: the loss is flat, the gradient 0.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        at_zero = focal_logit_gradient([[0.0, 1.0], [0.0, 1.0]], [0, 0], gamma=2.0, alpha=0.25)
        at_one = focal_logit_gradient([1.0, 0.0, 0.0], 0, gamma=2.0)
        plain_at_one = focal_logit_gradient([1.0, 0.0], 0, gamma=0.0)
    np.testing.assert_array_equal(at_zero, [[-0.25, 0.25], [-0.25, 0.25]])
    np.testing.assert_array_equal(at_one, [0.0, 0.0, 0.0])
    np.testing.assert_array_equal(plain_at_one, [0.0, 0.0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: mse_logit_gradient([0.5, 0.5], [1.0, 0.0, 0.0]), "q and target must have"),
        (lambda: brier_logit_gradient([0.5, 0.6], [1.0, 0.0]), "q must sum to 1"),
        (lambda: focal_logit_gradient([0.5, 0.5], 2), "target class indices must lie in"),
        (lambda: focal_logit_gradient([0.5, 0.5], 0, gamma=-1.0), "gamma must be finite"),
        (lambda: focal_logit_gradient([0.5, 0.5], 0, alpha=[1.0]), "alpha must be a number"),
    ],
)
def test_prediction_gradients_check_their_input(call, message):
    with pytest.raises(ValueError, match="^" + message):
        call()


def test_label_smoothing_is_smooth_labels():
    # The smoothed target of every loss entrance is smooth_labels' (ε = 0.3, K = 3: 0.8, 0.1).
    z = np.log([[0.7, 0.2, 0.1]])
    target = smooth_labels(one_hot([0], 3), 0.3)
    np.testing.assert_allclose(target, [[0.8, 0.1, 0.1]])
    np.testing.assert_allclose(
        softmax_cross_entropy_grad(z, [0], label_smoothing=0.3), softmax(z) - target, atol=1e-15
    )
    expected = -(target * np.log([[0.7, 0.2, 0.1]])).sum()
    for t in ([0], one_hot([0], 3)):  # class indices and one-hot probabilities
        assert cross_entropy_from_logits(z, t, label_smoothing=0.3) == pytest.approx(
            expected, rel=1e-14
        )
