"""Lesson 1, Surprise: the surprise of an outcome is −log q(outcome), and surprises add.

Widget: a fair coin that the learner flips, and their belief q(heads) on a slider; the
running total surprise of the flips under that belief.
"""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn import Line, lesson_lines
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount, bits_goal

SLUG = "surprise"
#: The coin is fair: p(heads) = ½. Outcome 0 is heads, 1 is tails.
COIN = (0.5, 0.5)
FACES = ("heads", "tails")
FLIP_STEPS = (1, 10, 100)
#: "Make a single heads cost more than 3 bits" (q(heads) < ⅛).
HEADS_GOAL_BITS = 3.0
#: Flips needed before the total's pattern is worth reading, and the belief to flip with.
FLIPS_GOAL = 20
FAIR_Q = 0.5
#: The predict question's belief q(heads).
PREDICT_Q = 0.25


def _flip(n: int) -> None:
    state.SURPRISE_FLIPS.set(min(state.SURPRISE_FLIPS.get() + n, 500))


def _reset() -> None:
    state.SURPRISE_FLIPS.set(0)


def goals_for(q_heads: float, flips: int) -> list[Goal]:
    """The lesson's goals for a belief and a number of flips (pure: the tests call it)."""
    heads_bits = float(xc.surprisal(q_heads, base=2))
    tails_bits = float(xc.surprisal(1 - q_heads, base=2))
    return [
        Goal(
            f"Make a single heads cost more than {bits_goal(HEADS_GOAL_BITS)} of surprise.",
            heads_bits > HEADS_GOAL_BITS,
        ),
        Goal(
            "Make heads and tails exactly as surprising as each other.",
            math.isclose(heads_bits, tails_bits, abs_tol=1e-9),
        ),
        Goal(
            f"Flip the coin at least {FLIPS_GOAL} times with q(heads) = {FAIR_Q:g} and read "
            "the total.",
            flips >= FLIPS_GOAL and math.isclose(q_heads, FAIR_Q),
        ),
    ]


def draw() -> bool:
    base = layout.base()
    unit = layout.unit()
    log = layout.log_text()
    st.markdown(
        "Before any formula: how surprised should you be by an outcome? If you were sure "
        "it would happen (q = 1), not at all. If you thought it nearly impossible, very. "
        f"The **surprise** of an outcome you gave probability q is **−{log} q**."
    )
    st.markdown(
        "**Why the log?** For independent events probabilities *multiply*: two heads in a "
        "row with q(heads) = ½ has probability ½ · ½ = ¼. The log turns that product into "
        f"a *sum*: the surprise of both is −{log} ¼ = −{log} ½ − {log} ½. Surprises add up "
        "over flips, and that is what makes them a price you can total."
    )
    surprise = float(xc.surprisal(PREDICT_Q))
    in_bits = f"{float(xc.surprisal(PREDICT_Q, base=2)):g} bits"
    said = f"−{log} {PREDICT_Q:g} = {amount(surprise)}"
    meaning = (
        "q = ¼ makes heads exactly as surprising as one of four equally likely outcomes, "
        "which takes two yes/no questions to pick."
    )
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"You believe q(heads) = {PREDICT_Q:g}, and the coin lands heads. How "
            f"surprised are you, in {unit}?",
            answer=surprise,
            why=f"{said}. That is {in_bits}: {meaning}"
            if unit == "bits"
            else f"{said} = {in_bits}: {meaning}",
        ),
    ):
        return False

    q_heads = st.slider(
        "Your belief q(heads)",
        min_value=0.01,
        max_value=0.99,
        step=0.01,
        help="The coin itself is fair. You choose what you believe.",
        **state.bind(state.SURPRISE_Q),
    )
    q = [q_heads, 1 - q_heads]
    flips = state.SURPRISE_FLIPS.get()
    columns = st.columns(len(FLIP_STEPS) + 1)
    for column, step in zip(columns, FLIP_STEPS, strict=False):
        column.button(
            f"Flip {step}" if step > 1 else "Flip once",
            key=f"learn.surprise.flip.{step}",
            on_click=_flip,
            args=(step,),
            disabled=flips >= 500,
            use_container_width=True,
        )
    columns[-1].button(
        "Start again", key="learn.surprise.reset", on_click=_reset, use_container_width=True
    )

    per_face = xc.surprisal(q, base=base)
    left, right = st.columns(2)
    left.metric("Surprise of heads", amount(float(xc.surprisal(q_heads))))
    right.metric("Surprise of tails", amount(float(xc.surprisal(1 - q_heads))))
    outcomes = xc.draw_outcomes(COIN, flips, seed=state.LEARN_SEED.get())
    if flips:
        total = np.cumsum(per_face[outcomes])
        heads = int(np.sum(outcomes == 0))
        last = ", ".join(FACES[i] for i in outcomes[-10:])
        st.markdown(
            f"**{flips} flips**: {heads} heads and {flips - heads} tails (the last ones: "
            f"{last}). Total surprise **{layout.fixed(float(total[-1]), 3)} {unit}** = "
            f"{heads} × {layout.fixed(float(per_face[0]), 3)} + {flips - heads} × "
            f"{layout.fixed(float(per_face[1]), 3)}; per flip "
            f"{layout.fixed(float(total[-1]) / flips, 3)} {unit}."
        )
        st.plotly_chart(
            lesson_lines(
                list(range(1, flips + 1)),
                [Line("total surprise", total.tolist())],
                x_title="flips",
                y_title=f"total surprise ({unit})",
            ),
            key="learn.surprise.chart",
        )
        layout.explain(
            "Each flip adds its own surprise to the total: the line climbs by the surprise "
            "of heads or of tails at every step. With q(heads) = 0.5 every flip adds "
            f"{bits_goal(1)}: the answer to one yes/no question."
        )
    else:
        st.caption("Flip the coin to start the running total.")

    reached = frame.goals(SLUG, goals_for(q_heads, flips))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            f"A surprise is −{log} q: 0 for a sure thing, {bits_goal(1)} for either face when "
            "you believe q(heads) = ½, more "
            "the less you expected it, and ∞ for something you called impossible. Over "
            "independent flips the surprises add, because the probabilities multiply. A belief "
            "that makes heads cheap makes tails expensive: you cannot lower both."
        ),
        question="anchor-ln2",
        onward=[("pages/curves.py", "Confidence curves: −log q for every q")],
    )


LESSON = Lesson(SLUG, "Surprise", "How surprised should you be, and why the log?", draw)
