"""Lesson 10, Calibration: accuracy says nothing about confidence; temperature scaling on
real data (the data page's Iris model) changes the confidence and never the answers.

Widget: a temperature slider (the data page's values); accuracy, NLL and ECE on the
held-out half at that T, at T = 1 and at the fitted T*, the NLL against T on both halves
and the held-out half's reliability diagram.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, state, uploads
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount
from xent_ui.views import calibration as data_calibration

SLUG = "calibration"
#: The predict question's temperature.
PREDICT_T = 2.0
BINS = 10
CURVE_POINTS = 41


@dataclass(frozen=True, eq=False)
class Halves:
    """The Iris test flowers' logits and species, split in two class by class: T* is
    fitted on the calibration half and everything is judged on the held-out half."""

    z_fit: np.ndarray
    y_fit: np.ndarray
    z_held: np.ndarray
    y_held: np.ndarray


def iris_halves() -> Halves:
    """The data page's Iris model on its test flowers, split as the data page splits them."""
    _, predictions = uploads.iris()
    z, y = predictions.scaling_logits(), predictions.labels
    fit, held = data_calibration.halves(y)
    return Halves(z[fit], y[fit], z[held], y[held])


def _best_option(halves: Halves) -> float:
    """The slider temperature with the lowest NLL on the calibration half."""
    options = state.CALIBRATION_TEMPERATURES
    nll = xc.temperature_nll(halves.z_fit, halves.y_fit, list(options))
    return float(options[int(np.argmin(nll))])


def goals_for(temperature: float, halves: Halves, fitted: float) -> list[Goal]:
    """The lesson's goals at a temperature (pure: the tests call it with the Iris halves)."""

    def held(t: float) -> float:
        return float(xc.temperature_nll(halves.z_held, halves.y_held, t))

    def fit(t: float) -> float:
        return float(xc.temperature_nll(halves.z_fit, halves.y_fit, t))

    return [
        Goal(
            "Find a temperature with a lower NLL on the held-out half than at T = 1.",
            held(temperature) < held(1.0),
        ),
        Goal(
            "Find the slider temperature with the lowest NLL on the calibration half: the "
            "fitted T\\* to the slider's precision.",
            temperature == _best_option(halves),
        ),
        Goal(
            "Sharpen past T\\* until the calibration half's NLL is worse than at T = 1.",
            temperature < fitted and fit(temperature) > fit(1.0),
        ),
    ]


def _mean_confidence(z: np.ndarray, temperature: float) -> float:
    """The mean of each sample's largest probability after temperature scaling."""
    return float(np.exp(xc.tempered_log_probs(z, temperature)).max(axis=1).mean())


def _table(halves: Halves, fitted: float, chosen: float, base: float | None) -> None:
    unit = layout.unit()
    columns = {"T = 1": 1.0, f"fitted T* = {fitted:.3f}": fitted, f"your T = {chosen:g}": chosen}
    reports = {
        name: xc.calibration_report(halves.z_held, halves.y_held, temperature=t, base=base)
        for name, t in columns.items()
    }
    fit_nll = {
        name: float(xc.temperature_nll(halves.z_fit, halves.y_fit, t)) * layout.per_nat()
        for name, t in columns.items()
    }
    rows = [
        ("Accuracy, held-out", *(f"{r.accuracy:.1%}" for r in reports.values())),
        (f"NLL, held-out ({unit})", *(layout.fixed(r.nll) for r in reports.values())),
        ("ECE, held-out", *(layout.fixed(r.ece) for r in reports.values())),
        (f"NLL, calibration half ({unit})", *(layout.fixed(v) for v in fit_nll.values())),
    ]
    with st.container(key="learn-calibration-table"):
        st.markdown(layout.markdown_table(("", *columns), rows).replace("T* =", r"T\* ="))
    layout.explain(
        f"NLL: the mean −{layout.log_text()} q_t, the mean cross-entropy. ECE (expected "
        "calibration error): the absolute gap between accuracy and confidence in each of "
        f"{BINS} confidence bins, weighted by the bins' shares of the flowers."
    )


def mistakes(n: int) -> str:
    """A count of mistakes with its noun: "1 mistake", "3 mistakes"."""
    return f"{n} mistake" + ("" if n == 1 else "s")


def change(before: float, after: float, shown: Callable[[float], str]) -> str:
    """How a number moved, in words, from the values themselves: "fell from 0.134 to
    0.038", "rose from … to …", or "stayed at …" when the two read the same."""
    old, new = shown(before), shown(after)
    if old == new:
        return f"stayed at {old}"
    return f"{'fell' if after < before else 'rose'} from {old} to {new}"


def _figures(halves: Halves, fitted: float, chosen: float, base: float | None) -> None:
    unit = layout.unit()
    per = layout.per_nat()
    options = state.CALIBRATION_TEMPERATURES
    grid = np.geomspace(min(options), max(options), CURVE_POINTS)
    held = xc.temperature_nll(halves.z_held, halves.y_held, grid) * per
    fit = xc.temperature_nll(halves.z_fit, halves.y_fit, grid) * per
    chosen_nll = float(xc.temperature_nll(halves.z_held, halves.y_held, chosen)) * per
    st.plotly_chart(
        charts.temperature_nll_figure(
            grid.tolist(),
            held.tolist(),
            fitted=fitted,
            chosen=chosen,
            chosen_nll=chosen_nll,
            unit=unit,
            fit_nll=fit.tolist(),
        ),
        key="learn.calibration.nll",
    )
    held_wrong = int(np.sum(np.argmax(halves.z_held, axis=1) != halves.y_held))
    fit_wrong = int(np.sum(np.argmax(halves.z_fit, axis=1) != halves.y_fit))
    if held_wrong == 0:
        held_note = (
            "The held-out half has no mistake at all, so there any sharpening helps and its "
            "curve keeps falling as T shrinks"
        )
    else:
        held_note = f"The held-out half has {mistakes(held_wrong)}, so its curve rises again too"
    make = "makes" if fit_wrong == 1 else "make"
    layout.explain(
        f"T\\* is the lowest point of the dashed curve: the calibration half, whose "
        f"{mistakes(fit_wrong)} {make} too small a T expensive. {held_note}. With so few "
        "flowers, one half need not contain every kind of mistake the other has."
    )
    report = xc.calibration_report(
        halves.z_held, halves.y_held, temperature=chosen, n_bins=BINS, base=base
    )
    data_calibration.reliability(
        report, f"Held-out half at T = {chosen:g}", "learn.calibration.reliability"
    )
    layout.explain(
        "Bars: the accuracy of the flowers in each confidence bin; red: the gap to their "
        "mean confidence. Bars above the diagonal mean under-confidence, below it "
        "over-confidence. Move T: the flowers move between bins, since their confidence "
        "changes, but no answer changes."
    )


def draw() -> bool:
    base = layout.base()
    halves = iris_halves()
    fitted = xc.fit_temperature(halves.z_fit, halves.y_fit)
    n_fit, n_held = len(halves.y_fit), len(halves.y_held)
    st.markdown(
        "A model is **calibrated** when its confidence matches how often it is right: of "
        "the answers it gives with probability 0.8, about 80 % are right. Accuracy cannot "
        "tell, since it only asks whether the true class comes first. Large neural networks "
        "are often over-confident (Guo et al., 2017)."
    )
    st.markdown(
        "**Temperature scaling** adjusts the confidence with one number: every logit is "
        "divided by T, so q = softmax(z / T). Here it meets real data: the data page's "
        f"logistic regression on the Iris flowers, whose {n_fit + n_held} test flowers are "
        f"split class by class into a **calibration half** ({n_fit}, where T is fitted) "
        f"and a **held-out half** ({n_held}, where it is judged)."
    )
    at_one = xc.calibration_report(halves.z_held, halves.y_held)
    at_two = xc.calibration_report(halves.z_held, halves.y_held, temperature=PREDICT_T)
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"Divide all the logits by T = {PREDICT_T:g}. Does the accuracy change?",
            answer=0,
            choices=("No", "Yes, it falls", "Yes, it rises", "It depends on the data"),
            why="Dividing every logit by the same T > 0 keeps their order, so the most "
            "probable class, and with it every answer, stays the same: only the confidence "
            f"changes. On the held-out Iris flowers the accuracy is {at_one.accuracy:.1%} "
            f"at T = 1 and {at_two.accuracy:.1%} at T = {PREDICT_T:g}, while the NLL goes "
            f"from {amount(at_one.nll)} to {amount(at_two.nll)}.",
        ),
    ):
        return False

    confidence = _mean_confidence(halves.z_held, 1.0)
    under = confidence < at_one.accuracy
    kind = "under-confident" if under else "over-confident"
    claim = (
        "right more often than it claims, the opposite of the usual worry"
        if under
        else "it claims more than it delivers"
    )
    direction = "sharpens" if fitted < 1 else "flattens"
    st.markdown(
        f"At T = 1 this model is right on {at_one.accuracy:.1%} of the held-out flowers, "
        f"and its confidence there averages {confidence:.3f}: it is **{kind}**, {claim}. "
        r"The T that minimises the NLL on the calibration half is "
        rf"**T\* = {fitted:.3f}**, which {direction} the probabilities."
    )
    st.select_slider(
        "Temperature T",
        options=state.CALIBRATION_TEMPERATURES,
        format_func=lambda t: f"{t:g}",
        help="q = softmax(z / T): below 1 sharpens, above 1 flattens.",
        **state.bind(state.LESSON_CALIBRATION_T),
    )
    chosen = float(state.LESSON_CALIBRATION_T.get())
    _table(halves, fitted, chosen, base)
    _figures(halves, fitted, chosen, base)

    reached = frame.goals(SLUG, goals_for(chosen, halves, fitted))
    at_fit = xc.calibration_report(halves.z_held, halves.y_held, temperature=fitted)
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            "Temperature scaling changes the confidence, never the answers: the accuracy stayed "
            f"at {at_one.accuracy:.1%} for every T. This model was {kind} on the held-out half, "
            rf"and T\* = {fitted:.3f}, fitted on the calibration half, {direction} its "
            "probabilities. On flowers the fit never saw, the NLL "
            f"{change(at_one.nll, at_fit.nll, amount)} and the ECE "
            f"{change(at_one.ece, at_fit.ece, layout.fixed)}. A T fitted on one half has to "
            "prove itself on the other: the held-out numbers are the ones to trust."
        ),
        question="accurate-but-overconfident",
        onward=[
            ("pages/data.py", "Real data & calibration: the full section, or your own model"),
            ("pages/logits.py", "Logits & temperature: what T does to one prediction"),
        ],
    )


LESSON = Lesson(
    SLUG,
    "Calibration",
    "Can a model be accurate and still wrong about how sure it is?",
    draw,
)
