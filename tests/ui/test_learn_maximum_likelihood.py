"""Lesson 6, Maximum likelihood, under AppTest: predict first, the goals' detectors, the
ticks from the slider, the likelihood and the mean loss on screen against SciPy, and the
check in both units.

The data set is 20 flips of a coin with p(heads) = 0.7 drawn with the learn seed; seed 1
(the default) gives H T H T H H T H H H T H H T H H H H H H: 15 heads and 5 tails.
"""

from __future__ import annotations

import math

import pytest
from scipy.stats import binom, entropy

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
    # L(0.5) = 0.5²⁰ = 9.537 × 10⁻⁷; L(0.75) = 0.75¹⁵ · 0.25⁵ = 1.305 × 10⁻⁵; L(1) = 0.
    assert any(
        "L(0.5) = 9.537 × 10⁻⁷, L(0.75) = 1.305 × 10⁻⁵, and L(1) = 0," in m.value
        for m in at.markdown
    )
    assert at.slider(key=SLIDER).value == pytest.approx(0.5)


def test_the_question_follows_the_seed() -> None:
    # Seed 2 draws H H T H H T H H H H H H H H H H T H H H: 17 heads, so h/n = 0.85.
    at = open_lesson(SLUG, {"lseed": "2"})
    assert "0.85: the share of heads in the data" in at.radio(key=f"learn.{SLUG}.guess").options


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
