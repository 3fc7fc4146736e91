"""Library conventions for -ln q at the edge: scikit-learn itself, and hand-checked caps.

torch and Keras are not installed here; their caps are computed by hand from their
documented rules, and torch's are also checked against values recorded from torch itself
(tests/core/reference/torch_bce.json, written by tests/core/reference/torch_reference.py).
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import math
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import log_loss

from tests.core.reference import torch_reference
from tests.core.strategies import PROPERTY_SETTINGS
from xent_core import (
    CONVENTIONS,
    Convention,
    convention_losses,
    exact_log_loss,
    keras_log_loss,
    seed_log_loss,
    sklearn_log_loss,
    torch_log_loss,
)

pytestmark = pytest.mark.filterwarnings("error")

LOSSES = [exact_log_loss, sklearn_log_loss, keras_log_loss, torch_log_loss, seed_log_loss]
KEYS = ["exact", "sklearn", "keras", "torch", "seed"]

# The loss at q_y = 0, by hand:
#   sklearn: clip to eps = 2^-52, -ln 2^-52 = 52 ln 2 = 52 * 0.6931471805599453
SKLEARN_CAP = 36.04365338911715
#   Keras: clip to 1e-7, -ln 1e-7 = 7 ln 10 = 7 * 2.302585092994046
KERAS_CAP = 16.11809565095832
#   PyTorch: log clamped at -100
TORCH_CAP = 100.0
#   seed: -ln(0 + 1e-15) = 15 ln 10 = 15 * 2.302585092994046
SEED_CAP = 34.538776394910684

# sklearn renamed log_loss's y_pred to y_proba in 1.9; pass whichever this version has.
PROBA_KEYWORD = "y_proba" if "y_proba" in inspect.signature(log_loss).parameters else "y_pred"


def sklearn_reference(q_true: float, true_class: int = 0, k: int = 3) -> float:
    """scikit-learn's own log_loss on a full K-class row with q_true on the true class."""
    row = np.full(k, (1.0 - q_true) / (k - 1))
    row[true_class] = q_true
    return float(log_loss([true_class], **{PROBA_KEYWORD: [row]}, labels=list(range(k))))


def exact(message: str) -> str:
    return "^" + re.escape(message) + "$"


# --- references ---------------------------------------------------------------------


@pytest.mark.parametrize("true_class", [0, 2])
@pytest.mark.parametrize("q", [0.0, 1e-20, 1e-16, 1e-10, 0.3, 1.0])
def test_sklearn_matches_sklearn_log_loss(q, true_class):
    assert sklearn_log_loss(q) == pytest.approx(sklearn_reference(q, true_class), rel=1e-15)


def test_sklearn_reference_values_by_hand():
    # 1e-16 < eps = 2.22e-16 is clipped like 0; 1e-10 is not: -ln 1e-10 = 10 ln 10.
    assert sklearn_reference(1e-16) == pytest.approx(SKLEARN_CAP, rel=1e-15)
    assert sklearn_reference(1e-10) == pytest.approx(10 * math.log(10), rel=1e-15)
    # q = 1 is clipped to 1 - 2^-52: -ln(1 - 2^-52) = 2^-52 + ... = 2.220446049250313e-16.
    assert sklearn_log_loss(1.0) == pytest.approx(2.0**-52, rel=1e-15)
    assert sklearn_reference(1.0) == pytest.approx(2.0**-52, rel=1e-15)


def test_values_at_zero_are_the_documented_caps():
    assert exact_log_loss(0.0) == math.inf
    assert sklearn_log_loss(0.0) == pytest.approx(SKLEARN_CAP, rel=1e-15)
    assert sklearn_log_loss(0.0) == pytest.approx(52 * math.log(2), rel=1e-15)
    assert keras_log_loss(0.0) == pytest.approx(KERAS_CAP, rel=1e-15)
    assert keras_log_loss(0.0) == pytest.approx(7 * math.log(10), rel=1e-15)
    assert torch_log_loss(0.0) == TORCH_CAP
    assert seed_log_loss(0.0) == pytest.approx(SEED_CAP, rel=1e-15)
    assert seed_log_loss(0.0) == pytest.approx(15 * math.log(10), rel=1e-15)
    caps = {c.key: c.ceiling for c in CONVENTIONS}
    assert caps == pytest.approx(
        {
            "exact": math.inf,
            "sklearn": SKLEARN_CAP,
            "keras": KERAS_CAP,
            "torch": 100.0,
            "seed": SEED_CAP,
        },
        rel=1e-15,
    )


def test_values_at_one():
    # A certain correct prediction: exact and torch cost +0.0 (not -0.0); the clipping
    # conventions cost -ln(1 - eps); the seed's offset makes it slightly negative:
    # 1 + 1e-15 rounds to 1 + 5 * 2^-52, and -ln of that is -1.1102e-15.
    assert math.copysign(1.0, exact_log_loss(1.0)) == 1.0 and exact_log_loss(1.0) == 0.0
    assert math.copysign(1.0, torch_log_loss(1.0)) == 1.0 and torch_log_loss(1.0) == 0.0
    assert keras_log_loss(1.0) == pytest.approx(-math.log1p(-1e-7), rel=1e-15)  # 1.0e-7
    assert seed_log_loss(1.0) == pytest.approx(-5 * 2.0**-52, rel=1e-12)
    assert seed_log_loss(1.0) < 0


def test_torch_floor():
    # e^-100 = 3.72e-44: below it the clamp holds the loss at 100, above it -ln q.
    assert torch_log_loss(1e-50) == 100.0
    assert torch_log_loss(math.exp(-101.0)) == 100.0
    assert torch_log_loss(5e-324) == 100.0  # the smallest subnormal: -ln = 744.4
    assert torch_log_loss(math.exp(-99.0)) == pytest.approx(99.0, rel=1e-15)
    q = np.geomspace(math.exp(-99.9), 1.0, 500)
    np.testing.assert_array_equal(torch_log_loss(q), exact_log_loss(q))
    q = np.geomspace(5e-324, math.exp(-100.1), 500)
    assert np.all(torch_log_loss(q) == 100.0)


# --- properties -----------------------------------------------------------------------


@pytest.mark.parametrize("loss", LOSSES, ids=KEYS)
def test_monotone_non_increasing_on_a_grid(loss):
    q = np.concatenate([[0.0, 5e-324, 1e-320], np.geomspace(1e-300, 1.0, 3000)])
    q = np.concatenate([q, 1.0 - np.geomspace(1e-6, 1e-17, 200), [1.0]])
    values = loss(np.sort(q))
    assert np.all(np.diff(values) <= 0)


@settings(**PROPERTY_SETTINGS)
@given(st.floats(min_value=0.0, max_value=1.0), st.floats(min_value=0.0, max_value=1.0))
def test_monotone_non_increasing(a, b):
    lo, hi = sorted((a, b))
    for loss in LOSSES:
        assert loss(lo) >= loss(hi), loss.__name__


@settings(**PROPERTY_SETTINGS)
@given(st.floats(min_value=1e-3, max_value=1.0 - 1e-3))
def test_conventions_agree_away_from_the_edge(q):
    reference = -math.log(q)
    values = convention_losses(q)
    # The clipping and the clamp do nothing here: bit for bit the exact loss.
    for key in ("exact", "sklearn", "keras", "torch"):
        assert values[key] == pytest.approx(reference, rel=1e-6, abs=0), key
        assert values[key] == values["exact"], key
    # The seed adds 1e-15 everywhere: -ln(q + 1e-15) = -ln q - 1e-15 / q + O(1e-30 / q^2),
    # below the exact loss by about 1e-15 / q (rounding q + 1e-15 costs up to ~10 %).
    shortfall = values["exact"] - values["seed"]
    assert shortfall >= 0
    assert shortfall == pytest.approx(1e-15 / q, rel=0.5, abs=4 * np.spacing(values["exact"]))
    assert values["seed"] == pytest.approx(reference, rel=1e-6)


@settings(**PROPERTY_SETTINGS)
@given(st.floats(min_value=0.0, max_value=1.0))
def test_every_convention_is_finite_except_exact_at_zero(q):
    values = convention_losses(q)
    for key in ("sklearn", "keras", "torch", "seed"):
        assert math.isfinite(values[key]), key
        assert values[key] <= {c.key: c.ceiling for c in CONVENTIONS}[key]
    assert math.isfinite(values["exact"]) == (q > 0)


# --- the registry ---------------------------------------------------------------------


def test_conventions_order_and_keys():
    assert [c.key for c in CONVENTIONS] == KEYS
    assert [c.loss for c in CONVENTIONS] == LOSSES
    assert list(convention_losses(0.5)) == KEYS
    assert all(c.library and c.rule for c in CONVENTIONS)
    # Each rule names its library's number: the clip, the clamp or the offset.
    rules = {c.key: c.rule for c in CONVENTIONS}
    assert "ε" in rules["sklearn"] and "1e-7" in rules["keras"]
    assert "−100" in rules["torch"] and "1e-15" in rules["seed"]
    assert Convention("exact", "Exact", "", exact_log_loss).ceiling == math.inf
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONVENTIONS[0].key = "other"  # type: ignore[misc]


def test_convention_losses_are_vectorised():
    q = np.array([[0.0, 1e-20, 0.5], [1e-7, 0.9, 1.0]])
    values = convention_losses(q)
    for key, loss in zip(KEYS, LOSSES, strict=True):
        assert values[key].shape == (2, 3) and values[key].dtype == np.float64
        np.testing.assert_array_equal(values[key], loss(q))
        np.testing.assert_array_equal(values[key], [[loss(x) for x in row] for row in q])
    scalar = convention_losses(0.25)
    assert all(isinstance(v, np.float64) for v in scalar.values())
    assert scalar["exact"] == pytest.approx(2 * math.log(2), rel=1e-15)  # -ln(1/4)


@pytest.mark.parametrize("loss", [*LOSSES, convention_losses], ids=[*KEYS, "all"])
@pytest.mark.parametrize(
    ("q", "message"),
    [
        pytest.param(-0.1, "q_true must lie in [0, 1]", id="negative"),
        pytest.param(1.0 + 1e-12, "q_true must lie in [0, 1]", id="above-1"),
        pytest.param([0.5, 2.0], "q_true must lie in [0, 1]", id="array"),
        pytest.param(math.nan, "q_true contains NaN or infinite values", id="nan"),
        pytest.param([0.5, math.inf], "q_true contains NaN or infinite values", id="inf"),
        pytest.param("0.5", "q_true must contain real numbers, got dtype <U3", id="str"),
    ],
)
def test_bad_input(loss, q, message):
    with pytest.raises(ValueError, match=exact(message)):
        loss(q)


# Outputs of torch.nn.functional.binary_cross_entropy(q, ones, reduction="none") in
# float64, recorded with torch 2.13.0 (CPU) on 2026-11-23 (torch is not a dev dependency:
# its wheel is several GB); tests/core/reference/torch_reference.py records them again.
# q = 1e-45 lies below e^-100 ≈ 3.7e-44, so it hits the clamp.
TORCH_REFERENCE = json.loads(torch_reference.OUTPUT.read_text(encoding="utf-8"))
TORCH_BCE_REFERENCE = [tuple(pair) for pair in TORCH_REFERENCE["values"]]


def test_torch_reference_says_where_it_came_from() -> None:
    assert TORCH_REFERENCE["torch_version"] and TORCH_REFERENCE["recorded"]
    assert (TORCH_REFERENCE["dtype"], TORCH_REFERENCE["device"]) == ("float64", "cpu")
    # The file holds exactly the probabilities the script records, written as it writes.
    assert [q for q, _ in TORCH_BCE_REFERENCE] == torch_reference.Q
    text = torch_reference.OUTPUT.read_text(encoding="utf-8")
    assert torch_reference.dump(TORCH_REFERENCE) == text


@pytest.mark.parametrize(("q", "expected"), TORCH_BCE_REFERENCE)
def test_torch_log_loss_matches_recorded_torch_output(q: float, expected: float) -> None:
    assert float(torch_log_loss(q)) == pytest.approx(expected, rel=1e-15, abs=0)
