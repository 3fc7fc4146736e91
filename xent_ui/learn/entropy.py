"""Lesson 2, Entropy: the average surprise when you know the true odds, and the fewest bits
per symbol any decodable code can average.

Widget: a source of four symbols whose weights the learner sets (p = w / Σw), its code
table (the ideal lengths −log₂ p and a Huffman code) and its entropy beside Huffman's
average length.

The four weight sliders (:func:`weight_sliders`) serve lessons 3 and 4 as well.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn import lesson_bars
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount, bits_goal

SLUG = "entropy"
SYMBOLS: tuple[str, ...] = state.SOURCE_SYMBOLS
#: "Make the entropy less than 1 bit per symbol."
LOW_ENTROPY_BITS = 1.0


# --- the sources' weights (shared by lessons 2–4) -----------------------------------------


def distribution(weights: Sequence[int]) -> np.ndarray:
    """The probabilities w / Σw of a source's whole-number weights."""
    w = np.asarray(weights, dtype=float)
    return w / w.sum()


def fraction(weights: Sequence[int], i: int) -> str:
    """Symbol ``i``'s probability as a fraction in lowest terms: "1/2", "1/6", "0", "1"."""
    return str(Fraction(int(weights[i]), int(sum(weights))))


def _weights_message(slug: str) -> str:
    return f"{slug}.weights"


def _set_weight(slug: str, param: state.Param, i: int) -> None:
    value = state.lesson_widget(slug, f"w{i}").value()
    if value is None:
        return
    weights = list(param.get())
    old, weights[i] = weights[i], int(value)
    missing = state.LEARN_MISSING.get()
    if not any(weights):
        missing[_weights_message(slug)] = (
            f"At least one symbol must stay possible: {SYMBOLS[i]} keeps its weight {old}."
        )
        return
    missing.pop(_weights_message(slug), None)
    param.set(weights)


def weight_sliders(slug: str, param: state.Param, label: str) -> list[int]:
    """One slider per symbol (0…8), each bound to its entry of the list ``param``; the
    weights now. Setting every weight to 0 is refused with a message."""
    weights = list(param.get())
    columns = st.columns(len(SYMBOLS))
    for i, (column, symbol) in enumerate(zip(columns, SYMBOLS, strict=True)):
        widget = state.lesson_widget(slug, f"w{i}")
        widget.set(int(weights[i]))  # the slider follows the param (a link, a refusal)
        column.slider(
            f"{label} {symbol}",
            min_value=0,
            max_value=state.SOURCE_WEIGHT_MAX,
            step=1,
            key=widget.key,
            on_change=_set_weight,
            args=(slug, param, i),
        )
    message = state.LEARN_MISSING.get().get(_weights_message(slug))
    if message:
        st.warning(message)
    return weights


# --- the lesson -------------------------------------------------------------------------------


def _word_lengths(words: Sequence[str | None]) -> list[int]:
    """Each Huffman word's length in bits (0 for a symbol that is never sent: it adds
    nothing to the average)."""
    return [0 if word is None else len(word) for word in words]


def huffman_average(p: np.ndarray) -> float:
    """The average length in bits of the Huffman code for ``p``."""
    return xc.average_code_length(p, _word_lengths(xc.huffman_code(p)))


def goals_for(weights: Sequence[int]) -> list[Goal]:
    """The lesson's goals for a source's weights (pure: the tests call it)."""
    p = distribution(weights)
    h_bits = float(xc.entropy(p, base=2))
    possible = int(np.count_nonzero(p))
    most_with_three = float(xc.entropy(np.full(3, 1 / 3), base=2))
    return [
        Goal(
            f"Make the entropy less than {bits_goal(LOW_ENTROPY_BITS)} per symbol.",
            h_bits < LOW_ENTROPY_BITS,
        ),
        Goal(
            "Make Huffman's code perfect for an uneven source: its average length exactly "
            "equal to the entropy, with all four symbols possible but not all equally likely.",
            possible == 4
            and len(set(weights)) > 1
            and huffman_is_exact(p, huffman_average(p), h_bits),
        ),
        Goal(
            "Make one symbol impossible (weight 0), and give the source the largest entropy "
            "it can have with the other three.",
            possible == 3 and math.isclose(h_bits, most_with_three, abs_tol=1e-9),
        ),
    ]


def huffman_is_exact(p: np.ndarray, average: float, h_bits: float) -> bool:
    """Whether Huffman's average length equals the entropy: every non-zero probability is
    ½, ¼, ⅛, … and at least two symbols are possible (a sure symbol has H = 0, yet its
    word "0" takes 1 bit)."""
    return int(np.count_nonzero(p)) >= 2 and math.isclose(average, h_bits, abs_tol=1e-9)


def verdict(p: np.ndarray, average: float, h_bits: float) -> str:
    """How Huffman's average length compares with the entropy, in words (pure)."""
    if huffman_is_exact(p, average, h_bits):
        return (
            "exactly the entropy: every non-zero probability is ½, ¼, ⅛, …, so every ideal "
            "length is a whole number of bits."
        )
    gap = f"{layout.fixed(average - h_bits, 3)} bits more than the entropy"
    if int(np.count_nonzero(p)) == 1:
        return (
            f"{gap}: a source sure of one symbol has entropy 0, but a word still takes at "
            "least one bit."
        )
    return f"{gap}."


def _table(weights: Sequence[int], p: np.ndarray, words: Sequence[str | None]) -> str:
    ideal = xc.ideal_code_lengths(p)
    rows = []
    for i, symbol in enumerate(SYMBOLS):
        never = p[i] == 0
        rows.append(
            [
                f"**{symbol}**",
                fraction(weights, i),
                "∞: never sent" if never else layout.short(float(ideal[i])),
                "—" if words[i] is None else f"`{words[i]}`",
                "—" if words[i] is None else str(len(words[i])),
            ]
        )
    return layout.markdown_table(
        ("Symbol", "p", "−log₂ p", "Huffman word", "length"),
        rows,
    )


def draw() -> bool:
    unit = layout.unit()
    log = layout.log_text()
    st.markdown(
        f"Lesson 1 priced one outcome: a surprise of −{log} q. Now you know the true odds p "
        "of a source that sends the symbols A, B, C and D. Its **entropy** is your surprise "
        f"on average, each symbol's −{log} pᵢ weighted by how often it comes: "
        f"**H(p) = −Σᵢ pᵢ {log} pᵢ**."
    )
    st.markdown(
        "The entropy is also a length. To send the symbols as 0s and 1s, give a symbol of "
        "probability p an ideal word of −log₂ p bits: short words for common symbols, long "
        "ones for rare symbols. No code whose 0s and 1s can be split back into symbols (a "
        "uniquely decodable code) can average fewer than H(p) bits per symbol (Shannon's "
        "source coding theorem). A **Huffman code** builds real words, a whole number of "
        "bits each, and averages at most one bit more than H(p), and strictly less whenever "
        "two or more symbols are possible."
    )
    uniform = np.full(len(SYMBOLS), 1 / len(SYMBOLS))
    h_uniform = float(xc.entropy(uniform))
    uniform_words = xc.huffman_code(uniform)
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"A source sends A, B, C and D, each with probability ¼. What is its "
            f"entropy H(p): the fewest {unit} per symbol that any decodable code can average?",
            answer=h_uniform,
            why=f"four equally likely symbols take the words {', '.join(uniform_words)}: "
            f"{layout.short(float(xc.ideal_code_lengths(uniform)[0]))} bits each, one yes/no "
            "question per bit, and no decodable code does better on average. H(p) = "
            f"{log} {len(SYMBOLS)} = {amount(h_uniform)}.",
        ),
    ):
        return False

    st.markdown("**The source.** Set each symbol's weight; its probability is p = w / Σw.")
    weights = weight_sliders(SLUG, state.ENTROPY_W, "Weight of")
    p = distribution(weights)
    words = xc.huffman_code(p)
    average = huffman_average(p)
    h = float(xc.entropy(p))
    h_bits = float(xc.entropy(p, base=2))
    ideal = xc.ideal_code_lengths(p)
    st.markdown(_table(weights, p, words))
    st.caption(
        "Lengths in bits: −log₂ p is the ideal word's (∞ for a symbol that never comes), "
        "length the Huffman word's."
    )

    in_bits = f" = {layout.fixed(h_bits, 3)} bits" if unit != "bits" else ""
    terms = " + ".join(
        f"{layout.short(float(p[i]), 3)} × {layout.short(float(ideal[i]))}"
        for i in range(len(SYMBOLS))
        if p[i] > 0
    )
    st.markdown(
        f"**H(p) = {amount(h)}**{in_bits} per symbol: the ideal lengths weighted by p, "
        f"{terms} bits."
    )
    st.markdown(
        f"**Huffman's code averages {layout.fixed(average, 3)} bits** per symbol, "
        f"{verdict(p, average, h_bits)}"
    )
    st.plotly_chart(
        lesson_bars(
            SYMBOLS,
            p.tolist(),
            y_title="probability p",
            text=["never" if word is None else word for word in words],
            y_range=(0, 1.1),
        ),
        key="learn.entropy.bars",
    )
    layout.explain(
        "Each bar is a symbol's probability, with its Huffman word on top: a likelier "
        "symbol never gets a longer word."
    )

    reached = frame.goals(SLUG, goals_for(weights))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            f"The entropy is the average surprise of a source whose odds you know: "
            f"{amount(h_uniform)} for four equally likely symbols, the most four symbols can "
            "have, less the more predictable the source, 0 for a sure thing. It is also the "
            "fewest bits per symbol any decodable code can average; Huffman's whole-bit words "
            "reach it exactly when every non-zero probability is ½, ¼, ⅛, … and at least two "
            "symbols are possible, and a symbol never costs less than one bit, however "
            "predictable the source. An impossible symbol needs no word at all."
        ),
        question="entropy-of-the-prediction",
        onward=[
            ("pages/simplex.py", "Probability simplex: cross-entropy as a code length"),
            ("pages/explorer.py", "Explorer: the entropy of any distribution"),
        ],
    )


LESSON = Lesson(SLUG, "Entropy", "How surprised are you on average when you know the odds?", draw)
