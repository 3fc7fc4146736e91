"""Input checks shared by every xent_core function: one mistake, one message.

Every error is a ``ValueError`` that names the offending argument, so the UI can show it
as is and the tests can pin it word for word.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Absolute tolerance on ``sum(p) == 1`` (sliders and CSV uploads round their values).
SUM_TOLERANCE = 1e-6

REDUCTIONS = ("mean", "sum", "none")


def as_real_array(x: ArrayLike, name: str) -> NDArray:
    """``np.asarray(x)``, refusing anything that is not bool, integer or float."""
    try:
        arr = np.asarray(x)
    except (TypeError, ValueError) as err:  # ragged lists, odd objects
        raise ValueError(f"{name} must be an array of real numbers ({err})") from None
    if arr.dtype.kind not in "biuf":
        raise ValueError(f"{name} must contain real numbers, got dtype {arr.dtype}")
    return arr


def as_float_array(x: ArrayLike, name: str) -> NDArray[np.floating]:
    """Keep a floating dtype as it is (float16/32/64); promote bools and integers to float64."""
    arr = as_real_array(x, name)
    return arr if arr.dtype.kind == "f" else arr.astype(np.float64)


def check_finite(arr: NDArray, name: str) -> None:
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} contains NaN or infinite values")


def check_class_axis(arr: NDArray, name: str, axis: int) -> int:
    """Check that ``axis`` exists and holds at least one class; return it as a positive index."""
    if arr.ndim == 0:
        raise ValueError(f"{name} must have at least one dimension (the classes), got a scalar")
    if not -arr.ndim <= axis < arr.ndim:
        raise ValueError(f"axis {axis} is out of bounds for {name} with {arr.ndim} dimension(s)")
    if arr.shape[axis] == 0:
        raise ValueError(f"{name} must have at least one class along axis {axis}")
    return axis % arr.ndim


def as_probabilities(x: ArrayLike, name: str, *, axis: int = -1) -> NDArray[np.float64]:
    """A float64 array of distributions along ``axis``: finite, non-negative, summing to 1."""
    arr = as_real_array(x, name).astype(np.float64)
    check_class_axis(arr, name, axis)
    check_finite(arr, name)
    if np.any(arr < 0):
        raise ValueError(f"{name} contains negative entries")
    sums = arr.sum(axis=axis)
    error = np.abs(sums - 1.0)
    if np.any(error > SUM_TOLERANCE):
        worst = int(np.argmax(error))
        where = ""
        if sums.ndim == 1:
            where = f" at index {worst}"
        elif sums.ndim > 1:
            where = f" at index {tuple(int(i) for i in np.unravel_index(worst, sums.shape))}"
        raise ValueError(
            f"{name} must sum to 1 along axis {axis} "
            f"(got {sums.flat[worst]:.10g}{where}; tolerance {SUM_TOLERANCE:g})"
        )
    return arr


def as_unit_interval(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """A float64 array with every entry in [0, 1] (binary probabilities or soft labels)."""
    arr = as_real_array(x, name).astype(np.float64)
    check_finite(arr, name)
    if np.any((arr < 0) | (arr > 1)):
        raise ValueError(f"{name} must lie in [0, 1]")
    return arr


def as_nonnegative(x: ArrayLike, name: str) -> NDArray[np.float64]:
    """A float64 array of finite, non-negative factors (class weights, alpha, pos_weight)."""
    arr = as_real_array(x, name).astype(np.float64)
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"{name} must be finite and non-negative")
    return arr


def as_class_weights(x: ArrayLike, name: str, n_classes: int) -> NDArray[np.float64]:
    """One finite, non-negative weight per class, shape ``(n_classes,)``."""
    arr = as_nonnegative(x, name)
    if arr.shape != (n_classes,):
        raise ValueError(f"{name} must have shape ({n_classes},), one per class, got {arr.shape}")
    return arr


def as_class_indices(x: ArrayLike, name: str, n_classes: int) -> NDArray[np.intp]:
    """Integer class labels in ``[0, n_classes)``; whole-valued floats (e.g. from a CSV) pass."""
    arr = as_real_array(x, name)
    if arr.dtype.kind == "b":
        raise ValueError(f"{name} must be integer class indices, got booleans")
    if arr.dtype.kind == "f" and not np.all(np.isfinite(arr) & (arr == np.round(arr))):
        raise ValueError(f"{name} must be integer class indices, got non-integer values")
    out_of_range = (arr < 0) | (arr >= n_classes)
    if np.any(out_of_range):
        bad = arr[out_of_range].flat[0]
        raise ValueError(
            f"{name} class indices must lie in [0, {n_classes - 1}], got {bad.item()!r}"
        )
    return arr.astype(np.intp)


def as_logits(
    x: ArrayLike, name: str, *, axis: int = -1, allow_neg_inf: bool = False
) -> NDArray[np.floating]:
    """Logits with classes along ``axis``: a floating dtype is kept, integers become float64.

    Finite, or with ``allow_neg_inf`` also ``-inf`` (the log of a probability 0) as long
    as every slice along ``axis`` keeps one finite logit; NaN and ``+inf`` never pass.
    """
    arr = as_float_array(x, name)
    check_class_axis(arr, name, axis)
    if not allow_neg_inf:
        check_finite(arr, name)
        return arr
    if np.isnan(arr).any() or (arr == np.inf).any():
        raise ValueError(
            f"{name} contains NaN or +inf (only -inf, a log-probability of 0, is allowed)"
        )
    has_finite = np.isfinite(arr).any(axis=axis)
    if not has_finite.all():
        first = tuple(int(i) for i in np.unravel_index(np.argmin(has_finite), has_finite.shape))
        where = "" if not first else f" row {first[0]}" if len(first) == 1 else f" at {first}"
        raise ValueError(f"{name}{where} has no finite entry (every class has probability 0)")
    return arr


def check_same_shape(a: NDArray, b: NDArray, names: tuple[str, str]) -> None:
    if a.shape != b.shape:
        raise ValueError(
            f"{names[0]} and {names[1]} must have the same shape, got {a.shape} and {b.shape}"
        )


def real_scalar(value: object, name: str) -> float:
    """A single real number (Python or numpy scalar, not a bool) as a Python float."""
    if isinstance(value, bool | np.bool_) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    return float(value)


def fraction(value: object, name: str) -> float:
    """A number in [0, 1] (label smoothing, epsilon)."""
    v = real_scalar(value, name)
    if not 0.0 <= v <= 1.0:  # also rejects NaN
        raise ValueError(f"{name} must lie in [0, 1], got {value!r}")
    return v


def log_base(base: float | None) -> float:
    """The divisor that converts nats to ``base`` units: 1 for nats, ln 2 for bits."""
    if base is None:
        return 1.0
    if (
        isinstance(base, bool | np.bool_)
        or not isinstance(base, numbers.Real)
        or not (np.isfinite(base) and base > 0 and base != 1)
    ):
        raise ValueError(
            f"base must be a positive number other than 1 (or None for nats), got {base!r}"
        )
    return float(np.log(base))


def check_reduction(reduction: str) -> str:
    if reduction not in REDUCTIONS:
        raise ValueError(f"reduction must be one of 'mean', 'sum', 'none', got {reduction!r}")
    return reduction


def as_result(x: NDArray) -> NDArray | np.floating:
    """0-d arrays become numpy scalars (a ``np.float64`` is a Python float); arrays stay."""
    return x[()]
