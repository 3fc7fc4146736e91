"""Coupled probability bars: change one class, keep the distribution summing to 1.

The explorer's drag widget mirrors :func:`set_class_probability` in JavaScript so that
the bars stay a distribution at every pointer move; this module is the reference:
tests/e2e/test_explorer.py checks that the loss curve the browser draws while a bar moves
equals the one :func:`~xent_core.loss_along_class` computes from this function.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["resize_distribution", "set_class_probability"]


def set_class_probability(q: ArrayLike, index: int, value: ArrayLike) -> NDArray[np.float64]:
    r"""Set ``q[index]`` to ``value`` and rescale the other classes in proportion.

    .. math::

        q'_i = v, \qquad q'_j = q_j \, \frac{1 - v}{1 - q_i} \quad (j \ne i)

    When every other class is 0 (so :math:`1 - q_i = 0`), the remainder
    :math:`1 - v` is shared equally among them. The result sums to 1 and reaches
    exactly 0 and 1 at the ends.

    Parameters
    ----------
    q : array_like, shape (K,)
        The distribution before the change (the state when the gesture started, so
        that dragging back restores the other classes' proportions).
    index : int
        The class being set, ``0 <= index < K``.
    value : array_like, shape (...)
        New probability (or probabilities) of that class, each in [0, 1].

    Returns
    -------
    ndarray, shape (..., K)
        One distribution per value.

    Examples
    --------
    >>> set_class_probability([0.7, 0.2, 0.1], 0, 0.4).round(4).tolist()
    [0.4, 0.4, 0.2]
    >>> set_class_probability([1.0, 0.0, 0.0], 0, 0.5).tolist()
    [0.5, 0.25, 0.25]
    """
    q = np.asarray(q, dtype=np.float64)
    if q.ndim != 1 or q.size < 2:
        raise ValueError(
            f"q must be a 1-D distribution with at least 2 classes, got shape {q.shape}"
        )
    k = q.size
    if not 0 <= index < k:
        raise ValueError(f"index must be between 0 and {k - 1}, got {index}")
    v = np.asarray(value, dtype=np.float64)
    if not np.all(np.isfinite(v)) or np.any((v < 0) | (v > 1)):
        raise ValueError("value must lie in [0, 1]")
    others = np.delete(q, index)
    rest = others.sum()
    # Shares of the remainder that the other classes keep: their old proportions,
    # or equal shares when they had nothing to keep.
    shares = others / rest if rest > 0 else np.full(k - 1, 1.0 / (k - 1))
    out = np.empty((*v.shape, k))
    out[..., index] = v
    out[..., np.arange(k) != index] = (1.0 - v)[..., None] * shares
    return out


def resize_distribution(q: ArrayLike, k: int) -> NDArray[np.float64]:
    """Grow or shrink a distribution to ``k`` classes.

    Growing keeps the old classes' proportions and gives each new class the uniform
    share ``1/k`` (the old ones are scaled by ``K_old/k``). Shrinking drops the last
    classes and renormalises; if nothing is left, the result is uniform.

    Parameters
    ----------
    q : array_like, shape (K_old,)
    k : int, at least 2

    Returns
    -------
    ndarray, shape (k,)

    Examples
    --------
    >>> resize_distribution([0.7, 0.2, 0.1], 4).round(4).tolist()
    [0.525, 0.15, 0.075, 0.25]
    >>> resize_distribution([0.0, 0.0, 1.0], 2).tolist()
    [0.5, 0.5]
    """
    q = np.asarray(q, dtype=np.float64)
    if k < 2:
        raise ValueError(f"k must be at least 2, got {k}")
    old = q.size
    if k >= old:
        return np.concatenate([q * old / k, np.full(k - old, 1.0 / k)])
    kept = q[:k]
    total = kept.sum()
    return kept / total if total > 0 else np.full(k, 1.0 / k)
