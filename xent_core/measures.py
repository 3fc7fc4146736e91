r"""Information measures between discrete distributions: entropy, cross-entropy, KL, JS.

Classes lie on ``axis`` (the last axis by default), so a batch of distributions of shape
``(N, K)`` gives ``N`` values. Units are nats by default; ``base=2`` gives bits. The
conventions are the textbook ones: :math:`0 \log 0 = 0`, and a class with :math:`p_i > 0`
but :math:`q_i = 0` makes the cross-entropy and KL divergence ``+inf`` -- no epsilon is
added, the caller decides how to show infinity.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._numerics import in_base, xlog_ratio, xlogy
from xent_core._validation import as_probabilities, as_result, check_same_shape

__all__ = [
    "cross_entropy",
    "cross_entropy_terms",
    "entropy",
    "js_divergence",
    "kl_divergence",
    "perplexity",
]


def _pair(p: ArrayLike, q: ArrayLike, axis: int) -> tuple[NDArray, NDArray]:
    p_arr = as_probabilities(p, "p", axis=axis)
    q_arr = as_probabilities(q, "q", axis=axis)
    check_same_shape(p_arr, q_arr, ("p", "q"))
    return p_arr, q_arr


def entropy(p: ArrayLike, *, base: float | None = None, axis: int = -1) -> NDArray | np.float64:
    r"""Shannon entropy of a distribution.

    .. math:: H(p) = -\sum_i p_i \log p_i, \qquad 0 \log 0 = 0

    Parameters
    ----------
    p : array_like, shape (..., K, ...)
        Probabilities; each slice along ``axis`` must sum to 1.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.
    axis : int
        The class axis.

    Returns
    -------
    float or ndarray, shape ``p.shape`` without ``axis``
        Between 0 (one-hot) and :math:`\log K` (uniform).

    Examples
    --------
    >>> print(round(entropy([0.5, 0.5], base=2), 4))
    1.0
    >>> print(entropy([1, 0, 0]))
    0.0
    """
    p_arr = as_probabilities(p, "p", axis=axis)
    # 0.0 - x rather than -x: a certain outcome gives +0.0, not -0.0.
    return as_result(in_base(0.0 - xlogy(p_arr, p_arr).sum(axis=axis), base))


def cross_entropy_terms(
    p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1
) -> NDArray[np.float64]:
    r"""The per-class terms :math:`-p_i \log q_i` whose sum is the cross-entropy.

    Terms with :math:`p_i = 0` are 0 whatever :math:`q_i` is; a term with
    :math:`p_i > 0 = q_i` is ``+inf``.

    Parameters
    ----------
    p, q : array_like, same shape (..., K, ...)
        True distribution and prediction along ``axis``.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.
    axis : int
        The class axis (used to check that ``p`` and ``q`` sum to 1).

    Returns
    -------
    ndarray, same shape as ``p``

    Examples
    --------
    >>> cross_entropy_terms([0.5, 0.5, 0], [0.5, 0.25, 0.25], base=2).tolist()
    [0.5, 1.0, 0.0]
    """
    p_arr, q_arr = _pair(p, q, axis)
    # 0.0 - x rather than -x: terms with nothing to pay are +0.0, not -0.0.
    return in_base(0.0 - xlogy(p_arr, q_arr), base)


def cross_entropy(
    p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1
) -> NDArray | np.float64:
    r"""Cross-entropy of a prediction ``q`` against the true distribution ``p``.

    .. math:: H(p, q) = -\sum_i p_i \log q_i = H(p) + D_{KL}(p \,\|\, q)

    With a one-hot ``p`` (true class :math:`y`) this is the log loss :math:`-\log q_y`.

    Parameters
    ----------
    p : array_like, shape (..., K, ...)
        True distribution (one-hot or soft) along ``axis``.
    q : array_like, same shape as ``p``
        Predicted distribution.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.
    axis : int
        The class axis.

    Returns
    -------
    float or ndarray, shape ``p.shape`` without ``axis``
        Non-negative; ``+inf`` when ``q`` gives 0 to a class that ``p`` does not.

    Examples
    --------
    The worked example: true class A, prediction [0.7, 0.2, 0.1].

    >>> print(round(cross_entropy([1, 0, 0], [0.7, 0.2, 0.1]), 4))  # -ln 0.7 nats
    0.3567
    >>> p, q = [0.6, 0.3, 0.1], [0.7, 0.2, 0.1]
    >>> bool(np.isclose(cross_entropy(p, q), entropy(p) + kl_divergence(p, q)))
    True
    >>> cross_entropy([[1, 0], [0.5, 0.5]], [[0.5, 0.5], [0.5, 0.5]], base=2).tolist()
    [1.0, 1.0]
    """
    return as_result(cross_entropy_terms(p, q, base=base, axis=axis).sum(axis=axis))


def kl_divergence(
    p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1
) -> NDArray | np.float64:
    r"""Kullback-Leibler divergence :math:`D_{KL}(p \,\|\, q)`.

    .. math:: D_{KL}(p \,\|\, q) = \sum_i p_i \log \frac{p_i}{q_i} = H(p, q) - H(p)

    The extra cost of coding samples of ``p`` with a code built for ``q``. Not symmetric.
    By Gibbs' inequality it is never negative, so rounding noise of a few ulps below 0
    (when ``q`` is almost ``p``) is clipped to 0.

    Parameters
    ----------
    p, q : array_like, same shape (..., K, ...)
        Distributions along ``axis``.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.
    axis : int
        The class axis.

    Returns
    -------
    float or ndarray, shape ``p.shape`` without ``axis``
        0 exactly when ``p == q``; ``+inf`` when ``q_i = 0 < p_i`` for some class.

    Examples
    --------
    >>> print(round(kl_divergence([1, 0, 0], [0.7, 0.2, 0.1]), 4))  # = H(p, q) since H(p) = 0
    0.3567
    >>> print(kl_divergence([0.2, 0.8], [0.2, 0.8]))
    0.0
    """
    p_arr, q_arr = _pair(p, q, axis)
    return as_result(in_base(np.maximum(xlog_ratio(p_arr, q_arr).sum(axis=axis), 0.0), base))


def js_divergence(
    p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1
) -> NDArray | np.float64:
    r"""Jensen-Shannon divergence: the mean KL divergence to the midpoint distribution.

    .. math::

        JS(p, q) = \tfrac12 D_{KL}(p \,\|\, m) + \tfrac12 D_{KL}(q \,\|\, m),
        \qquad m = \tfrac12 (p + q)

    Symmetric, always finite, and at most :math:`\ln 2` nats (1 bit). This is the
    divergence itself; ``scipy.spatial.distance.jensenshannon`` returns its square root.

    Parameters
    ----------
    p, q : array_like, same shape (..., K, ...)
        Distributions along ``axis``.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.
    axis : int
        The class axis.

    Returns
    -------
    float or ndarray, shape ``p.shape`` without ``axis``

    Examples
    --------
    >>> print(round(js_divergence([1, 0], [0, 1], base=2), 4))  # disjoint supports: 1 bit
    1.0
    >>> bool(js_divergence([0.9, 0.1], [0.4, 0.6]) == js_divergence([0.4, 0.6], [0.9, 0.1]))
    True
    """
    p_arr, q_arr = _pair(p, q, axis)
    # Divide by the sum, not by m = (p + q) / 2: halving a subnormal p can round m to 0.
    total = p_arr + q_arr
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio_p = 2.0 * p_arr / total
        ratio_q = 2.0 * q_arr / total
    terms = 0.5 * (xlogy(p_arr, ratio_p) + xlogy(q_arr, ratio_q))
    return as_result(in_base(np.maximum(terms.sum(axis=axis), 0.0), base))


def perplexity(p: ArrayLike, q: ArrayLike, *, axis: int = -1) -> NDArray | np.float64:
    r"""Perplexity of ``q`` under ``p``: the exponential of the cross-entropy in nats.

    .. math:: \mathrm{PP}(p, q) = e^{H(p, q)} = \prod_i q_i^{-p_i}

    The "effective number of classes" the prediction is choosing between: 1 for a
    confident correct prediction, K for a uniform one. Independent of the unit.

    Parameters
    ----------
    p, q : array_like, same shape (..., K, ...)
        True distribution and prediction along ``axis``.
    axis : int
        The class axis.

    Returns
    -------
    float or ndarray, shape ``p.shape`` without ``axis``
        At least 1; ``+inf`` when the cross-entropy is infinite.

    Examples
    --------
    >>> print(round(perplexity([1, 0, 0], [0.7, 0.2, 0.1]), 4))  # 1 / 0.7
    1.4286
    >>> print(round(perplexity([1, 0, 0, 0], [0.25] * 4), 4))
    4.0
    """
    with np.errstate(over="ignore"):  # e^H overflows to +inf only for H > ~709 nats
        return as_result(np.exp(np.asarray(cross_entropy(p, q, axis=axis))))
