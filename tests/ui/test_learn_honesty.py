"""Lesson 7, Honesty pays, under AppTest: predict first, the goals' detectors, the ticks
from the sliders, the table against SciPy (with the 0.5 forecast's accuracy), and the
check in both units.

The coin lands heads with p = 0.7; the first 20 days of the default seed (1) are
H T H T H H T H H H T H H T H H H H H H: 15 heads and 5 tails.
"""

from __future__ import annotations

import math

import pytest
from scipy.stats import entropy

from tests.helpers import answer_check, commit_guess, goals_ticked, markdown_rows, open_lesson
from xent_ui import state
from xent_ui.learn import honesty

SLUG = "honesty"
Q_SLIDER = "w:" + state.HONEST_Q.key
N_SLIDER = "w:" + state.HONEST_N.key
HONEST = "The honest forecaster, who always says 0.7"
P = [0.7, 0.3]


def expected(q: float, base: float) -> float:
    """H(p, q) = H(p) + KL(p‖q), by SciPy."""
    return float(entropy(P, base=base) + entropy(P, [q, 1 - q], base=base))


def table(at) -> dict[str, list[str]]:
    (body,) = [m.value for m in at.markdown if m.value.startswith("| Who |")]
    return {row[0].strip("*"): row[1:] for row in markdown_rows(body)}


def test_predict_first_then_the_reveal_in_both_units() -> None:
    at = open_lesson(SLUG)
    assert not at.slider, "no sliders before the guess"
    commit_guess(at, SLUG, "The bold forecaster, who always says 0.95")
    assert any("Not quite — the answer is “" + HONEST + "”" in m.value for m in at.markdown)
    # Hedger ln 2 = 0.693; honest H(0.7) = 0.611; bold −0.7 ln 0.95 − 0.3 ln 0.05 = 0.935.
    assert any(
        "0.693 nats for the hedger, 0.611 nats for the honest one and 0.935 nats for the bold"
        in m.value
        for m in at.markdown
    )
    assert any("announcing q = p is the only way to pay just H(p)." in m.value for m in at.markdown)
    at = open_lesson(SLUG, {"unit": "bits"})
    commit_guess(at, SLUG, HONEST)
    # The same divided by ln 2: 1, 0.881 and 1.348 bits.
    assert any(
        "1.000 bits for the hedger, 0.881 bits for the honest one and 1.348 bits for the bold"
        in m.value
        for m in at.markdown
    )
    assert any(
        "H(p, q) = −p log₂ q − (1 − p) log₂(1 − q) (here p and q are the probabilities of "
        "heads)." in m.value
        for m in at.markdown
    )


@pytest.mark.parametrize(
    ("q", "days", "expected_goals"),
    [
        # The start: q = 0.5 backs neither side, 20 days.
        (0.5, 20, [False, False, False]),
        (0.69, 499, [False, False, False]),
        (0.7, 499, [True, False, False]),
        (0.7, 500, [True, True, False]),
        # KL(0.7‖q) in bits: 0.0879 at q = 0.84, 0.1039 at 0.85 (heads backed both times) …
        (0.84, 1, [False, False, False]),
        (0.85, 1, [False, False, True]),
        # … 0.0968 at 0.52 and 0.1075 at 0.51: the near-hedger 0.51 backs heads every day.
        (0.52, 1, [False, False, False]),
        (0.51, 1, [False, False, True]),
        # 0.5 has KL 0.1187 bits but backs neither side; 0.15 (1.105 bits) backs tails.
        (0.5, 5000, [False, True, False]),
        (0.15, 1, [False, False, False]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(q, days, expected_goals) -> None:
    assert [g.reached for g in honesty.goals_for(q, days)] == expected_goals


def test_goals_tick_from_the_sliders_and_stay_ticked() -> None:
    at = open_lesson(SLUG, {"unit": "bits"})
    commit_guess(at, SLUG, HONEST)
    assert goals_ticked(at) == [False, False, False]
    at.slider(key=Q_SLIDER).set_value(0.7).run()
    assert goals_ticked(at) == [True, False, False]
    at.slider(key=N_SLIDER).set_value(499).run()
    assert goals_ticked(at) == [True, False, False]
    at.slider(key=N_SLIDER).set_value(500).run()
    at.slider(key=Q_SLIDER).set_value(0.95).run()
    assert goals_ticked(at) == [True, True, True]
    (notice,) = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    assert (
        "That makes cross-entropy a *strictly proper* scoring rule: judged by your own belief, "
        "announcing that belief is the unique best forecast." in notice
    )
    assert (
        "every forecast above 0.5 backs heads every day and has the same accuracy, whether it "
        "says 0.51, 0.7 or 0.99." in notice
    )
    assert at.query_params["hq"] in ("0.95", ["0.95"])
    assert at.query_params["hn"] in ("500", ["500"])


@pytest.mark.parametrize(("unit", "base"), [("nats", math.e), ("bits", 2.0)])
def test_the_table_is_scipys(unit, base) -> None:
    at = open_lesson(SLUG, {"unit": unit, "hq": "0.3"})
    commit_guess(at, SLUG, HONEST)
    assert any(
        m.value.startswith("**20 days**: 15 heads and 5 tails") and f"in {unit}," in m.value
        for m in at.markdown
    )
    rows = table(at)
    for name, q in (("hedger", 0.5), ("honest", 0.7), ("bold", 0.95), ("you", 0.3)):
        # 15 heads and 5 tails: average −(15 log q + 5 log(1 − q)) / 20 = H(p̂, q), p̂ = ¾.
        average = float(
            entropy([0.75, 0.25], base=base) + entropy([0.75, 0.25], [q, 1 - q], base=base)
        )
        assert rows[name][0] == f"{q:g}"
        assert rows[name][1] == f"{average:.3f}"
        assert rows[name][2] == f"{expected(q, base):.3f}"
    # Heads backed (q > 0.5): right on the 15 heads; tails backed (0.3): on the 5 tails;
    # 0.5 backs neither and scores half a hit a day. The honest and the bold tie.
    assert [rows[n][3] for n in ("hedger", "honest", "bold", "you")] == [
        "50.0 %",
        "75.0 %",
        "75.0 %",
        "25.0 %",
    ]


def test_over_5000_days_each_average_nears_its_expectation() -> None:
    at = open_lesson(SLUG, {"hn": "5000"})
    commit_guess(at, SLUG, HONEST)
    rows = table(at)
    # Over 5000 days each average is within 0.05 nats of its expectation, in the order
    # honest < hedger < bold.
    averages = {n: float(rows[n][1]) for n in ("hedger", "honest", "bold")}
    for name, q in (("hedger", 0.5), ("honest", 0.7), ("bold", 0.95)):
        assert averages[name] == pytest.approx(expected(q, math.e), abs=0.05)
    assert averages["honest"] < averages["hedger"] < averages["bold"]


@pytest.mark.parametrize(("unit", "right", "wrong"), [("nats", 0.67, 0.69), ("bits", 0.97, 1.0)])
def test_check_yourself_in_both_units(unit, right, wrong) -> None:
    # right-but-unsure: −ln 0.51 = 0.6733 nats = 0.9714 bits.
    at = open_lesson(SLUG, {"unit": unit})
    commit_guess(at, SLUG, HONEST)
    answer_check(at, SLUG, wrong)
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, SLUG, right)
    assert at.success and at.success[0].value.startswith("Right.")


def test_the_lesson_completes() -> None:
    at = open_lesson(SLUG, {"hq": "0.51", "hn": "1000"})
    commit_guess(at, SLUG, HONEST)
    assert goals_ticked(at) == [False, True, True]
    at.slider(key=Q_SLIDER).set_value(0.7).run()
    answer_check(at, SLUG, 0.67)
    assert any(s.value == "Lesson complete." for s in at.success)
