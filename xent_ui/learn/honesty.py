"""Lesson 7, Honesty pays: in expectation the cross-entropy is lowest only for the true
probabilities (a strictly proper scoring rule), and accuracy cannot tell honest from bold.

Widget: a coin that lands heads with p = 0.7, forecast each day by a hedger (0.5), an
honest forecaster (0.7), a bold one (0.95) and the learner (a slider); the days drawn
with the learn seed, each forecaster's running average loss, expected loss H(p, q) and
accuracy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn import Level, Line, lesson_lines
from xent_ui.charts.learn_marks import Mark, curve_with_marks
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount, bits_goal

SLUG = "honesty"
#: The coin: heads (outcome 0) with probability 0.7 every day.
P_HEADS = 0.7
COIN = (P_HEADS, 1 - P_HEADS)
#: "Watch at least 500 days."
DAYS_GOAL = 500
#: "… but expects to lose at least 0.1 bits a day more than the honest forecaster."
EXTRA_BITS = 0.1
#: From this many days on, the running averages are drawn over a log axis of days, so
#: the first days' swings stay visible beside the long run.
LOG_DAYS = 200
#: The expected-loss curve's q grid (the slider's, 0.01 … 0.99).
GRID = np.round(np.arange(1, 100) / 100, 2)


@dataclass(frozen=True)
class Forecaster:
    name: str
    q: float
    color: str
    title: str = ""


FIXED = (
    Forecaster("hedger", 0.5, "amber", "The hedger"),
    Forecaster("honest", P_HEADS, "green", "The honest forecaster"),
    Forecaster("bold", 0.95, "orange", "The bold forecaster"),
)
YOU_COLOR = "blue"


def calls(q_heads: float) -> float:
    """Which side a forecast backs: 1 for heads (q > ½), 0 for tails (q < ½), and ½ for
    q = ½ exactly, a forecast that backs neither side (scored as half a hit every day,
    what a fair coin toss to break the tie would score on average)."""
    if math.isclose(q_heads, 0.5, abs_tol=1e-9):
        return 0.5
    return 1.0 if q_heads > 0.5 else 0.0


def accuracy(q_heads: float, outcomes: np.ndarray) -> float:
    """The share of days a forecast called right (½ a hit a day for q = ½; glue)."""
    heads = float(np.mean(outcomes == 0))
    call = calls(q_heads)
    return call * heads + (1 - call) * (1 - heads)


def expected_loss(q_heads: float, base: float | None = None) -> float:
    """H(p, q): a forecast's average loss over very many days."""
    return float(xc.cross_entropy(COIN, [q_heads, 1 - q_heads], base=base))


def goals_for(q_heads: float, days: int) -> list[Goal]:
    """The lesson's goals for the learner's forecast and the number of days (pure)."""
    extra_bits = expected_loss(q_heads, base=2) - expected_loss(P_HEADS, base=2)
    return [
        Goal(
            "Set your forecast to the one with the lowest expected loss.",
            math.isclose(q_heads, P_HEADS, abs_tol=1e-9),
        ),
        Goal(f"Watch at least {DAYS_GOAL} days.", days >= DAYS_GOAL),
        Goal(
            "Find a forecast that backs heads every day, as the honest one does (so the "
            f"same accuracy), but expects to lose at least {bits_goal(EXTRA_BITS)} a day "
            "more.",
            calls(q_heads) == 1.0 and extra_bits >= EXTRA_BITS,
        ),
    ]


def _percent(share: float) -> str:
    return f"{100 * share:.1f} %"


def draw() -> bool:
    base = layout.base()
    unit = layout.unit()
    log = layout.log_text()
    hedger, honest, bold = FIXED
    st.markdown(
        f"A coin lands heads with probability **p = {P_HEADS:g}**, every day. Each morning "
        "a forecaster announces q, their probability of heads, and each evening pays the "
        f"surprise of what happened: −{log} q for heads, −{log}(1 − q) for tails. Over "
        "many days the average bill tends to the **expected loss** "
        f"H(p, q) = −p {log} q − (1 − p) {log}(1 − q) (here p and q are the probabilities "
        "of heads)."
    )
    st.markdown(
        f"Three forecasters: the **hedger** always says {hedger.q:g}, the **honest** one "
        f"says {honest.q:g}, the **bold** one says {bold.q:g}. And you."
    )
    if not frame.predict(
        SLUG,
        Prediction(
            prompt="Over many days, who has the lowest average loss?",
            answer=1,
            choices=tuple(f"{f.title}, who always says {f.q:g}" for f in FIXED),
            why=f"Their expected losses are {amount(expected_loss(hedger.q))} for the "
            f"hedger, {amount(expected_loss(honest.q))} for the honest one and "
            f"{amount(expected_loss(bold.q))} for the bold one. H(p, q) = H(p) + "
            "KL(p‖q), and KL(p‖q) > 0 for every q ≠ p: announcing q = p is the only way to "
            "pay just H(p).",
        ),
    ):
        return False

    q_you = st.slider(
        "Your forecast q(heads)",
        min_value=0.01,
        max_value=0.99,
        step=0.01,
        help=f"The coin lands heads with probability {P_HEADS:g}; you say what you like.",
        **state.bind(state.HONEST_Q),
    )
    days = st.slider(
        "Days",
        min_value=1,
        max_value=state.LEARN_DRAWS_MAX,
        step=1,
        help="The same days for every forecaster; more days extend the same sequence.",
        **state.bind(state.HONEST_N),
    )
    outcomes = xc.draw_outcomes(COIN, days, seed=state.LEARN_SEED.get())
    heads = int(np.sum(outcomes == 0))
    forecasters = [*FIXED, Forecaster("you", q_you, YOU_COLOR)]
    running = {
        f.name: xc.running_mean_surprisal([f.q, 1 - f.q], outcomes, base=base) for f in forecasters
    }
    rows = [
        [
            f"**{f.name}**",
            f"{f.q:g}",
            layout.fixed(float(running[f.name][-1]), 3),
            layout.fixed(expected_loss(f.q, base), 3),
            _percent(accuracy(f.q, outcomes)),
        ]
        for f in forecasters
    ]
    st.markdown(
        f"**{days} day{'s' if days != 1 else ''}**: {heads} heads and {days - heads} tails "
        f"({_percent(heads / days)} heads). Each forecaster's average loss over those days "
        f"and expected loss H(p, q), in {unit}, and accuracy:"
    )
    st.markdown(
        layout.markdown_table(
            [
                "Who",
                "q",
                "Average",
                "Expected",
                "Accuracy",
            ],
            rows,
        )
    )
    st.caption(
        "Accuracy counts the days a forecast backed the side that came up: heads when "
        "q > 0.5, tails when q < 0.5. A forecast of exactly 0.5 backs neither: it scores "
        "half a hit every day, what a fair coin toss to break the tie would score on "
        "average."
    )
    st.plotly_chart(
        lesson_lines(
            list(range(1, days + 1)),
            [
                Line(
                    f.name,
                    running[f.name].tolist(),
                    color=f.color,
                    dash="dot" if f.name == "you" else "solid",
                )
                for f in forecasters
            ],
            levels=[Level("H(p): the honest expected loss", expected_loss(P_HEADS, base))],
            x_title="days",
            y_title=f"average loss ({unit})",
            log_x=days >= LOG_DAYS,
        ),
        key="learn.honesty.running",
    )
    layout.explain(
        "Each line is a forecaster's average loss so far. Early on, luck can put anyone "
        "ahead; as the days pile up each line settles on its expected loss, and the "
        "honest one on the lowest, H(p) (dashed)."
    )
    losses = [expected_loss(float(x), base) for x in GRID]
    # Room for every forecaster's mark, without letting q near 0 or 1 flatten the valley.
    top = 1.2 * max(expected_loss(f.q, base) for f in forecasters)
    st.plotly_chart(
        curve_with_marks(
            GRID.tolist(),
            losses,
            name="expected loss",
            marks=[
                Mark(
                    f.name,
                    f.q,
                    expected_loss(f.q, base),
                    color=f.color,
                    label="below" if f.name == "you" else "above",
                )
                for f in forecasters
            ],
            x_title="forecast q(heads)",
            y_title=f"expected loss H(p, q) ({unit})",
            title=f"Expected loss when p = {P_HEADS:g}",
            y_range=(0.0, top),
        ),
        key="learn.honesty.expected",
    )
    layout.explain(
        f"The expected loss over every forecast: lowest at q = p = {P_HEADS:g}, and higher "
        "on both sides, for hedging (toward 0.5) and for boldness (toward 1)."
    )

    reached = frame.goals(SLUG, goals_for(q_you, days))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            "In expectation the cross-entropy charges H(p) + KL(p‖q): the honest forecast "
            "q = p pays H(p), any other pays more, whichever way it errs. That makes "
            "cross-entropy a *strictly proper* scoring rule: judged by your own belief, "
            "announcing that belief is the unique best forecast. Accuracy cannot see it: every "
            "forecast above 0.5 backs heads every day and has the same accuracy, whether it says "
            "0.51, 0.7 or 0.99."
        ),
        question="right-but-unsure",
        onward=[
            ("pages/data.py", "Real data & calibration: are a model's probabilities honest?"),
            ("pages/curves.py", "Confidence curves: cross-entropy against the Brier score"),
        ],
    )


LESSON = Lesson(SLUG, "Honesty pays", "Why does cross-entropy reward honest probabilities?", draw)
