r"""Per-sample losses of a batch of predictions, and how they are distributed.

The seed script's experiment: for each sample the cross-entropy :math:`-\log q_y` and the
mean squared error :math:`\frac1K \sum_c (q_c - y_c)^2`; their histograms, summary
statistics, and two correlations: Pearson's r (a straight line through the values) and
Spearman's rank correlation (the same order). Both losses tend to grow as :math:`q_y`
falls, so they usually rank samples alike; but MSE is bounded by :math:`2/K` while
cross-entropy is not, so the confidently wrong samples that dominate the mean
cross-entropy barely move the MSE, and r is lower than the rank correlation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from xent_core._numerics import in_base
from xent_core._validation import as_class_indices, as_probabilities
from xent_core.losses import cross_entropy_from_logits, mse, one_hot
from xent_core.measures import cross_entropy

__all__ = [
    "BatchSummary",
    "Histogram",
    "LossStats",
    "correlation_strength",
    "loss_histogram",
    "loss_stats",
    "pearson_correlation",
    "per_sample_losses",
    "spearman_correlation",
    "summarize_batch",
    "worst_samples",
]

#: |r| above the first is "strongly", above the second "moderately", else "weakly".
STRONG = 0.7
MODERATE = 0.3


@dataclass(frozen=True)
class LossStats:
    """Summary statistics of per-sample losses (``inf`` propagates to mean and max)."""

    mean: float
    median: float
    max: float
    min: float
    n_infinite: int


@dataclass(frozen=True, eq=False)
class Histogram:
    """Counts of the finite values in equal-width bins; infinite values counted apart."""

    counts: NDArray[np.intp]
    edges: NDArray[np.float64]
    n_infinite: int


@dataclass(frozen=True, eq=False)
class BatchSummary:
    """Everything the data page shows about one batch of predictions.

    Attributes
    ----------
    cross_entropy, mse : ndarray, shape (N,)
        Per-sample losses (cross-entropy in the requested unit).
    predicted : ndarray of intp, shape (N,)
        The most probable class of each sample (the first on a tie).
    correct : ndarray of bool, shape (N,)
    accuracy : float
    cross_entropy_stats, mse_stats : LossStats
    cross_entropy_histogram, mse_histogram : Histogram
    correlation : float
        Pearson's r between the two losses over samples where both are finite; NaN
        when undefined (fewer than two such samples, or a loss that does not vary).
    rank_correlation : float
        Spearman's ρ over the same samples (:func:`spearman_correlation`).
    """

    cross_entropy: NDArray[np.float64]
    mse: NDArray[np.float64]
    predicted: NDArray[np.intp]
    correct: NDArray[np.bool_]
    accuracy: float
    cross_entropy_stats: LossStats
    mse_stats: LossStats
    cross_entropy_histogram: Histogram
    mse_histogram: Histogram
    correlation: float
    rank_correlation: float


def per_sample_losses(
    probs: ArrayLike,
    labels: ArrayLike,
    *,
    logits: ArrayLike | None = None,
    base: float | None = None,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Each sample's cross-entropy and mean squared error.

    .. math:: \mathrm{CE}_n = -\log q_{n,y_n}, \qquad
              \mathrm{MSE}_n = \frac1K \sum_c (q_{n,c} - [c = y_n])^2

    Parameters
    ----------
    probs : array_like, shape (N, K)
        Predicted probabilities.
    labels : array_like of int, shape (N,)
    logits : array_like, shape (N, K), optional
        When the probabilities came from logits, pass them: the cross-entropy is then
        computed from the logits (log-softmax), exact even where a probability rounds to 0.
    base : float, optional
        None for nats, 2 for bits (cross-entropy only; MSE has no unit).

    Returns
    -------
    cross_entropy, mse : ndarray, shape (N,)

    Examples
    --------
    >>> ce, sq = per_sample_losses([[0.7, 0.2, 0.1], [0.1, 0.2, 0.7]], [0, 0])
    >>> ce.round(4).tolist(), sq.round(4).tolist()  # -ln 0.7, -ln 0.1; (.09+.04+.01)/3, ...
    ([0.3567, 2.3026], [0.0467, 0.4467])
    """
    q = as_probabilities(probs, "probs")
    if q.ndim != 2:
        raise ValueError(f"probs must have shape (N, K), got {q.shape}")
    y = as_class_indices(labels, "labels", q.shape[1])
    if y.shape != q.shape[:1]:
        raise ValueError(f"labels must have shape ({q.shape[0]},), got {y.shape}")
    target = one_hot(y, q.shape[1])
    if logits is None:
        ce = cross_entropy(target, q, base=base)
    else:
        ce = in_base(cross_entropy_from_logits(logits, y, reduction="none"), base)
    return np.asarray(ce, dtype=np.float64), np.asarray(mse(q, target), dtype=np.float64)


def loss_stats(values: ArrayLike) -> LossStats:
    """Mean, median, max and min of per-sample losses, and how many are infinite.

    Examples
    --------
    >>> loss_stats([1.0, 2.0, 6.0])
    LossStats(mean=3.0, median=2.0, max=6.0, min=1.0, n_infinite=0)
    """
    v = np.asarray(values, dtype=np.float64)
    if v.ndim != 1 or v.size == 0:
        raise ValueError(f"values must be a non-empty 1-D array, got shape {v.shape}")
    if np.isnan(v).any():
        raise ValueError("values contains NaN")
    return LossStats(
        mean=float(v.mean()),
        median=float(np.median(v)),
        max=float(v.max()),
        min=float(v.min()),
        n_infinite=int(np.isinf(v).sum()),
    )


def loss_histogram(values: ArrayLike, *, bins: int = 30) -> Histogram:
    """Equal-width histogram of the finite values (``numpy.histogram``'s bins).

    Infinite losses have no bin; they are counted in ``n_infinite``.

    Examples
    --------
    >>> h = loss_histogram([0.0, 0.1, 0.9, 1.0, np.inf], bins=2)
    >>> h.counts.tolist(), h.edges.tolist(), h.n_infinite
    ([2, 2], [0.0, 0.5, 1.0], 1)
    """
    v = np.asarray(values, dtype=np.float64)
    finite = v[np.isfinite(v)]
    counts, edges = np.histogram(finite, bins=bins)
    return Histogram(
        counts=counts.astype(np.intp), edges=edges, n_infinite=int(v.size - finite.size)
    )


def pearson_correlation(x: ArrayLike, y: ArrayLike) -> float:
    r"""Pearson's r over the pairs where both values are finite; NaN when undefined.

    .. math:: r = \frac{\sum (x_i - \bar x)(y_i - \bar y)}
                       {\sqrt{\sum (x_i - \bar x)^2 \sum (y_i - \bar y)^2}}

    Examples
    --------
    >>> pearson_correlation([1, 2, 3, np.inf], [2, 4, 7, 0])
    0.9933992677987828
    >>> pearson_correlation([1, 1, 1], [1, 2, 3])  # x does not vary
    nan
    """
    a = np.asarray(x, dtype=np.float64)
    b = np.asarray(y, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"x and y must be 1-D and the same length, got {a.shape} and {b.shape}")
    keep = np.isfinite(a) & np.isfinite(b)
    if keep.sum() < 2:
        return float("nan")
    a = a[keep] - a[keep].mean()
    b = b[keep] - b[keep].mean()
    denominator = np.sqrt((a * a).sum() * (b * b).sum())
    if denominator == 0:
        return float("nan")
    return float(np.clip((a * b).sum() / denominator, -1.0, 1.0))


def _ranks(values: NDArray[np.float64]) -> NDArray[np.float64]:
    """Ranks 1 … n, ties sharing the average of their ranks (as scipy.stats.rankdata)."""
    order = np.argsort(values, kind="stable")
    ordered = values[order]
    # Each run of equal values gets the mean of the positions it spans.
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    ends = np.r_[starts[1:], ordered.size]
    mean_rank = (starts + ends + 1) / 2.0
    ranks = np.empty(values.size, dtype=np.float64)
    ranks[order] = np.repeat(mean_rank, ends - starts)
    return ranks


def spearman_correlation(x: ArrayLike, y: ArrayLike) -> float:
    r"""Spearman's ρ: Pearson's r of the ranks, over the pairs where both values are finite.

    It measures how alike two quantities *order* the samples, whatever the shape of the
    relation: any increasing relation gives 1. Ties share their average rank, as in
    ``scipy.stats.spearmanr``. NaN when undefined.

    Examples
    --------
    >>> spearman_correlation([1, 2, 3, 4], [1, 4, 9, 100])  # curved but in the same order
    1.0
    >>> round(pearson_correlation([1, 2, 3, 4], [1, 4, 9, 100]), 3)
    0.816
    >>> spearman_correlation([1, 2, 3, np.inf], [3, 2, 1, 0])
    -1.0
    """
    a = np.asarray(x, dtype=np.float64)
    b = np.asarray(y, dtype=np.float64)
    if a.shape != b.shape or a.ndim != 1:
        raise ValueError(f"x and y must be 1-D and the same length, got {a.shape} and {b.shape}")
    keep = np.isfinite(a) & np.isfinite(b)
    return pearson_correlation(_ranks(a[keep]), _ranks(b[keep]))


def correlation_strength(r: float) -> str:
    """How strong a correlation is, as a code: "strong", "moderate", "weak" or "undefined".

    By :math:`|r|`: above :data:`STRONG` (0.7) strong, above :data:`MODERATE` (0.3)
    moderate, else weak; NaN is "undefined". The sign is not part of the code (a UI words
    it, and translates the code, as it likes).

    Examples
    --------
    >>> correlation_strength(0.95), correlation_strength(-0.5), correlation_strength(0.3)
    ('strong', 'moderate', 'weak')
    >>> correlation_strength(float("nan"))
    'undefined'
    """
    if np.isnan(r):
        return "undefined"
    return "strong" if abs(r) > STRONG else "moderate" if abs(r) > MODERATE else "weak"


def worst_samples(losses: ArrayLike, n: int = 5) -> NDArray[np.intp]:
    """Indices of the ``n`` largest losses, largest first (earlier index first on a tie).

    Examples
    --------
    >>> worst_samples([0.1, 2.0, np.inf, 2.0, 0.5], 3).tolist()
    [2, 1, 3]
    """
    v = np.asarray(losses, dtype=np.float64)
    return np.argsort(-v, kind="stable")[: max(int(n), 0)].astype(np.intp)


def summarize_batch(
    probs: ArrayLike,
    labels: ArrayLike,
    *,
    logits: ArrayLike | None = None,
    base: float | None = None,
    bins: int = 30,
) -> BatchSummary:
    """Per-sample losses, their statistics, histograms and correlation, and the accuracy.

    Parameters are as for :func:`per_sample_losses`; ``bins`` is the histogram's.

    Examples
    --------
    >>> s = summarize_batch([[0.7, 0.3], [0.4, 0.6], [0.9, 0.1]], [0, 0, 1])
    >>> s.accuracy, s.cross_entropy_stats.max.__round__(4), correlation_strength(s.correlation)
    (0.3333333333333333, 2.3026, 'strong')
    """
    ce, sq = per_sample_losses(probs, labels, logits=logits, base=base)
    q = np.asarray(probs, dtype=np.float64)
    predicted = q.argmax(axis=-1).astype(np.intp)
    correct = predicted == np.asarray(labels)
    r = pearson_correlation(ce, sq)
    rho = spearman_correlation(ce, sq)
    return BatchSummary(
        cross_entropy=ce,
        mse=sq,
        predicted=predicted,
        correct=correct,
        accuracy=float(correct.mean()),
        cross_entropy_stats=loss_stats(ce),
        mse_stats=loss_stats(sq),
        cross_entropy_histogram=loss_histogram(ce, bins=bins),
        mse_histogram=loss_histogram(sq, bins=bins),
        correlation=r,
        rank_correlation=rho,
    )
