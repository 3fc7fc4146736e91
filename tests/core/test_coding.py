"""Surprise, codes and samples (xent_core.coding), against hand derivations and SciPy."""

import math

import numpy as np
import pytest
from scipy import stats

from xent_core.coding import (
    average_code_length,
    draw_outcomes,
    empirical_frequencies,
    huffman_code,
    ideal_code_lengths,
    mean_negative_log_likelihood,
    running_mean_surprisal,
    surprisal,
)
from xent_core.measures import cross_entropy, entropy


def test_surprisals_add_where_probabilities_multiply() -> None:
    # Two independent events of probability 0.5 and 0.25: joint 0.125, −log₂ 0.125 = 3 bits
    # = 1 + 2 bits.
    one, two = surprisal([0.5, 0.25], base=2)
    assert one + two == pytest.approx(float(surprisal(0.125, base=2)))
    assert float(surprisal(0.125, base=2)) == pytest.approx(3.0)
    assert float(surprisal(0.0)) == math.inf
    with pytest.raises(ValueError):
        surprisal([1.5])


def test_draws_are_seeded_prefix_stable_and_follow_p() -> None:
    p = [0.1, 0.0, 0.6, 0.3]
    a = draw_outcomes(p, 20000, seed=7)
    assert np.array_equal(a, draw_outcomes(p, 20000, seed=7))
    assert np.array_equal(a[:50], draw_outcomes(p, 50, seed=7))
    assert not np.array_equal(a[:50], draw_outcomes(p, 50, seed=8))
    assert 1 not in set(a.tolist())  # probability 0: never drawn
    counts = np.bincount(a, minlength=4)
    # A chi-square test of the frequencies against p (the zero class left out).
    live = [0, 2, 3]
    result = stats.chisquare(counts[live], f_exp=np.array(p)[live] * a.size)
    assert result.pvalue > 1e-4
    assert draw_outcomes(p, 0, seed=1).size == 0
    with pytest.raises(ValueError):
        draw_outcomes(p, -1, seed=1)
    with pytest.raises(ValueError):
        draw_outcomes([0.5, 0.6], 3, seed=1)


def test_running_mean_converges_to_the_cross_entropy() -> None:
    p, q = [0.5, 0.25, 0.125, 0.125], [0.25, 0.25, 0.25, 0.25]
    outcomes = draw_outcomes(p, 40000, seed=3)
    running = running_mean_surprisal(q, outcomes, base=2)
    # With the uniform code every symbol costs log₂ 4 = 2 bits: the average is exactly 2.
    assert np.allclose(running, 2.0)
    running = running_mean_surprisal(p, outcomes, base=2)
    # H(p) = ½·1 + ¼·2 + 2·⅛·3 = 1.75 bits; the sample mean is within 0.02 at n = 40000
    # (the per-symbol standard deviation is below 1 bit, so 0.02 is > 4 standard errors).
    assert running[-1] == pytest.approx(1.75, abs=0.02)
    assert float(entropy(p, base=2)) == pytest.approx(1.75)


def test_mean_nll_is_the_cross_entropy_of_the_empirical_frequencies() -> None:
    counts = np.array([14, 6])
    freq = counts / counts.sum()
    for q in ([0.5, 0.5], [0.7, 0.3], [0.9, 0.1]):
        assert mean_negative_log_likelihood(counts, q) == pytest.approx(
            float(cross_entropy(freq, q))
        )
    # −(14 ln 0.7 + 6 ln 0.3)/20 = (14·0.35667 + 6·1.20397)/20 = 0.61086 nats.
    assert mean_negative_log_likelihood(counts, [0.7, 0.3]) == pytest.approx(0.61086, abs=1e-5)
    grid = np.linspace(0.01, 0.99, 99)
    nll = [mean_negative_log_likelihood(counts, [g, 1 - g]) for g in grid]
    assert grid[int(np.argmin(nll))] == pytest.approx(0.7)
    # Likelihood via SciPy's binomial pmf (without the binomial coefficient) agrees.
    log_lik = stats.binom.logpmf(14, 20, 0.7) - math.log(math.comb(20, 14))
    assert -log_lik / 20 == pytest.approx(mean_negative_log_likelihood(counts, [0.7, 0.3]))
    assert empirical_frequencies([0, 0, 1], 2).tolist() == pytest.approx([2 / 3, 1 / 3])
    with pytest.raises(ValueError):
        mean_negative_log_likelihood([0, 0], [0.5, 0.5])


def test_codes_reach_the_entropy_for_dyadic_sources_and_stay_within_a_bit() -> None:
    dyadic = [0.5, 0.25, 0.125, 0.125]
    code = huffman_code(dyadic)
    lengths = [len(w) for w in code]
    assert lengths == ideal_code_lengths(dyadic).tolist() == [1, 2, 3, 3]
    assert average_code_length(dyadic, lengths) == pytest.approx(1.75)
    # Prefix-free: no word starts another.
    assert not any(a != b and b.startswith(a) for a in code for b in code)
    rng = np.random.default_rng(0)
    for _ in range(50):
        p = rng.dirichlet(np.ones(int(rng.integers(2, 7))))
        words = huffman_code(p)
        avg = average_code_length(p, [len(w) for w in words])
        h = float(stats.entropy(p, base=2))
        assert h - 1e-9 <= avg < h + 1  # Shannon: H ≤ L < H + 1
        assert not any(a != b and b.startswith(a) for a in words for b in words)
    assert huffman_code([0.0, 1.0]) == (None, "0")
    assert average_code_length([0.0, 1.0], [math.inf, 1]) == 1.0


def test_a_trailing_impossible_class_is_never_drawn_even_when_p_sums_short(monkeypatch) -> None:
    # p sums to 1 − 1e-7 (within the check's tolerance). A uniform draw of 0.99999995 lies
    # above the raw cumulative sum 0.9999999: it must land on class 1, never on class 2,
    # whose probability is 0. The generator is replaced to make that draw certain.
    class Fixed:
        def __init__(self, seed) -> None:
            del seed

        def random(self, n: int) -> np.ndarray:
            return np.full(n, 0.99999995)

    monkeypatch.setattr(np.random, "default_rng", Fixed)
    assert draw_outcomes([0.5, 0.4999999, 0.0], 3, seed=5).tolist() == [1, 1, 1]
