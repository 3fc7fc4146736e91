"""Lesson 3, Cross-entropy: the average surprise when you believe q but the world is p.

Widget: a fixed source p = (½, ¼, ⅛, ⅛) and the learner's code, built for a belief q set
with four weight sliders; a message drawn from p (the learn seed) and its running average
cost per symbol, which settles on H(p, q).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn import Level, Line, lesson_lines
from xent_ui.learn import frame
from xent_ui.learn.entropy import SYMBOLS, distribution, fraction, weight_sliders
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount, bits_goal

SLUG = "cross-entropy"
#: The source's weights: p = (½, ¼, ⅛, ⅛).
SOURCE = (4, 2, 1, 1)
P = distribution(SOURCE)
#: "Make a wrong code cost more than 3 bits per symbol."
COSTLY_BITS = 3.0
#: "Send a message of at least 1000 symbols."
LONG_MESSAGE = 1000
#: The message's first symbols written out.
SHOWN_SYMBOLS = 40


def _new_message() -> None:
    state.LEARN_SEED.set((state.LEARN_SEED.get() + 1) % (state.LEARN_SEED_MAX + 1))


def goals_for(weights: Sequence[int], n: int) -> list[Goal]:
    """The lesson's goals for the code's weights and the message length (pure)."""
    q = distribution(weights)
    h_pq = float(xc.cross_entropy(P, q, base=2))
    h_p = float(xc.entropy(P, base=2))
    return [
        Goal(
            "Find the cheapest code: make its average cost H(p, q) equal the entropy H(p).",
            math.isclose(h_pq, h_p, abs_tol=1e-9),
        ),
        Goal(
            f"Make a wrong code cost more than {bits_goal(COSTLY_BITS)} per symbol on "
            "average, with a word for every symbol (no weight 0).",
            min(weights) > 0 and h_pq > COSTLY_BITS,
        ),
        Goal(
            f"With an uneven code (not all weights equal), send a message of at least "
            f"{LONG_MESSAGE} symbols and compare its average with H(p, q).",
            n >= LONG_MESSAGE and len(set(weights)) > 1,
        ),
    ]


def _names(indices: Sequence[int]) -> str:
    return frame.and_list([SYMBOLS[i] for i in indices])


def _table(weights: Sequence[int], q: np.ndarray) -> str:
    own = xc.ideal_code_lengths(q)
    ideal = xc.ideal_code_lengths(P)
    rows = [
        [
            f"**{symbol}**",
            fraction(SOURCE, i),
            fraction(weights, i),
            "∞: no word" if q[i] == 0 else layout.short(float(own[i])),
            layout.short(float(ideal[i])),
        ]
        for i, symbol in enumerate(SYMBOLS)
    ]
    return layout.markdown_table(
        ("Symbol", "p (world)", "q (code)", "−log₂ q", "−log₂ p"),
        rows,
    )


def draw() -> bool:
    unit = layout.unit()
    base = layout.base()
    log = layout.log_text()
    source = ", ".join(fraction(SOURCE, i) for i in range(len(SYMBOLS)))
    h_p = float(xc.entropy(P))
    st.markdown(
        f"Now the world and your belief differ. The source really sends A, B, C and D with "
        f"probabilities p = ({source}), but you built your code for a belief q: each symbol "
        "gets an ideal word of −log₂ qᵢ bits. The average cost per symbol is the **cross-entropy** "
        f"**H(p, q) = −Σᵢ pᵢ {log} qᵢ**: surprises measured by q, weighted by how often p "
        "makes each symbol happen."
    )
    st.markdown(
        f"It is never below the entropy H(p) = {amount(h_p)}: the code made for p itself "
        "is the cheapest, and any other code costs more per symbol. Send a long message, "
        "and its average cost settles on H(p, q)."
    )
    uniform = np.full(len(SYMBOLS), 1 / len(SYMBOLS))
    h_uniform = float(xc.cross_entropy(P, uniform))
    uniform_bits = layout.short(float(xc.ideal_code_lengths(uniform)[0]))
    in_bits = f" ({uniform_bits} bits)" if unit != "bits" else ""
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"You code this source with the code made for a uniform q, which gives "
            f"every symbol a {uniform_bits}-bit word. On average, how many {unit} per symbol "
            "does a message cost?",
            answer=h_uniform,
            why=f"every word is {uniform_bits} bits whatever the symbol, so the average is "
            f"{amount(h_uniform)}{in_bits} per symbol, whatever p is. The code made for p would "
            f"average H(p) = {amount(h_p)}: the uniform code wastes "
            f"{amount(h_uniform - h_p)} per symbol.",
        ),
    ):
        return False

    st.markdown("**Your code.** Set your belief q with weights: q = w / Σw.")
    weights = weight_sliders(SLUG, state.XENT_W, "Code weight of")
    q = distribution(weights)
    h_pq = float(xc.cross_entropy(P, q))
    st.markdown(_table(weights, q))
    st.caption("Word lengths in bits: −log₂ q in your code, −log₂ p in the code made for p.")
    missing = [i for i in range(len(SYMBOLS)) if q[i] == 0]
    if missing:
        st.markdown(
            f"**H(p, q) = ∞.** Your code has no word for {_names(missing)}, yet p says "
            f"{'it happens' if len(missing) == 1 else 'they happen'}: a message that "
            "contains one cannot be sent at all, and the average cost is infinite."
        )
    else:
        st.markdown(
            f"**H(p, q) = {amount(h_pq)}** per symbol, against H(p) = {amount(h_p)} for the "
            f"code made for p: your code costs {amount(h_pq - h_p)} more per symbol."
        )

    n = st.slider(
        "Message length (symbols)",
        min_value=1,
        max_value=state.LEARN_DRAWS_MAX,
        step=1,
        help="The message is drawn from p; a longer one extends the same message.",
        **state.bind(state.XENT_N),
    )
    st.button("Draw another message", key="learn.cross-entropy.redraw", on_click=_new_message)
    outcomes = xc.draw_outcomes(P, n, seed=state.LEARN_SEED.get())
    running = xc.running_mean_surprisal(q, outcomes, base=base)
    start = "".join(SYMBOLS[i] for i in outcomes[:SHOWN_SYMBOLS])
    more = "…" if n > SHOWN_SYMBOLS else ""
    average = float(running[-1])
    if math.isinf(average):
        cost = (
            f"It contains {_names(sorted(set(outcomes.tolist()) & set(missing)))}, which "
            "your code has no word for: it cannot be sent (∞)."
        )
    else:
        cost = (
            f"Coded with q it costs {layout.fixed(average * n, 3)} {unit}: "
            f"**{layout.fixed(average, 3)} {unit} per symbol**."
        )
        if missing:
            cost += (
                f" It happens to have no {_names(missing)} yet; the first one will make the cost ∞."
            )
    st.markdown(f"**A message of {n} symbols**: `{start}{more}`. {cost}")
    levels = [Level(f"H(p) = {amount(h_p)}", h_p * layout.per_nat(), "slate")]
    if math.isfinite(h_pq):
        levels.append(Level(f"H(p, q) = {amount(h_pq)}", h_pq * layout.per_nat(), "blue"))
    sent = np.isfinite(running)
    stop = int(np.argmin(sent))  # the first symbol without a word (when one arrived)
    last = (stop, float(running[stop - 1])) if not sent.all() and stop > 0 else None
    st.plotly_chart(
        lesson_lines(
            list(range(1, n + 1)),
            [Line("average so far", running.tolist(), "teal")],
            levels=levels,
            marker=last,
            x_title="symbols sent (log scale)",
            y_title=f"{unit} per symbol",
            log_x=True,
        ),
        key="learn.cross-entropy.chart",
    )
    said = "The solid line is the message's average cost per symbol so far."
    if math.isfinite(h_pq):
        said += (
            " Early on it jumps with every symbol; over a long message it settles on the "
            "dashed H(p, q), above H(p) unless q = p."
        )
    elif math.isinf(average):
        culprit = SYMBOLS[outcomes[stop]]
        said += (
            f" It stops at symbol {stop} (the dot): the next one, {culprit}, has no word, "
            "and from there on the cost is ∞."
            if stop > 0
            else f" The very first symbol, {culprit}, has no word: the cost is ∞ from the start."
        )
    else:
        said += " No symbol without a word has come yet: a longer message will bring one."
    layout.explain(said)

    reached = frame.goals(SLUG, goals_for(weights, n))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            "The cross-entropy H(p, q) is your average surprise when you believe q but the world "
            "is p: the average word length of the code made for q, on messages from p, and a "
            "long message's average settles on it. It is smallest, equal to H(p), exactly when "
            "q = p; any other code costs more, and a code with no word for a symbol that "
            "happens costs ∞."
        ),
        question="permuted-prediction",
        onward=[
            ("pages/explorer.py", "Explorer: drag q and watch H(p, q)"),
            ("pages/simplex.py", "Probability simplex: cross-entropy as a code length"),
        ],
    )


LESSON = Lesson(
    SLUG,
    "Cross-entropy",
    "What does it cost to believe q when the world is p?",
    draw,
)
