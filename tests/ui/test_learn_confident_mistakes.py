"""Lesson 8, the price of confident mistakes, under AppTest: predict first, the goals'
detectors at and just before their goals, the ticks from the slider, the numbers against
SciPy, the check in both units."""

from __future__ import annotations

import math

import pytest
from scipy.stats import entropy

from tests.helpers import answer_check, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import confident_mistakes as lesson

SLUG = "confident-mistakes"
SLIDER = "w:" + state.MISTAKE_Q.key


def opened(query: dict | None = None, guess: float = 3.0):
    at = open_lesson(SLUG, query)
    commit_guess(at, SLUG, guess)
    return at


def table(at) -> str:
    found = [m.value for m in at.markdown if m.value.startswith("| At q_t =")]
    assert len(found) == 1
    return found[0]


def test_predict_first_then_the_reveal_in_bits() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    assert not at.select_slider, "no widget before the guess"
    commit_guess(at, SLUG, 3.3)
    # −log₂ 0.01 − (−log₂ 0.1) = log₂ 10 = 3.3219 bits: within 10 % of 3.3.
    assert any(
        "You guessed **3.300 bits**; the answer is **3.322 bits**. Close" in m.value
        for m in at.markdown
    )
    assert at.select_slider(key=SLIDER).value == pytest.approx(0.5)


def test_the_reveal_in_nats() -> None:
    at = opened(guess=1.0)
    # ln 10 = 2.3026 nats; 1 is far off. The Brier score rises by 2(0.99² − 0.9²) = 0.3402.
    revealed = [m.value for m in at.markdown if m.value.startswith("You guessed")]
    assert revealed and "the answer is **2.303 nats**. Not quite" in revealed[0]
    assert "log₂" not in revealed[0] and "ln 10 = 2.303 nats" in revealed[0]
    assert "rises by only 0.3402" in revealed[0]


@pytest.mark.parametrize(
    ("q_t", "expected"),
    [
        # The lesson opens at q_t = 0.5: 1 bit, push 0.5, focal pushes 0.2983/0.5 ≈ 0.6 as hard.
        (0.5, [False, False, False]),
        # −log₂ 0.0625 = 4 bits exactly: not more than 4; −log₂ 0.062 = 4.0116 bits.
        (0.0625, [False, False, False]),
        (0.062, [True, False, False]),
        # Cross-entropy's push is 1 − q_t: 0.989 at q_t = 0.011, 0.99 at q_t = 0.01.
        (0.011, [True, False, False]),
        (0.01, [True, True, False]),
        # Focal's push over cross-entropy's: (1 − q)^2 (1 − q − 2 q ln q) / (1 − q)
        # = 0.04 (1 + 1.6 ln(1/0.8) / 0.2) = 0.1114 at q = 0.8 (not below a tenth) and
        # 0.0324 (1 + 1.64 ln(1/0.82) / 0.18) = 0.0910 at q = 0.82.
        (0.8, [False, False, False]),
        (0.82, [False, False, True]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(q_t, expected) -> None:
    assert [g.reached for g in lesson.goals_for(q_t)] == expected


def test_goals_tick_from_the_slider_and_stay_ticked() -> None:
    at = opened({"unit": "bits"})
    assert goals_ticked(at) == [False, False, False]
    for q_t, expected in [
        (0.1, [False, False, False]),  # 3.32 bits, push 0.9
        (0.05, [True, False, False]),  # 4.32 bits
        (0.02, [True, False, False]),  # push 0.98
        (0.01, [True, True, False]),  # push 0.99
        (0.8, [True, True, False]),  # focal 0.1114 × cross-entropy's push
    ]:
        at.select_slider(key=SLIDER).set_value(q_t).run()
        assert goals_ticked(at) == expected, q_t
    assert not any(m.value.startswith("**What you should have noticed.**") for m in at.markdown)
    at.select_slider(key=SLIDER).set_value(0.9).run()  # focal 0.029 × cross-entropy's push
    assert goals_ticked(at) == [True, True, True]
    (notice,) = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    # The push is strongest there; training does not fix those mistakes "first".
    assert "so training pushes hardest on those mistakes; a squared loss's push" in notice
    assert "first" not in notice


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_the_numbers_on_screen_are_scipys(unit) -> None:
    at = opened({"unit": unit, "cq": "0.01"})
    q = 0.01
    per = 1 / math.log(2) if unit == "bits" else 1.0
    ce = entropy([1, 0], [q, 1 - q])  # KL against a one-hot label = −ln q_t
    shown = table(at)
    assert shown.startswith("| At q_t = 0.01 | Loss | Push on z_t |")
    # Pushes: 1 − q; Brier 4 q (1 − q)² = 0.0392; focal (1 − q)² (1 − q − 2 q ln q) = 1.0606.
    assert f"| Cross-entropy | {ce * per:.3f} {unit} | {1 - q:.4f} |" in shown
    assert f"| Brier score | {2 * (1 - q) ** 2:.4f} | {4 * q * (1 - q) ** 2:.4f} |" in shown
    focal = -((1 - q) ** 2) * math.log(q) * per  # −(1 − q)² ln q
    focal_push = (1 - q) ** 2 * (1 - q - 2 * q * math.log(q))
    assert f"| Focal, γ = 2 | {focal:.3f} {unit} | {focal_push:.4f} |" in shown
    assert "| 0.0392 |" in shown and "| 1.0606 |" in shown


def test_a_link_value_off_the_slider_is_named_and_the_default_shown() -> None:
    at = opened({"cq": "0.123"})
    assert any("q_t (`cq`) must be one of 0.001, 0.002" in w.value for w in at.warning)
    assert at.select_slider(key=SLIDER).value == pytest.approx(0.5)
    assert "cq" not in at.query_params  # the link now says what is shown (the default)


@pytest.mark.parametrize(("unit", "right", "wrong"), [("nats", 4.61, 4.60), ("bits", 6.64, 4.61)])
def test_check_yourself_in_both_units(unit, right, wrong) -> None:
    # −ln 0.01 = 4.6052 nats = log₂ 100 = 6.6439 bits.
    at = opened({"unit": unit})
    answer_check(at, SLUG, wrong)
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, right)
    assert at.success and at.success[0].value.startswith("Right.")


def test_the_lesson_completes() -> None:
    at = opened({"cq": "0.01"})
    at.select_slider(key=SLIDER).set_value(0.9).run()
    answer_check(at, SLUG, 4.61)
    assert goals_ticked(at) == [True, True, True]
    assert any(s.value == "Lesson complete." for s in at.success)
