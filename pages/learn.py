"""Learn: a guided path of short lessons, from surprise to calibration."""

import streamlit as st

from xent_ui import shell, state
from xent_ui.learn import BY_SLUG, LESSONS

shell.require_app()


def _open(slug: str) -> None:
    state.LESSON.set(slug)


def _next_slug() -> str:
    """The first lesson not done yet (the first lesson when all are done)."""
    done = set(state.LEARN_DONE.get())
    return next((lesson.slug for lesson in LESSONS if lesson.slug not in done), LESSONS[0].slug)


def _mark_done(slug: str) -> None:
    done = state.LEARN_DONE.get()
    if slug not in done:
        # In lesson order, as the link writes them.
        state.LEARN_DONE.set([s for s in state.LESSON_SLUGS if s in {*done, slug}])


def overview() -> None:
    done = set(state.LEARN_DONE.get())
    st.markdown(
        f"**{len(LESSONS)} short lessons**, about three minutes each. Each one asks you to "
        "**predict** before you look, gives you a widget and a few goals to **try**, tells "
        "you what you should have **noticed**, and ends with one question to **check "
        "yourself**. Work through them in order; every lesson links to the full page that "
        "goes deeper."
    )
    count = sum(lesson.slug in done for lesson in LESSONS)
    st.progress(count / len(LESSONS), text=f"{count} of {len(LESSONS)} lessons done")
    nxt = _next_slug()
    label = "Start with lesson 1" if not done else f"Continue: {BY_SLUG[nxt].title}"
    st.button(
        label,
        type="primary",
        icon=":material/play_arrow:",
        key="learn.continue",
        on_click=_open,
        args=(nxt,),
    )
    for number, lesson in enumerate(LESSONS, start=1):
        finished = lesson.slug in done
        st.button(
            f"{number}. {lesson.title} — {lesson.question} ({'done' if finished else 'not yet'})",
            key=f"learn.open.{lesson.slug}",
            icon=":material/check_circle:" if finished else ":material/radio_button_unchecked:",
            type="tertiary",
            on_click=_open,
            args=(lesson.slug,),
        )
    st.toggle(
        "Put my progress in this page's link",
        help="Off: your progress stays in this browser tab only. On: the link (and the QR "
        "code under Share this view) carries which lessons you have done.",
        **state.bind(state.LEARN_SHARE_PROGRESS),
    )


def lesson_page(slug: str) -> None:
    number = state.LESSON_SLUGS.index(slug) + 1
    lesson = BY_SLUG[slug]
    back, _, forward = st.columns([1, 2, 1])
    back.button("All lessons", icon=":material/list:", key="learn.back", on_click=_open, args=("",))
    st.caption(f"Lesson {number} of {len(LESSONS)}")
    st.header(lesson.title)
    complete = lesson.draw()
    if complete:
        _mark_done(slug)
        st.success("Lesson complete.", icon=":material/check_circle:")
    if number < len(LESSONS):
        following = LESSONS[number]
        forward.button(
            f"Next: {following.title}",
            icon=":material/arrow_forward:",
            key="learn.next",
            on_click=_open,
            args=(following.slug,),
        )
        st.button(
            f"Next lesson: {following.title}",
            type="primary" if complete else "secondary",
            icon=":material/arrow_forward:",
            key="learn.next.bottom",
            on_click=_open,
            args=(following.slug,),
        )


st.title("Learn")
slug = state.LESSON.get()
if slug in BY_SLUG:
    lesson_page(slug)
else:
    overview()
state.write_url(state.LEARN_URL)
