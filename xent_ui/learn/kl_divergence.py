"""Lesson 4, KL divergence: the extra cost of believing q when the world is p,
H(p, q) − H(p) ≥ 0, zero only at q = p, and not symmetric.

Widget: the source p = (½, ¼, ⅛, ⅛), or p = (½, ¼, ¼, 0) with a zero, and the learner's
belief q from four weight sliders; H(p, q) = H(p) + KL(p‖q) in numbers, and KL(q‖p)
beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn_sources import source_pair_bars
from xent_ui.learn import frame
from xent_ui.learn.entropy import SYMBOLS, distribution, fraction, weight_sliders
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount, bits_goal

SLUG = "kl-divergence"
#: The source's weights: p = (½, ¼, ⅛, ⅛), or p = (½, ¼, ¼, 0) with its zero on.
SOURCE = (4, 2, 1, 1)
SOURCE_WITH_ZERO = (2, 1, 1, 0)
#: "Make the two directions differ by more than 0.5 bits."
APART_BITS = 0.5


def source(zero: bool) -> tuple[int, ...]:
    """The source's weights, with or without its zero."""
    return SOURCE_WITH_ZERO if zero else SOURCE


def goals_for(weights: Sequence[int], zero: bool) -> list[Goal]:
    """The lesson's goals for q's weights and whether p has its zero (pure)."""
    p = distribution(source(zero))
    q = distribution(weights)
    forward = float(xc.kl_divergence(p, q, base=2))
    reverse = float(xc.kl_divergence(q, p, base=2))
    finite = math.isfinite(forward) and math.isfinite(reverse)
    return [
        Goal("Make KL(p‖q) zero.", math.isclose(forward, 0.0, abs_tol=1e-9)),
        Goal(
            f"Make the two directions differ by more than {bits_goal(APART_BITS)}, both finite.",
            finite and abs(forward - reverse) > APART_BITS,
        ),
        Goal(
            "Give p its zero (one direction turns ∞), then find a q that makes both "
            "directions finite again.",
            zero and finite,
        ),
    ]


def _names(indices: Sequence[int]) -> str:
    return frame.and_list([SYMBOLS[i] for i in indices])


def _fractions(weights: Sequence[int]) -> str:
    return "(" + ", ".join(fraction(weights, i) for i in range(len(SYMBOLS))) + ")"


def draw() -> bool:
    unit = layout.unit()
    log = layout.log_text()
    st.markdown(
        "Lesson 3 ended with a gap: the code made for q costs H(p, q) per symbol, the best "
        "code H(p). The gap is the **Kullback–Leibler divergence** KL(p‖q) = "
        f"Σᵢ pᵢ {log}(pᵢ / qᵢ) (often written D_KL(p‖q)): **H(p, q) = H(p) + KL(p‖q)**. It "
        f"is the extra {unit} per symbol you pay for believing q when the world is p: never "
        "negative, and 0 only when q = p."
    )
    st.markdown(
        "It says how far q is from p, but it is not a distance: swap the two, and "
        f"KL(q‖p) = Σᵢ qᵢ {log}(qᵢ / pᵢ) weighs the log-ratios by q instead of p. That is "
        "the extra cost when the world is q and you code for p: another question, usually "
        "with another answer."
    )
    p_full = distribution(SOURCE)
    uniform = np.full(len(SYMBOLS), 1 / len(SYMBOLS))
    both_ways = float(xc.kl_divergence(p_full, uniform))
    if not frame.predict(
        SLUG,
        Prediction(
            prompt="Is KL(p‖q) equal to KL(q‖p)?",
            answer=1,
            choices=(
                "Always: it is a distance between p and q",
                "Only when q = p, or by coincidence",
                "Never",
            ),
            why=f"Both are 0 when q = p; otherwise they usually differ, since KL(p‖q) "
            f"weighs {log}(pᵢ / qᵢ) by p and KL(q‖p) weighs {log}(qᵢ / pᵢ) by q. They can "
            f"meet by coincidence: this lesson's p = {_fractions(SOURCE)} and the uniform q "
            f"give {amount(both_ways)} both ways, as you will see. With a zero in p, one "
            "direction can even be ∞ while the other stays finite.",
        ),
    ):
        return False

    zero = st.toggle(
        f"Give p a zero: p = {_fractions(SOURCE_WITH_ZERO)}",
        help=f"Off: p = {_fractions(SOURCE)}.",
        **state.bind(state.KL_ZERO),
    )
    st.markdown("**Your belief q.** Set it with weights: q = w / Σw.")
    weights = weight_sliders(SLUG, state.KL_W, "q weight of")
    p_weights = source(zero)
    p = distribution(p_weights)
    q = distribution(weights)
    st.plotly_chart(
        source_pair_bars(
            SYMBOLS,
            p.tolist(),
            q.tolist(),
            p_name="p (the world)",
            q_name="q (your belief)",
            p_text=[fraction(p_weights, i) for i in range(len(SYMBOLS))],
            q_text=[fraction(weights, i) for i in range(len(SYMBOLS))],
        ),
        key="learn.kl-divergence.bars",
    )
    layout.explain(
        "Each symbol's probability under the world p and under your belief q. KL(p‖q) "
        "looks at the log-ratio where p is, KL(q‖p) where q is."
    )

    h_p = float(xc.entropy(p))
    h_pq = float(xc.cross_entropy(p, q))
    forward = float(xc.kl_divergence(p, q))
    reverse = float(xc.kl_divergence(q, p))
    left, right = st.columns(2)
    left.metric("KL(p‖q): the world is p", amount(forward))
    right.metric("KL(q‖p): the world is q", amount(reverse))
    st.markdown(
        f"**H(p, q) = H(p) + KL(p‖q)**: {amount(h_pq)} = {amount(h_p)} + {amount(forward)}."
    )
    notes = []
    q_misses = [i for i in range(len(SYMBOLS)) if p[i] > 0 and q[i] == 0]
    p_misses = [i for i in range(len(SYMBOLS)) if q[i] > 0 and p[i] == 0]
    if q_misses:
        it = "it" if len(q_misses) == 1 else "they"
        notes.append(
            f"q gives {_names(q_misses)} no weight, but p says {it} can happen: KL(p‖q) = ∞."
        )
    if p_misses:
        notes.append(f"q gives {_names(p_misses)} weight, but p rules it out: KL(q‖p) = ∞.")
    if math.isfinite(forward) and math.isfinite(reverse):
        if math.isclose(forward, reverse, abs_tol=1e-9):
            notes.append("The two directions are equal here.")
        else:
            notes.append(f"The two directions differ by {amount(abs(forward - reverse))}.")
    st.markdown(" ".join(notes))

    reached = frame.goals(SLUG, goals_for(weights, zero))
    never = _names([i for i, w in enumerate(SOURCE_WITH_ZERO) if w == 0])
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            "KL(p‖q) is the extra cost of believing q when the world is p: 0 only at q = p, "
            "positive otherwise, and the two directions answer different questions, so they "
            "usually differ. KL(p‖q) is ∞ when q rules out something p allows; KL(q‖p) is ∞ "
            f"when q allows something p rules out. With a zero in p, both stay finite only for "
            f"a q that gives {never} weight 0 and every other symbol some weight."
        ),
        question="kl-infinite-one-way",
        onward=[
            ("pages/simplex.py", "Probability simplex: forward and reverse KL"),
            ("pages/explorer.py", "Explorer: H(p, q) = H(p) + KL(p‖q) for any p and q"),
        ],
    )


LESSON = Lesson(
    SLUG,
    "KL divergence",
    "How much extra does a wrong belief cost, and is it a distance?",
    draw,
)
