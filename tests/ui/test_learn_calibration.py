"""Lesson 10, calibration, under AppTest: predict first, the goals' detectors at and just
before their goals on the real Iris halves, the ticks from the slider, the numbers against
SciPy (softmax NLL and a bounded minimiser for T*), the check in both units."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import minimize_scalar
from scipy.special import log_softmax

import xent_core as xc
from tests.helpers import answer_check, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import calibration as lesson

SLUG = "calibration"
SLIDER = "w:" + state.LESSON_CALIBRATION_T.key


@pytest.fixture(scope="module")
def halves() -> lesson.Halves:
    """The data page's Iris model on its test flowers, halved as the data page halves them
    (xent_ui/views/calibration.py: stratified_split(y, test_fraction=0.5, seed=0))."""
    run = xc.run_iris()
    fit, held = xc.stratified_split(run.test_labels, test_fraction=0.5, seed=0)
    z, y = run.test_logits, run.test_labels
    return lesson.Halves(z[fit], y[fit], z[held], y[held])


def nll(z: np.ndarray, y: np.ndarray, t: float) -> float:
    """SciPy's mean −ln softmax(z / T)_y."""
    return float(-log_softmax(z / t, axis=1)[np.arange(len(y)), y].mean())


def scipy_t_star(h: lesson.Halves) -> float:
    found = minimize_scalar(
        lambda log_t: nll(h.z_fit, h.y_fit, math.exp(log_t)),
        bounds=(-3, 3),
        method="bounded",
        options={"xatol": 1e-10},
    )
    return math.exp(found.x)


def opened(query: dict | None = None):
    at = open_lesson(SLUG, query)
    commit_guess(at, SLUG, "No")
    return at


def test_the_model_is_under_confident_and_t_star_is_scipys(halves) -> None:
    # 21 flowers to fit on (3 of them misclassified), 24 held out (none misclassified).
    assert (len(halves.y_fit), len(halves.y_held)) == (21, 24)
    assert int(np.sum(halves.z_fit.argmax(1) != halves.y_fit)) == 3
    assert int(np.sum(halves.z_held.argmax(1) != halves.y_held)) == 0
    fitted = xc.fit_temperature(halves.z_fit, halves.y_fit)
    assert fitted == pytest.approx(scipy_t_star(halves), abs=1e-6)
    assert fitted == pytest.approx(0.5074, abs=1e-4)  # below 1: sharpen, under-confident


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_predict_first_then_the_reveal(unit, halves) -> None:
    at = open_lesson(SLUG, {"unit": unit})
    assert not at.select_slider, "no widget before the guess"
    commit_guess(at, SLUG, "Yes, it falls")
    assert any("Not quite — the answer is “No”" in m.value for m in at.markdown)
    # Held-out NLL: 0.1340 nats (0.1933 bits) at T = 1, 0.3222 nats (0.4648 bits) at T = 2;
    # every held-out flower stays right.
    per = 1 / math.log(2) if unit == "bits" else 1.0
    one, two = (nll(halves.z_held, halves.y_held, t) * per for t in (1.0, 2.0))
    assert any(
        "the accuracy is 100.0% at T = 1 and 100.0% at T = 2, while the NLL goes from "
        f"{one:.3f} {unit} to {two:.3f} {unit}." in m.value
        for m in at.markdown
    )
    assert any("it is **under-confident**" in m.value for m in at.markdown)
    assert at.select_slider(key=SLIDER).value == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("temperature", "expected"),
    [
        # Held-out NLL (nats) 0.1340 at T = 1, 0.1551 at 1.1: softer is worse, sharper better.
        (1.0, [False, False, False]),
        (1.1, [False, False, False]),
        (0.9, [True, False, False]),  # 0.1130
        # The calibration half's NLL over the slider: 0.2125 at 0.6, 0.2102 at 0.5 (the
        # lowest: T* = 0.507), 0.2148 at 0.4.
        (0.6, [True, False, False]),
        (0.5, [True, True, False]),
        (0.4, [True, False, False]),
        # Below T*: the calibration half's NLL is 0.2332 at 0.3 (below its 0.2528 at T = 1)
        # and 0.2532 at 0.25 (above it).
        (0.3, [True, False, False]),
        (0.25, [True, False, True]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(temperature, expected, halves) -> None:
    fitted = xc.fit_temperature(halves.z_fit, halves.y_fit)
    assert [g.reached for g in lesson.goals_for(temperature, halves, fitted)] == expected


def test_the_detectors_boundaries_are_scipys(halves) -> None:
    fit = {t: nll(halves.z_fit, halves.y_fit, t) for t in state.CALIBRATION_TEMPERATURES}
    assert min(fit, key=fit.get) == 0.5
    assert fit[0.3] < fit[1.0] < fit[0.25]
    held = {t: nll(halves.z_held, halves.y_held, t) for t in state.CALIBRATION_TEMPERATURES}
    assert all((held[t] < held[1.0]) == (t < 1.0) for t in held)


def test_goals_tick_from_the_slider_and_the_notice_reads_the_data() -> None:
    at = opened()
    assert goals_ticked(at) == [False, False, False]
    at.select_slider(key=SLIDER).set_value(0.9).run()
    assert goals_ticked(at) == [True, False, False]
    at.select_slider(key=SLIDER).set_value(0.5).run()
    assert goals_ticked(at) == [True, True, False]
    at.select_slider(key=SLIDER).set_value(0.25).run()
    assert goals_ticked(at) == [True, True, True]
    notice = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    # Held-out NLL 0.1340 → 0.0377 nats at T* = 0.507; ECE 0.1192 → 0.0350: both fell.
    assert notice and (
        "This model was under-confident on the held-out half, and T\\* = 0.507, fitted on the "
        "calibration half, sharpens its probabilities." in notice[0]
    )
    assert "the NLL fell from 0.134 nats to 0.038 nats" in notice[0]
    assert "the ECE fell from 0.1192 to 0.0350" in notice[0]


def test_each_change_reads_its_own_numbers() -> None:
    # The ECE's verb comes from the ECE, not the NLL's: one can fall while the other rises.
    assert lesson.change(0.134, 0.038, "{:.3f}".format) == "fell from 0.134 to 0.038"
    assert lesson.change(0.035, 0.119, "{:.3f}".format) == "rose from 0.035 to 0.119"
    assert lesson.change(0.1191, 0.1192, "{:.3f}".format) == "stayed at 0.119"
    assert [lesson.mistakes(n) for n in (0, 1, 3)] == ["0 mistakes", "1 mistake", "3 mistakes"]


def test_the_text_says_what_temperature_does_and_what_ece_is() -> None:
    at = opened()
    text = " ".join(m.value for m in at.markdown)
    assert "**Temperature scaling** adjusts the confidence with one number" in text
    captions = " ".join(c.value for c in at.caption)
    assert "the absolute gap between accuracy and confidence in each of 10 confidence bins" in (
        captions
    )
    # 3 mistakes in the calibration half, none in the held-out half.
    assert "the calibration half, whose 3 mistakes make too small a T expensive" in captions
    help_text = at.select_slider(key=SLIDER).help
    assert help_text == "q = softmax(z / T): below 1 sharpens, above 1 flattens."


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_the_table_is_scipys(unit, halves) -> None:
    at = opened({"unit": unit, "lct": "2"})
    per = 1 / math.log(2) if unit == "bits" else 1.0
    fitted = scipy_t_star(halves)
    found = [m.value for m in at.markdown if m.value.startswith("|  | T = 1 |")]
    assert len(found) == 1
    shown = found[0]
    assert f"| T = 1 | fitted T\\* = {fitted:.3f} | your T = 2 |" in shown
    assert "| Accuracy, held-out | 100.0% | 100.0% | 100.0% |" in shown
    held = " | ".join(f"{nll(halves.z_held, halves.y_held, t) * per:.4f}" for t in (1, fitted, 2))
    assert f"| NLL, held-out ({unit}) | {held} |" in shown
    fit = " | ".join(f"{nll(halves.z_fit, halves.y_fit, t) * per:.4f}" for t in (1, fitted, 2))
    assert f"| NLL, calibration half ({unit}) | {fit} |" in shown


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_check_yourself_in_both_units(unit) -> None:
    import xent_core as xc

    item = xc.item("accurate-but-overconfident")
    base = 2 if unit == "bits" else None
    options = item.options(base)
    at = opened({"unit": unit})
    for wrong in (i for i in range(len(options)) if i != item.answer):
        answer_check(at, SLUG, options[wrong])
        assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, options[item.answer])
    assert at.success and at.success[0].value.startswith("Right.")
    # A wrong answer costs at least −log 0.01: 4.605 nats = 6.644 bits.
    assert ("4.605 nats" if unit == "nats" else "6.644 bits") in at.success[0].value
