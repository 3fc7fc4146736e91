"""Lesson 3, Cross-entropy, under AppTest: predict first, the goals' detectors at and just
before each goal, the ticks from the sliders, the message's average against a direct
computation and H(p, q) against SciPy, ∞ for a code without a word, the check."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.stats import entropy as scipy_entropy

import xent_core as xc
from tests.helpers import answer_check, click, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import cross_entropy

SLUG = "cross-entropy"
P = np.array([0.5, 0.25, 0.125, 0.125])


def weight(at, i: int):
    return at.slider(key=state.lesson_widget(SLUG, f"w{i}").key)


def set_weights(at, weights) -> None:
    for i, w in enumerate(weights):
        weight(at, i).set_value(w).run()
    assert not at.exception, [e.value for e in at.exception]


def length(at):
    return at.slider(key="w:" + state.XENT_N.key)


def test_predict_first_and_the_reveal_in_both_units() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    assert not at.slider, "no widget before the guess"
    commit_guess(at, SLUG, 1.75)
    # The uniform code: 2 bits for every symbol, so 2 bits on average whatever p is;
    # H(p) = ½·1 + ¼·2 + 2·⅛·3 = 1.75 bits, so 0.25 bits wasted.
    assert any(
        "You guessed **1.750 bits**; the answer is **2.000 bits**. Not quite" in m.value
        and "wastes 0.250 bits per symbol" in m.value
        for m in at.markdown
    )
    assert length(at).value == 100
    assert any("each symbol gets an ideal word of −log₂ qᵢ bits" in m.value for m in at.markdown)
    nats = open_lesson(SLUG)
    commit_guess(nats, SLUG, 1.4)
    # 2 bits = 2 ln 2 = ln 4 = 1.386 nats; 1.4 is within 10 %.
    assert any(
        "You guessed **1.400 nats**; the answer is **1.386 nats**. Close" in m.value
        for m in nats.markdown
    )


@pytest.mark.parametrize(
    ("weights", "n", "expected"),
    [
        # Uniform q: H(p, q) = 2 bits > H(p) = 1.75 bits; 100 symbols.
        ((1, 1, 1, 1), 100, [False, False, False]),
        ((1, 1, 1, 1), 5000, [False, False, False]),  # long, but every word is 2 bits
        # q = p (weights 4:2:1:1 or 8:4:2:2): H(p, q) = H(p).
        ((4, 2, 1, 1), 1, [True, False, False]),
        ((8, 4, 2, 2), 999, [True, False, False]),
        ((8, 4, 2, 2), 1000, [True, False, True]),
        ((4, 2, 2, 1), 1, [False, False, False]),
        # q = (1, 6, 6, 6)/19: ½ log₂ 19 + ½ log₂(19/6) = 2.124 + 0.831 = 2.955 bits.
        ((1, 6, 6, 6), 1, [False, False, False]),
        # q = (1, 7, 7, 7)/22: ½ log₂ 22 + ½ log₂(22/7) = 2.230 + 0.826 = 3.056 bits.
        ((1, 7, 7, 7), 1, [False, True, False]),
        # q(A) = 0: H(p, q) = ∞ > 3 bits, but a symbol has no word.
        ((0, 8, 8, 8), 1000, [False, False, True]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(weights, n, expected) -> None:
    assert [g.reached for g in cross_entropy.goals_for(weights, n)] == expected


def test_goals_tick_from_the_sliders_and_stay_ticked() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    commit_guess(at, SLUG, 2.0)
    assert goals_ticked(at) == [False, False, False]
    set_weights(at, (4, 2, 1, 1))
    assert goals_ticked(at) == [True, False, False]
    assert any("**H(p, q) = 1.750 bits** per symbol" in m.value for m in at.markdown)
    length(at).set_value(1000).run()
    assert goals_ticked(at) == [True, False, True]
    set_weights(at, (1, 7, 7, 7))
    assert goals_ticked(at) == [True, True, True]
    assert any(m.value.startswith("**What you should have noticed.**") for m in at.markdown)
    assert at.query_params["xw"] == "1,7,7,7"
    assert at.query_params["xn"] == "1000"


@pytest.mark.parametrize(("weights", "n", "seed"), [((1, 7, 7, 7), 500, 1), ((3, 1, 2, 2), 37, 9)])
def test_the_numbers_on_screen_are_scipys_and_the_messages(weights, n, seed) -> None:
    link = {"xw": ",".join(map(str, weights)), "xn": str(n), "lseed": str(seed)}
    at = open_lesson(SLUG, {**link, "unit": "bits"})
    commit_guess(at, SLUG, 2.0)
    q = np.array(weights) / sum(weights)
    # H(p, q) = H(p) + KL(p‖q).
    h_p, h_pq = scipy_entropy(P, base=2), scipy_entropy(P, base=2) + scipy_entropy(P, q, base=2)
    assert any(
        f"**H(p, q) = {h_pq:.3f} bits** per symbol, against H(p) = {h_p:.3f} bits" in m.value
        for m in at.markdown
    )
    # The message: the seeded draws, each symbol costing −log₂ q of its own.
    outcomes = xc.draw_outcomes(P, n, seed=seed)
    cost = -np.log2(q[outcomes])
    text = "".join("ABCD"[i] for i in outcomes[:40])
    (message,) = [m.value for m in at.markdown if m.value.startswith(f"**A message of {n}")]
    assert f"`{text}" in message
    assert f"costs {cost.sum():.3f} bits: **{cost.mean():.3f} bits per symbol**" in message
    chart = at.get("plotly_chart")[0].proto.spec
    assert f"H(p, q) = {h_pq:.3f} bits" in chart and f"H(p) = {h_p:.3f} bits" in chart


def test_a_code_without_a_word_costs_infinity() -> None:
    at = open_lesson(SLUG, {"xw": "1,1,1,0", "xn": "100", "unit": "bits"})
    commit_guess(at, SLUG, 2.0)
    infinite = "**H(p, q) = ∞.** Your code has no word for D"
    assert any(m.value.startswith(infinite) for m in at.markdown)
    # p(D) = ⅛: 100 draws without a D have probability (7/8)^100 ≈ 2e-6; seed 1 has one.
    assert any("It contains D, which your code has no word for" in m.value for m in at.markdown)
    assert any("| **D** | 1/8 | 0 | ∞: no word | 3 |" in m.value for m in at.markdown)
    stop = int(np.flatnonzero(xc.draw_outcomes(P, 100, seed=1) == 3)[0])
    assert stop > 0
    stops = f"It stops at symbol {stop} (the dot): the next one, D"
    assert any(stops in c.value for c in at.caption)
    # The first symbol of seed 1's message is not a D: one symbol costs a finite amount.
    assert xc.draw_outcomes(P, 1, seed=1)[0] != 3
    length(at).set_value(1).run()
    assert any("It happens to have no D yet" in m.value for m in at.markdown)
    assert any("No symbol without a word has come yet" in c.value for c in at.caption)


def test_another_message_follows_a_new_seed() -> None:
    at = open_lesson(SLUG, {"xw": "4,2,1,1", "xn": "30", "unit": "bits"})
    commit_guess(at, SLUG, 2.0)
    before = [m.value for m in at.markdown if m.value.startswith("**A message of 30")]
    click(at, "Draw another message")
    after = [m.value for m in at.markdown if m.value.startswith("**A message of 30")]
    assert at.session_state[state.LEARN_SEED.key] == 2
    text = "".join("ABCD"[i] for i in xc.draw_outcomes(P, 30, seed=2))
    assert before != after and f"`{text}`" in after[0]


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_check_yourself_in_both_units(unit) -> None:
    # Permuting q keeps H(q) but moves the true class's probability: 0.7 → 0.1.
    at = open_lesson(SLUG, {"unit": unit})
    commit_guess(at, SLUG, 2.0)
    answer_check(at, SLUG, "Same entropy and same cross-entropy")
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, "Same entropy, but q₂ has a much higher cross-entropy")
    assert at.success and at.success[0].value.startswith("Right.")
    ce = "2.303 nats" if unit == "nats" else "3.322 bits"  # −ln 0.1, −log₂ 0.1
    assert ce.split()[0] in at.success[0].value
