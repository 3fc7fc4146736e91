"""Loss curves: how a loss changes as one class's predicted probability moves.

Every function is vectorised over a grid of probabilities; nothing loops over points.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core.coupling import set_class_probability
from xent_core.measures import cross_entropy

__all__ = ["confidence_grid", "loss_along_class"]


def confidence_grid(n: int = 400, *, low: float = 1e-3) -> NDArray[np.float64]:
    """Points in ``[low, 1]``, denser near 0 where ``-log`` changes fastest.

    Examples
    --------
    >>> g = confidence_grid(5)
    >>> float(g[0]), float(g[-1])
    (0.001, 1.0)
    """
    if not 0 < low < 1:
        raise ValueError(f"low must lie in (0, 1), got {low}")
    return np.geomspace(low, 1.0, n)


def loss_along_class(
    p: ArrayLike,
    q: ArrayLike,
    index: int,
    grid: ArrayLike,
    *,
    base: float | None = None,
) -> NDArray[np.float64]:
    r"""Cross-entropy :math:`H(p, q')` as class ``index`` of the prediction moves along ``grid``.

    The other classes keep their proportions (:func:`set_class_probability`), exactly
    as when the learner drags that bar. With a one-hot ``p`` on ``index`` this is
    :math:`-\log x`; with label smoothing or a soft ``p`` the curve has a finite
    minimum before 1.

    Parameters
    ----------
    p, q : array_like, shape (K,)
        True distribution and prediction.
    index : int
        The class whose probability varies.
    grid : array_like, shape (G,)
        Values of :math:`q'_{index}` in [0, 1].
    base : float, optional
        Logarithm base (None: nats, 2: bits).

    Returns
    -------
    ndarray, shape (G,)

    Examples
    --------
    >>> loss_along_class([1, 0, 0], [0.7, 0.2, 0.1], 0, [0.7, 1.0]).round(4).tolist()
    [0.3567, 0.0]
    """
    moved = set_class_probability(q, index, grid)
    p_rows = np.broadcast_to(np.asarray(p, dtype=np.float64), moved.shape)
    return np.asarray(cross_entropy(p_rows, moved, base=base), dtype=np.float64)
