"""Cross-entropy of text: character n-gram models, bits per character, perplexity, and why
a language model's loss is this loss.

Wiring and prose: the sections live in xent_ui/views (text_source, text_surprise,
text_orders, text_losses, text_sample); the models and their numbers come from xent_core
through the caches of xent_ui/text_models."""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import layout, shell, state, text_models
from xent_ui.views import text_losses, text_orders, text_sample, text_source, text_surprise

shell.require_app()


@st.fragment
def sample_section(model: xc.NgramModel, held_out_bpc: float, unit: str) -> None:
    """The sample's controls rerun this section alone, so it writes the link too."""
    text_sample.show(model, held_out_bpc, unit)
    state.write_url(state.TEXT_URL)


def main() -> None:
    st.title("Cross-entropy of text")
    st.markdown(
        "A language model's training loss is a cross-entropy: the average surprise, "
        "−log q, of each next piece of text under the model's prediction. Here the models "
        "are small enough to see to the bottom: **character n-gram models** that predict "
        "each character from the few before it, by counting. Train one on part of a text, "
        "score it on the rest, and read its loss in **bits per character**."
    )
    st.subheader("Text")
    source = text_source.show()
    if source is None:
        state.write_url(state.TEXT_URL)
        return
    unit = layout.unit()
    order, alpha = state.TEXT_ORDER.get(), state.TEXT_ALPHA.get()
    try:
        split = text_models.split(source.text, state.TEXT_HELD_OUT.get())
        model = text_models.model(split, order, alpha)
        scores = text_models.surprise(split, order, alpha)
        sweep = text_models.sweep(split, alpha)
    except xc.TextError as err:  # not expected: the alphabet covers both parts, α > 0
        st.error(layout.md_escape(str(err)), icon=":material/error:")
        state.write_url(state.TEXT_URL)
        return
    layout.explain(
        f"Training text: the first {len(split.train):,} characters; held out: the last "
        f"{len(split.held_out):,}. The alphabet V is every character of the text, "
        f"|V| = {len(split.alphabet)}, so every held-out character has a probability."
    )
    if len(split.alphabet) < 2:
        st.warning(
            "This text uses a single character, so every model gives it probability 1 and "
            "every character costs 0 bits: there is no surprise to see. Use a text with at "
            "least two different characters.",
            icon=":material/info:",
        )
        state.write_url(state.TEXT_URL)
        return
    text_surprise.show(split, scores, order, alpha, unit)
    text_orders.show(sweep, split, order, alpha, unit)
    text_losses.show(model, split, scores, unit)
    sample_section(model, scores.bits_per_character, unit)
    state.write_url(state.TEXT_URL)


main()
