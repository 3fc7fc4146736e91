r"""The probability simplex for three classes: a grid of every prediction, and measures over it.

Every distribution :math:`q = (q_A, q_B, q_C)` is a point of the 2-simplex, a triangle
whose corners are the certain predictions; the probabilities are the point's barycentric
coordinates. :func:`simplex_grid` lists the points :math:`(i, j, n - i - j) / n` of a
regular lattice, and :func:`landscape` evaluates a measure at every grid point with one
vectorised call into :mod:`xent_core.measures`, so the landscape is exactly the functions
the rest of the app uses, never a copy. The code-length helpers read a distribution as an
ideal code, in bits.

Drawing it (the plane, the small triangles, contours) is :mod:`xent_core.geometry`.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._numerics import in_base
from xent_core._validation import as_probabilities
from xent_core.measures import cross_entropy, js_divergence, kl_divergence

__all__ = [
    "LANDSCAPES",
    "code_lengths",
    "js_distance",
    "landscape",
    "message_length",
    "sample_message",
    "simplex_grid",
    "uncovered_classes",
]

Measure = Literal["cross_entropy", "kl_divergence", "reverse_kl_divergence", "js_divergence"]

#: The measures :func:`landscape` draws, as functions of the prediction q for a fixed p.
LANDSCAPES: tuple[str, ...] = (
    "cross_entropy",
    "kl_divergence",
    "reverse_kl_divergence",
    "js_divergence",
)


def _check_resolution(n: object) -> int:
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    return int(n)


def _lattice(n: int) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Lattice indices (i, j) with i + j <= n, ordered by i, then j."""
    i, j = np.meshgrid(np.arange(n + 1), np.arange(n + 1), indexing="ij")
    keep = i + j <= n
    return i[keep], j[keep]


def simplex_grid(n: int) -> NDArray[np.float64]:
    r"""Every point :math:`(i, j, n - i - j) / n` of the 2-simplex, corners and edges included.

    Parameters
    ----------
    n : int
        Steps along each edge (at least 1); the spacing is ``1 / n``.

    Returns
    -------
    ndarray, shape ((n + 1) * (n + 2) / 2, 3)
        Distributions ``(q_A, q_B, q_C)`` ordered by ``i`` (the A index), then ``j``:
        point ``(i, j)`` is row ``i * (n + 1) - i * (i - 1) // 2 + j``. The third
        coordinate is computed from integers, so every row sums to 1 up to one rounding.

    Examples
    --------
    >>> simplex_grid(2).tolist()
    [[0.0, 0.0, 1.0], [0.0, 0.5, 0.5], [0.0, 1.0, 0.0], [0.5, 0.0, 0.5], [0.5, 0.5, 0.0], [1.0, 0.0, 0.0]]
    >>> simplex_grid(60).shape
    (1891, 3)
    """  # noqa: E501
    n = _check_resolution(n)
    i, j = _lattice(n)
    return np.stack([i, j, n - i - j], axis=-1) / n


def _reverse_kl(p: ArrayLike, q: ArrayLike, *, base: float | None = None) -> NDArray:
    return kl_divergence(q, p, base=base)


_MEASURES = {
    "cross_entropy": cross_entropy,
    "kl_divergence": kl_divergence,
    "reverse_kl_divergence": _reverse_kl,
    "js_divergence": js_divergence,
}


def landscape(
    p: ArrayLike, q: ArrayLike, measure: Measure, *, base: float | None = None
) -> NDArray[np.float64]:
    r"""A measure between a fixed truth ``p`` and many predictions ``q`` at once.

    ``"cross_entropy"`` is :math:`H(p, q)`, ``"kl_divergence"`` is :math:`D_{KL}(p\|q)`,
    ``"reverse_kl_divergence"`` is :math:`D_{KL}(q\|p)` and ``"js_divergence"`` is
    :math:`JS(p, q)`. Each is the function in :mod:`xent_core.measures`, called once on
    ``p`` broadcast against every row of ``q``: no loop, no re-implementation.

    Parameters
    ----------
    p : array_like, shape (K,)
        The true distribution.
    q : array_like, shape (M, K)
        Predictions, one per row (for example :func:`simplex_grid`).
    measure : str
        One of :data:`LANDSCAPES`.
    base : float, optional
        Logarithm base: None for nats, 2 for bits.

    Returns
    -------
    ndarray, shape (M,)
        ``+inf`` where the measure is infinite (a support mismatch).

    Examples
    --------
    With a one-hot truth the cross-entropy only depends on :math:`q_A`:

    >>> grid = simplex_grid(2)
    >>> landscape([1, 0, 0], grid, "cross_entropy", base=2).tolist()
    [inf, inf, inf, 1.0, 1.0, 0.0]
    >>> from xent_core.measures import entropy
    >>> p = [0.5, 0.3, 0.2]
    >>> ce = landscape(p, grid, "cross_entropy")
    >>> bool(np.allclose(ce, entropy(p) + landscape(p, grid, "kl_divergence")))
    True
    """
    if measure not in _MEASURES:
        raise ValueError(f"measure must be one of {', '.join(LANDSCAPES)}, got {measure!r}")
    p_arr = as_probabilities(p, "p")
    q_arr = as_probabilities(q, "q")
    if p_arr.ndim != 1 or q_arr.ndim != 2 or q_arr.shape[1] != p_arr.shape[0]:
        raise ValueError(
            f"p must have shape (K,) and q shape (M, K), got {p_arr.shape} and {q_arr.shape}"
        )
    return np.asarray(_MEASURES[measure](np.broadcast_to(p_arr, q_arr.shape), q_arr, base=base))


def js_distance(
    p: ArrayLike, q: ArrayLike, *, base: float | None = None, axis: int = -1
) -> NDArray | np.float64:
    r"""The Jensen-Shannon *distance*: the square root of the JS divergence.

    .. math:: d_{JS}(p, q) = \sqrt{JS(p, q)}

    This is what ``scipy.spatial.distance.jensenshannon`` returns (a metric: it obeys
    the triangle inequality, which the divergence does not). At most
    :math:`\sqrt{\ln 2} \approx 0.8326` in nats, 1 in bits.

    Parameters
    ----------
    p, q : array_like, same shape (..., K, ...)
        Distributions along ``axis``.
    base : float, optional
        Logarithm base of the divergence under the root: None for nats, 2 for bits.
    axis : int
        The class axis.

    Returns
    -------
    float or ndarray, shape ``p.shape`` without ``axis``

    Examples
    --------
    >>> p, q = [0.5, 0.5, 0.0], [0.0, 0.5, 0.5]
    >>> print(round(js_divergence(p, q, base=2), 4), round(js_distance(p, q, base=2), 4))
    0.5 0.7071
    """
    return np.sqrt(js_divergence(p, q, base=base, axis=axis))


def uncovered_classes(p: ArrayLike, q: ArrayLike) -> NDArray[np.bool_]:
    r"""The classes ``p`` needs and ``q`` rules out: :math:`p_i > 0 = q_i`.

    :math:`D_{KL}(p\|q)` and :math:`H(p, q)` are infinite exactly when one of these is
    True; swap the arguments for the reverse divergence :math:`D_{KL}(q\|p)`.

    Parameters
    ----------
    p, q : array_like, same shape (..., K)
        Distributions, classes on the last axis.

    Returns
    -------
    ndarray of bool, same shape as ``p``

    Examples
    --------
    >>> p, q = [0.5, 0.5, 0.0], [1.0, 0.0, 0.0]
    >>> uncovered_classes(p, q).tolist()  # q drops B, which p needs: KL(p||q) = inf
    [False, True, False]
    >>> uncovered_classes(q, p).tolist()  # p covers everything q uses: KL(q||p) is finite
    [False, False, False]
    """
    p_arr = as_probabilities(p, "p")
    q_arr = as_probabilities(q, "q")
    if p_arr.shape != q_arr.shape:
        raise ValueError(f"p and q must have the same shape, got {p_arr.shape} and {q_arr.shape}")
    return (p_arr > 0) & (q_arr == 0)


def code_lengths(q: ArrayLike, *, base: float | None = 2.0) -> NDArray[np.float64]:
    r"""Ideal code lengths :math:`-\log_2 q_i`: the bits a code built for ``q`` spends on class i.

    A class that ``q`` rules out (:math:`q_i = 0`) gets no codeword: its length is
    ``+inf``. The expected length of a message drawn from ``p`` is then
    :math:`\sum_i p_i \ell_i = H(p, q)`, and the shortest possible, with ``q = p``, is
    :math:`H(p)`.

    Parameters
    ----------
    q : array_like, shape (..., K)
        The distribution the code is built for, classes on the last axis.
    base : float, optional
        2 (the default) for bits; None for nats.

    Returns
    -------
    ndarray, same shape as ``q``

    Examples
    --------
    >>> code_lengths([0.5, 0.25, 0.25]).tolist()
    [1.0, 2.0, 2.0]
    >>> code_lengths([1.0, 0.0]).tolist()
    [0.0, inf]
    """
    q_arr = as_probabilities(q, "q")
    with np.errstate(divide="ignore"):
        return in_base(0.0 - np.log(q_arr), base)


def sample_message(p: ArrayLike, length: int, *, seed: int) -> NDArray[np.intp]:
    """A message of ``length`` classes drawn independently from ``p``, reproducibly.

    Parameters
    ----------
    p : array_like, shape (K,)
        The source distribution.
    length : int
        How many symbols (at least 0).
    seed : int
        Seed of ``numpy.random.default_rng``: the same seed gives the same message.

    Returns
    -------
    ndarray of int, shape (length,)
        Class indices; a class with :math:`p_i = 0` never appears.

    Examples
    --------
    >>> sample_message([0.0, 1.0, 0.0], 4, seed=7).tolist()
    [1, 1, 1, 1]
    >>> bool(np.all(sample_message([0.5, 0.5, 0.0], 50, seed=1) < 2))
    True
    """
    p_arr = as_probabilities(p, "p")
    if p_arr.ndim != 1:
        raise ValueError(f"p must be a single distribution of shape (K,), got {p_arr.shape}")
    if isinstance(length, bool) or not isinstance(length, int | np.integer) or length < 0:
        raise ValueError(f"length must be a non-negative integer, got {length!r}")
    rng = np.random.default_rng(seed)
    return rng.choice(p_arr.size, size=int(length), p=p_arr / p_arr.sum()).astype(np.intp)


def message_length(message: ArrayLike, q: ArrayLike, *, base: float | None = 2.0) -> np.float64:
    r"""The length of a message coded with the ideal code for ``q``: :math:`\sum_t -\log_2 q_{x_t}`.

    Parameters
    ----------
    message : array_like of int, shape (T,)
        Class indices.
    q : array_like, shape (K,)
        The distribution the code is built for.
    base : float, optional
        2 (the default) for bits; None for nats.

    Returns
    -------
    float
        ``+inf`` if the message contains a class that ``q`` rules out; 0 for an empty one.

    Examples
    --------
    >>> print(message_length([0, 0, 1], [0.5, 0.25, 0.25]))  # 1 + 1 + 2 bits
    4.0
    >>> print(message_length([2], [0.5, 0.5, 0.0]))
    inf
    """
    lengths = code_lengths(q, base=base)
    if lengths.ndim != 1:
        raise ValueError(f"q must be a single distribution of shape (K,), got {lengths.shape}")
    msg = np.asarray(message)
    if msg.ndim != 1 or (msg.size and msg.dtype.kind not in "iu"):
        raise ValueError("message must be a 1-D array of integer class indices")
    if msg.size and (msg.min() < 0 or msg.max() >= lengths.size):
        raise ValueError(f"message class indices must lie in [0, {lengths.size - 1}]")
    return np.float64(lengths[msg.astype(np.intp)].sum())
