"""The text page's "See the surprise" section (pages/text.py): the held-out text shaded by
each character's surprise under the model shown, and the running bits per character."""

from __future__ import annotations

import streamlit as st

from xent_ui import charts, classroom, layout
from xent_ui.components import surprise_text
from xent_ui.components.surprise_text import BANDS
from xent_ui.text_models import SHOWN_CHARS, TOP_GUESSES, Split, Surprise, per_character

#: The running mean is quoted after this many characters (fewer if the text is shorter).
EARLY_CHARS = 100


def show(split: Split, scores: Surprise, order: int, alpha: float, unit: str) -> None:
    st.subheader("See the surprise")
    context = (
        "from the frequencies of the characters alone"
        if order == 1
        else f"from the {order - 1} character{'s' if order > 2 else ''} before it"
    )
    st.markdown(
        f"The order-{order} model counted the training text ({len(split.train):,} "
        f"characters, α = {alpha:g}) and now reads the held-out text, which it has never "
        f"seen, one character at a time. Before each character it gives every one of the "
        f"|V| = {len(split.alphabet)} characters a probability q, {context}"
        + (
            " (a start symbol stands in for those before the held-out text's start)"
            if order > 1
            else ""
        )
        + "; the character that comes costs **−log₂ q bits** of surprise."
    )
    held = split.held_out
    n_shown = min(len(held), SHOWN_CHARS)
    payload = surprise_text.surprise_payload(
        held[:n_shown],
        scores.bits[:n_shown].tolist(),
        scores.guesses[:n_shown],
        order=order,
        large=classroom.presenter_mode(),
    )
    surprise_text.surprise_text(key="text-surprise", payload=payload)
    more = (
        f"The first {n_shown:,} of the {len(held):,} held-out characters are shown; the "
        "numbers on this page use all of them. "
        if len(held) > n_shown
        else ""
    )
    low, high = BANDS[0], BANDS[-1]
    top = min(TOP_GUESSES, len(split.alphabet))
    layout.explain(
        f"{more}Unshaded: under {low:g} bit{'s' if low != 1 else ''}, so the model gave the "
        f"character more than 1/{2**low:g}. Each step of the legend is a band of surprise; "
        f"the darkest, {high:g} bits or more, means q ≤ 1/{2**high:g}. ↵ marks a newline "
        "and ⇥ a tab. Hover or tap a character, or focus the text and use the arrow keys, "
        f"for its probability and the model's top {top} guesses."
    )
    bpc = scores.bits_per_character
    early = min(EARLY_CHARS, len(scores.bits))
    st.plotly_chart(
        charts.running_bpc_figure(scores.positions.tolist(), scores.running.tolist(), final=bpc),
        key="text-running",
    )
    start = (
        f"After the first {early} held-out characters it is "
        f"{per_character(float(scores.bits[:early].mean()), unit)}; over all"
        if early < len(held)
        else "It starts at the first character's surprise, "
        f"{per_character(float(scores.bits[0]), unit)}; over all"
    )
    layout.explain(
        f"The running mean of the surprise. {start} {len(held):,} it is "
        f"{per_character(bpc, unit)}: the model's cross-entropy on text it has not seen. A "
        "few surprising characters move it a lot early on; it settles as the characters "
        "add up."
    )
