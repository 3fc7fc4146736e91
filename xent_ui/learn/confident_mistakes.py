"""Lesson 8, The price of confident mistakes: −log q_t against the Brier score, and the push
each loss gives the true logit (cross-entropy's 1 − q_t), with focal loss beside them.

Widget: two classes, the probability q_t the model gives the true class on a slider of
values spread evenly in log-odds; the losses and their pushes at q_t, and both as curves.
"""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn import Line, lesson_lines
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount, bits_goal

SLUG = "confident-mistakes"
#: Two classes: the true class gets q_t, the other 1 − q_t.
K = 2
#: Focal loss's focusing parameter (RetinaNet's), with α = 1.
GAMMA = 2.0
#: What the lesson's losses are computed with (xent_core.curves): no label smoothing.
OPTIONS = {"gamma": GAMMA, "alpha": 1.0, "epsilon": 0.0}
#: The slider's values of q_t (the registry's, denser towards 0 and 1).
Q_VALUES = state.MISTAKE_Q_VALUES
#: "Make one mistake cost more than 4 bits" (q_t < 1/16).
CE_GOAL_BITS = 4.0
#: "Find where cross-entropy pushes the true logit by at least 0.99" (q_t ≤ 0.01).
PUSH_GOAL = 0.99
#: "Find where focal loss pushes less than a tenth as hard as cross-entropy".
FOCAL_GOAL = 0.1
#: The prediction: q_t falls from 0.1 to 0.01.
FALL = (0.1, 0.01)
GRID_POINTS = 200


def _at(q_t: float) -> tuple[dict[str, float], dict[str, float]]:
    """Every loss (nats; Brier has no unit) and every push |∂L/∂z_t| (nats) at ``q_t``."""
    losses = xc.loss_curves([q_t], K, **OPTIONS)
    pushes = xc.gradient_curves([q_t], K, **OPTIONS)
    return (
        {name: float(v[0]) for name, v in losses.items()},
        {name: float(v[0]) for name, v in pushes.items()},
    )


def goals_for(q_t: float) -> list[Goal]:
    """The lesson's goals at a probability q_t of the true class (pure: the tests call it)."""
    ce_bits = float(xc.loss_curves([q_t], K, **OPTIONS, base=2)["cross_entropy"][0])
    _, push = _at(q_t)
    return [
        Goal(
            f"Make one mistake cost more than {bits_goal(CE_GOAL_BITS)} of cross-entropy.",
            ce_bits > CE_GOAL_BITS,
        ),
        Goal(
            f"Find where cross-entropy pushes the true logit by at least {PUSH_GOAL:g}, and "
            "read how hard the Brier score pushes there.",
            push["cross_entropy"] >= PUSH_GOAL - 1e-12,
        ),
        Goal(
            "Find a q_t where focal loss pushes the true logit less than a tenth as hard as "
            "cross-entropy does.",
            push["focal"] < FOCAL_GOAL * push["cross_entropy"],
        ),
    ]


def _figures(q_t: float, base: float | None, unit: str) -> None:
    grid = xc.confidence_grid(GRID_POINTS)
    curves = xc.loss_curves(grid, K, **OPTIONS, base=base)
    pushes = xc.gradient_curves(grid, K, **OPTIONS)
    ce_now = float(xc.loss_curves([q_t], K, **OPTIONS, base=base)["cross_entropy"][0])
    _, push = _at(q_t)
    st.plotly_chart(
        lesson_lines(
            grid.tolist(),
            [
                Line(f"cross-entropy ({unit})", curves["cross_entropy"].tolist(), "blue"),
                Line("Brier score", curves["brier"].tolist(), "amber"),
                Line(f"focal γ = {GAMMA:g} ({unit})", curves["focal"].tolist(), "teal", "dash"),
            ],
            marker=(q_t, ce_now),
            x_title="q_t, the probability of the true class (log scale)",
            y_title="loss",
            log_x=True,
        ),
        key="learn.confident-mistakes.losses",
    )
    low = float(grid[0])
    at_low, _ = _at(low)
    layout.explain(
        "Read the curves from the right (sure and right) to the left (sure and wrong). At "
        f"q_t = {low:g} cross-entropy has climbed to {amount(at_low['cross_entropy'], 2)} "
        "and keeps climbing as q_t → 0; the Brier score levels off below its ceiling of "
        f"{_at(0.0)[0]['brier']:g}."
    )
    st.plotly_chart(
        lesson_lines(
            grid.tolist(),
            [
                Line("cross-entropy: 1 − q_t", pushes["cross_entropy"].tolist(), "blue"),
                Line("Brier score", pushes["brier"].tolist(), "amber"),
                Line(f"focal γ = {GAMMA:g}", pushes["focal"].tolist(), "teal", "dash"),
            ],
            marker=(q_t, push["cross_entropy"]),
            x_title="q_t, the probability of the true class (log scale)",
            y_title="push |∂L/∂z_t| (nats per unit of logit)",
            log_x=True,
        ),
        key="learn.confident-mistakes.pushes",
    )
    layout.explain(
        "How hard one training step moves the true class's logit, per unit of step size. "
        "Look at the left end: cross-entropy's push tends to 1, the Brier score's to 0. "
        "Then at the right end: focal loss falls silent long before cross-entropy does."
    )


def draw() -> bool:
    unit = layout.unit()
    log = layout.log_text()
    ceiling = _at(0.0)[0]["brier"]
    st.markdown(
        "Two classes. The model gives the true class probability **q_t** and the other "
        f"class 1 − q_t. Cross-entropy charges **−{log} q_t**: nothing for a sure right "
        "answer, and more without limit as q_t → 0. A squared loss cannot do that: the "
        f"Brier score Σ_c (q_c − p_c)² is 2(1 − q_t)² here, at most {ceiling:g} however "
        f"wrong the model is (the mean squared error, its mean over the K = {K} classes, is "
        "half of it)."
    )
    start, end = FALL
    rise = xc.loss_increase([start], [end], K, **OPTIONS)
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"The model's probability for the true class falls from q_t = {start:g} "
            f"to q_t = {end:g}. By how much does the cross-entropy rise, in {unit}?",
            answer=float(rise["cross_entropy"][0]),
            why=f"−{log} {end:g} − (−{log} {start:g}) = {log} {start / end:g} = "
            f"{amount(float(rise['cross_entropy'][0]))}: every tenfold drop of q_t costs "
            f"the same again, all the way down to 0. The Brier score rises by only "
            f"{float(rise['brier'][0]):.4f} over the same fall.",
        ),
    ):
        return False

    stronger = xc.focal_stronger_range(GAMMA)
    st.markdown(
        "Training does not read the loss; it follows the gradient. With q = softmax(z), "
        "the derivative of −ln q_t with respect to the true class's logit z_t is q_t − 1: "
        "a push of **1 − q_t**, the harder the surer the mistake. The Brier score pushes by "
        f"4 q_t (1 − q_t)², which fades to 0 as q_t → 0. **Focal loss** with γ = {GAMMA:g} "
        f"multiplies −{log} q_t by (1 − q_t)²: it keeps a strong push for "
        "mistakes"
        + (f" (below q_t ≈ {stronger[1]:.2f} even a stronger one)" if stronger else "")
        + " and quiets examples already right, for data where many easy examples would "
        "drown out a few hard ones."
    )
    q_t = st.select_slider(
        "q_t, the probability the model gives the true class",
        options=Q_VALUES,
        format_func=lambda v: f"{v:g}",
        help="Two classes: the other class gets 1 − q_t. Left: sure and wrong; right: sure "
        "and right.",
        **state.bind(state.MISTAKE_Q),
    )
    loss, push = _at(q_t)
    rows = [
        (name, shown, f"{push[key]:.4f}")
        for key, name, shown in (
            ("cross_entropy", "Cross-entropy", amount(loss["cross_entropy"])),
            ("brier", "Brier score", f"{loss['brier']:.4f}"),
            ("focal", f"Focal, γ = {GAMMA:g}", amount(loss["focal"])),
        )
    ]
    st.markdown(layout.markdown_table((f"At q_t = {q_t:g}", "Loss", "Push on z_t"), rows))
    in_bits = (
        " (the loss in bits is the loss in nats × log₂ e, and so is its push: "
        f"× {layout.per_nat():.4f})"
        if unit == "bits"
        else ""
    )
    layout.explain(
        "Push on z_t: the size of ∂L/∂z_t, how hard a training step moves the true class's "
        f"logit, in nats per unit of logit as training computes it{in_bits}."
    )
    _figures(q_t, layout.base(), unit)

    reached = frame.goals(SLUG, goals_for(q_t))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            f"−{log} q_t has no ceiling: each tenfold drop of q_t adds {log} 10 = "
            f"{amount(float(rise['cross_entropy'][0]))}, while the Brier score never charges "
            f"more than {ceiling:g}. Cross-entropy's push "
            "on the true logit, 1 − q_t, is strongest exactly where the model is most "
            "confidently wrong, so training pushes hardest on those mistakes; a squared "
            "loss's push fades there. Focal loss keeps the strong push for mistakes and "
            "quiets the examples already right."
        ),
        question="confident-wrong-loss",
        onward=[
            ("pages/curves.py", "Confidence curves: every loss and its push, for K classes"),
            ("pages/training.py", "Training lab: train with cross-entropy, MSE or focal loss"),
        ],
    )


LESSON = Lesson(
    SLUG,
    "The price of confident mistakes",
    "Why does cross-entropy punish a confident mistake so hard, and why does that help training?",
    draw,
)
