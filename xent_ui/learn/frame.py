"""The frame every lesson shares: predict first, try this, what you should have noticed,
check yourself, and where to go deeper.

A lesson module calls these in order. Predictions and answers are kept in nats (an index
for a choice), so the reveal reads the same in whichever unit the learner switches to.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import streamlit as st

from xent_core import misconceptions as bank
from xent_ui import layout, state


@dataclass(frozen=True)
class Lesson:
    """A lesson: its stable slug (``?lesson=<slug>``), title, the question it answers, and
    the function that draws it (returning True once the lesson is complete: every goal
    ticked and the check answered right)."""

    slug: str
    title: str
    question: str
    draw: Callable[[], bool]


@dataclass(frozen=True)
class Prediction:
    """Predict first: a question answered before the widget appears.

    ``answer`` is a number in nats (the learner types it in the chosen unit) or, with
    ``choices``, the index of the right choice. ``why`` is shown with the reveal.
    """

    prompt: str
    answer: float | int
    why: str
    choices: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Goal:
    """A "Try this" goal and whether the widget's state reaches it now."""

    text: str
    reached: bool


# --- units in prose ------------------------------------------------------------------------


def amount(nats: float, digits: int = 3) -> str:
    """A value in nats written in the chosen unit: "1.386 nats" or "2.000 bits"."""
    if math.isinf(nats):
        return f"∞ {layout.unit()}"
    return f"{layout.fixed(nats * layout.per_nat(), digits)} {layout.unit()}"


def bits_goal(bits: float) -> str:
    """A threshold stated in bits, with its value in nats beside it when nats are chosen."""
    text = f"{bits:g} bit" + ("" if bits == 1 else "s")
    if layout.unit() == "bits":
        return text
    return f"{layout.fixed(bits * math.log(2), 2)} nats ({text})"


# --- predict first -------------------------------------------------------------------------


def predict(slug: str, prediction: Prediction) -> bool:
    """Ask for a prediction; once committed, reveal the truth. True once committed."""
    made = state.LEARN_PREDICTIONS.get()
    with st.container(border=True, key=f"learn-{slug}-predict"):
        st.markdown(f"**Predict first.** {prediction.prompt}")
        if slug not in made:
            _ask(slug, prediction)
            return False
        _reveal(made[slug], prediction)
    return True


def _answer_input(
    label: str, choices: Sequence[str] | None, key: str, *, two_decimals: bool = False
) -> None:
    """One of ``choices``, or a number in the chosen unit (to two decimals when asked)."""
    if choices is not None:
        st.radio(label, choices, index=None, key=key)
        return
    st.number_input(
        f"{label} ({layout.unit()}{', two decimals' if two_decimals else ''})",
        min_value=0.0,
        max_value=100.0,
        value=None,
        step=0.01 if two_decimals else 0.1,
        format="%.2f" if two_decimals else None,
        placeholder="a number",
        key=key,
    )


def _ask(slug: str, prediction: Prediction) -> None:
    guess = state.lesson_widget(slug, "guess")
    with st.form(key=f"learn.{slug}.predict", border=False):
        _answer_input("Your guess", prediction.choices, guess.key)
        st.form_submit_button(
            "Commit my guess", type="primary", on_click=_commit, args=(slug, prediction)
        )
    message = state.LEARN_MISSING.get().get(slug)
    if message:
        st.warning(message)
    st.caption("The widget appears once you have committed a guess: no peeking.")


def _commit(slug: str, prediction: Prediction) -> None:
    widget = state.lesson_widget(slug, "guess")
    response = widget.value()
    missing = state.LEARN_MISSING.get()
    if response is None:
        missing[slug] = "Enter a guess first (any guess will do), then commit it."
        return
    missing.pop(slug, None)
    if prediction.choices is None:
        stored: float | int = float(response) / layout.per_nat()
    else:
        stored = prediction.choices.index(response)
    state.LEARN_PREDICTIONS.get()[slug] = stored
    widget.clear()


def _reveal(response: float | int, prediction: Prediction) -> None:
    if prediction.choices is None:
        guess, truth = float(response), float(prediction.answer)
        close = abs(guess - truth) <= max(0.1 * truth, 0.05)
        verdict = "Close" if close else "Not quite"
        st.markdown(
            f"You guessed **{amount(guess)}**; the answer is **{amount(truth)}**. "
            f"{verdict}: {prediction.why}"
        )
    else:
        right = int(response) == int(prediction.answer)
        answer = prediction.choices[int(prediction.answer)]
        verdict = "Right" if right else f"Not quite — the answer is “{answer}”"
        st.markdown(f"You chose “{prediction.choices[int(response)]}”. **{verdict}.** ")
        st.markdown(prediction.why)


# --- try this -------------------------------------------------------------------------------

#: A goal's mark: Streamlit's bundled icon font (an emoji may be missing on a
#: projector PC or a headless browser), with the words for screen readers and print.
DONE_MARK = ":material/check_circle: **Done:**"
NOT_YET_MARK = ":material/radio_button_unchecked: **Not yet:**"


def goals(slug: str, lesson_goals: Sequence[Goal]) -> bool:
    """Tick each goal the widget's state reaches (a tick stays once earned); True when all
    are ticked."""
    reached = state.LEARN_REACHED.get().setdefault(slug, set())
    for i, goal in enumerate(lesson_goals):
        if goal.reached:
            reached.add(i)
    with st.container(border=True, key=f"learn-{slug}-goals"):
        st.markdown("**Try this**")
        for i, goal in enumerate(lesson_goals):
            mark = DONE_MARK if i in reached else NOT_YET_MARK
            st.markdown(f"{mark} {goal.text}")
    return len(reached) == len(lesson_goals)


def notice(all_reached: bool, text: str) -> None:
    """What you should have noticed: shown once every goal is ticked."""
    if all_reached:
        with st.container(border=True, key="learn-notice"):
            st.markdown(f"**What you should have noticed.** {text}")
    else:
        st.caption("Reach the goals above: what to notice appears when they are all ticked.")


# --- check yourself -------------------------------------------------------------------------


def check(slug: str, item_id: str) -> bool:
    """One question from the misconception bank, checked exactly in the chosen unit; True
    once answered right."""
    item = bank.item(item_id)
    base = layout.base()
    answered = state.LEARN_CHECKS.get().get(slug)
    with st.container(border=True, key=f"learn-{slug}-check"):
        st.markdown(f"**Check yourself.** {item.text(base)}")
        widget = state.lesson_widget(slug, "check")
        with st.form(key=f"learn.{slug}.check", border=False):
            _answer_input("Your answer", item.options(base), widget.key, two_decimals=True)
            st.form_submit_button("Check", on_click=_answer, args=(slug, item))
        message = state.LEARN_MISSING.get().get(f"{slug}.check")
        if message:
            st.warning(message)
        if answered is not None:
            response, _ = answered
            shown = response * layout.per_nat() if item.choices is None else response
            result = bank.check(item, shown, base=base)
            (st.success if result.correct else st.error)(
                ("Right. " if result.correct else "Not quite. ") + result.explanation
            )
            return bool(result.correct)
    return False


def _answer(slug: str, item: bank.Item) -> None:
    widget = state.lesson_widget(slug, "check")
    response = widget.value()
    missing = state.LEARN_MISSING.get()
    if response is None:
        missing[f"{slug}.check"] = "Enter an answer first, then check it."
        return
    missing.pop(f"{slug}.check", None)
    if item.choices is None:
        result = bank.check(item, float(response), base=layout.base())
        stored: float | int = float(response) / layout.per_nat()
    else:
        stored = item.options(layout.base()).index(response)
        result = bank.check(item, stored, base=layout.base())
    state.LEARN_CHECKS.get()[slug] = (stored, result.correct)


# --- onward ---------------------------------------------------------------------------------


def deeper(links: Sequence[tuple[str, str]]) -> None:
    """Links onward to the full pages that go deeper."""
    st.markdown("**Go deeper**")
    for page, label in links:
        st.page_link(page, label=label, icon=":material/arrow_forward:")


def finish(
    slug: str,
    reached: bool,
    *,
    noticed: str,
    question: str,
    onward: Sequence[tuple[str, str]],
) -> bool:
    """A lesson's end, the same in every lesson: what you should have ``noticed`` (shown
    once every goal is ticked), the bank's ``question`` to check yourself, the links
    ``onward``. True once the lesson is complete: every goal ticked, the check right."""
    notice(reached, noticed)
    right = check(slug, question)
    deeper(onward)
    return reached and right


def and_list(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
