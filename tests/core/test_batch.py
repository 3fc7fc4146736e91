"""Per-sample losses and their summaries (the seed script's Iris experiment).

References: scikit-learn's ``log_loss`` and ``mean_squared_error``, SciPy's
``special.log_softmax`` and ``stats.pearsonr``, numpy's ``histogram`` and ``median``.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import special, stats
from sklearn.metrics import log_loss, mean_squared_error

from xent_core import (
    correlation_strength,
    loss_histogram,
    loss_stats,
    one_hot,
    pearson_correlation,
    per_sample_losses,
    run_iris,
    softmax,
    spearman_correlation,
    summarize_batch,
    worst_samples,
)


def batch(seed: int = 0, n: int = 300, k: int = 4) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.normal(scale=2.0, size=(n, k)), rng.integers(0, k, size=n)


def test_per_sample_losses_against_references() -> None:
    z, y = batch()
    q = special.softmax(z, axis=1)
    ce, sq = per_sample_losses(q, y)
    assert ce.mean() == pytest.approx(log_loss(y, q, labels=range(4)), rel=1e-12)
    np.testing.assert_allclose(ce, -np.log(q[np.arange(len(y)), y]), rtol=1e-12)
    # mean_squared_error over the classes of each sample: samples as columns.
    reference = mean_squared_error(one_hot(y, 4).T, q.T, multioutput="raw_values")
    np.testing.assert_allclose(sq, reference, rtol=1e-12)
    ce_from_logits, sq_from_logits = per_sample_losses(q, y, logits=z)
    np.testing.assert_allclose(
        ce_from_logits, -special.log_softmax(z, axis=1)[np.arange(len(y)), y], rtol=1e-12
    )
    np.testing.assert_array_equal(sq_from_logits, sq)
    bits, _ = per_sample_losses(q, y, base=2)
    np.testing.assert_allclose(bits, ce / np.log(2), rtol=1e-12)


def test_logits_stay_finite_where_probabilities_round_to_zero() -> None:
    z = np.array([[0.0, 800.0]])
    q = softmax(z)  # [0, 1] in float64: e^-800 underflows
    assert per_sample_losses(q, [0])[0].tolist() == [np.inf]
    assert per_sample_losses(q, [0], logits=z)[0].tolist() == [800.0]


def test_loss_stats() -> None:
    values = np.array([0.5, 3.0, 0.1, 2.0])
    s = loss_stats(values)
    assert (s.mean, s.median, s.max, s.min, s.n_infinite) == (1.4, 1.25, 3.0, 0.1, 0)
    s = loss_stats([1.0, np.inf, 2.0])
    assert (s.mean, s.median, s.max, s.min, s.n_infinite) == (np.inf, 2.0, np.inf, 1.0, 1)
    with pytest.raises(ValueError, match=r"^values must be a non-empty 1-D array"):
        loss_stats([])


def test_histogram_has_30_bins_over_the_finite_values() -> None:
    values = np.concatenate([np.random.default_rng(1).exponential(size=500), [np.inf] * 3])
    h = loss_histogram(values)
    counts, edges = np.histogram(values[:500], bins=30)
    assert len(h.counts) == 30 and len(h.edges) == 31
    np.testing.assert_array_equal(h.counts, counts)
    np.testing.assert_array_equal(h.edges, edges)
    assert (h.counts.sum(), h.n_infinite) == (500, 3)


def test_pearson_against_scipy() -> None:
    z, y = batch(seed=2)
    ce, sq = per_sample_losses(special.softmax(z, axis=1), y)
    assert pearson_correlation(ce, sq) == pytest.approx(stats.pearsonr(ce, sq).statistic, rel=1e-12)
    x = np.array([1.0, 2.0, np.inf, 4.0, 3.5])
    w = np.array([2.0, 1.0, 5.0, 7.0, 5.0])
    keep = np.isfinite(x)
    assert pearson_correlation(x, w) == pytest.approx(
        stats.pearsonr(x[keep], w[keep]).statistic, rel=1e-12
    )
    assert np.isnan(pearson_correlation([1.0, 1.0, 1.0], [1.0, 2.0, 3.0]))
    assert np.isnan(pearson_correlation([1.0, np.inf], [1.0, 2.0]))


def test_spearman_against_scipy() -> None:
    z, y = batch(seed=3)
    ce, sq = per_sample_losses(special.softmax(z, axis=1), y)
    assert spearman_correlation(ce, sq) == pytest.approx(
        stats.spearmanr(ce, sq).statistic, rel=1e-12
    )
    # Ties share their average rank, and pairs with an infinite value are left out.
    x = np.array([1.0, 2.0, 2.0, np.inf, 4.0, 3.0, 3.0, 3.0])
    w = np.array([5.0, 1.0, 1.0, 0.0, 7.0, 2.0, 9.0, 2.0])
    keep = np.isfinite(x)
    assert spearman_correlation(x, w) == pytest.approx(
        stats.spearmanr(x[keep], w[keep]).statistic, rel=1e-12
    )
    # Monotone but curved: rank correlation 1, Pearson below it.
    assert spearman_correlation([1, 2, 3, 4], [1, 4, 9, 100]) == 1.0
    assert np.isnan(spearman_correlation([1.0, 1.0], [1.0, 2.0]))


def test_summary_reports_both_correlations() -> None:
    z, y = batch(seed=4)
    s = summarize_batch(special.softmax(z, axis=1), y)
    assert s.rank_correlation == pytest.approx(
        stats.spearmanr(s.cross_entropy, s.mse).statistic, rel=1e-12
    )
    assert correlation_strength(s.rank_correlation) in {"strong", "moderate", "weak"}


@pytest.mark.parametrize(
    ("r", "strength"),
    [
        (1.0, "strong"),
        (0.7000001, "strong"),
        (0.7, "moderate"),  # "above 0.7": 0.7 itself is moderate; above 0.3 moderate
        (-0.31, "moderate"),
        (0.3, "weak"),
        (-0.0, "weak"),
        (-1.0, "strong"),
        (float("nan"), "undefined"),
    ],
)
def test_correlation_strength_codes(r: float, strength: str) -> None:
    assert correlation_strength(r) == strength


def test_worst_samples() -> None:
    assert worst_samples([0.1, 2.0, np.inf, 2.0, 0.5], 3).tolist() == [2, 1, 3]
    assert worst_samples([0.1, 0.2], 5).tolist() == [1, 0]


def test_summary_of_the_iris_test_set() -> None:
    run = run_iris()
    q = softmax(run.test_logits)
    s = summarize_batch(q, run.test_labels, logits=run.test_logits)
    assert s.accuracy == run.accuracy
    assert s.correct.sum() == 42
    np.testing.assert_array_equal(s.predicted, run.test_logits.argmax(axis=1))
    assert s.cross_entropy_stats.median == pytest.approx(np.median(s.cross_entropy))
    assert s.cross_entropy_stats.mean == pytest.approx(
        log_loss(run.test_labels, q, labels=range(3)), rel=1e-12
    )
    assert s.correlation == pytest.approx(
        stats.pearsonr(s.cross_entropy, s.mse).statistic, rel=1e-12
    )
    assert correlation_strength(s.correlation) == "strong"
    assert s.cross_entropy_histogram.counts.sum() == 45
    # The three misclassified flowers are among the five worst.
    wrong = set(np.flatnonzero(~s.correct).tolist())
    assert wrong <= set(worst_samples(s.cross_entropy, 5).tolist())
