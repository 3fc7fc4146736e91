r"""Label smoothing's logit gap: how far apart training pushes the logits, finite once smoothed.

Plain cross-entropy is minimised only in the limit where the true logit is infinitely far
above the others, so training keeps pushing them apart. Label smoothing moves the target
off the corner of the simplex, and the loss then has a finite minimiser.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._validation import as_result, as_unit_interval, real_scalar

__all__ = ["optimal_logit_gap"]


def optimal_logit_gap(
    epsilon: ArrayLike, k: int, *, temperature: float = 1.0
) -> NDArray[np.float64] | np.float64:
    r"""The logit gap that minimises label-smoothed cross-entropy.

    With the smoothed target :math:`y' = (1 - \varepsilon)\, y + \varepsilon / K`, the loss
    :math:`H(y', \mathrm{softmax}(z / T))` is smallest when the softmax equals :math:`y'`
    (Gibbs' inequality): the true logit sits the same gap above each of the other
    :math:`K - 1` logits,

    .. math::

        \frac{z_t - z_c}{T} = \log \frac{1 - \varepsilon + \varepsilon / K}{\varepsilon / K}
                            = \log\Bigl(1 + \frac{K (1 - \varepsilon)}{\varepsilon}\Bigr)

    This is :math:`+\infty` at :math:`\varepsilon = 0` (plain cross-entropy has no finite
    minimiser) and 0 at :math:`\varepsilon = 1` (the target is uniform).

    Parameters
    ----------
    epsilon : array_like, any shape
        Label smoothing :math:`\varepsilon \in [0, 1]`.
    k : int
        Number of classes :math:`K`, at least 2.
    temperature : float
        :math:`T > 0`, finite: the softmax divides the logits by it, so the gap between the
        raw logits is :math:`T` times the gap above.

    Returns
    -------
    float or ndarray, same shape as ``epsilon``
        The gap :math:`z_t - z_c` between the true logit and each other logit, in logit
        units (natural log), non-negative.

    Examples
    --------
    >>> gap = optimal_logit_gap(0.1, 3)
    >>> print(round(gap, 4))  # ln((0.9 + 0.1/3) / (0.1/3)) = ln 28
    3.3322
    >>> from xent_core import softmax, smooth_labels
    >>> bool(np.allclose(softmax([gap, 0.0, 0.0]), smooth_labels([1, 0, 0], 0.1)))
    True
    >>> optimal_logit_gap([0.0, 1.0], 10).tolist()
    [inf, 0.0]
    >>> print(round(optimal_logit_gap(0.1, 3, temperature=2.0), 4))  # 2 ln 28
    6.6644
    """
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 2:
        raise ValueError(f"k must be an integer >= 2 (the number of classes), got {k!r}")
    t = real_scalar(temperature, "temperature")
    if not (np.isfinite(t) and t > 0):
        raise ValueError(f"temperature must be finite and > 0, got {temperature!r}")
    eps = as_unit_interval(epsilon, "epsilon")
    k = int(k)
    with np.errstate(divide="ignore", over="ignore"):
        # epsilon = 0 gives K / 0 = inf, and the gap is +inf: no warning wanted.
        ratio = k * (1.0 - eps) / eps
        # log1p keeps the gap accurate near epsilon = 1; for a subnormal epsilon the ratio
        # overflows although the gap (about 745) is finite, so take the logs apart there.
        gap = np.where(
            np.isinf(ratio) & (eps > 0), np.log(k * (1.0 - eps)) - np.log(eps), np.log1p(ratio)
        )
    return as_result(t * gap)
