"""The Learn page under AppTest: the lesson list, progress, links, and lesson 1 (surprise).

Each later lesson has its own file (tests/ui/test_learn_<lesson>.py) with the same shape:
predict first, each goal's detector at and just before its goal, the check in both units.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import answer_check, click, commit_guess, goals_ticked, open_lesson
from xent_ui import state
from xent_ui.learn import LESSONS, surprise

ROOT = Path(__file__).resolve().parents[2]


def overview(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    return at.switch_page("pages/learn.py").run()


def test_the_lessons_are_the_registry_slugs_in_order() -> None:
    assert tuple(lesson.slug for lesson in LESSONS) == state.LESSON_SLUGS
    assert len(LESSONS) == 10
    assert all(lesson.title and lesson.question.endswith("?") for lesson in LESSONS)


def test_overview_lists_every_lesson_and_starts_with_the_first() -> None:
    at = overview()
    assert not at.exception
    labels = [b.label for b in at.button]
    for number, lesson in enumerate(LESSONS, start=1):
        assert f"{number}. {lesson.title} — {lesson.question} (not yet)" in labels
    assert "0 of 10 lessons done" in at.get("progress")[0].proto.text
    click(at, "Start with lesson 1")
    assert at.header[0].value == "Surprise"
    assert at.query_params["lesson"] == "surprise"


def test_progress_is_in_the_link_only_when_asked() -> None:
    at = overview({"done": "surprise,entropy"})
    assert "2 of 10 lessons done" in at.get("progress")[0].proto.text
    assert f"Continue: {LESSONS[2].title}" in [b.label for b in at.button]
    assert "done" not in at.query_params  # kept in the tab, not written to the link
    at.toggle(key="w:" + state.LEARN_SHARE_PROGRESS.key).set_value(True).run()
    assert at.query_params["done"] == "surprise,entropy"
    assert at.query_params["progress"] == "1"


def test_a_bad_lesson_in_the_link_is_a_warning_and_the_list() -> None:
    at = overview({"lesson": "<script>"})
    assert not at.exception
    assert any("lesson" in w.value for w in at.warning)
    assert at.button(key="learn.continue")


# --- lesson 1: surprise ------------------------------------------------------------------------


def test_predict_first_hides_the_widget_until_a_guess_is_committed() -> None:
    at = open_lesson("surprise", {"unit": "bits"})
    assert not at.slider, "no widget before the guess"
    click(at, "Commit my guess")  # nothing entered
    assert any("Enter a guess first" in w.value for w in at.warning)
    assert not at.slider
    commit_guess(at, "surprise", 2.0)
    # −log₂ 0.25 = 2 bits.
    assert any(
        "You guessed **2.000 bits**; the answer is **2.000 bits**. Close: −log₂ 0.25 = 2.000 "
        "bits. That is 2 bits: q = ¼ makes heads exactly as surprising as one of four equally "
        "likely outcomes, which takes two yes/no questions to pick." in m.value
        for m in at.markdown
    )
    assert at.slider(key="w:" + state.SURPRISE_Q.key).value == pytest.approx(0.8)


def test_the_reveal_reads_in_the_unit_on_show() -> None:
    at = open_lesson("surprise")
    commit_guess(at, "surprise", 1.0)  # 1 nat; the answer is ln 4 = 1.386 nats = 2 bits
    assert any(
        "You guessed **1.000 nats**; the answer is **1.386 nats**. Not quite: −ln 0.25 = "
        "1.386 nats = 2 bits: q = ¼ makes heads exactly as surprising as one of four equally "
        "likely outcomes" in m.value
        for m in at.markdown
    )


@pytest.mark.parametrize("unit", ["nats", "bits"])
def test_the_goals_say_which_belief_and_the_check_asks_for_a_surprise(unit) -> None:
    at = open_lesson("surprise", {"unit": unit})
    commit_guess(at, "surprise", 2.0)
    goals = [g.text for g in surprise.goals_for(0.8, 0)]
    assert goals[0].startswith("Make a single heads cost more than ")
    assert goals[2] == "Flip the coin at least 20 times with q(heads) = 0.5 and read the total."
    log = "log₂" if unit == "bits" else "ln"
    assert any(
        "You gave an outcome probability 0.5, and it happened. Enter your surprise "
        f"−{log} 0.5 in {unit}, to two decimals." in m.value
        for m in at.markdown
    )
    # The answer box hints at nothing: 0.69 is this very check's answer in nats.
    check = at.number_input(key="learn.surprise.check")
    assert check.proto.placeholder == "a number"
    assert "0.69" not in check.proto.placeholder


@pytest.mark.parametrize(("unit", "one_bit"), [("nats", "0.69 nats (1 bit)"), ("bits", "1 bit")])
def test_the_notice_prices_either_face_under_a_half_belief(unit, one_bit) -> None:
    at = open_lesson("surprise", {"unit": unit, "sq": "0.12", "sn": "20"})
    commit_guess(at, "surprise", 2.0)
    at.slider(key="w:" + state.SURPRISE_Q.key).set_value(0.5).run()
    (notice,) = [m.value for m in at.markdown if m.value.startswith("**What you should have")]
    assert f"0 for a sure thing, {one_bit} for either face when you believe q(heads) = ½" in (
        notice
    )
    assert "fair coin's flip" not in notice


@pytest.mark.parametrize(
    ("q_heads", "flips", "expected"),
    [
        # −log₂ 0.13 = 2.943 bits: not yet above 3; −log₂ 0.12 = 3.059 bits: above.
        (0.13, 0, [False, False, False]),
        (0.12, 0, [True, False, False]),
        # q = 0.5: heads and tails cost 1 bit each; 19 flips are one short of the goal.
        (0.51, 30, [False, False, False]),
        (0.5, 19, [False, True, False]),
        (0.5, 20, [False, True, True]),
    ],
)
def test_goal_detectors_fire_exactly_at_their_goals(q_heads, flips, expected) -> None:
    assert [g.reached for g in surprise.goals_for(q_heads, flips)] == expected


def test_goals_tick_from_the_widget_and_stay_ticked() -> None:
    at = open_lesson("surprise", {"unit": "bits"})
    commit_guess(at, "surprise", 2.0)
    assert goals_ticked(at) == [False, False, False]
    at.slider(key="w:" + state.SURPRISE_Q.key).set_value(0.13).run()
    assert goals_ticked(at) == [False, False, False]
    at.slider(key="w:" + state.SURPRISE_Q.key).set_value(0.12).run()
    assert goals_ticked(at) == [True, False, False]
    at.slider(key="w:" + state.SURPRISE_Q.key).set_value(0.5).run()
    assert goals_ticked(at) == [True, True, False]  # the first stays ticked
    click(at, "Flip 10")
    assert goals_ticked(at) == [True, True, False]
    click(at, "Flip 10")
    assert goals_ticked(at) == [True, True, True]
    assert any(m.value.startswith("**What you should have noticed.**") for m in at.markdown)
    # 20 fair flips at q = ½: 1 bit each, a total of 20 bits.
    assert any("Total surprise **20.000 bits**" in m.value for m in at.markdown)


def test_the_flips_follow_the_seed_and_the_link() -> None:
    at = open_lesson("surprise", {"sn": "20", "sq": "0.5", "unit": "bits"})
    commit_guess(at, "surprise", 2.0)
    first = [m.value for m in at.markdown if m.value.startswith("**20 flips**")]
    again = open_lesson("surprise", {"sn": "20", "sq": "0.5", "unit": "bits"})
    commit_guess(again, "surprise", 2.0)
    assert first == [m.value for m in again.markdown if m.value.startswith("**20 flips**")]
    assert at.query_params["sn"] == "20"


@pytest.mark.parametrize(("unit", "right", "wrong"), [("nats", 0.69, 0.72), ("bits", 1.0, 0.69)])
def test_check_yourself_in_both_units(unit, right, wrong) -> None:
    at = open_lesson("surprise", {"unit": unit})
    commit_guess(at, "surprise", 2.0)
    answer_check(at, "surprise", wrong)
    assert at.error and at.error[0].value.startswith("Not quite.")
    answer_check(at, "surprise", right)
    assert at.success and at.success[0].value.startswith("Right.")


def test_the_lesson_completes_and_counts_as_done() -> None:
    at = open_lesson("surprise", {"unit": "bits", "sq": "0.12"})
    commit_guess(at, "surprise", 2.0)
    at.slider(key="w:" + state.SURPRISE_Q.key).set_value(0.5).run()
    click(at, "Flip 100")
    answer_check(at, "surprise", 1.0)
    assert any(s.value == "Lesson complete." for s in at.success)
    assert state.LESSON_SLUGS[0] in at.session_state[state.LEARN_DONE.key]
    click(at, "All lessons")
    assert "1 of 10 lessons done" in at.get("progress")[0].proto.text


# --- every lesson: notation --------------------------------------------------------------------

# Subscripts in prose are q_t and qᵢ (never qₜ or q_i); a temperature above 1 "flattens".
OFF_NOTATION = re.compile(r"qₜ|\bq_i\b|soften|\bspread \(T")


@pytest.mark.parametrize("unit", ["nats", "bits"])
@pytest.mark.parametrize("slug", state.LESSON_SLUGS)
def test_every_lesson_writes_one_notation(slug: str, unit: str) -> None:
    at = open_lesson(slug, {"unit": unit})
    radio = [r for r in at.radio if r.key == f"learn.{slug}.guess"]
    commit_guess(at, slug, radio[0].options[0] if radio else 1.0)
    texts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    texts += [w.help or "" for w in (*at.slider, *at.select_slider)]
    texts += [w.label for w in (*at.slider, *at.select_slider)]
    found = [t for t in texts if OFF_NOTATION.search(t)]
    assert not found, (slug, found)
