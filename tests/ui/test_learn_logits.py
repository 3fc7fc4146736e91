"""Lesson 9, from logits, under AppTest: predict first, the goals' detectors at and just
before their goals, the ticks from the sliders and the reset button, the table against
SciPy's softmax, the check in both units."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
from scipy.special import log_softmax, softmax

from tests.helpers import answer_check, click, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import logits as lesson

SLUG = "logits"
TEMPERATURE = "w:" + state.LESSON_T.key
RIGHT_GUESS = "q_A − 1"


def logit_slider(i: int) -> str:
    return state.lesson_widget(SLUG, f"z{i}").key


def opened(query: dict | None = None):
    at = open_lesson(SLUG, query)
    commit_guess(at, SLUG, RIGHT_GUESS)
    return at


def table(at) -> str:
    found = [m.value for m in at.markdown if m.value.startswith("| Class |")]
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_predict_first_then_the_reveal(unit) -> None:
    at = open_lesson(SLUG, {"unit": unit})
    assert not at.slider, "no widget before the guess"
    commit_guess(at, SLUG, "−1")
    assert any("Not quite — the answer is “q_A − 1”" in m.value for m in at.markdown)
    # softmax(1, 0, −1)_A = e / (e + 1 + 1/e) = 0.6652, so ∂L/∂z_A = −0.3348.
    q_a = math.e / (math.e + 1 + 1 / math.e)
    assert any(
        f"q_A − 1 = {q_a:.3f} − 1 = −{1 - q_a:.3f}: negative" in m.value for m in at.markdown
    )
    assert at.slider(key=logit_slider(0)).value == pytest.approx(1.0)
    assert at.slider(key=TEMPERATURE).value == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("z", "temperature", "expected"),
    [
        # The lesson opens here: q = (0.665, 0.245, 0.090), max |q − p| = 0.335.
        ([1.0, 0.0, -1.0], 1.0, [False, False, False]),
        # B ties A: not yet the most probable; a tenth more and it is.
        ([1.0, 1.0, -1.0], 1.0, [False, False, False]),
        ([1.0, 1.1, -1.0], 1.0, [True, False, False]),
        # At T the largest q is e^{1/T} / (e^{1/T} + 1 + e^{−1/T}): 0.4525 at T = 2.9,
        # 0.4484 at T = 3 (below 0.45)...
        ([1.0, 0.0, -1.0], 2.9, [False, False, False]),
        ([1.0, 0.0, -1.0], 3.0, [False, True, False]),
        # ...but only with the logits at (1, 0, −1): shifted by ½ they give the same q.
        ([1.5, 0.5, -0.5], 3.0, [False, False, False]),
        # Logits (a, 0, 0): q_A = e^a / (e^a + 2) > 0.95 exactly when a > ln 38 = 3.638.
        # a = 3.6: q_A = 0.9482, |q_A − 1| = 0.0518; a = 3.7: q_A = 0.9529, and q_B = q_C
        # = 0.0236.
        ([3.6, 0.0, 0.0], 1.0, [False, False, False]),
        ([3.7, 0.0, 0.0], 1.0, [False, False, True]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(z, temperature, expected) -> None:
    assert [g.reached for g in lesson.goals_for(z, temperature)] == expected


def test_the_boundaries_in_the_detectors_are_scipys() -> None:
    assert softmax(np.array([1.0, 0.0, -1.0]) / 3.0).max() < 0.45
    assert softmax(np.array([1.0, 0.0, -1.0]) / 2.9).max() > 0.45
    assert 3.6 < math.log(38) < 3.7
    assert 1 - softmax([3.6, 0.0, 0.0])[0] > 0.05 > 1 - softmax([3.7, 0.0, 0.0])[0]


def test_goals_tick_from_the_sliders_and_the_reset() -> None:
    at = opened()
    assert goals_ticked(at) == [False, False, False]
    at.slider(key=logit_slider(1)).set_value(1.5).run()  # z = (1, 1.5, −1): B leads
    assert goals_ticked(at) == [True, False, False]
    assert at.session_state[state.LESSON_Z.key] == [1.0, 1.5, -1.0]
    at.slider(key=TEMPERATURE).set_value(3.0).run()  # flat, but not at (1, 0, −1)
    assert goals_ticked(at) == [True, False, False]
    click(at, "Logits back to 1, 0, −1")
    assert goals_ticked(at) == [True, True, False]  # T = 3 at the start logits: 0.4484
    at.slider(key=TEMPERATURE).set_value(1.0).run()
    at.slider(key=logit_slider(0)).set_value(4.0).run()  # q_A = 0.9755
    assert goals_ticked(at) == [True, True, True]
    assert any(m.value.startswith("**What you should have noticed.**") for m in at.markdown)


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_the_table_and_the_loss_are_scipys(unit) -> None:
    at = opened({"unit": unit, "lz": "2,0.5,-3", "lt": "2"})
    z = np.array([2.0, 0.5, -3.0])
    q = softmax(z / 2)
    for name, zi, qi, gi in zip(("A (true)", "B", "C"), z, q, q - [1, 0, 0], strict=True):
        shown_z = f"{zi:g}".replace("-", "−")
        shown_g = f"{gi:+.4f}".replace("-", "−")
        assert f"| {name} | {shown_z} | {qi:.4f} |" in table(at)
        assert f"| {shown_g} |" in table(at)
    loss = -log_softmax(z / 2)[0] / (math.log(2) if unit == "bits" else 1)
    assert any(m.value.endswith(f"= **{loss:.3f} {unit}**.") for m in at.markdown)


def test_the_link_keeps_the_logits_and_the_temperature() -> None:
    at = opened({"lz": "2,0.5,-3", "lt": "2"})
    assert [at.slider(key=logit_slider(i)).value for i in range(3)] == [2.0, 0.5, -3.0]
    at.slider(key=logit_slider(2)).set_value(-2.0).run()
    assert at.query_params["lz"] in ("2,0.5,-2", ["2,0.5,-2"])
    assert at.query_params["lt"] in ("2", ["2"])


def test_the_derivation_has_as_many_lines_as_it_says() -> None:
    at = opened()
    (derivation,) = [t.value for t in at.latex if r"\begin{aligned}" in t.value]
    lines = derivation.count(r"\\") + 1
    assert lines == 4
    assert any(m.value.startswith("**Four lines.** At T = 1") for m in at.markdown)


def test_q_minus_p_is_called_the_gradient_only_at_t_one() -> None:
    at = opened()
    goal = lesson.goals_for(list(lesson.START), 1.0)[2].text
    assert goal == (
        "Make every component of q − p smaller than 0.05 in size (at T = 1 this is the gradient)."
    )
    assert "every qᵢ is below 0.45" in lesson.goals_for(list(lesson.START), 1.0)[1].text
    titles = [
        json.loads(c.proto.spec)["layout"]["yaxis"]["title"]["text"] for c in at.get("plotly_chart")
    ]
    assert titles == ["q = softmax(z / T)", "q − p (the gradient at T = 1)"]
    assert any(
        c.value.startswith("Left: the probabilities. Right: q − p, the gradient at T = 1.")
        for c in at.caption
    )


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_check_yourself_in_both_units(unit) -> None:
    # q = (0.7, 0.2, 0.1), true class A: ∂L/∂z = q − p = (−0.3, 0.2, 0.1).
    at = opened({"unit": unit})
    answer_check(at, SLUG, "[−0.3, 0, 0]: only the true class's logit gets a gradient")
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, "[−0.3, 0.2, 0.1] = q − p: every logit gets one")
    assert at.success and at.success[0].value.startswith("Right.")
