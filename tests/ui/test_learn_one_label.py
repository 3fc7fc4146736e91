"""Lesson 5, One label, under AppTest: predict first, the goals' detectors, the ticks from
the drag bars, the sum on screen against SciPy, and the check in both units.

A release of the bars reaches Python as ``on_change(BarsValue)``, which stores q in
``state.ONE_LABEL_Q``; AppTest cannot drag, so a "drag" here sets that Param as the
callback does and reruns.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.special import xlogy
from streamlit.testing.v1 import AppTest

from tests.helpers import answer_check, commit_guess, component_data, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import one_label

SLUG = "one-label"
BARS = state.lesson_widget(SLUG, "bars").key


def drag(at, q: list[float]):
    """What a release of the bars does: the lesson's on_change stores q; then a rerun."""
    at.session_state[state.ONE_LABEL_Q.key] = q
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def bars_mounted(at) -> bool:
    return any(c.proto.id.endswith(f"-{BARS}") for c in at.get("bidi_component"))


def scipy_loss(q: list[float], base: float = math.e) -> float:
    """−Σ pᵢ log qᵢ with p one-hot on cat, by SciPy's xlogy (0 · log 0 = 0)."""
    return float(-np.sum(xlogy([1.0, 0.0, 0.0], q)) / math.log(base))


def test_predict_first_then_the_reveal_in_nats() -> None:
    at = open_lesson(SLUG)
    assert not bars_mounted(at), "no bars before the guess"
    commit_guess(at, SLUG, 2.3)
    # −ln 0.1 = ln 10 = 2.302585 nats: 2.3 is within 10 %.
    assert any(
        "You guessed **2.300 nats**; the answer is **2.303 nats**. Close" in m.value
        for m in at.markdown
    )
    assert bars_mounted(at)
    assert component_data(at, BARS)["q"] == [0.6, 0.3, 0.1]


def test_the_reveal_in_bits() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    commit_guess(at, SLUG, 1.0)
    # −log₂ 0.1 = ln 10 / ln 2 = 3.321928 bits.
    assert any(
        "You guessed **1.000 bits**; the answer is **3.322 bits**. Not quite" in m.value
        for m in at.markdown
    )


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # −log₂ 0.25 = 2 bits exactly: not yet above 2; −log₂ 0.249 = 2.0058 bits: above.
        ([0.25, 0.5, 0.25], [False, False, False]),
        ([0.249, 0.5, 0.251], [True, False, False]),
        # Below 0.1 bits needs q(cat) > 2^−0.1 = 0.93303: −log₂ 0.933 = 0.10005 bits (not
        # yet), −log₂ 0.934 = 0.09851 bits (below).
        ([0.933, 0.067, 0.0], [False, False, False]),
        ([0.934, 0.066, 0.0], [False, True, False]),
        # The start (0.6, 0.3, 0.1): cat at 0.60 but dog above fox; a tie is not "above".
        ([0.6, 0.3, 0.1], [False, False, False]),
        ([0.6, 0.2, 0.2], [False, False, False]),
        # Fox above dog, cat 0.606 → 0.61 (not yet), cat 0.604 → 0.60 (reached).
        ([0.606, 0.17, 0.224], [False, False, False]),
        ([0.604, 0.17, 0.226], [False, False, True]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(q, expected) -> None:
    assert [g.reached for g in one_label.goals_for(q)] == expected


def test_the_swap_goal_says_what_it_shows() -> None:
    # Fox above dog with cat back at 0.60: whatever the split, the loss is −log 0.6 again.
    assert one_label.goals_for([0.6, 0.3, 0.1])[2].text == (
        "Put cat back at 0.60 (to two decimals) with fox now above dog: however dog and fox "
        "share the rest, the loss is back where it started."
    )


@pytest.mark.parametrize(("unit", "log"), [("nats", "ln"), ("bits", "log₂")])
def test_the_zero_terms_name_their_convention(unit, log) -> None:
    at = open_lesson(SLUG, {"unit": unit})
    text = " ".join(m.value for m in at.markdown)
    # 0 · log 0 is undefined as arithmetic; xlogy (and the lesson) take it as 0.
    assert xlogy(0.0, 0.0) == 0.0
    assert (
        f"every class with pᵢ = 0 adds 0 · {log} qᵢ = 0 (even at qᵢ = 0, by the convention "
        f"0 · {log} 0 = 0). One term is left: **H(p, q) = −{log} q_t**" in text
    )
    commit_guess(at, SLUG, 2.0)
    assert any(
        c.value.endswith("each class's term −pᵢ log qᵢ: only cat's can be non-zero.")
        for c in at.caption
    )


def test_goals_tick_from_the_bars_and_stay_ticked() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    commit_guess(at, SLUG, 3.3)
    assert goals_ticked(at) == [False, False, False]
    # Dragging dog down to 0.1 rescales cat and fox: (0.6, 0.1) · 0.9/0.7.
    drag(at, [0.6 * 0.9 / 0.7, 0.1, 0.1 * 0.9 / 0.7])
    assert goals_ticked(at) == [False, False, False]
    # Then cat back to 0.6: dog and fox share 0.4 in their proportions 0.1 : 0.1286.
    rest = 0.1 + 0.1 * 0.9 / 0.7
    drag(at, [0.6, 0.4 * 0.1 / rest, 0.4 * (0.1 * 0.9 / 0.7) / rest])
    assert goals_ticked(at) == [False, False, True]
    drag(at, [0.2, 0.3, 0.5])  # −log₂ 0.2 = 2.32 bits
    drag(at, [0.95, 0.04, 0.01])  # −log₂ 0.95 = 0.074 bits
    assert goals_ticked(at) == [True, True, True]
    (notice,) = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    assert "the cross-entropy is −log₂ q_t:" in notice and "0 only when q_t = 1" in notice
    link = at.query_params["oq"]  # a list when the test set it, a string when the page did
    assert (link if isinstance(link, str) else link[0]) == "0.95,0.04,0.01"


@pytest.mark.parametrize(("unit", "base"), [("nats", math.e), ("bits", 2.0)])
def test_the_sum_on_screen_is_scipys(unit, base) -> None:
    q = [0.2, 0.5, 0.3]
    at = open_lesson(SLUG, {"unit": unit, "oq": "0.2,0.5,0.3"})
    commit_guess(at, SLUG, 2.0)
    loss = scipy_loss(q, base)  # −ln 0.2 = 1.6094 nats; −log₂ 0.2 = 2.3219 bits
    (tex,) = [t.value for t in at.latex]
    assert r"-\big(1\cdot" in tex and r"0.200 + 0\cdot" in tex and r"0\cdot" in tex
    assert f"= {loss:.4f}\\ \\text{{{unit}}}" in tex
    assert any(m.value.startswith(f"Loss **{loss:.3f} {unit}**") for m in at.markdown)
    views = component_data(at, BARS)["views"]
    # Only cat's term is non-zero: −1 · log 0.2; dog's and fox's are 0 · log qᵢ = 0.
    assert views["terms"] == pytest.approx([loss, 0.0, 0.0])


def test_cat_at_zero_is_an_infinite_loss() -> None:
    at = open_lesson(SLUG, {"oq": "0,0.5,0.5"})
    commit_guess(at, SLUG, 2.0)
    assert any(m.value.startswith("Loss **∞ nats**") for m in at.markdown)
    assert any("infinite" in c.value for c in at.caption)


@pytest.mark.parametrize(("unit", "right", "wrong"), [("nats", 0.22, 0.32), ("bits", 0.32, 0.22)])
def test_check_yourself_in_both_units(unit, right, wrong) -> None:
    # binary-loss-value: y = 1, r = 0.8: −ln 0.8 = 0.2231 nats = 0.3219 bits.
    at = open_lesson(SLUG, {"unit": unit})
    commit_guess(at, SLUG, 2.0)
    answer_check(at, SLUG, wrong)
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, right)
    assert at.success and at.success[0].value.startswith("Right.")


def test_the_lesson_completes() -> None:
    at = open_lesson(SLUG, {"unit": "bits", "oq": "0.2,0.3,0.5"})
    commit_guess(at, SLUG, 3.3)
    drag(at, [0.6, 0.1, 0.3])
    drag(at, [0.99, 0.005, 0.005])
    answer_check(at, SLUG, 0.32)
    assert goals_ticked(at) == [True, True, True]
    assert any(s.value == "Lesson complete." for s in at.success)
    assert SLUG in at.session_state[state.LEARN_DONE.key]


def _release_with_dog_as_truth() -> None:
    """A script for AppTest: the bars' release after a click on dog's name, then the
    lesson (with its guess committed) up to its links onward, which need the app's pages."""
    from streamlit.errors import StreamlitPageNotFoundError

    from xent_ui import state
    from xent_ui.components import BarsValue
    from xent_ui.learn import one_label

    state.LEARN_PREDICTIONS.get()["one-label"] = 2.0
    one_label._on_bars(BarsValue(q=[0.5, 0.3, 0.2], p=None, label=1))
    try:
        one_label.draw()
    except StreamlitPageNotFoundError:
        pass


def test_the_true_class_is_fixed_at_cat() -> None:
    """The widget offers no "set as true" (fixed_label); a release that names another
    class anyway (not from this widget) changes the prediction and never the truth."""
    at = AppTest.from_function(_release_with_dog_as_truth, default_timeout=30).run()
    assert not at.exception, [e.value for e in at.exception]
    assert component_data(at, BARS)["fixedLabel"] is True
    assert component_data(at, BARS)["label"] == 0
    assert component_data(at, BARS)["q"] == [0.5, 0.3, 0.2]
