"""Lesson 6, Maximum likelihood: the mean cross-entropy of a data set is its negative
log-likelihood per sample, so minimising the one maximises the other.

Widget: twenty coin flips drawn once (the learn seed, or the first seed after it whose share
of heads the slider can reach), the learner's model q(heads) on a slider, and two curves
over q: the likelihood of the flips, and their mean negative log-likelihood, each with the
learner's q and the best q = h/n marked.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn_marks import Mark, curve_with_marks
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount

SLUG = "maximum-likelihood"
#: The coin behind the data lands heads with probability 0.7 (outcome 0 is heads).
COIN = (0.7, 0.3)
FLIPS = 20
FACES = ("H", "T")
#: "Find a q other than the best that makes the data at least half as likely."
HALF = 0.5
#: The q grid of the two curves (the slider's own grid, 0.01 … 0.99).
GRID = np.round(np.arange(1, 100) / 100, 2)
#: The predict question's distractors: a fair coin's 0.5, or, when the data's share of
#: heads is 0.5 itself, a surer 0.9.
FAIR = 0.5
SURER = 0.9


def flips(seed: int) -> np.ndarray:
    """The lesson's data set: twenty flips of the coin, drawn with the learn seed; or, when
    that draw's share of heads h/n is off the slider (all heads or all tails, so the best
    q would be 1 or 0), with the first seed after it whose share is on it. So the best q
    is always on the slider, and the predict question has exactly one right answer."""
    for offset in itertools.count():
        outcomes = xc.draw_outcomes(COIN, FLIPS, seed=seed + offset)
        if on_slider(best_q(counts_of(outcomes))):
            return outcomes
    raise AssertionError("unreachable")  # pragma: no cover


def on_slider(q_heads: float) -> bool:
    """Whether the slider (GRID: 0.01 … 0.99 in steps of 0.01) can be set to ``q_heads``."""
    return bool(np.any(np.isclose(GRID, q_heads, rtol=0.0, atol=1e-9)))


def counts_of(outcomes: np.ndarray) -> list[int]:
    """[heads, tails] in ``outcomes``."""
    return np.bincount(outcomes, minlength=len(FACES)).tolist()


def likelihood(counts: list[int], q_heads: float) -> float:
    """q^h (1 − q)^t: the probability the model q gives the whole data set, as
    exp(−n · the mean negative log-likelihood) (glue: the NLL is xent_core's)."""
    nll = xc.mean_negative_log_likelihood(counts, [q_heads, 1 - q_heads])
    return math.exp(-sum(counts) * nll)


def best_q(counts: list[int]) -> float:
    """The share of heads h/n (the empirical frequency): where the likelihood peaks."""
    return counts[0] / sum(counts)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float) -> str:
    """A likelihood as a reader writes it: 1.305 × 10⁻⁵ (0 as 0, numbers ≥ 0.001 as such)."""
    if value == 0:
        return "0"
    if value >= 1e-3:
        return layout.fixed(value, 3)
    mantissa, exponent = f"{value:.3e}".split("e")
    return f"{mantissa} × 10{str(int(exponent)).translate(_SUPERSCRIPT)}"


def distractor(counts: list[int]) -> float:
    """The predict question's wrong middle answer: 0.5, or 0.9 when h/n is 0.5 itself."""
    return SURER if math.isclose(best_q(counts), FAIR, abs_tol=1e-9) else FAIR


def predict_choices(counts: list[int]) -> tuple[str, ...]:
    """The predict question's choices for the data's [heads, tails]: a distractor, the share
    of heads h/n (the right one, always second), and all-or-nothing. The fair-coin
    distractor is offered only when h/n ≠ 0.5, where it is wrong; at h/n = 0.5 a surer
    guess takes its place (pure)."""
    heads, tails = counts
    other = distractor(counts)
    if other == FAIR:
        wrong = f"{FAIR:g}: a fair coin is the safe guess"
    else:
        wrong = f"{other:g}: surer of heads than the data"
    if heads == tails:
        extreme = "1 or 0: everything on one side"
    else:
        extreme = "1 or 0: everything on the side that came up more often"
    return (wrong, f"{best_q(counts):.2f}: the share of heads in the data", extreme)


def goals_for(q_heads: float, counts: list[int]) -> list[Goal]:
    """The lesson's goals for a model q(heads) and the data's [heads, tails] (pure)."""
    best = best_q(counts)
    at_best = math.isclose(q_heads, best, abs_tol=1e-9)
    ratio = likelihood(counts, q_heads) / likelihood(counts, best)
    return [
        Goal("Find the q(heads) that makes the data most likely: the lowest loss.", at_best),
        Goal(
            "Find another q that still makes the data at least half as likely as the best "
            "one does.",
            not at_best and ratio >= HALF,
        ),
    ]


def _proof() -> str:
    log = layout.log_symbol()
    return (
        r"\begin{aligned}"
        rf"-\tfrac1n {log} L(q) &= -\tfrac1n\big(h {log} q + t {log}(1-q)\big) \\ "
        rf"&= -\big(\tfrac hn {log} q + \tfrac tn {log}(1-q)\big) \\ "
        rf"&= -\textstyle\sum_i \hat p_i {log} q_i = H(\hat p, q)"
        r"\end{aligned}"
    )


def draw() -> bool:
    base = layout.base()
    unit = layout.unit()
    log = layout.log_text()
    outcomes = flips(state.LEARN_SEED.get())
    counts = counts_of(outcomes)
    heads, tails = counts
    best = best_q(counts)
    st.markdown(
        f"A coin was flipped {FLIPS} times: **{' '.join(FACES[i] for i in outcomes)}** — "
        f"{heads} heads and {tails} tails. A model of the coin says heads with probability "
        f"q. The probability it gives this whole data set, its **likelihood**, is the "
        f"product over the flips: $L(q) = q^{{{heads}}}(1-q)^{{{tails}}}$. Fitting by *maximum "
        "likelihood* means choosing the q that makes the data most probable."
    )
    st.markdown(
        f"A product of {FLIPS} probabilities is a tiny number, so take −{log} of it and "
        f"divide by the number of flips, n = {FLIPS} (h heads, t tails): the **negative "
        "log-likelihood per flip**. Written out, it is the cross-entropy between the data's "
        "frequencies p̂ = (h/n, t/n) and the model q:"
    )
    st.latex(_proof())
    st.markdown(
        f"−{log} is decreasing, so the q with the lowest mean cross-entropy is the q with "
        "the highest likelihood: training a classifier on the mean cross-entropy *is* "
        "maximum likelihood of the labels given the inputs (with samples independent)."
    )
    choices = predict_choices(counts)
    other = distractor(counts)
    top = likelihood(counts, best)
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"The coin came up heads {heads} times in {FLIPS} flips. Which q(heads) "
            "makes this data most likely?",
            answer=1,
            choices=choices,
            why=f"$L(q) = q^{{{heads}}}(1-q)^{{{tails}}}$ peaks at q = h/n = {heads}/{FLIPS} = "
            f"{best:.2f}: L({other:g}) = {power_of_ten(likelihood(counts, other))}, "
            f"L({best:.2f}) = {power_of_ten(top)}, and L(1) = L(0) = "
            f"{power_of_ten(max(likelihood(counts, 1.0), likelihood(counts, 0.0)))}: under "
            "q = 1 a single tails is impossible, and under q = 0 a single heads.",
        ),
    ):
        return False

    q_heads = st.slider(
        "The model's q(heads)",
        min_value=0.01,
        max_value=0.99,
        step=0.01,
        help="The data stay the same; you choose the model.",
        **state.bind(state.MLE_Q),
    )
    q = [q_heads, 1 - q_heads]
    nll = xc.mean_negative_log_likelihood(counts, q)  # nats; amount() writes the unit
    lowest = xc.mean_negative_log_likelihood(counts, [best, 1 - best])
    here = likelihood(counts, q_heads)
    left, middle, right = st.columns(3)
    left.metric("Likelihood L(q)", power_of_ten(here))
    middle.metric("Share of the best, L(q) / L(best)", layout.fixed(here / top, 3))
    right.metric("Mean loss H(p̂, q)", amount(nll))
    st.markdown(
        f"−(1/{FLIPS}) {log} L(q) = −(1/{FLIPS}) {log} ({power_of_ten(here)}) = "
        f"**{amount(nll)}** = H(p̂, q), with p̂ = ({best:.2f}, {1 - best:.2f}). At the "
        f"best q, {best:.2f}, the likelihood is {power_of_ten(top)} and the loss "
        f"{amount(lowest)}: the entropy H(p̂) of the data."
    )
    likelihoods = [likelihood(counts, float(x)) for x in GRID]

    def losses_at(x: float) -> float:
        return xc.mean_negative_log_likelihood(counts, [x, 1 - x], base=base)

    losses = [losses_at(float(x)) for x in GRID]
    marks_l = [
        Mark("best", best, top, color="green", label="above"),
        Mark("your q", q_heads, here, color="red", label="below"),
    ]
    marks_nll = [
        Mark("best", best, losses_at(best), color="green", label="below"),
        Mark("your q", q_heads, losses_at(q_heads), color="red", label="above"),
    ]
    chart_l, chart_nll = st.columns(2)
    with chart_l:
        st.plotly_chart(
            curve_with_marks(
                GRID.tolist(),
                likelihoods,
                name="likelihood",
                marks=marks_l,
                x_title="q(heads)",
                y_title="likelihood L(q)",
                title="The likelihood of the data",
                powers_of_ten=True,
            ),
            key="learn.maximum-likelihood.likelihood",
        )
    with chart_nll:
        st.plotly_chart(
            curve_with_marks(
                GRID.tolist(),
                losses,
                name="mean loss",
                marks=marks_nll,
                x_title="q(heads)",
                y_title=f"mean loss ({unit})",
                title="The mean cross-entropy",
                color="orange",
            ),
            key="learn.maximum-likelihood.loss",
        )
    layout.explain(
        f"The likelihood peaks where the mean loss bottoms out, at q = h/n = {best:.2f}: "
        "one curve is the other turned over by −log and divided by n. The flat top of the "
        "likelihood is a wide, shallow valley of the loss."
    )

    reached = frame.goals(SLUG, goals_for(q_heads, counts))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            "The mean cross-entropy of a data set is its negative log-likelihood per sample, "
            "so the q with the lowest loss is the q under which the data are most likely: the "
            f"frequency h/n = {best:.2f}. With only {FLIPS} flips the top is flat: several q "
            "make the data nearly as likely, and the fit need not be the truth. This coin lands "
            f"heads with probability {COIN[0]:g}; with more flips h/n would close in on it."
        ),
        question="seed-which-independence",
        onward=[
            ("pages/training.py", "Training lab: minimise the mean cross-entropy of a data set"),
            ("pages/data.py", "Real data: the mean loss of a model's predictions"),
        ],
    )


LESSON = Lesson(
    SLUG,
    "Maximum likelihood",
    "Why does minimising the mean cross-entropy fit the data best?",
    draw,
)
