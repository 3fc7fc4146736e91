"""Classroom: present a scenario deck, quiz yourself (predict, then reveal), share and export."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, classroom, layout, shell, state
from xent_ui.deck import DeckError, parse_deck
from xent_ui.views import misconception_quiz

shell.require_app()


def _deck_section() -> None:
    st.subheader("Scenario deck")
    deck = classroom.current_deck()
    st.markdown(
        f"**{layout.md_escape(deck.title)}** — {len(deck.steps)} steps. Each step opens a "
        "page in a prepared state with a short explanation above it. Step with **Page Down** "
        "and **Page Up** (a presentation clicker sends those) or the buttons above the page."
    )
    st.button(
        "Start the deck",
        icon=":material/play_arrow:",
        type="primary",
        key="deck.start",
        on_click=classroom.go_to_step,
        args=(1,),
    )
    for number, step in enumerate(deck.steps, start=1):
        st.button(
            f"{number}. {step.title} · {step.page}",
            key=f"deck.open.{number}",
            on_click=classroom.go_to_step,
            args=(number,),
            type="tertiary",
            help=f"Open step {number} on the {step.page} page",
        )

    with st.expander("Use your own deck"):
        st.markdown(
            "A deck is a TOML file: a `title` and `[[step]]` tables with `title`, `page` "
            "(explorer, curves, logits, simplex or learn), `text` and a `[step.state]` table using "
            "the names of the page's link. Download the built-in deck as a template."
        )
        st.download_button(
            "Download the built-in deck",
            data=classroom.builtin_deck_bytes(),
            file_name="xent-deck.toml",
            mime="application/toml",
            key="deck.template",
            icon=":material/download:",
        )
        st.file_uploader("Deck file (.toml, up to 64 KB)", type=["toml"], key=state.DECK_FILE.key)
        st.text_area("…or paste a deck", key=state.DECK_TEXT.key, height=160)
        left, right = st.columns(2)
        left.button("Load this deck", key="deck.load", on_click=_load_deck)
        right.button("Back to the built-in deck", key="deck.builtin", on_click=_builtin_deck)
        if state.DECK_ERROR.get():
            st.error(state.DECK_ERROR.get(), icon=":material/error:")


def _load_deck() -> None:
    """Callback: read the uploaded file, else the pasted text; keep both as they are."""
    upload = state.DECK_FILE.value()
    data = upload.getvalue() if upload is not None else (state.DECK_TEXT.value() or "")
    if not data:
        state.DECK_ERROR.set("Choose a deck file or paste a deck first.")
        return
    try:
        deck = parse_deck(data)
    except DeckError as err:
        state.DECK_ERROR.set(f"This deck cannot be used: {err}")
        return
    state.CUSTOM_DECK.set(deck)
    state.DECK_ERROR.clear()
    state.DECK_STEP.set(0)
    st.toast(f"Loaded the deck with {len(deck.steps)} steps.")


def _builtin_deck() -> None:
    state.CUSTOM_DECK.clear()
    state.DECK_ERROR.clear()
    state.DECK_STEP.set(0)


def _quiz_section() -> None:
    st.subheader("Predict, then reveal")
    st.markdown(
        "Commit to an answer before you see the numbers. The questions come from the "
        "seed, so a whole room with the same seed gets the same questions."
    )
    seed = st.number_input(
        "Question seed", min_value=0, max_value=9999, step=1, **state.bind(state.QUIZ_SEED)
    )
    index = state.QUIZ_INDEX.get()
    right, answered = state.QUIZ_SCORE.get()
    st.metric("Score this session", f"{right} / {answered}")
    question = xc.make_question(int(seed), index)
    response = state.QUIZ_ANSWERED.get().get((int(seed), index))
    # Graded again in the unit on show: the verdict does not depend on the unit.
    graded = (
        None if response is None else xc.grade(question, _in_unit(response), base=layout.base())
    )
    with st.container(border=True, key="quiz-question"):
        st.markdown(f"**Question {index + 1}.** {layout.md_escape(question.prompt)}")
        labels = ["A", "B"] if question.kind == "compare" else ["q"]
        for label, q in zip(labels, question.predictions, strict=True):
            st.plotly_chart(
                charts.quiz_prediction_figure(question.names, q, question.label, title=label),
                key=f"quiz.chart.{label}",
                config={"staticPlot": True},
            )
        if graded is None:
            _ask(question, int(seed), index)
        else:
            _reveal(question, graded)
    st.button(
        "Next question",
        icon=":material/skip_next:",
        key="quiz.next",
        on_click=state.QUIZ_INDEX.set,
        args=(index + 1,),
        disabled=graded is None,
    )


def _in_unit(response: float | str) -> float | str:
    """A stored response (an estimate in nats) in the unit on show."""
    return response * layout.per_nat() if isinstance(response, float) else response


def _ask(question: xc.Question, seed: int, index: int) -> None:
    with st.form(key="quiz.form", border=False):
        if question.kind == "estimate":
            st.number_input(
                f"Your guess of the loss ({layout.unit()})",
                min_value=0.0,
                max_value=50.0,
                value=None,
                step=0.1,
                placeholder="e.g. 0.7",
                key=state.QUIZ_GUESS.key,
            )
        else:
            st.radio(
                "Lower loss", ["A", "B"], index=None, horizontal=True, key=state.QUIZ_CHOICE.key
            )
        st.form_submit_button(
            "Reveal", type="primary", on_click=_submit, args=(question, seed, index)
        )
    if state.QUIZ_NO_ANSWER.get():
        st.warning("Enter an answer first, then reveal.")


def _submit(question: xc.Question, seed: int, index: int) -> None:
    widget = state.QUIZ_GUESS if question.kind == "estimate" else state.QUIZ_CHOICE
    response = widget.value()
    state.QUIZ_NO_ANSWER.set(response is None)
    if response is None:
        return
    result = xc.grade(question, response, base=layout.base())
    # Kept in nats, so that the reveal can show it in whichever unit is chosen then.
    state.QUIZ_ANSWERED.get()[(seed, index)] = (
        response / layout.per_nat() if question.kind == "estimate" else response
    )
    right, answered = state.QUIZ_SCORE.get()
    state.QUIZ_SCORE.set([right + int(result.correct), answered + 1])
    widget.clear()


def _reveal(question: xc.Question, graded: xc.Grade) -> None:
    if question.kind == "estimate":
        unit = layout.unit()
        answer = xc.answer_in(question, layout.base())
        verdict = "Right" if graded.correct else "Not quite"
        tolerance = xc.quiz.ABSOLUTE_TOLERANCE * layout.per_nat()
        st.markdown(
            f"**{verdict}.** The loss is **{answer:.3f} {unit}**; you were "
            f"{abs(graded.error):.3f} {unit} {'over' if graded.error > 0 else 'under'} "
            f"(within {xc.quiz.TOLERANCE:.0%} or {tolerance:.2g} {unit}, whichever is larger, "
            "counts as right)."
        )
    else:
        verdict = "Right" if graded.correct else "Not quite"
        st.markdown(f"**{verdict}.** Prediction **{question.answer}** has the lower loss.")
    st.caption(graded.explanation)


def _share_section() -> None:
    st.subheader("Share and export")
    st.markdown(
        "Every page keeps its whole state in its link. **Share this view** in the sidebar "
        "gives the link and a QR code of the page you are on; in presenter mode, open it "
        "on the page you want students to see and put the code on the projector. Every "
        "plotted chart (not the quiz cards) downloads as PNG from its toolbar (the "
        "explorer's small live charts from their PNG buttons); the explorer and the logits "
        "page export their numbers as CSV and LaTeX."
    )


st.title("Classroom")
st.markdown(
    "For a lecture and for testing yourself: a guided deck of scenarios, quick questions "
    "with the answer revealed after you commit, and links and QR codes to share any view."
)
_deck_section()
_quiz_section()
misconception_quiz.show(int(state.QUIZ_SEED.get()))
_share_section()
state.write_url(state.CLASSROOM_URL)
