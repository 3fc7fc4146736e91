r"""Softmax, log-softmax and log-sum-exp, stable for logits of any finite size.

All three subtract the largest logit first, so the biggest exponential is :math:`e^0 = 1`
and nothing overflows however large the logits are. A floating input keeps its dtype
(float16, float32 or float64) so that precision can be compared across dtypes; integer
input is computed in float64.

This is the only softmax in ``xent_core``: calibration's temperature scaling (with
``-inf`` logits, probabilities of 0) and the temperature sweep call the same steps,
:func:`_shifted`, :func:`_scaled`, then :func:`_normalised` or :func:`_log_normalised`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import as_logits, as_result, real_scalar

__all__ = ["log_softmax", "logsumexp", "softmax"]


def _temperature(temperature: float) -> float:
    t = real_scalar(temperature, "temperature")
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"temperature must be finite and > 0, got {temperature!r}")
    return t


def _shifted(z: NDArray[np.floating], axis: int) -> NDArray[np.floating]:
    """``z - max z``: at most 0, with 0 at the arg-max, in ``z``'s dtype (``-inf`` stays)."""
    # Overflow here (float16 gaps beyond 65504) can only produce -inf, which exp maps to
    # the correct 0; so it is not worth a warning.
    with np.errstate(over="ignore"):
        return z - z.max(axis=axis, keepdims=True)


def _scaled(shifted: NDArray[np.floating], temperature: float | NDArray) -> NDArray[np.floating]:
    """Shifted logits divided by ``T`` (a number, or an array that broadcasts against them)."""
    if np.ndim(temperature) == 0 and temperature == 1.0:
        return shifted
    # Divide in float64, then round once into the logits' dtype: a T outside float16's
    # range (1e-9, 1e6) must not round to 0 (0/0 at the arg-max) or to inf. A tiny T can
    # only overflow to -inf, whose exp is the correct 0.
    with np.errstate(over="ignore"):
        return (shifted.astype(np.float64) / temperature).astype(shifted.dtype)


def _normalised(scaled: NDArray[np.floating], axis: int) -> NDArray[np.floating]:
    """``exp(s) / sum exp(s)`` for scaled logits ``s <= 0`` with a 0 in every slice."""
    e = np.exp(scaled)
    return e / e.sum(axis=axis, keepdims=True)


def _log_normalised(scaled: NDArray[np.floating], axis: int) -> NDArray[np.floating]:
    """``s - log sum exp(s)`` for scaled logits ``s <= 0`` with a 0 in every slice."""
    return scaled - np.log(np.exp(scaled).sum(axis=axis, keepdims=True))


def softmax(
    z: ArrayLike, *, temperature: float = 1.0, axis: int = -1, allow_neg_inf: bool = False
) -> NDArray[np.floating]:
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
    allow_neg_inf : bool
        Also accept ``-inf`` logits (log-probabilities of 0, say): such a class gets
        probability 0 at every temperature. Every slice needs one finite logit.

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
    >>> log_p = [np.log(0.8), np.log(0.2), -np.inf]  # a probability 0 stays 0
    >>> softmax(log_p, temperature=2.0, allow_neg_inf=True).round(4).tolist()
    [0.6667, 0.3333, 0.0]
    """
    t = _temperature(temperature)
    arr = as_logits(z, "z", axis=axis, allow_neg_inf=allow_neg_inf)
    return _normalised(_scaled(_shifted(arr, axis), t), axis)


def log_softmax(
    z: ArrayLike, *, temperature: float = 1.0, axis: int = -1, allow_neg_inf: bool = False
) -> NDArray[np.floating]:
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
    allow_neg_inf : bool
        Also accept ``-inf`` logits, whose log-probability is ``-inf``.

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
    >>> log_softmax([0.0, -np.inf], allow_neg_inf=True).tolist()
    [0.0, -inf]
    """
    t = _temperature(temperature)
    arr = as_logits(z, "z", axis=axis, allow_neg_inf=allow_neg_inf)
    return _log_normalised(_scaled(_shifted(arr, axis), t), axis)


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
    arr = as_logits(z, "z", axis=axis)
    m = arr.max(axis=axis, keepdims=True)
    out = m + np.log(np.exp(_shifted(arr, axis)).sum(axis=axis, keepdims=True))
    return as_result(np.squeeze(out, axis=axis))
