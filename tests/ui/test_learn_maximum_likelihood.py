"""Lesson 6, Maximum likelihood, under AppTest: predict first, the goals' detectors, the
ticks from the slider, the likelihood and the mean loss on screen against SciPy, and the
check in both units.

The data set is 20 flips of a coin with p(heads) = 0.7 drawn with the learn seed; seed 1
(the default) gives H T H T H H T H H H T H H T H H H H H H: 15 heads and 5 tails. Seed 10
gives 10 heads, seed 9 gives 9, and seed 1734 all 20 (so the lesson takes seed 1735's).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import binom, entropy

import xent_core as xc
from tests.helpers import answer_check, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import maximum_likelihood as mle

SLUG = "maximum-likelihood"
SLIDER = "w:" + state.MLE_Q.key
BEST = "0.75: the share of heads in the data"
SEED_1 = [15, 5]


def likelihood(q: float, heads: int = 15, tails: int = 5) -> float:
    """q^h (1 − q)^t: SciPy's binomial probability of h heads, without the C(n, h)
    orderings (the data are one ordered sequence)."""
    return binom.pmf(heads, heads + tails, q) / math.comb(heads + tails, heads)


def test_predict_first_then_the_data_set_and_the_reveal() -> None:
    at = open_lesson(SLUG)
    assert not at.slider, "no slider before the guess"
    assert any("**H T H T H H T H H H T H H T H H H H H H**" in m.value for m in at.markdown)
    commit_guess(at, SLUG, "0.5: a fair coin is the safe guess")
    assert any("Not quite — the answer is “" + BEST + "”" in m.value for m in at.markdown)
    # L(0.5) = 0.5²⁰ = 9.537 × 10⁻⁷; L(0.75) = 0.75¹⁵ · 0.25⁵ = 1.305 × 10⁻⁵; L(1) = L(0)
    # = 0, since there are both heads and tails.
    assert any(
        "L(0.5) = 9.537 × 10⁻⁷, L(0.75) = 1.305 × 10⁻⁵, and L(1) = L(0) = 0: under q = 1 a "
        "single tails is impossible, and under q = 0 a single heads." in m.value
        for m in at.markdown
    )
    assert at.slider(key=SLIDER).value == pytest.approx(0.5)


def test_the_text_defines_its_symbols_and_its_claims() -> None:
    at = open_lesson(SLUG)
    text = " ".join(m.value for m in at.markdown)
    assert "divide by the number of flips, n = 20 (h heads, t tails)" in text
    assert (
        "*is* maximum likelihood of the labels given the inputs (with samples independent)." in text
    )
    commit_guess(at, SLUG, BEST)
    at.slider(key=SLIDER).set_value(0.75).run()
    at.slider(key=SLIDER).set_value(0.65).run()
    (notice,) = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    assert "and the fit need not be the truth." in notice


def choices(at) -> list[str]:
    return list(at.radio(key=f"learn.{SLUG}.guess").options)


def test_the_question_follows_the_seed() -> None:
    # Seed 2 draws H H T H H T H H H H H H H H H H T H H H: 17 heads, so h/n = 0.85.
    at = open_lesson(SLUG, {"lseed": "2"})
    assert choices(at) == [
        "0.5: a fair coin is the safe guess",
        "0.85: the share of heads in the data",
        "1 or 0: everything on the side that came up more often",
    ]


def test_ten_heads_offer_no_fair_coin_twice() -> None:
    # Seed 10: 10 heads and 10 tails, so h/n = 0.5 is the answer, and the fair coin is not
    # also offered as the wrong one; no side came up more often.
    assert mle.counts_of(mle.flips(10)) == [10, 10]
    at = open_lesson(SLUG, {"lseed": "10"})
    assert choices(at) == [
        "0.9: surer of heads than the data",
        "0.50: the share of heads in the data",
        "1 or 0: everything on one side",
    ]
    commit_guess(at, SLUG, "0.50: the share of heads in the data")
    assert any("**Right.**" in m.value for m in at.markdown)
    # L(0.9) = 0.9¹⁰ 0.1¹⁰ = 3.487 × 10⁻¹¹; L(0.5) = 0.5²⁰ = 9.537 × 10⁻⁷.
    shown = f"{likelihood(0.9, 10, 10):.3e}".replace("e-11", " × 10⁻¹¹")
    assert shown == "3.487 × 10⁻¹¹"
    assert any(
        f"L(0.9) = {shown}, L(0.50) = 9.537 × 10⁻⁷, and L(1) = L(0) = 0" in m.value
        for m in at.markdown
    )


def test_fewer_than_ten_heads_make_tails_the_side_that_came_up_more_often() -> None:
    # Seed 9: 9 heads and 11 tails. "1: heads came up most" would be false; the
    # all-or-nothing choice (here q = 0) is wrong, as L(0) = 0.
    assert mle.counts_of(mle.flips(9)) == [9, 11]
    at = open_lesson(SLUG, {"lseed": "9"})
    assert choices(at) == [
        "0.5: a fair coin is the safe guess",
        "0.45: the share of heads in the data",
        "1 or 0: everything on the side that came up more often",
    ]
    commit_guess(at, SLUG, "1 or 0: everything on the side that came up more often")
    assert any(
        "Not quite — the answer is “0.45: the share of heads in the data”" in m.value
        for m in at.markdown
    )
    assert not goals_ticked(at)[0]
    at.slider(key=SLIDER).set_value(0.45).run()
    assert goals_ticked(at)[0]


def test_all_heads_are_redrawn_so_the_best_q_is_on_the_slider() -> None:
    # Seed 1734 draws 20 heads: h/n = 1 is off the slider (0.01 … 0.99), and "1 or 0" would
    # be right too. The lesson takes the next seed's flips instead: 16 heads, h/n = 0.8.
    assert np.all(xc.draw_outcomes(mle.COIN, mle.FLIPS, seed=1734) == 0)
    np.testing.assert_array_equal(mle.flips(1734), xc.draw_outcomes(mle.COIN, mle.FLIPS, seed=1735))
    assert mle.counts_of(mle.flips(1734)) == [16, 4]
    at = open_lesson(SLUG, {"lseed": "1734"})
    assert "0.80: the share of heads in the data" in choices(at)
    commit_guess(at, SLUG, "0.80: the share of heads in the data")
    at.slider(key=SLIDER).set_value(0.8).run()
    assert goals_ticked(at) == [True, False]
    assert not mle.on_slider(1.0) and not mle.on_slider(0.0)
    assert mle.on_slider(0.01) and mle.on_slider(0.8) and mle.on_slider(0.99)


def test_every_seed_has_one_right_choice_and_a_reachable_best() -> None:
    for seed in range(state.LEARN_SEED_MAX + 1):
        counts = mle.counts_of(mle.flips(seed))
        heads, tails = counts
        assert 0 < heads < mle.FLIPS, seed
        best = heads / mle.FLIPS
        assert mle.on_slider(best), seed
        offered = mle.predict_choices(counts)
        assert len(set(offered)) == 3 and offered[1].startswith(f"{best:.2f}: the share")
        # The q each choice stands for: the distractor, h/n, and all on the likelier side.
        wrong = float(offered[0].split(":")[0])
        sides = [1.0, 0.0] if heads == tails else [1.0 if heads > tails else 0.0]
        top = likelihood(best, heads, tails)
        assert all(likelihood(q, heads, tails) < top for q in (wrong, *sides)), seed


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # The best q is h/n = 15/20 = 0.75; the slider's neighbour 0.74 is not it.
        (0.74, [False, True]),
        (0.75, [True, False]),
        # L(q)/L(0.75) = (q/0.75)¹⁵ ((1 − q)/0.25)⁵: 0.467 at 0.62 and 0.519 at 0.63 …
        (0.62, [False, False]),
        (0.63, [False, True]),
        # … 0.508 at 0.85 and 0.429 at 0.86; at the start, 0.5, it is 0.073.
        (0.85, [False, True]),
        (0.86, [False, False]),
        (0.5, [False, False]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(q, expected) -> None:
    assert [g.reached for g in mle.goals_for(q, SEED_1)] == expected


def test_the_likelihood_glue_is_scipys() -> None:
    for q in (0.01, 0.5, 0.75, 0.99):
        assert mle.likelihood(SEED_1, q) == pytest.approx(likelihood(q), rel=1e-9)


def test_goals_tick_from_the_slider_and_stay_ticked() -> None:
    at = open_lesson(SLUG)
    commit_guess(at, SLUG, BEST)
    assert goals_ticked(at) == [False, False]
    at.slider(key=SLIDER).set_value(0.6).run()
    assert goals_ticked(at) == [False, False]
    at.slider(key=SLIDER).set_value(0.75).run()
    assert goals_ticked(at) == [True, False]
    at.slider(key=SLIDER).set_value(0.65).run()
    assert goals_ticked(at) == [True, True]
    assert any(m.value.startswith("**What you should have noticed.**") for m in at.markdown)
    assert at.query_params["mq"] in ("0.65", ["0.65"])


@pytest.mark.parametrize(("unit", "base"), [("nats", math.e), ("bits", 2.0)])
def test_numbers_on_screen_are_scipys(unit, base) -> None:
    at = open_lesson(SLUG, {"unit": unit, "mq": "0.6"})
    commit_guess(at, SLUG, BEST)
    metrics = {m.label: m.value for m in at.metric}
    # L(0.6) = 0.6¹⁵ · 0.4⁵ = 4.8357 × 10⁻⁶.
    assert metrics["Likelihood L(q)"] == f"{likelihood(0.6):.3e}".replace("e-06", " × 10⁻⁶")
    # Mean NLL = −(1/20) log L(0.6) = H(p̂, q) = H(p̂) + KL(p̂‖q) with p̂ = (0.75, 0.25).
    nll = -math.log(likelihood(0.6), base) / 20
    assert nll == pytest.approx(
        entropy([0.75, 0.25], base=base) + entropy([0.75, 0.25], [0.6, 0.4], base=base)
    )
    assert metrics["Mean loss H(p̂, q)"] == f"{nll:.3f} {unit}"
    # The best loss is the data's entropy H(p̂): 0.562 nats = 0.811 bits.
    lowest = entropy([0.75, 0.25], base=base)
    assert any(f"the loss {lowest:.3f} {unit}: the entropy H(p̂)" in m.value for m in at.markdown)


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_check_yourself_in_both_units(unit) -> None:
    # seed-which-independence: the labels independent given their inputs (a choice item:
    # the same answer in either unit).
    at = open_lesson(SLUG, {"unit": unit})
    commit_guess(at, SLUG, BEST)
    options = at.radio(key=f"learn.{SLUG}.check").options
    answer_check(at, SLUG, options[0])
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, options[3])
    assert at.success and at.success[0].value.startswith("Right.")


def test_the_lesson_completes() -> None:
    at = open_lesson(SLUG, {"mq": "0.7"})
    commit_guess(at, SLUG, BEST)
    assert goals_ticked(at) == [False, True]
    at.slider(key=SLIDER).set_value(0.75).run()
    options = at.radio(key=f"learn.{SLUG}.check").options
    answer_check(at, SLUG, options[3])
    assert any(s.value == "Lesson complete." for s in at.success)
