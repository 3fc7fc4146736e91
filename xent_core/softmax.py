r"""Softmax, log-softmax and log-sum-exp, stable for logits of any finite size.

All three subtract the largest logit first, so the biggest exponential is :math:`e^0 = 1`
and nothing overflows however large the logits are. A floating input keeps its dtype
(float16, float32 or float64) so that precision can be compared across dtypes; integer
input is computed in float64.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import (
    as_float_array,
    as_result,
    check_class_axis,
    check_finite,
    real_scalar,
)

__all__ = ["log_softmax", "logsumexp", "softmax"]


def _logits(z: ArrayLike, axis: int) -> NDArray[np.floating]:
    arr = as_float_array(z, "z")
    check_class_axis(arr, "z", axis)
    check_finite(arr, "z")
    return arr


def _temperature(temperature: float) -> float:
    t = real_scalar(temperature, "temperature")
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"temperature must be finite and > 0, got {temperature!r}")
    return t


def _shifted(z: NDArray[np.floating], temperature: float, axis: int) -> NDArray[np.floating]:
    """``(z - max z) / T``: at most 0, with 0 at the arg-max, in ``z``'s dtype."""
    # Overflow here (float16 gaps beyond 65504, or a tiny T) can only produce -inf, which
    # exp maps to the correct 0; so it is not worth a warning.
    with np.errstate(over="ignore"):
        shifted = z - z.max(axis=axis, keepdims=True)
        if temperature != 1.0:
            # Divide in float64, then round once into z's dtype: a T outside float16's
            # range (1e-9, 1e6) must not round to 0 (0/0 at the arg-max) or to inf.
            shifted = (shifted.astype(np.float64) / temperature).astype(z.dtype)
    return shifted


def softmax(z: ArrayLike, *, temperature: float = 1.0, axis: int = -1) -> NDArray[np.floating]:
    r"""Turn logits into a probability distribution.

    .. math:: \mathrm{softmax}(z)_i = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}

    Adding a constant to every logit changes nothing. As :math:`T \to 0` the result
    tends to the one-hot arg-max (ties share it); as :math:`T \to \infty`, to uniform.

    Parameters
    ----------
    z : array_like, shape (..., K, ...)
        Finite logits; classes along ``axis``.
    temperature : float
        :math:`T > 0`, finite. Below 1 sharpens, above 1 flattens.
    axis : int
        The class axis.

    Returns
    -------
    ndarray, same shape and floating dtype as ``z``
        Non-negative, sums to 1 along ``axis``.

    Examples
    --------
    >>> softmax([2.0, 1.0, 0.1]).round(4).tolist()
    [0.659, 0.2424, 0.0986]
    >>> softmax([1000.0, 0.0]).tolist()  # naive exp(1000) would overflow
    [1.0, 0.0]
    >>> softmax([1.0, 0.0], temperature=1e-9).tolist()
    [1.0, 0.0]
    """
    t = _temperature(temperature)
    e = np.exp(_shifted(_logits(z, axis), t, axis))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(z: ArrayLike, *, temperature: float = 1.0, axis: int = -1) -> NDArray[np.floating]:
    r"""Logarithm of :func:`softmax`, computed without taking ``log`` of a rounded 0.

    .. math:: \log \mathrm{softmax}(z)_i = z_i / T - \mathrm{logsumexp}(z / T)

    Parameters
    ----------
    z : array_like, shape (..., K, ...)
        Finite logits; classes along ``axis``.
    temperature : float
        :math:`T > 0`, finite.
    axis : int
        The class axis.

    Returns
    -------
    ndarray, same shape and floating dtype as ``z``
        At most 0 (nats). Finite for finite ``z`` (``-inf`` only when :math:`T` is so
        small that :math:`(z_i - \max z)/T` overflows).

    Examples
    --------
    >>> log_softmax([0.0, 0.0]).round(4).tolist()  # -ln 2
    [-0.6931, -0.6931]
    >>> log_softmax([1000.0, 0.0]).tolist()  # log(softmax) would give log(0) = -inf
    [0.0, -1000.0]
    """
    t = _temperature(temperature)
    shifted = _shifted(_logits(z, axis), t, axis)
    return shifted - np.log(np.exp(shifted).sum(axis=axis, keepdims=True))


def logsumexp(z: ArrayLike, *, axis: int = -1) -> NDArray[np.floating] | np.floating:
    r"""Log of the sum of exponentials, a smooth maximum.

    .. math:: \mathrm{logsumexp}(z) = \log \sum_i e^{z_i} = m + \log \sum_i e^{z_i - m},
              \quad m = \max_i z_i

    Parameters
    ----------
    z : array_like, shape (..., K, ...)
        Finite values; reduced along ``axis``.
    axis : int
        The axis to reduce.

    Returns
    -------
    scalar or ndarray, shape ``z.shape`` without ``axis``, floating dtype of ``z``
        Between :math:`\max z` and :math:`\max z + \log K`.

    Examples
    --------
    >>> print(round(logsumexp([0.0, 0.0]), 4))  # ln 2
    0.6931
    >>> print(logsumexp([10_000.0, 10_000.0]) - 10_000.0 > 0)
    True
    """
    arr = _logits(z, axis)
    m = arr.max(axis=axis, keepdims=True)
    with np.errstate(over="ignore"):  # float16 gaps beyond 65504 become -inf, exp gives 0
        shifted = arr - m
    out = m + np.log(np.exp(shifted).sum(axis=axis, keepdims=True))
    return as_result(np.squeeze(out, axis=axis))
