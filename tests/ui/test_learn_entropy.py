"""Lesson 2, Entropy, under AppTest: predict first, the goals' detectors at and just before
each goal, the ticks from the weight sliders, the numbers against SciPy, the check in both
units."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy

import xent_core as xc
from tests.helpers import answer_check, click, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import entropy

SLUG = "entropy"


def weight(at, i: int):
    return at.slider(key=state.lesson_widget(SLUG, f"w{i}").key)


def set_weights(at, weights) -> None:
    for i, w in enumerate(weights):
        weight(at, i).set_value(w).run()
    assert not at.exception, [e.value for e in at.exception]


def test_predict_first_hides_the_sliders_until_a_guess_is_committed() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    assert not at.slider, "no widget before the guess"
    commit_guess(at, SLUG, 2.0)
    # Four symbols of probability ¼: H = −4 · ¼ log₂ ¼ = log₂ 4 = 2 bits.
    assert any(
        "You guessed **2.000 bits**; the answer is **2.000 bits**. Close" in m.value
        for m in at.markdown
    )
    assert [weight(at, i).value for i in range(4)] == [1, 1, 1, 1]


def test_the_reveal_reads_in_nats() -> None:
    at = open_lesson(SLUG)
    commit_guess(at, SLUG, 1.0)
    # ln 4 = 1.3863 nats.
    assert any(
        "You guessed **1.000 nats**; the answer is **1.386 nats**. Not quite" in m.value
        for m in at.markdown
    )


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        # Uniform: H = 2 bits, Huffman 2 bits = H, but all four are equally likely.
        ((1, 1, 1, 1), [False, False, False]),
        ((2, 2, 2, 2), [False, False, False]),
        # H(6/8, 1/8, 1/8) = ¾ log₂(4/3) + 2 · ⅛ · 3 = 0.311 + 0.75 = 1.061 bits: not yet.
        ((6, 1, 1, 0), [False, False, False]),
        # H(7/9, 1/9, 1/9) = (7/9) log₂(9/7) + (2/9) log₂ 9 = 0.282 + 0.704 = 0.986 bits.
        ((7, 1, 1, 0), [True, False, False]),
        # (½, ¼, ⅛, ⅛): Huffman words 0, 10, 110, 111 average 1.75 bits = H exactly.
        ((4, 2, 1, 1), [False, True, False]),
        ((1, 1, 4, 2), [False, True, False]),
        # (5/9, 2/9, 1/9, 1/9): Huffman averages 1.778 bits, H = 1.658 bits.
        ((5, 2, 1, 1), [False, False, False]),
        # Dyadic (½, ¼, ¼) but with only three symbols possible.
        ((4, 2, 2, 0), [False, False, False]),
        # Three equally likely symbols: H = log₂ 3 = 1.585 bits, the most for three.
        ((1, 1, 1, 0), [False, False, True]),
        ((0, 5, 5, 5), [False, False, True]),
        # (2/5, 2/5, 1/5): H = 1.522 bits < log₂ 3.
        ((2, 2, 1, 0), [False, False, False]),
        # Two equally likely symbols: 1 bit, not below 1 bit, and only two possible.
        ((3, 3, 0, 0), [False, False, False]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(weights, expected) -> None:
    assert [g.reached for g in entropy.goals_for(weights)] == expected


def test_goals_tick_from_the_sliders_and_stay_ticked() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    commit_guess(at, SLUG, 2.0)
    assert goals_ticked(at) == [False, False, False]
    weight(at, 3).set_value(0).run()  # (1, 1, 1, 0)
    assert goals_ticked(at) == [False, False, True]
    assert any("| **D** | 0 | ∞: never sent | — | — |" in m.value for m in at.markdown)
    set_weights(at, (4, 2, 1, 1))
    assert goals_ticked(at) == [False, True, True]
    set_weights(at, (7, 1, 1, 0))
    assert goals_ticked(at) == [True, True, True]
    assert any(m.value.startswith("**What you should have noticed.**") for m in at.markdown)
    assert at.query_params["ew"] == "7,1,1,0"  # written to the link


def test_every_weight_at_zero_is_refused() -> None:
    at = open_lesson(SLUG, {"ew": "0,0,0,3", "unit": "bits"})
    commit_guess(at, SLUG, 2.0)
    weight(at, 3).set_value(0).run()
    assert any("At least one symbol must stay possible" in w.value for w in at.warning)
    assert weight(at, 3).value == 3
    assert at.session_state[state.ENTROPY_W.key] == [0, 0, 0, 3]
    # One symbol only: H = 0, but Huffman still spends the word "0", 1 bit: not "exactly
    # the entropy", although its one probability, 1, makes a whole ideal length (0 bits).
    (line,) = [m.value for m in at.markdown if "**Huffman's code averages" in m.value]
    assert line.startswith("**Huffman's code averages 1.000 bits** per symbol, 1.000 bits more")
    assert "a source sure of one symbol has entropy 0" in line
    assert "exactly the entropy" not in line


@pytest.mark.parametrize(
    ("weights", "exact"),
    [
        # (½, ¼, ⅛, ⅛): words 0, 10, 110, 111, average 1.75 bits = H.
        ((4, 2, 1, 1), True),
        # (½, ¼, ¼) with D impossible: every non-zero probability is ½, ¼, ⅛, …
        ((4, 2, 2, 0), True),
        ((1, 1, 1, 1), True),
        # (½, ½): one bit each, H = 1 bit.
        ((3, 3, 0, 0), True),
        # A sure symbol: H = 0, Huffman 1 bit.
        ((0, 0, 0, 3), False),
        ((5, 2, 1, 1), False),
        ((1, 1, 1, 0), False),
    ],
)
def test_huffman_is_exact_only_for_halves_quarters_eighths_and_two_symbols(weights, exact):
    p = entropy.distribution(weights)
    h_bits = float(scipy_entropy(p, base=2))
    average = entropy.huffman_average(p)
    assert entropy.huffman_is_exact(p, average, h_bits) == exact
    said = entropy.verdict(p, average, h_bits)
    assert said.startswith("exactly the entropy: every non-zero probability is ½, ¼, ⅛, …") == (
        exact
    )
    if not exact:
        assert said.startswith(f"{average - h_bits:.3f} bits more than the entropy")


def test_the_text_states_the_coding_theorem_with_its_conditions() -> None:
    at = open_lesson(SLUG, {"unit": "bits", "ew": "7,1,1,0"})
    text = " ".join(m.value for m in at.markdown)
    assert (
        "No code whose 0s and 1s can be split back into symbols (a uniquely decodable code) "
        "can average fewer than H(p) bits per symbol" in text
    )
    assert (
        "averages at most one bit more than H(p), and strictly less whenever two or more "
        "symbols are possible." in text
    )
    assert "the fewest bits per symbol that any decodable code can average?" in text
    assert "less than one bit more" not in text
    commit_guess(at, SLUG, 2.0)
    set_weights(at, (1, 1, 1, 0))
    set_weights(at, (4, 2, 1, 1))
    (notice,) = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    assert "the fewest bits per symbol any decodable code can average" in notice
    assert (
        "reach it exactly when every non-zero probability is ½, ¼, ⅛, … and at least two "
        "symbols are possible" in notice
    )
    assert "power of ½" not in notice


@pytest.mark.parametrize("weights", [(4, 2, 1, 1), (3, 1, 1, 1), (5, 0, 2, 8)])
def test_the_numbers_on_screen_are_scipys(weights) -> None:
    link = ",".join(map(str, weights))
    at = open_lesson(SLUG, {"ew": link})
    commit_guess(at, SLUG, 1.0)
    p = np.array(weights) / sum(weights)
    nats, bits = scipy_entropy(p), scipy_entropy(p, base=2)
    assert any(
        m.value.startswith(f"**H(p) = {nats:.3f} nats** = {bits:.3f} bits") for m in at.markdown
    )
    # Huffman's average: Σ p · (word length); the words are a prefix code.
    words = list(xc.huffman_code(p))
    live = [w for w in words if w is not None]
    assert not any(a != b and b.startswith(a) for a in live for b in live)
    average = sum(pi * len(w) for pi, w in zip(p, words, strict=True) if w is not None)
    assert bits <= average < bits + 1
    assert any(f"**Huffman's code averages {average:.3f} bits**" in m.value for m in at.markdown)
    for symbol, pi, w in zip(entropy.SYMBOLS, p, words, strict=True):
        ideal = "∞: never sent" if pi == 0 else f"{-math.log2(pi):.4g}"
        assert any(f"| **{symbol}** |" in m.value and ideal in m.value for m in at.markdown)
        assert w is None or any(f"`{w}`" in m.value for m in at.markdown)


@pytest.mark.parametrize(("unit", "right", "wrong"), [("nats", 0.80, 0.36), ("bits", 1.16, 0.51)])
def test_check_yourself_in_both_units(unit, right, wrong) -> None:
    # H(0.7, 0.2, 0.1) = 0.8018 nats = 1.1568 bits; −ln 0.7 = 0.357 nats (the
    # cross-entropy, the wrong answer), −log₂ 0.7 = 0.515 bits.
    at = open_lesson(SLUG, {"unit": unit})
    commit_guess(at, SLUG, 2.0)
    answer_check(at, SLUG, wrong)
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, right)
    assert at.success and at.success[0].value.startswith("Right.")


def test_the_lesson_completes() -> None:
    at = open_lesson(SLUG, {"unit": "bits", "ew": "4,2,1,1"})
    commit_guess(at, SLUG, 2.0)
    set_weights(at, (1, 1, 1, 0))
    set_weights(at, (7, 1, 1, 0))
    assert goals_ticked(at) == [True, True, True]
    answer_check(at, SLUG, 1.16)
    assert any(s.value == "Lesson complete." for s in at.success)
    assert SLUG in at.session_state[state.LEARN_DONE.key]
    click(at, "Next: Cross-entropy")
    assert at.header[0].value == "Cross-entropy"
