r"""Surprise, codes and samples: the information theory behind the Learn page's lessons.

* The **surprisal** of an outcome believed to have probability q is :math:`-\log q`; over
  independent outcomes probabilities multiply and surprisals add.
* An **ideal code** gives an outcome of probability p a word of :math:`-\log_2 p` bits; a
  Huffman code reaches those lengths exactly when every p is a power of ½, and its average
  length is always within one bit of the entropy.
* A **sample** of outcomes drawn from p (seeded, and prefix-stable: drawing more outcomes
  extends the same sequence) has an average surprisal under q that converges to the
  cross-entropy H(p, q); the mean negative log-likelihood of a data set is the
  cross-entropy from its empirical frequencies.
"""

from __future__ import annotations

import heapq

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._numerics import in_base

__all__ = [
    "average_code_length",
    "draw_outcomes",
    "empirical_frequencies",
    "huffman_code",
    "ideal_code_lengths",
    "mean_negative_log_likelihood",
    "running_mean_surprisal",
    "surprisal",
]


def _distribution(p: ArrayLike) -> NDArray[np.float64]:
    p = np.asarray(p, dtype=float)
    if p.ndim != 1 or p.size < 1:
        raise ValueError("a distribution must be a non-empty 1-D array")
    if not np.all(np.isfinite(p)) or np.any(p < 0) or not np.isclose(p.sum(), 1.0, atol=1e-6):
        raise ValueError("a distribution needs finite probabilities >= 0 that sum to 1")
    return p


def surprisal(q: ArrayLike, *, base: float | None = None) -> NDArray[np.float64]:
    r"""The surprise :math:`-\log q` of outcomes believed to have probability ``q``
    (∞ where q = 0), in nats, or bits with ``base=2``.

    Examples
    --------
    >>> surprisal([0.5, 0.25, 1.0], base=2).tolist()  # one fair coin flip is one bit
    [1.0, 2.0, -0.0]
    """
    q = np.asarray(q, dtype=float)
    if np.any(q < 0) or np.any(q > 1) or not np.all(np.isfinite(q)):
        raise ValueError("probabilities must lie between 0 and 1")
    with np.errstate(divide="ignore"):
        return np.asarray(in_base(-np.log(q), base), dtype=float)


def draw_outcomes(p: ArrayLike, n: int, seed: int) -> NDArray[np.int64]:
    """``n`` outcomes (class indices) drawn from ``p`` with ``seed``.

    Prefix-stable: the first ``m`` of ``n`` draws are the ``m`` draws, so "draw 10 more"
    extends the same sequence. An outcome of probability 0 is never drawn.

    Examples
    --------
    >>> six, eight = draw_outcomes([0.5, 0.5], 6, seed=1), draw_outcomes([0.5, 0.5], 8, seed=1)
    >>> six.tolist() == eight[:6].tolist()
    True
    >>> sorted(set(draw_outcomes([0.0, 1.0], 5, seed=3).tolist()))
    [1]
    """
    p = _distribution(p)
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
        raise ValueError(f"n must be a whole number >= 0, got {n!r}")
    uniform = np.random.default_rng(seed).random(int(n))
    edges = np.cumsum(p / p.sum())
    # From the last possible class on, the edge is ∞: rounding in the sum never leaves a
    # draw without an outcome, nor gives one to a trailing class of probability 0.
    edges[int(np.flatnonzero(p > 0)[-1]) :] = np.inf
    outcomes = np.searchsorted(edges, uniform, side="right")
    # A zero-probability class has an empty interval; searchsorted's "right" skips it.
    return outcomes.astype(np.int64)


def running_mean_surprisal(
    q: ArrayLike, outcomes: ArrayLike, *, base: float | None = None
) -> NDArray[np.float64]:
    r"""The average surprisal under ``q`` of the first 1, 2, …, n ``outcomes``:
    :math:`\frac1m\sum_{i\le m} -\log q_{x_i}`. For outcomes drawn from p it converges to
    the cross-entropy H(p, q) (law of large numbers).

    Examples
    --------
    >>> running_mean_surprisal([0.5, 0.25, 0.25], [0, 1, 1, 2], base=2).tolist()
    [1.0, 1.5, 1.6666666666666667, 1.75]
    """
    q = _distribution(q)
    outcomes = np.asarray(outcomes, dtype=np.int64)
    if outcomes.size and (outcomes.min() < 0 or outcomes.max() >= q.size):
        raise ValueError(f"outcomes must be class indices from 0 to {q.size - 1}")
    each = surprisal(q, base=base)[outcomes]
    return np.cumsum(each) / np.arange(1, outcomes.size + 1)


def empirical_frequencies(outcomes: ArrayLike, k: int) -> NDArray[np.float64]:
    """The share of each of ``k`` classes among ``outcomes`` (the empirical distribution).

    Examples
    --------
    >>> empirical_frequencies([0, 1, 1, 1], 2).tolist()
    [0.25, 0.75]
    """
    outcomes = np.asarray(outcomes, dtype=np.int64)
    if outcomes.size == 0:
        raise ValueError("no outcomes to count")
    counts = np.bincount(outcomes, minlength=k)
    if counts.size != k:
        raise ValueError(f"outcomes must be class indices from 0 to {k - 1}")
    return counts / outcomes.size


def mean_negative_log_likelihood(
    counts: ArrayLike, q: ArrayLike, *, base: float | None = None
) -> float:
    r"""The negative log-likelihood per sample of a data set with class ``counts`` under
    the model ``q``: :math:`-\frac1N\sum_i n_i\log q_i`. It equals the cross-entropy
    H(p̂, q) from the empirical frequencies p̂ = n / N, so it is smallest at q = p̂.

    Examples
    --------
    >>> round(mean_negative_log_likelihood([14, 6], [0.7, 0.3]), 4)  # 14 heads in 20
    0.6109
    """
    counts = np.asarray(counts, dtype=float)
    q = _distribution(q)
    if counts.shape != q.shape or np.any(counts < 0) or counts.sum() <= 0:
        raise ValueError("counts must be one count >= 0 per class, not all 0")
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(counts > 0, counts * np.log(q), 0.0)
    return float(in_base(-terms.sum() / counts.sum(), base))


def ideal_code_lengths(p: ArrayLike) -> NDArray[np.float64]:
    r"""The ideal code length :math:`-\log_2 p_i` of each symbol, in bits (∞ for p = 0:
    a symbol that never occurs needs no word).

    Examples
    --------
    >>> ideal_code_lengths([0.5, 0.25, 0.125, 0.125]).tolist()
    [1.0, 2.0, 3.0, 3.0]
    """
    return surprisal(_distribution(p), base=2)


def huffman_code(p: ArrayLike) -> tuple[str | None, ...]:
    """A Huffman code for the symbols of ``p``: one binary word per symbol (``None`` for a
    symbol of probability 0). Ties are broken by symbol order, so the code is stable.
    A source with one possible symbol gets the word "0".

    Examples
    --------
    >>> huffman_code([0.5, 0.25, 0.125, 0.125])
    ('0', '10', '110', '111')
    >>> huffman_code([0.25, 0.25, 0.25, 0.25])
    ('00', '01', '10', '11')
    """
    p = _distribution(p)
    live = [i for i in range(p.size) if p[i] > 0]
    words: dict[int, str] = {i: "" for i in live}
    if len(live) == 1:
        words[live[0]] = "0"
    # Heap entries: (probability, order, symbols); order breaks ties deterministically.
    heap = [(float(p[i]), n, (i,)) for n, i in enumerate(live)]
    heapq.heapify(heap)
    order = len(heap)
    while len(heap) > 1:
        p0, _, zero = heapq.heappop(heap)
        p1, _, one = heapq.heappop(heap)
        for i in zero:
            words[i] = "0" + words[i]
        for i in one:
            words[i] = "1" + words[i]
        heapq.heappush(heap, (p0 + p1, order, zero + one))
        order += 1
    return tuple(words.get(i) for i in range(p.size))


def average_code_length(p: ArrayLike, lengths: ArrayLike) -> float:
    r"""The expected word length :math:`\sum_i p_i \ell_i` in bits when symbols come from
    ``p`` (a symbol with p = 0 adds nothing, whatever its length; one with p > 0 and an
    infinite length makes the average infinite).

    Examples
    --------
    >>> average_code_length([0.5, 0.5], [1, 1])
    1.0
    """
    p = _distribution(p)
    lengths = np.asarray(lengths, dtype=float)
    if lengths.shape != p.shape:
        raise ValueError("one length per symbol")
    with np.errstate(invalid="ignore"):  # 0 · ∞ for a symbol that never occurs: dropped
        return float(np.sum(np.where(p > 0, p * lengths, 0.0)))
