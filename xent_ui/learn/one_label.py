"""Lesson 5, One label: with a one-hot truth the cross-entropy is −log q_t, the surprise of
the true class alone.

Widget: the explorer's drag bars for three classes (true class: cat), without the soft
label and smoothing controls; under them the sum −Σ pᵢ log qᵢ with this prediction's
numbers, collapsing to its one non-zero term.
"""

from __future__ import annotations

import math

import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.components import BarsValue, explorer_views, probability_bars
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount, bits_goal

SLUG = "one-label"
NAMES = ("cat", "dog", "fox")
#: The picture is of a cat: class 0 is the true class, the label never moves here.
TRUE = 0
#: "Make the loss exceed 2 bits" (q(cat) < ¼) and "less than 0.1 bits" (q(cat) > 0.933).
HIGH_BITS = 2.0
LOW_BITS = 0.1
#: The prediction the lesson opens with (the registry's default): the swap goal asks for
#: cat back at this probability with the wrong classes in the other order.
START_CAT = 0.6
#: The prediction of the "predict first" question: cat gets 0.1.
PREDICT_Q = (0.1, 0.6, 0.3)
BARS_ERROR = f"{SLUG}.bars"


def _truth() -> list[float]:
    return xc.one_hot(TRUE, len(NAMES)).tolist()


def _on_bars(value: BarsValue) -> None:
    # The widget keeps cat as the true class (fixed_label); a gesture that says otherwise
    # did not come from it, so only its prediction is taken.
    state.ONE_LABEL_Q.set(value.q)
    state.LEARN_MISSING.get().pop(BARS_ERROR, None)


def _on_bars_error(message: str) -> None:
    state.LEARN_MISSING.get()[BARS_ERROR] = f"The last change was not applied: {message}."


def goals_for(q: list[float]) -> list[Goal]:
    """The lesson's goals for a prediction q = (cat, dog, fox) (pure: the tests call it)."""
    loss_bits = float(xc.cross_entropy(_truth(), q, base=2))
    cat, dog, fox = q
    return [
        Goal(f"Make the loss exceed {bits_goal(HIGH_BITS)}.", loss_bits > HIGH_BITS),
        Goal(f"Make the loss less than {bits_goal(LOW_BITS)}.", loss_bits < LOW_BITS),
        Goal(
            f"Put cat back at {START_CAT:.2f} (to two decimals) with fox now above dog: "
            "however dog and fox share the rest, the loss is back where it started.",
            round(cat, 2) == START_CAT and fox > dog,
        ),
    ]


def _sum_latex(q: list[float], base: float | None) -> str:
    """H(p, q) = −(1·log q_cat + 0·log q_dog + 0·log q_fox) = −log q_cat = value, two
    terms a line so the sum stays readable on a phone."""
    log = layout.log_symbol()
    p = _truth()
    terms = [
        rf"{pi:g}\cdot {log} {qi:.3f}" for pi, qi in zip(p, q, strict=True)
    ]  # the inputs, as the bars show them
    loss = float(xc.cross_entropy(p, q, base=base))
    unit = layout.unit()
    lines = [
        rf"H(p,q) &= -\sum_i p_i {log} q_i",
        rf"&= -\big({terms[0]} + {terms[1]}",
        rf"&\qquad + {terms[2]}\big)",
        rf"&= -{log} q_{{\text{{cat}}}} = -{log} {q[TRUE]:.3f}",
        rf"&= {layout.latex_number(loss)}\ \text{{{unit}}}",
    ]
    return r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}"


def draw() -> bool:
    base = layout.base()
    unit = layout.unit()
    log = layout.log_text()
    st.markdown(
        "A classifier usually learns from **one label** per example: this photo is a cat. "
        "The truth p is then *one-hot*: p(cat) = 1 and p = 0 for every other class."
    )
    st.markdown(
        f"In the cross-entropy H(p, q) = −Σ pᵢ {log} qᵢ, every class with pᵢ = 0 adds "
        f"0 · {log} qᵢ = 0 (even at qᵢ = 0, by the convention 0 · {log} 0 = 0). One term is "
        f"left: **H(p, q) = −{log} q_t**, the surprise of the true class t. Only the "
        "probability that q gives the truth counts."
    )
    predict_loss = float(xc.cross_entropy(_truth(), PREDICT_Q))
    cat, dog, fox = PREDICT_Q
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"The photo is a cat. The model says cat {cat:g}, dog {dog:g}, fox "
            f"{fox:g}. What is its loss, in {unit}?",
            answer=predict_loss,
            why=f"Only cat's term is left: −{log} {cat:g} = {amount(predict_loss)}. The "
            f"{dog:g} and {fox:g} given to dog and fox do not enter, except as what cat did "
            "not get: any split of them with cat at "
            f"{cat:g} costs the same.",
        ),
    ):
        return False

    q = [float(v) for v in state.ONE_LABEL_Q.get()]
    p = _truth()
    probability_bars(
        key=state.lesson_widget(SLUG, "bars").key,
        names=NAMES,
        q=q,
        p=p,
        label=TRUE,
        soft=False,
        epsilon=0.0,
        unit=unit,
        on_change=_on_bars,
        on_error=_on_bars_error,
        views=explorer_views(p, q, TRUE, base),
        fixed_label=True,
    )
    message = state.LEARN_MISSING.get().get(BARS_ERROR)
    if message:
        st.warning(message)
    layout.explain(
        "Drag a bar, or focus it and use the arrow keys; the three bars always sum to 1. "
        "The truth here is always cat. Under the bars, “Where the loss comes from” shows "
        "each class's term −pᵢ log qᵢ: only cat's can be non-zero."
    )
    st.latex(_sum_latex(q, base))
    loss = float(xc.cross_entropy(p, q))
    st.markdown(
        f"Loss **{amount(loss)}** = −{log} q(cat). The terms of dog and fox are exactly 0 "
        f"however you split the other {layout.fixed(1 - q[TRUE], 3)} between them: "
        "dragging dog or fox moves the loss only because the bars take the probability "
        "from cat, or give it back."
    )
    if math.isinf(loss):
        st.caption(
            "q(cat) = 0: the model called the truth impossible, and the surprise is infinite."
        )

    reached = frame.goals(SLUG, goals_for(q))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            f"With one label the cross-entropy is −{log} q_t: it sees only the probability of "
            "the true class. The wrong classes matter only through what they leave it, "
            "q_t = 1 − (their total); how they share that total never changes the loss. It is "
            "0 only when q_t = 1 and infinite when q_t = 0."
        ),
        question="binary-loss-value",
        onward=[
            ("pages/explorer.py", "Explorer: more classes, soft labels and label smoothing"),
            ("pages/curves.py", "Confidence curves: −log q_t against other losses"),
        ],
    )


LESSON = Lesson(
    SLUG, "One label", "With a single true class, what is left of the cross-entropy?", draw
)
