"""Lesson 4, KL divergence, under AppTest: predict first (a choice), the goals' detectors at
and just before each goal, the ticks from the toggle and the sliders, both directions
against SciPy with ∞ where a support is missed, the check."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy

from tests.helpers import answer_check, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import kl_divergence

SLUG = "kl-divergence"
RIGHT = "Only when q = p, or by coincidence"


def weight(at, i: int):
    return at.slider(key=state.lesson_widget(SLUG, f"w{i}").key)


def set_weights(at, weights) -> None:
    for i, w in enumerate(weights):
        weight(at, i).set_value(w).run()
    assert not at.exception, [e.value for e in at.exception]


def metrics(at) -> list[str]:
    return [m.value for m in at.metric]


def test_predict_first_is_a_choice_and_the_reveal_names_the_coincidence() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    zero_key = "w:" + state.KL_ZERO.key
    assert not at.slider, "no widget before the guess"
    assert not [t for t in at.toggle if t.key == zero_key]
    commit_guess(at, SLUG, "Always: it is a distance between p and q")
    assert any(f"Not quite — the answer is “{RIGHT}”" in m.value for m in at.markdown)
    # p = (½, ¼, ⅛, ⅛), q uniform: KL(p‖q) = log₂ 4 − H(p) = 2 − 1.75 = 0.25 bits and
    # KL(q‖p) = ¼(log₂ ½ + log₂ 1 + log₂ 2 + log₂ 2) = ¼(−1 + 0 + 1 + 1) = 0.25 bits.
    assert any("give 0.250 bits both ways" in m.value for m in at.markdown)
    assert metrics(at) == ["0.250 bits", "0.250 bits"]
    right = open_lesson(SLUG)
    commit_guess(right, SLUG, RIGHT)
    assert any("**Right.**" in m.value for m in right.markdown)
    assert any("give 0.173 nats both ways" in m.value for m in right.markdown)  # ¼ ln 2


@pytest.mark.parametrize(
    ("weights", "zero", "expected"),
    [
        # q uniform: both directions 0.25 bits (see above).
        ((1, 1, 1, 1), False, [False, False, False]),
        # q = p: KL(p‖q) = 0 = KL(q‖p).
        ((4, 2, 1, 1), False, [True, False, False]),
        ((8, 4, 2, 2), False, [True, False, False]),
        # With the zero, p = (½, ¼, ¼, 0): q = p has both directions 0 and finite.
        ((2, 1, 1, 0), True, [True, False, True]),
        # p with its zero, q = (½, ¼, ⅛, ⅛): KL(p‖q) = ¼ log₂ 2 = 0.25 bits; q(D) > 0 = p(D),
        # so KL(q‖p) = ∞.
        ((4, 2, 1, 1), True, [False, False, False]),
        # q = (1, 8, 8, 8)/25: KL(p‖q) = 3.144 − 1.75 = 1.394 bits, KL(q‖p) = 0.836 bits:
        # 0.558 apart. q = (1, 7, 7, 7)/22: 1.306 and 0.811 bits, 0.494 apart.
        ((1, 8, 8, 8), False, [False, True, False]),
        ((1, 7, 7, 7), False, [False, False, False]),
        # q(A) = 0 < p(A): KL(p‖q) = ∞ while KL(q‖p) is finite; ∞ apart, but not finite.
        ((0, 1, 1, 1), False, [False, False, False]),
        # With the zero and q(D) = 0: both finite.
        ((1, 1, 1, 0), True, [False, False, True]),
        # Without the zero, q(D) = 0 < p(D) = ⅛: KL(p‖q) = ∞.
        ((1, 1, 1, 0), False, [False, False, False]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(weights, zero, expected) -> None:
    assert [g.reached for g in kl_divergence.goals_for(weights, zero)] == expected


def test_goals_tick_from_the_toggle_and_the_sliders() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    commit_guess(at, SLUG, RIGHT)
    assert goals_ticked(at) == [False, False, False]
    at.toggle(key="w:" + state.KL_ZERO.key).set_value(True).run()
    assert goals_ticked(at) == [False, False, False]
    assert any("q gives D weight, but p rules it out: KL(q‖p) = ∞." in m.value for m in at.markdown)
    assert metrics(at)[1] == "∞ bits"
    weight(at, 3).set_value(0).run()  # q = (⅓, ⅓, ⅓, 0)
    assert goals_ticked(at) == [False, False, True]
    set_weights(at, (2, 1, 1, 0))  # q = p
    assert goals_ticked(at) == [True, False, True]
    at.toggle(key="w:" + state.KL_ZERO.key).set_value(False).run()
    set_weights(at, (1, 8, 8, 8))
    assert goals_ticked(at) == [True, True, True]
    (notice,) = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    # p = (½, ¼, ¼, 0): KL(p‖q) needs q > 0 on A, B and C, KL(q‖p) needs q(D) = 0.
    assert (
        "With a zero in p, both stay finite only for a q that gives D weight 0 and every other "
        "symbol some weight." in notice
    )
    assert at.query_params["kw"] == "1,8,8,8"


@pytest.mark.parametrize(
    ("weights", "zero"),
    [((1, 8, 8, 8), False), ((3, 1, 0, 5), False), ((5, 1, 2, 0), True), ((1, 1, 1, 1), True)],
)
def test_the_numbers_on_screen_are_scipys(weights, zero) -> None:
    link = {"kw": ",".join(map(str, weights)), "unit": "bits"}
    if zero:
        link["kz"] = "1"
    at = open_lesson(SLUG, link)
    commit_guess(at, SLUG, RIGHT)
    p = np.array([2, 1, 1, 0] if zero else [4, 2, 1, 1]) / (4 if zero else 8)
    q = np.array(weights) / sum(weights)

    def shown(value: float) -> str:
        return "∞ bits" if np.isinf(value) else f"{value:.3f} bits"

    forward, reverse = scipy_entropy(p, q, base=2), scipy_entropy(q, p, base=2)
    h_p = scipy_entropy(p, base=2)
    assert metrics(at) == [shown(forward), shown(reverse)]
    identity = f"{shown(h_p + forward)} = {shown(h_p)} + {shown(forward)}."
    assert any(m.value.startswith("**H(p, q) = H(p) + KL(p‖q)**") for m in at.markdown)
    assert any(identity in m.value for m in at.markdown)
    if np.isfinite(forward) and np.isfinite(reverse):
        gap = f"The two directions differ by {abs(forward - reverse):.3f} bits."
        assert any(gap in m.value for m in at.markdown)


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_check_yourself_in_both_units(unit) -> None:
    # p = (½, ½), q = (1, 0): KL(p‖q) has ½ log(½ / 0) = ∞; KL(q‖p) = log 2.
    at = open_lesson(SLUG, {"unit": unit})
    commit_guess(at, SLUG, RIGHT)
    answer_check(at, SLUG, "KL(q‖p) is infinite but KL(p‖q) is finite")
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, "KL(p‖q) is infinite but KL(q‖p) is finite")
    assert at.success and at.success[0].value.startswith("Right.")
    # KL(q‖p) = ln 2 ≈ 0.6931 nats, rounded; = 1 bit, exactly.
    assert ("= ln 2 ≈ 0.6931 nats," if unit == "nats" else "= log₂ 2 = 1 bit,") in (
        at.success[0].value
    )
