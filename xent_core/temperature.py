"""Temperature: softmax swept over :math:`T`, every temperature at once, without a Python loop.

Dividing the logits by :math:`T` before the softmax sharpens the distribution
(:math:`T < 1`) or flattens it (:math:`T > 1`) without changing its arg-max; calibration
(:mod:`xent_core.calibration`) fits the :math:`T` that makes a model's confidence honest.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import check_finite
from xent_core.softmax import _normalised, _scaled, _shifted

__all__ = ["softmax_by_temperature", "temperature_grid"]


def softmax_by_temperature(z: ArrayLike, temperatures: ArrayLike) -> NDArray[np.float64]:
    r"""``softmax(z / T)`` for each temperature ``T``.

    .. math:: q_i(T) = \frac{e^{z_i / T}}{\sum_j e^{z_j / T}}

    As :math:`T \to 0` the result approaches the one-hot of :math:`\arg\max z`; as
    :math:`T \to \infty` it approaches the uniform distribution.

    Parameters
    ----------
    z : array_like, shape (K,)
        Logits.
    temperatures : array_like, shape (G,)
        Positive, finite temperatures.

    Returns
    -------
    ndarray, shape (G, K)

    Examples
    --------
    >>> softmax_by_temperature([2.0, 0.0], [1e-3, 1.0, 1e6]).round(4).tolist()
    [[1.0, 0.0], [0.8808, 0.1192], [0.5, 0.5]]
    """
    t = np.asarray(temperatures, dtype=np.float64)
    if t.ndim != 1 or not np.all(np.isfinite(t)) or np.any(t <= 0):
        raise ValueError("temperatures must be a 1-D array of positive, finite numbers")
    z = np.asarray(z, dtype=np.float64)
    if z.ndim != 1:
        raise ValueError(f"z must be 1-D, got shape {z.shape}")
    check_finite(z, "z")
    # softmax(z, temperature=T) for every T: one row of shifted logits, divided by a
    # column of temperatures.
    return _normalised(_scaled(_shifted(z[None, :], -1), t[:, None]), -1)


def temperature_grid(n: int = 120, *, low: float = 0.02, high: float = 50.0) -> NDArray[np.float64]:
    """Temperatures spaced evenly on a log scale from ``low`` to ``high``.

    Examples
    --------
    >>> g = temperature_grid(3, low=0.1, high=10.0)
    >>> g.round(6).tolist()
    [0.1, 1.0, 10.0]
    """
    if not 0 < low < high or not np.isfinite(high):
        raise ValueError(f"need 0 < low < high, got low={low}, high={high}")
    return np.geomspace(low, high, n)
