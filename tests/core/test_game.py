"""The class game's maths (xent_core.game): hand-computed scores, seeded draws against p
(SciPy's chi-square), the mean log-loss against scikit-learn, and the verdicts' codes."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats
from sklearn.metrics import log_loss as sklearn_log_loss

import xent_core
from tests.core.strategies import PROPERTY_SETTINGS, class_counts, distributions
from xent_core.game import (
    GAME_MAX_CLASSES,
    GAME_MAX_DRAWS,
    GAME_MIN_CLASSES,
    Row,
    Score,
    Verdicts,
    combine,
    draw_round,
    leaderboard,
    random_source,
    score,
    verdicts,
)
from xent_core.measures import entropy


def brier_by_hand(q, outcomes) -> float:
    # Σ over outcomes of Σ_k (q_k − [k = x])² = Σ_k q_k² − 2 q_x + 1 for each outcome x.
    q = np.asarray(q, dtype=float)
    return sum(float(np.sum(q**2)) - 2 * q[x] + 1 for x in outcomes)


# --- score ----------------------------------------------------------------------------


def test_two_class_score_by_hand() -> None:
    s = score([0.7, 0.3], [0, 0, 1])
    # log-loss = −(2 ln 0.7 + ln 0.3) = 2·0.356675 + 1.203973 = 1.917323 nats; mean /3 = 0.639108.
    assert s.n == 3
    assert s.log_loss == pytest.approx(1.917323, abs=1e-6)
    assert s.log_loss == pytest.approx(-(2 * math.log(0.7) + math.log(0.3)), rel=1e-15)
    assert s.mean_log_loss == pytest.approx(0.639108, abs=1e-6)
    # Brier: x = 0 → 0.3² + 0.3² = 0.18 (twice); x = 1 → 0.7² + 0.7² = 0.98; total 1.34.
    assert s.brier == pytest.approx(1.34, abs=1e-12)
    assert s.mean_brier == pytest.approx(1.34 / 3, abs=1e-12)
    # Argmax is class 0: two hits of three.
    assert s.hits == 2.0
    assert s.accuracy == pytest.approx(2 / 3)
    # The largest single surprisal is −ln 0.3 = 1.203973.
    assert s.max_surprisal == pytest.approx(1.203973, abs=1e-6)


def test_three_class_score_by_hand() -> None:
    s = score([0.5, 0.25, 0.25], [0, 1, 2, 2])
    # log-loss = ln 2 + 3 ln 4 = 7 ln 2 = 4.852030 nats; mean 7/4 ln 2 = 1.213008.
    assert s.log_loss == pytest.approx(7 * math.log(2), rel=1e-15)
    assert s.mean_log_loss == pytest.approx(1.213008, abs=1e-6)
    # Brier: x = 0 → 0.25 + 0.0625 + 0.0625 = 0.375; x = 1 or 2 → 0.25 + 0.5625 + 0.0625
    # = 0.875 (three times); total 0.375 + 2.625 = 3.0, mean 0.75.
    assert s.brier == pytest.approx(3.0, abs=1e-12)
    assert s.mean_brier == pytest.approx(0.75, abs=1e-12)
    # Argmax class 0 happened once in four.
    assert (s.hits, s.accuracy) == (1.0, 0.25)


def test_certain_and_right_costs_nothing() -> None:
    s = score([0.0, 1.0], [1, 1])
    assert (s.log_loss, s.brier, s.hits, s.max_surprisal) == (0.0, 0.0, 2.0, 0.0)
    assert math.copysign(1.0, s.log_loss) == 1.0  # +0.0, not −0.0 (−ln 1)


def test_a_zero_on_an_outcome_that_happened_costs_infinity_unless_floored() -> None:
    q = [0.9, 0.1, 0.0]
    s = score(q, [0, 2])
    assert s.log_loss == math.inf and s.mean_log_loss == math.inf
    assert s.max_surprisal == math.inf
    # Brier stays finite: x = 0 → 0.01 + 0.01 + 0 = 0.02; x = 2 → 0.81 + 0.01 + 1 = 1.82.
    assert s.brier == pytest.approx(1.84, abs=1e-12)
    floored = score(q, [0, 2], floor=0.01)
    # −ln 0.9 − ln max(0, 0.01) = 0.105361 + 4.605170 = 4.710531 nats.
    assert floored.log_loss == pytest.approx(4.710531, abs=1e-6)
    # The floor changes the log-loss only.
    assert (floored.brier, floored.hits) == (s.brier, s.hits)
    assert floored.max_surprisal == math.inf  # still reckless: the 0 is what was forecast
    # Terms above the floor are untouched; those below are raised to it.
    assert score(q, [0], floor=0.01).log_loss == -math.log(0.9)
    # floor 0.2: −ln 0.9 (0.9 > 0.2) − ln 0.2 (0.1 < 0.2) = 0.105361 + 1.609438.
    assert score(q, [0, 1], floor=0.2).log_loss == pytest.approx(1.714798, abs=1e-6)
    # An unused zero costs nothing: outcome 2 never happened.
    assert score(q, [0, 0]).log_loss == pytest.approx(-2 * math.log(0.9))


@pytest.mark.parametrize("floor", [0, 0.0, 1, 1.5, -0.01, math.nan, math.inf, True, "0.01"])
def test_a_floor_outside_zero_to_one_is_refused(floor) -> None:
    with pytest.raises(ValueError, match="floor"):
        score([0.5, 0.5], [0], floor=floor)


def test_ties_for_the_argmax_share_the_hit() -> None:
    # Two top classes (m = 2): the outcome is one of them → ½, else 0.
    assert score([0.4, 0.4, 0.2], [0, 1, 2]).hits == pytest.approx(1.0)  # ½ + ½ + 0
    # A uniform forecast over 3 classes scores ⅓ per outcome whatever happens.
    assert score([1 / 3, 1 / 3, 1 / 3], [0, 1, 2, 2]).accuracy == pytest.approx(1 / 3)
    # Over six classes: 1/6 each.
    assert score([1 / 6] * 6, [5]).hits == pytest.approx(1 / 6)
    # Rounding noise (0.1 + 0.2 = 0.30000000000000004) does not break a tie with 0.3.
    assert score([0.1 + 0.2, 0.3, 0.2, 0.2], [1]).hits == pytest.approx(0.5)
    # A real difference is not a tie.
    assert score([0.31, 0.29, 0.2, 0.2], [1]).hits == 0.0


@pytest.mark.parametrize(
    ("q", "outcomes"),
    [
        ([0.5, 0.6], [0]),  # does not sum to 1
        ([1.0], [0]),  # one class
        ([[0.5, 0.5]], [0]),  # not 1-D
        ([0.5, math.nan, 0.5], [0]),
        ([0.5, 0.5], []),  # no outcomes
        ([0.5, 0.5], [2]),  # out of range
        ([0.5, 0.5], [-1]),
        ([0.5, 0.5], [0.5]),  # not a class index
        ([0.5, 0.5], [True]),
        ([0.5, 0.5], [[0, 1]]),
    ],
)
def test_score_refuses_bad_input(q, outcomes) -> None:
    with pytest.raises(ValueError):
        score(q, outcomes)


@pytest.mark.parametrize(
    ("q", "k", "seed"),
    [([0.7, 0.3], 2, 1), ([0.2, 0.5, 0.3], 3, 2), ([0.05, 0.15, 0.3, 0.1, 0.25, 0.15], 6, 3)],
)
def test_mean_log_loss_matches_scikit_learn(q, k, seed) -> None:
    outcomes = draw_round([1 / k] * k, 100, seed=seed, round_number=1)
    s = score(q, outcomes)
    rows = np.tile(q, (outcomes.size, 1))
    expected = sklearn_log_loss(outcomes, rows, labels=range(k))
    assert s.mean_log_loss == pytest.approx(expected, rel=1e-12)
    assert s.brier == pytest.approx(brier_by_hand(q, outcomes), rel=1e-12)


@st.composite
def forecasts_and_outcomes(draw: st.DrawFn, *, positive: bool) -> tuple[np.ndarray, list[int]]:
    k = draw(class_counts)
    q = draw(distributions((k,), positive=positive))
    outcomes = draw(st.lists(st.integers(0, k - 1), min_size=1, max_size=30))
    return q, outcomes


@settings(**PROPERTY_SETTINGS)
@given(forecasts_and_outcomes(positive=True))
def test_property_scores_agree_with_scikit_learn_and_the_brier_formula(case) -> None:
    q, outcomes = case
    s = score(q, outcomes)
    rows = np.tile(q, (len(outcomes), 1))
    expected = sklearn_log_loss(outcomes, rows, labels=range(q.size))
    assert s.mean_log_loss == pytest.approx(expected, rel=1e-9)
    assert s.brier == pytest.approx(brier_by_hand(q, outcomes), rel=1e-9, abs=1e-12)
    assert 0 <= s.mean_brier <= 2 and 0 <= s.accuracy <= 1


@settings(**PROPERTY_SETTINGS)
@given(forecasts_and_outcomes(positive=False), st.integers(1, 29))
def test_property_combining_a_split_gives_the_whole(case, cut) -> None:
    q, outcomes = case
    cut = min(cut, len(outcomes) - 1)
    whole = score(q, outcomes)
    if cut == 0:
        assert combine([whole]) == whole
        return
    both = combine([score(q, outcomes[:cut]), score(q, outcomes[cut:])])
    assert both.n == whole.n
    assert both.log_loss == pytest.approx(whole.log_loss, rel=1e-12)  # ∞ == ∞ too
    assert both.brier == pytest.approx(whole.brier, rel=1e-12, abs=1e-12)
    assert both.hits == pytest.approx(whole.hits, rel=1e-12)
    assert both.max_surprisal == whole.max_surprisal


# --- combine and Score ----------------------------------------------------------------


def test_combine_sums_over_rounds() -> None:
    first = score([0.7, 0.3], [0, 0])  # 2·0.356675 = 0.713350 nats, Brier 0.36, 2 hits
    second = score([0.5, 0.5], [1])  # 0.693147 nats, Brier 0.5, ½ hit
    both = combine([first, second])
    assert both.n == 3
    assert both.log_loss == pytest.approx(-2 * math.log(0.7) + math.log(2), rel=1e-15)
    assert both.brier == pytest.approx(0.86, abs=1e-12)
    assert both.hits == 2.5
    assert both.mean_log_loss == pytest.approx(1.406497 / 3, abs=1e-6)
    assert both.accuracy == pytest.approx(2.5 / 3)
    assert both.max_surprisal == pytest.approx(math.log(2))
    assert combine(iter([first])) == first  # any iterable
    worse = combine([first, score([1.0, 0.0], [1])])
    assert worse.log_loss == math.inf and worse.max_surprisal == math.inf


def test_combine_refuses_nothing_and_non_scores() -> None:
    with pytest.raises(ValueError, match="at least one"):
        combine([])
    with pytest.raises(ValueError, match="Score"):
        combine([(1, 0.5, 0.5, 1, 0.5)])


@pytest.mark.parametrize(
    "fields",
    [
        (0, 0.0, 0.0, 0.0, 0.0),  # no outcomes
        (True, 0.0, 0.0, 0.0, 0.0),
        (2, -1.0, 0.0, 0.0, 0.0),
        (2, math.nan, 0.0, 0.0, 0.0),
        (2, 1.0, math.inf, 0.0, 0.0),
        (2, 1.0, -0.5, 0.0, 0.0),
        (2, 1.0, 0.5, 3.0, 0.0),  # more hits than outcomes
        (2, 1.0, 0.5, -1.0, 0.0),
        (2, 1.0, 0.5, 1.0, -1.0),
    ],
)
def test_score_values_are_checked(fields) -> None:
    with pytest.raises(ValueError):
        Score(*fields)


def test_score_is_frozen() -> None:
    s = score([0.5, 0.5], [0])
    with pytest.raises(AttributeError):
        s.n = 2  # type: ignore[misc]


# --- leaderboard ----------------------------------------------------------------------


def test_leaderboard_orders_by_mean_log_loss_with_infinity_last_and_shared_ranks() -> None:
    outcomes = [0, 0, 1]
    entries = {
        "zed": score([1.0, 0.0], outcomes),  # ∞
        "honest": score([2 / 3, 1 / 3], outcomes),  # the sample's own frequencies: best
        "Cat": score([0.5, 0.5], outcomes),  # ln 2 = 0.693147
        "bob": score([0.5, 0.5], [1, 0, 0]),  # ln 2 as well: shares Cat's rank
        "amy": score([0.9, 0.1], outcomes),  # (2·0.105361 + 2.302585)/3 = 0.837769
        "Yan": score([0.0, 1.0], outcomes),  # ∞
    }
    rows = leaderboard(entries)
    assert all(isinstance(r, Row) for r in rows)
    # H(p̂) for p̂ = (⅔, ⅓): −(⅔ ln ⅔ + ⅓ ln ⅓) = 0.636514 nats.
    assert rows[0].name == "honest"
    assert rows[0].mean_log_loss == pytest.approx(0.636514, abs=1e-6)
    # Equal losses: by name, case-insensitively; the rank is shared, the next one skips.
    assert [(r.rank, r.name) for r in rows] == [
        (1, "honest"),
        (2, "bob"),
        (2, "Cat"),
        (4, "amy"),
        (5, "Yan"),
        (5, "zed"),
    ]
    assert rows[1].mean_log_loss == pytest.approx(math.log(2))
    assert rows[3].mean_log_loss == pytest.approx(0.837769, abs=1e-6)
    assert rows[-1].mean_log_loss == math.inf
    # The other columns are the Score's means.
    for row in rows:
        s = entries[row.name]
        assert (row.mean_brier, row.accuracy) == (s.mean_brier, s.accuracy)


def test_leaderboard_treats_summation_noise_as_a_tie() -> None:
    loss = 0.1 + 0.2  # 0.30000000000000004
    entries = {
        "b": Score(1, loss, 0.5, 1.0, loss),
        "a": Score(1, 0.3, 0.5, 1.0, 0.3),  # 1 ulp less: the same loss on the board
        "c": Score(1, 0.3 + 1e-9, 0.5, 1.0, 0.3),  # really worse
    }
    assert [(r.rank, r.name) for r in leaderboard(entries)] == [(1, "a"), (1, "b"), (3, "c")]


def test_leaderboard_of_nobody_is_empty_and_wrong_values_are_refused() -> None:
    assert leaderboard({}) == []
    with pytest.raises(ValueError):
        leaderboard({"a": 0.5})  # type: ignore[dict-item]


# --- draw_round -----------------------------------------------------------------------


def test_draws_are_seeded_per_room_and_round_and_replayable() -> None:
    p = [0.2, 0.5, 0.3]
    a = draw_round(p, 100, seed=2024, round_number=3)
    assert a.dtype == np.int64 and a.shape == (100,)
    assert np.array_equal(a, draw_round(p, 100, seed=2024, round_number=3))
    assert np.array_equal(a[:10], draw_round(p, 10, seed=2024, round_number=3))  # prefix
    assert not np.array_equal(a, draw_round(p, 100, seed=2024, round_number=4))
    assert not np.array_equal(a, draw_round(p, 100, seed=2025, round_number=3))
    # The stream is numpy's default_rng([seed, round]) (inverse CDF on its uniforms), so a
    # stored room replays the same outcomes with any later version of this code.
    uniform = np.random.default_rng([2024, 3]).random(100)
    assert np.array_equal(a, np.searchsorted(np.cumsum(p)[:-1], uniform, side="right"))


@pytest.mark.parametrize(
    "p", [[0.5, 0.5], [0.1, 0.6, 0.3], [0.3, 0.0, 0.7], [0.05, 0.1, 0.15, 0.2, 0.2, 0.3]]
)
def test_draw_frequencies_follow_p(p) -> None:
    # 400 rounds of 100 outcomes = 40 000 draws; a chi-square test against p (classes of
    # probability 0 left out: they must never be drawn).
    draws = np.concatenate([draw_round(p, 100, seed=11, round_number=r) for r in range(1, 401)])
    counts = np.bincount(draws, minlength=len(p))
    live = np.flatnonzero(p)
    assert counts[np.asarray(p) == 0].sum() == 0
    result = stats.chisquare(counts[live], f_exp=np.asarray(p)[live] * draws.size)
    assert result.pvalue > 1e-4


def test_honest_forecasting_wins_on_average() -> None:
    # The lesson of the game: over many outcomes the mean log-loss of q = p tends to H(p)
    # and no other forecast beats it (Gibbs' inequality), while accuracy ties them.
    p = [0.6, 0.3, 0.1]
    draws = np.concatenate([draw_round(p, 100, seed=5, round_number=r) for r in range(1, 201)])
    honest = score(p, draws)
    # H(p) = −(0.6 ln 0.6 + 0.3 ln 0.3 + 0.1 ln 0.1) = 0.897946 nats.
    assert honest.mean_log_loss == pytest.approx(0.897946, abs=0.02)
    assert float(entropy(p)) == pytest.approx(0.897946, abs=1e-6)
    for q in ([0.8, 0.15, 0.05], [0.34, 0.33, 0.33], [0.98, 0.01, 0.01]):
        assert score(q, draws).mean_log_loss > honest.mean_log_loss
    assert score([0.98, 0.01, 0.01], draws).accuracy == honest.accuracy  # same argmax


def test_a_zero_probability_class_is_never_drawn_even_at_the_end() -> None:
    # p sums to 1 − 8e-7 (within the 1e-6 tolerance) and its last class is 0: never drawn.
    p = [0.4999996, 0.4999996, 0.0]
    # Room 32096's round 1 has a uniform of 0.99999968 (its 12th), past the cumulative
    # 0.9999992 of p: a plain inverse CDF would give it class 2.
    assert np.random.default_rng([32096, 1]).random(100)[11] > sum(p)
    draws = draw_round(p, 100, seed=32096, round_number=1)
    assert set(draws.tolist()) == {0, 1} and draws[11] == 1
    assert set(draw_round([0.0, 0.0, 1.0], 50, seed=3, round_number=1).tolist()) == {2}


@pytest.mark.parametrize(
    ("p", "n", "seed", "round_number"),
    [
        ([0.5, 0.5], 0, 1, 1),
        ([0.5, 0.5], GAME_MAX_DRAWS + 1, 1, 1),
        ([0.5, 0.5], 2.0, 1, 1),
        ([0.5, 0.5], True, 1, 1),
        ([1.0], 5, 1, 1),  # one class
        ([1 / 7] * 7, 5, 1, 1),  # seven classes
        ([0.5, 0.6], 5, 1, 1),
        ([0.5, 0.5], 5, -1, 1),
        ([0.5, 0.5], 5, 1, 0),  # rounds are numbered from 1
        ([0.5, 0.5], 5, 1.5, 1),
    ],
)
def test_draw_round_refuses_bad_input(p, n, seed, round_number) -> None:
    with pytest.raises(ValueError):
        draw_round(p, n, seed=seed, round_number=round_number)


def test_draw_round_limits() -> None:
    assert GAME_MIN_CLASSES == 2 and GAME_MAX_CLASSES == 6 and GAME_MAX_DRAWS == 100
    assert draw_round([0.5, 0.5], 1, seed=0, round_number=1).size == 1
    assert draw_round([1 / 6] * 6, 100, seed=2**40, round_number=99).size == 100


# --- random_source --------------------------------------------------------------------


@settings(**PROPERTY_SETTINGS)
@given(st.integers(GAME_MIN_CLASSES, GAME_MAX_CLASSES), st.integers(0, 2**63))
def test_property_random_sources_are_playable(k, seed) -> None:
    p = random_source(k, seed)
    assert p == random_source(k, seed)  # replayable
    assert len(p) == k and all(isinstance(v, float) for v in p)
    hundredths = [round(v * 100) for v in p]
    assert all(v == h / 100 for v, h in zip(p, hundredths, strict=True))  # 2 decimals
    assert sum(hundredths) == 100 and math.fsum(p) == pytest.approx(1.0, abs=1e-12)
    assert min(p) >= 0.01
    draw_round(p, 5, seed=seed, round_number=1)  # a valid source for the game


def test_random_sources_are_uniform_over_the_simplex() -> None:
    # Dirichlet(1, 1, 1): each coordinate is Beta(1, 2), mean ⅓. 1000 seeds, KS test on
    # the first coordinate (the 0.01 rounding moves the CDF by at most 2·0.005 = 0.01).
    first = np.array([random_source(3, seed)[0] for seed in range(1000)])
    assert stats.kstest(first, stats.beta(1, 2).cdf).pvalue > 1e-3
    assert first.mean() == pytest.approx(1 / 3, abs=0.03)
    assert len({tuple(random_source(4, seed)) for seed in range(50)}) > 45  # seeds differ


@pytest.mark.parametrize(("k", "seed"), [(1, 0), (7, 0), (2.0, 0), (3, -1), (3, 0.5)])
def test_random_source_refuses_bad_input(k, seed) -> None:
    with pytest.raises(ValueError):
        random_source(k, seed)


# --- verdicts -------------------------------------------------------------------------


def test_verdicts_honest_against_reckless_with_equal_accuracy() -> None:
    p = [0.7, 0.2, 0.1]
    forecasts = {
        "honest": [0.7, 0.2, 0.1],  # KL 0
        "sure": [0.98, 0.01, 0.01],
        "middle": [0.5, 0.3, 0.2],
    }
    outcomes = [0, 0, 1, 0, 2]
    scores = {name: score(q, outcomes) for name, q in forecasts.items()}
    v = verdicts(p, forecasts, scores)
    assert isinstance(v, Verdicts)
    assert v.honest == "honest" and v.honest_kl == 0.0
    # Largest surprisals: sure −ln 0.01 = 4.605170, honest −ln 0.1 = 2.302585,
    # middle −ln 0.2 = 1.609438.
    assert v.reckless == "sure"
    assert v.reckless_surprisal == pytest.approx(4.605170, abs=1e-6)
    assert not v.reckless_zero
    # Every forecast's argmax is class 0: accuracy 3/5 for both; log-losses differ.
    assert scores["honest"].accuracy == scores["sure"].accuracy == 0.6
    assert v.accuracy_tied


def test_verdicts_a_zero_that_happened_is_reckless_and_accuracy_can_differ() -> None:
    p = [0.6, 0.4]
    forecasts = {"honest": [0.6, 0.4], "bold": [0.0, 1.0]}
    outcomes = [0, 1, 0]
    scores = {name: score(q, outcomes) for name, q in forecasts.items()}
    v = verdicts(p, forecasts, scores)
    assert (v.honest, v.reckless, v.reckless_zero) == ("honest", "bold", True)
    assert v.reckless_surprisal == math.inf
    # honest hits 2 of 3 (argmax 0), bold 1 of 3 (argmax 1): accuracy told them apart.
    assert not v.accuracy_tied


def test_verdicts_use_the_unfloored_surprisal() -> None:
    p = [0.5, 0.5]
    forecasts = {"a": [0.5, 0.5], "b": [1.0, 0.0]}
    scores = {name: score(q, [0, 1], floor=0.01) for name, q in forecasts.items()}
    v = verdicts(p, forecasts, scores)
    assert (v.reckless, v.reckless_zero) == ("b", True)
    # Both accuracies ½ (a: ½ + ½ from the tie; b: 1 + 0); log-losses ln 2 vs
    # (0 + ln 100)/2 = 2.302585.
    assert v.accuracy_tied


def test_verdicts_when_honest_is_also_the_most_surprised() -> None:
    # a is closer to p but only class 0 happened: a's −ln 0.55 = 0.598 > b's −ln 0.9 = 0.105.
    p = [0.5, 0.5]
    forecasts = {"a": [0.55, 0.45], "b": [0.9, 0.1]}
    scores = {name: score(q, [0, 0]) for name, q in forecasts.items()}
    v = verdicts(p, forecasts, scores)
    assert v.honest == v.reckless == "a"
    assert not v.accuracy_tied  # no "between them" with one player


def test_verdicts_ties_and_nobody_honest() -> None:
    p = [0.5, 0.5]
    same = {"Bo": [0.5, 0.5], "al": [0.5, 0.5]}
    scores = {name: score(q, [0, 1]) for name, q in same.items()}
    v = verdicts(p, same, scores)
    assert (v.honest, v.reckless) == ("al", "al")  # ties: first name, case-insensitively
    assert not v.accuracy_tied
    # Every forecast has KL = ∞ (a 0 where p > 0): nobody is called honest.
    zeros = {"x": [1.0, 0.0], "y": [0.0, 1.0]}
    scores = {name: score(q, [0]) for name, q in zeros.items()}
    v = verdicts(p, zeros, scores)
    assert v.honest is None and math.isnan(v.honest_kl)
    assert (v.reckless, v.reckless_zero, v.accuracy_tied) == ("y", True, False)


def test_verdicts_need_two_players_with_forecast_and_score() -> None:
    p = [0.5, 0.5]
    forecasts = {"a": [0.5, 0.5], "b": [0.9, 0.1]}
    only_a = {"a": score([0.5, 0.5], [0]), "c": score([0.5, 0.5], [0])}
    v = verdicts(p, forecasts, only_a)  # b has no score, c no forecast: only a counts
    assert (v.honest, v.reckless, v.reckless_zero, v.accuracy_tied) == (None, None, False, False)
    assert verdicts(p, {}, {}).honest is None


def test_verdicts_refuse_bad_input() -> None:
    scores = {"a": score([0.5, 0.5], [0]), "b": score([0.5, 0.5], [1])}
    with pytest.raises(ValueError, match="'b'"):
        verdicts([0.5, 0.5], {"a": [0.5, 0.5], "b": [0.2, 0.3, 0.5]}, scores)  # K differs
    with pytest.raises(ValueError):
        verdicts([0.5, 0.6], {"a": [0.5, 0.5], "b": [0.5, 0.5]}, scores)
    with pytest.raises(ValueError):
        verdicts([0.5, 0.5], {"a": [0.5, 0.5], "b": [0.5, 0.5]}, {"a": 1.0, "b": 2.0})


# --- the package ------------------------------------------------------------------------


def test_the_game_is_exported_from_xent_core() -> None:
    from xent_core import game

    for name in game.__all__:
        assert getattr(xent_core, name) is getattr(game, name), name
        assert name in xent_core.__all__, name
