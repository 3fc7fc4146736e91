"""Elementwise pieces with the information-theory conventions built in."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from xent_core._validation import log_base


def xlogy(x: NDArray, y: NDArray) -> NDArray[np.float64]:
    """``x * log(y)`` with ``0 * log 0 = 0``; ``-inf`` where ``x > 0`` and ``y = 0``.

    Inputs are already validated (finite, ``y >= 0``), so the only warnings numpy could
    raise are the expected ``log(0)`` and ``0 * -inf`` ones, which are silenced here.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        out = x * np.log(y)
    return np.where(x == 0, 0.0, out)


def xlog_ratio(x: NDArray, y: NDArray) -> NDArray[np.float64]:
    """``x * log(x / y)`` (SciPy's ``rel_entr``): 0 where ``x = 0``, ``+inf`` where ``y = 0 < x``.

    ``log(x / y)`` rather than ``log x - log y``: no cancellation when ``x`` is close to ``y``.
    """
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        ratio = x / y
        out = x * np.log(ratio)
        # x / y overflows when y is subnormal; there the two logs are far apart, so their
        # difference is accurate and finite.
        out = np.where(np.isinf(ratio) & (y > 0), x * (np.log(x) - np.log(y)), out)
    return np.where(x == 0, 0.0, out)


def in_base(nats: NDArray | float, base: float | None) -> NDArray | float:
    """A quantity in nats, expressed in ``base`` units: ``nats / ln(base)``.

    The one place where the unit changes: None keeps nats, 2 gives bits (divide by
    ln 2 = 0.6931...). Values and logit gradients convert alike (a gradient in bits per
    logit is the gradient in nats per logit divided by ln 2).
    """
    return nats / log_base(base)
