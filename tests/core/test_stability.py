"""The stability lab: naive softmax-then-log overflows, log-softmax does not.

References: SciPy's ``special.log_softmax`` in float64, and values checked by hand from
the float ranges (float16 max 65504 = e^11.0899, float32 max 3.4028e38 = e^88.7228).
"""

from __future__ import annotations

import dataclasses
import math
import re

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scipy import special

from tests.core.strategies import PROPERTY_SETTINGS
from xent_core import (
    PathNote,
    compare_softmax_paths,
    naive_softmax_path,
    stable_softmax_path,
)
from xent_core.stability import DTYPES

pytestmark = pytest.mark.filterwarnings("error")

#: ln 65504 = 11.089866488461016 (math.log(65504)): float16's largest value is e^11.09.
LN_FLOAT16_MAX = math.log(65504.0)
#: ln 3.4028235e38 = 88.72283905206835: float32's largest value.
LN_FLOAT32_MAX = math.log(float(np.finfo(np.float32).max))

ARRAY_FIELDS = ("logits", "exponentials", "probabilities", "log_probabilities")


@st.composite
def lab_cases(draw: st.DrawFn, *, bound: float = 20.0) -> tuple[np.ndarray, int]:
    """Logits in [-bound, bound] with K in 2..10, and any true class."""
    k = draw(st.integers(min_value=2, max_value=10))
    z = draw(hnp.arrays(np.float64, (k,), elements=st.floats(min_value=-bound, max_value=bound)))
    return z, draw(st.integers(min_value=0, max_value=k - 1))


def exact(message: str) -> str:
    return "^" + re.escape(message) + "$"


# --- hand-checked values -------------------------------------------------------------


def test_float32_overflow_at_scale_1e4_by_hand():
    # z * 1e4 = [1e4, 0, -1e4] fits float32, but exp(1e4) > 3.4e38 = e^88.72 is inf and
    # exp(-1e4) < 1.4e-45 (smallest float32 subnormal, e^-103.3) is 0. The sum is inf:
    # inf / inf = nan (class 0), 1 / inf = 0 and 0 / inf = 0 (classes 1, 2), log 0 = -inf.
    naive = [naive_softmax_path([1.0, 0.0, -1.0], y, scale=1e4) for y in range(3)]
    for path in naive:
        assert path.method == "naive" and path.dtype == "float32"
        assert path.logits.tolist() == [1e4, 0.0, -1e4]
        assert path.exponentials.tolist() == [math.inf, 1.0, 0.0]
        assert path.normaliser == math.inf
        assert np.isnan(path.probabilities[0]) and path.probabilities[1:].tolist() == [0, 0]
        assert np.isnan(path.log_probabilities[0])
        assert path.log_probabilities[1:].tolist() == [-math.inf, -math.inf]
        # +inf: exp(1e4) and the normaliser; nan: class 0; -inf: classes 1 and 2.
        assert (path.n_inf, path.n_nan, path.n_neg_inf) == (2, 1, 2)
        assert not path.ok
    # The arg-max class gets nan, the others -(-inf) = +inf.
    assert math.isnan(naive[0].cross_entropy)
    assert naive[1].cross_entropy == math.inf
    assert naive[2].cross_entropy == math.inf


def test_stable_path_at_scale_1e4_by_hand():
    # z - max z = [0, -1e4, -2e4] (exact in float32); exps [1, 0, 0], sum 1, log 1 = 0:
    # log q = [0, -1e4, -2e4] exactly and the losses are 0, 1e4, 2e4 nats.
    for y, loss in enumerate([0.0, 1e4, 2e4]):
        path = stable_softmax_path([1.0, 0.0, -1.0], y, scale=1e4)
        assert path.method == "stable" and path.dtype == "float32"
        assert path.log_probabilities.dtype == np.float32
        assert path.log_probabilities.tolist() == [0.0, -1e4, -2e4]
        assert path.exponentials.tolist() == [1.0, 0.0, 0.0]
        assert path.normaliser == 1.0
        assert path.probabilities.tolist() == [1.0, 0.0, 0.0]
        assert path.cross_entropy == loss
        assert (path.n_inf, path.n_nan, path.n_neg_inf) == (0, 0, 0)
        assert path.ok
    assert math.copysign(1.0, stable_softmax_path([1.0, 0.0], 0, scale=1e4).cross_entropy) == 1


def test_compare_returns_both_paths():
    paths = compare_softmax_paths([1.0, 0.0], 1, scale=1e4, dtype="float32")
    naive, stable = paths.naive, paths.stable
    assert (naive.method, stable.method) == ("naive", "stable")
    # exp(1e4) = inf: the true class 1 gets 1 / inf = 0 and -log 0 = inf; the stable
    # path gives the exact 1e4 nats.
    assert naive.cross_entropy == math.inf
    assert stable.cross_entropy == 1e4
    alone = naive_softmax_path([1.0, 0.0], 1, scale=1e4, dtype="float32")
    np.testing.assert_array_equal(naive.log_probabilities, alone.log_probabilities)
    assert naive.notes == alone.notes
    alone = stable_softmax_path([1.0, 0.0], 1, scale=1e4, dtype="float32")
    np.testing.assert_array_equal(stable.log_probabilities, alone.log_probabilities)
    assert stable.notes == alone.notes


def test_float16_threshold_is_ln_65504():
    # ln 65504 = 11.0899; the float16 neighbours around it are 11.0859375 and 11.09375
    # (spacing 2^-7 between 8 and 16). exp(11.0859375) = 65247.6 rounds to 65248 and fits;
    # exp(11.09375) = 65759 > 65504 (anything from 65520 up rounds to inf).
    assert 11.0859375 < LN_FLOAT16_MAX < 11.09375
    assert LN_FLOAT16_MAX == pytest.approx(11.089866488461016, rel=1e-15)
    below = naive_softmax_path([11.0859375, 0.0], 0, dtype="float16")
    assert below.ok
    assert below.exponentials.tolist() == [65248.0, 1.0]
    above = naive_softmax_path([11.09, 0.0], 0, dtype="float16")  # rounds to 11.09375
    assert above.logits[0] == np.float16(11.09375)
    assert above.exponentials[0] == np.inf and above.n_inf == 2
    assert math.isnan(above.cross_entropy)
    # The first note: exp(11.09375) overflows float16, whose largest value is 65504.
    assert above.notes[0] == PathNote("exp_overflow", (11.09375, "float16", 65504.0))
    # The stable path meets no overflow for the same logits.
    assert stable_softmax_path([11.09, 0.0], 0, dtype="float16").ok


def test_float16_overflow_for_every_value_around_the_threshold():
    # Every float16 from 10 to 12 (257 values): exp(x) overflows iff x > ln 65504.
    xs = np.arange(np.float16(10.0).view(np.uint16), np.float16(12.0).view(np.uint16) + 1)
    xs = xs.astype(np.uint16).view(np.float16)
    overflowed = [naive_softmax_path([x], 0, dtype="float16").n_inf > 0 for x in xs]
    assert overflowed == [float(x) > LN_FLOAT16_MAX for x in xs]
    # 11.09375 = 1420/128 up to 12 = 1536/128: 117 values overflow, 140 do not.
    assert len(xs) == 257 and sum(overflowed) == 117


def test_float32_threshold_is_ln_float32_max():
    # ln 3.4028235e38 = 88.7228: exp(88.72) = 3.393e38 fits, exp(88.73) overflows.
    assert 88.72 < LN_FLOAT32_MAX < 88.73
    assert naive_softmax_path([88.72], 0, dtype="float32").ok
    path = naive_softmax_path([88.73], 0, dtype="float32")
    assert path.n_inf == 2 and math.isnan(path.cross_entropy)
    # float64 holds e^88.73 = 3.43e38 with room to spare (its limit is e^709.78).
    assert naive_softmax_path([88.73], 0, dtype="float64").ok
    assert naive_softmax_path([709.0], 0, dtype="float64").ok
    assert not naive_softmax_path([710.0], 0, dtype="float64").ok


def test_sum_overflows_although_each_exponential_fits():
    # exp(10) = 22026 fits float16, but 3 * 22026 = 66079 > 65504: the sum is inf, each
    # q = 22026 / inf = 0, log 0 = -inf, and the loss is +inf.
    path = naive_softmax_path([10.0, 10.0, 10.0], 1, dtype="float16")
    assert np.all(np.isfinite(path.exponentials)) and path.normaliser == math.inf
    assert path.n_inf == 1 and path.n_neg_inf == 3 and path.n_nan == 0
    assert path.cross_entropy == math.inf
    assert PathNote("sum_overflow", ("float16",)) in path.notes
    # Log-softmax: ln(1/3) = -1.0986 for every class.
    stable = stable_softmax_path([10.0, 10.0, 10.0], 1, dtype="float16")
    assert stable.ok
    np.testing.assert_allclose(stable.cross_entropy, math.log(3), rtol=1e-3)


def test_underflow_of_every_exponential_gives_nan():
    # exp(-1000) = 0 in float64 (below 4.9e-324 = e^-744.4): 0 / 0 = nan for both classes.
    naive = naive_softmax_path([-1000.0, -1000.0], 0, dtype="float64")
    assert naive.normaliser == 0.0 and naive.n_nan == 2 and math.isnan(naive.cross_entropy)
    assert PathNote("zero_over_zero") in naive.notes
    stable = stable_softmax_path([-1000.0, -1000.0], 0, dtype="float64")
    assert stable.ok and stable.cross_entropy == pytest.approx(math.log(2), rel=1e-15)


def test_float16_logit_that_does_not_fit_is_inf_before_any_formula():
    # 1e5 > 65504: the logit itself is inf in float16, inf - inf = nan even in log-softmax.
    stable = stable_softmax_path([1.0, 0.0], 0, scale=1e5, dtype="float16")
    assert stable.logits[0] == np.inf
    assert stable.n_nan == 2 and math.isnan(stable.cross_entropy) and not stable.ok
    assert stable.notes[0] == PathNote("cast_overflow", (1e5, "float16", 65504.0))
    # A gap beyond 65504 (6e4 - (-6e4) = 1.2e5) overflows z - max z to -inf in float16,
    # although both logits fit: the true class 0 is still fine, the other class is -inf.
    gap = stable_softmax_path([6e4, -6e4], 0, dtype="float16")
    assert gap.cross_entropy == 0.0 and gap.n_neg_inf == 1 and not gap.ok
    assert np.isfinite(gap.logits).all()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("n_inf", 1),
        ("n_nan", 1),
        ("n_neg_inf", 1),
        ("cross_entropy", math.nan),
        ("cross_entropy", math.inf),
    ],
)
def test_ok_needs_every_count_zero_and_a_finite_loss(field, value):
    good = stable_softmax_path([2.0, 1.0, 0.1], 0, dtype="float64")
    assert good.ok
    assert not dataclasses.replace(good, **{field: value}).ok


def test_arrays_are_read_only_and_the_path_is_frozen():
    for path in compare_softmax_paths([1.0, 0.0, -1.0], 0, scale=1e4):
        for name in ARRAY_FIELDS:
            arr = getattr(path, name)
            assert not arr.flags.writeable, name
            with pytest.raises(ValueError, match="read-only"):
                arr[0] = 0.0
        with pytest.raises(dataclasses.FrozenInstanceError):
            path.cross_entropy = 0.0  # type: ignore[misc]


@pytest.mark.parametrize("dtype", DTYPES)
def test_every_array_has_the_lab_dtype(dtype):
    for path in compare_softmax_paths([3, 1, 2], 2, scale=0.5, dtype=dtype):
        assert path.dtype == dtype
        for name in ARRAY_FIELDS:
            assert getattr(path, name).dtype == np.dtype(dtype), name
            assert getattr(path, name).shape == (3,), name
        assert isinstance(path.normaliser, float) and isinstance(path.cross_entropy, float)


def test_logits_are_scaled_in_float64_then_rounded_once():
    # 0.1 * 3 in float64 is 0.30000000000000004; rounded once to float32 it is 0.3f.
    path = stable_softmax_path([0.1, 0.0], 0, scale=3.0, dtype="float32")
    assert path.logits[0] == np.float32(0.1 * 3.0)
    # Negative and zero scales are allowed: zero gives the uniform distribution.
    assert stable_softmax_path([5.0, -5.0], 0, scale=-1.0, dtype="float64").cross_entropy == (
        pytest.approx(10.0 + math.log1p(math.exp(-10.0)), rel=1e-15)
    )
    np.testing.assert_allclose(
        stable_softmax_path([5.0, -5.0, 1.0], 0, scale=0.0).probabilities, [1 / 3] * 3, rtol=1e-6
    )


# --- properties -----------------------------------------------------------------------


@settings(**PROPERTY_SETTINGS)
@given(lab_cases(), st.sampled_from(["float32", "float64"]))
def test_stable_path_never_fails_at_scale_1e4(case, dtype):
    z, y = case
    path = stable_softmax_path(z, y, scale=1e4, dtype=dtype)
    assert path.ok
    assert (path.n_inf, path.n_nan, path.n_neg_inf) == (0, 0, 0)
    assert np.all(np.isfinite(path.log_probabilities)) and math.isfinite(path.cross_entropy)
    assert np.all(path.log_probabilities <= 0) and path.cross_entropy >= 0
    assert path.cross_entropy == 0.0 - float(path.log_probabilities[y])
    assert np.all(path.exponentials <= 1) and 1 <= path.normaliser <= len(z)
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(path.probabilities.sum(), 1.0, rtol=4 * len(z) * eps)
    # Against SciPy in float64 on the unrounded z * 1e4: the error is a few ulps of the
    # largest logit (rounding z * 1e4 into dtype, then z - max z).
    reference = special.log_softmax(z * 1e4)
    scale = 1.0 + np.abs(z * 1e4).max()
    np.testing.assert_allclose(path.log_probabilities, reference, rtol=0, atol=8 * eps * scale)


@settings(**PROPERTY_SETTINGS)
@given(lab_cases(), st.sampled_from([0.1, 1.0, 10.0, 100.0]), st.sampled_from(DTYPES))
def test_stable_path_matches_scipy_within_dtype_tolerance(case, scale, dtype):
    z, y = case
    path = stable_softmax_path(z, y, scale=scale, dtype=dtype)
    assert path.ok  # |z * scale| <= 2000 fits float16 too
    eps = float(np.finfo(dtype).eps)
    magnitude = 1.0 + np.abs(z * scale).max()
    reference = special.log_softmax(z * scale)
    np.testing.assert_allclose(path.log_probabilities, reference, rtol=0, atol=8 * eps * magnitude)
    assert path.cross_entropy == pytest.approx(-reference[y], rel=0, abs=8 * eps * magnitude)
    # And against SciPy on exactly the dtype-rounded logits the path starts from.
    rounded = special.log_softmax(path.logits.astype(np.float64))
    np.testing.assert_allclose(path.log_probabilities, rounded, rtol=0, atol=8 * eps * magnitude)


@settings(**PROPERTY_SETTINGS)
@given(lab_cases(), st.sampled_from(["float32", "float64"]))
def test_naive_equals_stable_when_nothing_overflows(case, dtype):
    # |z| <= 20: e^20 = 4.9e8 and e^-40 = 4.2e-18 are normal in float32 and float64.
    z, y = case
    naive, stable = compare_softmax_paths(z, y, scale=1.0, dtype=dtype)
    assert naive.ok and stable.ok
    assert naive.notes == (PathNote("naive_fits", (dtype,)),)
    eps = float(np.finfo(dtype).eps)
    np.testing.assert_allclose(
        naive.log_probabilities, stable.log_probabilities, rtol=8 * eps, atol=8 * eps
    )
    np.testing.assert_allclose(naive.probabilities, stable.probabilities, rtol=8 * eps * 41)
    assert naive.cross_entropy == pytest.approx(stable.cross_entropy, rel=8 * eps, abs=8 * eps)
    if dtype == "float64":
        np.testing.assert_allclose(
            naive.log_probabilities, special.log_softmax(z), rtol=1e-13, atol=1e-13
        )


@settings(**PROPERTY_SETTINGS)
@given(lab_cases())
def test_naive_path_fails_at_scale_1e4_in_float32(case):
    z, y = case
    # Some logit times 1e4 is above ln(float32 max) = 88.72, so its exp is inf.
    assume(z.max() * 1e4 > 100.0)
    naive, stable = compare_softmax_paths(z, y, scale=1e4, dtype="float32")
    overflowed = np.isposinf(naive.exponentials)
    assert overflowed.any() and naive.normaliser == math.inf
    assert naive.n_inf == int(overflowed.sum()) + 1  # each inf exp, and the sum
    # inf / inf = nan where exp overflowed; a finite value / inf = 0 and log 0 = -inf.
    assert np.isnan(naive.log_probabilities[overflowed]).all()
    assert np.isneginf(naive.log_probabilities[~overflowed]).all()
    assert naive.n_nan == int(overflowed.sum())
    assert naive.n_neg_inf == len(z) - int(overflowed.sum())
    assert not naive.ok and not math.isfinite(naive.cross_entropy)
    assert math.isnan(naive_softmax_path(z, int(np.argmax(z)), scale=1e4).cross_entropy)
    assert stable.ok


# --- bad input ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function", [naive_softmax_path, stable_softmax_path, compare_softmax_paths]
)
@pytest.mark.parametrize(
    ("z", "true_class", "kwargs", "message"),
    [
        pytest.param(
            [1.0, 0.0],
            0,
            {"dtype": "int32"},
            "dtype must be one of 'float16', 'float32', 'float64', got 'int32'",
            id="dtype-int",
        ),
        pytest.param(
            [1.0, 0.0],
            0,
            {"dtype": "float128"},
            "dtype must be one of 'float16', 'float32', 'float64', got 'float128'",
            id="dtype-float128",
        ),
        pytest.param(
            [1.0, 0.0],
            0,
            {"dtype": "nonsense"},
            "dtype must be one of 'float16', 'float32', 'float64', got 'nonsense'",
            id="dtype-unknown",
        ),
        pytest.param(
            [1.0, 0.0],
            0,
            {"dtype": None},
            "dtype must be one of 'float16', 'float32', 'float64', got None",
            id="dtype-none",
        ),
        pytest.param([1.0, np.nan], 0, {}, "z contains NaN or infinite values", id="z-nan"),
        pytest.param([np.inf, 0.0], 0, {}, "z contains NaN or infinite values", id="z-inf"),
        pytest.param(["a", "b"], 0, {}, "z must contain real numbers, got dtype <U1", id="z-str"),
        pytest.param(
            [[1.0, 0.0, 2.0]],
            0,
            {},
            "z must have shape (K,) with at least one class, got (1, 3)",
            id="z-2d",
        ),
        pytest.param(
            [], 0, {}, "z must have shape (K,) with at least one class, got (0,)", id="z-empty"
        ),
        pytest.param(
            3.0, 0, {}, "z must have shape (K,) with at least one class, got ()", id="z-scalar"
        ),
        pytest.param([1.0, 0.0], 0, {"scale": np.inf}, "scale must be finite, got inf", id="inf"),
        pytest.param([1.0, 0.0], 0, {"scale": np.nan}, "scale must be finite, got nan", id="nan"),
        pytest.param(
            [1.0, 0.0], 0, {"scale": True}, "scale must be a real number, got True", id="scale-bool"
        ),
        pytest.param(
            [1.0, 0.0],
            0,
            {"scale": "2"},
            "scale must be a real number, got '2'",
            id="scale-str",
        ),
        pytest.param(
            [1.0, 0.0, 2.0],
            3,
            {},
            "true_class class indices must lie in [0, 2], got 3",
            id="class-too-big",
        ),
        pytest.param(
            [1.0, 0.0, 2.0],
            -1,
            {},
            "true_class class indices must lie in [0, 2], got -1",
            id="class-negative",
        ),
        pytest.param(
            [1.0, 0.0],
            0.5,
            {},
            "true_class must be integer class indices, got non-integer values",
            id="class-fraction",
        ),
        pytest.param(
            [1.0, 0.0],
            True,
            {},
            "true_class must be integer class indices, got booleans",
            id="class-bool",
        ),
        pytest.param(
            [1.0, 0.0],
            [0, 1],
            {},
            "true_class must be a single class index, got shape (2,)",
            id="class-array",
        ),
    ],
)
def test_bad_input_names_the_argument(function, z, true_class, kwargs, message):
    with pytest.raises(ValueError, match=exact(message)):
        function(z, true_class, **kwargs)


def test_equivalent_inputs_are_accepted():
    # A numpy dtype object, a whole-valued float class (from a CSV) and integer logits.
    a = stable_softmax_path([2, 1, 0], 1.0, dtype=np.float32)
    b = stable_softmax_path(np.array([2.0, 1.0, 0.0]), np.int64(1), dtype="float32")
    assert a.dtype == b.dtype == "float32"
    np.testing.assert_array_equal(a.log_probabilities, b.log_probabilities)
    # -log softmax([2, 1, 0])_1 = ln(e^2 + e + 1) - 1 = 1.40760596 (float32 precision).
    assert a.cross_entropy == b.cross_entropy == pytest.approx(1.4076059644443801, rel=1e-6)
