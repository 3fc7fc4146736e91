"""Bad input: every validation branch raises ValueError with a message naming the argument."""

from __future__ import annotations

import re

import numpy as np
import pytest

import xent_core as xc

pytestmark = pytest.mark.filterwarnings("error")

Q3 = [0.7, 0.2, 0.1]
P3 = [1.0, 0.0, 0.0]
Z2 = [[1.0, 2.0, 0.5], [0.0, 0.0, 1.0]]


def exact(message: str) -> str:
    """The full message, word for word."""
    return "^" + re.escape(message) + "$"


PROBABILITY_CASES = [
    pytest.param([0.9, 0.2, -0.1], Q3, "p contains negative entries", id="p-negative"),
    pytest.param(P3, [1.1, -0.1, 0.0], "q contains negative entries", id="q-negative"),
    pytest.param([np.nan, 0.5, 0.5], Q3, "p contains NaN or infinite values", id="p-nan"),
    pytest.param(P3, [np.inf, 0.0, 0.0], "q contains NaN or infinite values", id="q-inf"),
    pytest.param(
        [0.5, 0.3, 0.1],
        Q3,
        "p must sum to 1 along axis -1 (got 0.9; tolerance 1e-06)",
        id="p-sum",
    ),
    pytest.param(
        [[1, 0, 0], [0.5, 0.5, 0.5]],
        [Q3, Q3],
        "p must sum to 1 along axis -1 (got 1.5 at index 1; tolerance 1e-06)",
        id="p-sum-batched",
    ),
    pytest.param(P3, [0.5, 0.5], "p and q must have the same shape, got (3,) and (2,)", id="shape"),
    pytest.param(
        1.0,
        1.0,
        "p must have at least one dimension (the classes), got a scalar",
        id="scalar",
    ),
    pytest.param([], [], "p must have at least one class along axis -1", id="no-classes"),
    pytest.param(
        [1 + 0j, 0j], [0.5, 0.5], "p must contain real numbers, got dtype complex128", id="complex"
    ),
    pytest.param(["a", "b"], [0.5, 0.5], "p must contain real numbers, got dtype <U1", id="str"),
]


@pytest.mark.parametrize(("p", "q", "message"), PROBABILITY_CASES)
@pytest.mark.parametrize(
    "measure", [xc.cross_entropy, xc.kl_divergence, xc.js_divergence, xc.perplexity]
)
def test_probability_checks_are_shared(measure, p, q, message):
    with pytest.raises(ValueError, match=exact(message)):
        measure(p, q)


def test_sum_within_tolerance_is_accepted():
    assert xc.entropy([0.5, 0.5 + 5e-7]) == pytest.approx(np.log(2), abs=1e-6)
    with pytest.raises(ValueError, match=r"^p must sum to 1 along axis -1 \(got 1\.000002;"):
        xc.entropy([0.5, 0.500002])


def test_ragged_input():
    with pytest.raises(ValueError, match=r"^p must be an array of real numbers \("):
        xc.entropy([[0.5, 0.5], [1.0]])


def test_axis_out_of_bounds():
    with pytest.raises(
        ValueError, match=exact("axis 1 is out of bounds for p with 1 dimension(s)")
    ):
        xc.entropy([0.5, 0.5], axis=1)
    with pytest.raises(
        ValueError, match=exact("p must sum to 1 along axis 0 (got 2 at index 0; tolerance 1e-06)")
    ):
        xc.entropy([[1.0, 0.0], [1.0, 0.0]], axis=0)


@pytest.mark.parametrize("base", [1, 0, -2, np.inf, np.nan, True, "2", [2]])
def test_bad_base(base):
    message = f"base must be a positive number other than 1 (or None for nats), got {base!r}"
    with pytest.raises(ValueError, match=exact(message)):
        xc.entropy([0.5, 0.5], base=base)
    with pytest.raises(ValueError, match=exact(message)):
        xc.kl_divergence([0.5, 0.5], [0.5, 0.5], base=base)


# --- softmax --------------------------------------------------------------------------


@pytest.mark.parametrize("function", [xc.softmax, xc.log_softmax, xc.logsumexp])
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_logits(function, bad):
    with pytest.raises(ValueError, match=exact("z contains NaN or infinite values")):
        function([1.0, bad])


@pytest.mark.parametrize("function", [xc.softmax, xc.log_softmax])
@pytest.mark.parametrize("temperature", [0.0, -1.0, np.inf, np.nan])
def test_bad_temperature(function, temperature):
    message = f"temperature must be finite and > 0, got {temperature!r}"
    with pytest.raises(ValueError, match=exact(message)):
        function([1.0, 2.0], temperature=temperature)


def test_temperature_must_be_a_number():
    with pytest.raises(ValueError, match=exact("temperature must be a real number, got '1'")):
        xc.softmax([1.0, 2.0], temperature="1")


def test_logits_need_classes():
    with pytest.raises(ValueError, match=exact("z must have at least one class along axis -1")):
        xc.logsumexp(np.zeros((2, 0)))
    with pytest.raises(
        ValueError, match=exact("z must have at least one dimension (the classes), got a scalar")
    ):
        xc.softmax(3.0)


# --- cross_entropy_from_logits and its gradient ---------------------------------------

LOGIT_CASES = [
    pytest.param(
        {"label_smoothing": 1.5}, "label_smoothing must lie in [0, 1], got 1.5", id="smoothing-high"
    ),
    pytest.param(
        {"label_smoothing": -0.1},
        "label_smoothing must lie in [0, 1], got -0.1",
        id="smoothing-low",
    ),
    pytest.param(
        {"label_smoothing": np.nan},
        "label_smoothing must lie in [0, 1], got nan",
        id="smoothing-nan",
    ),
    pytest.param(
        {"target": [0, 3]}, "target class indices must lie in [0, 2], got 3", id="target-high"
    ),
    pytest.param(
        {"target": [-1, 0]}, "target class indices must lie in [0, 2], got -1", id="target-negative"
    ),
    pytest.param(
        {"target": [0, 1, 2]},
        "target class indices must have shape (2,) (one per sample), got (3,)",
        id="target-index-shape",
    ),
    pytest.param(
        {"target": [0.0, 1.0]},
        "target with class probabilities must have the same shape as logits, got (2,) and (2, 3) "
        "(pass class indices as integers)",
        id="target-float-shape",
    ),
    pytest.param(
        {"target": [[0.5, 0.5, 0.5], [1.0, 0.0, 0.0]]},
        "target must sum to 1 along axis -1 (got 1.5 at index 0; tolerance 1e-06)",
        id="target-probability-sum",
    ),
    pytest.param(
        {"target": [True, False]},
        "target must be integer class indices, got booleans",
        id="target-bool",
    ),
    pytest.param(
        {"logits": [[1.0, np.nan, 0.0], [0.0, 0.0, 0.0]]},
        "logits contains NaN or infinite values",
        id="logits-nan",
    ),
    pytest.param(
        {"logits": 1.0, "target": 0},
        "logits must have at least one dimension (the classes), got a scalar",
        id="logits-scalar",
    ),
]


@pytest.mark.parametrize(("overrides", "message"), LOGIT_CASES)
def test_cross_entropy_from_logits_and_grad_validate(overrides, message):
    kwargs = {"logits": Z2, "target": [0, 2], **overrides}
    with pytest.raises(ValueError, match=exact(message)):
        xc.cross_entropy_from_logits(**kwargs)
    with pytest.raises(ValueError, match=exact(message)):
        xc.softmax_cross_entropy_grad(**kwargs)


@pytest.mark.parametrize(
    ("weight", "message"),
    [
        ([1.0, 2.0], "weight must have shape (3,), one per class, got (2,)"),
        ([1.0, -2.0, 1.0], "weight must be finite and non-negative"),
        ([1.0, np.nan, 1.0], "weight must be finite and non-negative"),
    ],
)
def test_bad_class_weights(weight, message):
    with pytest.raises(ValueError, match=exact(message)):
        xc.cross_entropy_from_logits(Z2, [0, 2], weight=weight)


def test_zero_target_weight_mean():
    with pytest.raises(
        ValueError, match=exact("weight of the target classes sums to 0, so the mean is undefined")
    ):
        xc.cross_entropy_from_logits(Z2, [0, 0], weight=[0.0, 1.0, 1.0])


@pytest.mark.parametrize(
    "call",
    [
        lambda r: xc.cross_entropy_from_logits(Z2, [0, 2], reduction=r),
        lambda r: xc.binary_cross_entropy([0.5], [1], reduction=r),
        lambda r: xc.binary_cross_entropy_with_logits([0.5], [1], reduction=r),
        lambda r: xc.focal_loss([Q3], [0], reduction=r),
    ],
)
def test_bad_reduction(call):
    with pytest.raises(
        ValueError, match=exact("reduction must be one of 'mean', 'sum', 'none', got 'avg'")
    ):
        call("avg")


# --- binary losses --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "y", "message"),
    [
        ([1.2, 0.5], [1, 0], "p must lie in [0, 1]"),
        ([-0.1, 0.5], [1, 0], "p must lie in [0, 1]"),
        ([0.5, np.nan], [1, 0], "p contains NaN or infinite values"),
        ([0.5, 0.5], [2, 0], "y must lie in [0, 1]"),
        ([0.5, 0.5], [1, 0, 1], "p and y must have the same shape, got (2,) and (3,)"),
    ],
)
def test_binary_cross_entropy_validates(p, y, message):
    with pytest.raises(ValueError, match=exact(message)):
        xc.binary_cross_entropy(p, y)


@pytest.mark.parametrize(
    ("x", "y", "pos_weight", "message"),
    [
        ([np.inf, 0.0], [1, 0], None, "x contains NaN or infinite values"),
        ([1.0, 0.0], [1.5, 0], None, "y must lie in [0, 1]"),
        ([1.0, 0.0], [1], None, "x and y must have the same shape, got (2,) and (1,)"),
        ([1.0, 0.0], [1, 0], -1.0, "pos_weight must be finite and non-negative"),
        (
            [[1.0, 0.0]],
            [[1, 0]],
            [1.0, 2.0, 3.0],
            "pos_weight of shape (3,) does not broadcast to y's shape (1, 2)",
        ),
    ],
)
def test_binary_cross_entropy_with_logits_validates(x, y, pos_weight, message):
    with pytest.raises(ValueError, match=exact(message)):
        xc.binary_cross_entropy_with_logits(x, y, pos_weight=pos_weight)


# --- focal loss, MSE/Brier, labels ----------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"gamma": -1.0}, "gamma must be finite and >= 0, got -1.0"),
        ({"gamma": np.inf}, "gamma must be finite and >= 0, got inf"),
        ({"gamma": None}, "gamma must be a real number, got None"),
        ({"alpha": [1.0, 2.0]}, "alpha must be a number or have shape (3,), got (2,)"),
        ({"alpha": -0.5}, "alpha must be finite and non-negative"),
        (
            {"target": [0, 1]},
            "target class indices must have shape (1,) (one per sample), got (2,)",
        ),
        ({"target": [3]}, "target class indices must lie in [0, 2], got 3"),
        ({"target": [0.5]}, "target must be integer class indices, got non-integer values"),
        (
            {"q": [[0.7, 0.2, 0.2]]},
            "q must sum to 1 along axis -1 (got 1.1 at index 0; tolerance 1e-06)",
        ),
    ],
)
def test_focal_loss_validates(kwargs, message):
    call = {"q": [Q3], "target": [0], **kwargs}
    with pytest.raises(ValueError, match=exact(message)):
        xc.focal_loss(**call)


@pytest.mark.parametrize("function", [xc.mse, xc.brier_score])
def test_squared_errors_validate(function):
    with pytest.raises(
        ValueError, match=exact("q and target must have the same shape, got (3,) and (2,)")
    ):
        function(Q3, [1, 0])
    with pytest.raises(ValueError, match=exact("target contains negative entries")):
        function(Q3, [2, -1, 0])
    with pytest.raises(
        ValueError, match=exact("q must sum to 1 along axis -1 (got 0.9; tolerance 1e-06)")
    ):
        function([0.7, 0.1, 0.1], P3)


@pytest.mark.parametrize(
    ("labels", "n_classes", "message"),
    [
        ([0, 3], 3, "labels class indices must lie in [0, 2], got 3"),
        ([-1], 3, "labels class indices must lie in [0, 2], got -1"),
        ([0.5], 3, "labels must be integer class indices, got non-integer values"),
        ([np.nan], 3, "labels must be integer class indices, got non-integer values"),
        ([True], 3, "labels must be integer class indices, got booleans"),
        ([0], 0, "n_classes must be a positive integer, got 0"),
        ([0], 2.0, "n_classes must be a positive integer, got 2.0"),
        ([0], True, "n_classes must be a positive integer, got True"),
    ],
)
def test_one_hot_validates(labels, n_classes, message):
    with pytest.raises(ValueError, match=exact(message)):
        xc.one_hot(labels, n_classes)


@pytest.mark.parametrize("epsilon", [1.5, -0.1])
def test_smooth_labels_validates(epsilon):
    with pytest.raises(ValueError, match=exact(f"epsilon must lie in [0, 1], got {epsilon}")):
        xc.smooth_labels(P3, epsilon)
    with pytest.raises(
        ValueError, match=exact("y must sum to 1 along axis -1 (got 2; tolerance 1e-06)")
    ):
        xc.smooth_labels([1, 1], 0.1)


def test_logit_gradient_validates():
    with pytest.raises(
        ValueError, match=exact("p and q must have the same shape, got (3,) and (2,)")
    ):
        xc.logit_gradient(P3, [0.5, 0.5])
