"""The text page's "Language models" section (pages/text.py): what a quoted loss means
(nats per token, bits per character or per byte, perplexity), tokens against characters,
and the held-out character that cost the model the most."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout
from xent_ui.components.surprise_text import glyph
from xent_ui.text_models import Split, Surprise, per_character, shown

#: Characters per token in the example (a figure often quoted for English and GPT-style
#: subword tokenizers; it varies with the tokenizer and the language).
CHARS_PER_TOKEN = 4
CONTEXT_CHARS = 30


def _quotes(split: Split, bpc: float, unit: str) -> str:
    chars = len(split.held_out)
    size = len(split.held_out.encode("utf-8"))
    rows = [
        ("Bits per character (bpc)", "H = −(1/C) Σ log₂ q(cᵢ \\| hᵢ), C characters", f"{bpc:.3f}"),
    ]
    if unit == "nats":
        rows.append(("Nats per character", "H · ln 2", f"{bpc * math.log(2):.3f}"))
    rows += [
        (
            "Bits per byte (UTF-8)",
            f"H · C / B, B bytes (here C = {chars:,}, B = {size:,})",
            f"{bpc * chars / size:.3f}",
        ),
        (
            "Perplexity per character",
            "2^H = e^(H · ln 2)" if unit == "nats" else "2^H",
            f"{2.0**bpc:.2f}",
        ),
    ]
    return layout.markdown_table(("Quoted as", "How", "Value"), rows)


def _tokens(bpc: float, unit: str) -> str:
    per_token = CHARS_PER_TOKEN * bpc
    if unit == "nats":
        as_loss = f"{per_token * math.log(2):.3f} nats per token (what a library prints)"
    else:
        as_loss = f"{per_token:.3f} bits per token"
    return (
        "**Tokens are not characters.** A language model's tokenizer cuts text into tokens, "
        "often several characters each. For one model, the total surprise of a text is "
        "−log P(text), P(text) being the probability it gives the whole text, however the "
        "text is cut; "
        "the average per unit is not: loss per token = loss per character × characters "
        "per token. A loss per token and a loss per character can only be compared after "
        f"that conversion. At {CHARS_PER_TOKEN} characters per token (a figure often "
        "quoted for English with GPT-style tokenizers; it varies with the tokenizer and "
        f"the language), this model's {bpc:.3f} bits per character would read as "
        f"{as_loss}, and its perplexity {2.0**bpc:.2f} per character as "
        f"{2.0**per_token:,.0f} per token: perplexity per token = (perplexity per "
        f"character)^{CHARS_PER_TOKEN}."
    )


def _mistake(model: xc.NgramModel, split: Split, scores: Surprise, unit: str) -> str:
    i = int(np.argmax(scores.bits))
    worst = float(scores.bits[i])
    ch = split.held_out[i]
    before = split.held_out[:i]
    dist = xc.next_char_distribution(model, before)
    top = np.argsort(-dist, kind="stable")[:3]
    guesses = ", ".join(
        f"{layout.md_escape(glyph(model.alphabet[j]))} ({dist[j]:.2f})" for j in top
    )
    seen = split.train.count(ch)
    in_training = (
        "It never occurs in the training text: only the smoothing gave it any probability."
        if seen == 0
        else f"It occurs {seen:,} time{'s' if seen != 1 else ''} in the training text."
    )
    context = (
        f"after “{shown(before, CONTEXT_CHARS)}”" if before else "at the start of the held-out text"
    )
    bpc = scores.bits_per_character
    q = 2.0**-worst
    least = float(dist.min())
    floor = (
        " — the least it gave any character there"
        if math.isclose(q, least, rel_tol=1e-9)
        else f" (the least it gave any character there was {least:.2g})"
    )
    which = f"**“{layout.md_escape(glyph(ch))}”**, character {i + 1:,}, {context}"
    # On a text it predicts well, even the worst character may have been the top guess.
    lead = (
        "This model made none on the held-out text: even the most surprising character, "
        f"{which}, was its top guess."
        if int(np.argmax(dist)) == model.alphabet.index(ch)
        else f"The most surprising held-out character is {which}."
    )
    return (
        f"**Why one confident mistake costs so much.** {lead} The model gave it "
        f"q = {q:{'.2g' if q < 0.95 else '.4f'}}{floor}, so it cost "
        f"−log₂ q = {worst:.2f} bits: as much as {worst / bpc:.1f} characters at the "
        f"model's average of {per_character(bpc, unit, 2)}. {in_training} There the "
        f"model's top guesses were {guesses}. The loss has no ceiling: as q goes to 0, "
        "−log₂ q goes to ∞. Add-α smoothing keeps every q at least α / (count(h) + α·|V|), "
        "count(h) being how often the context h was followed by a character in the training "
        "text, so no character costs infinitely many bits; with α = 0, one held-out "
        "character never seen after its context would make the whole held-out cross-entropy "
        "infinite."
    )


def show(model: xc.NgramModel, split: Split, scores: Surprise, unit: str) -> None:
    st.subheader("Language models")
    bpc = scores.bits_per_character
    st.markdown(
        "A large language model is scored the same way as these models: its training "
        "minimises the cross-entropy of each next token given the tokens before it, "
        "averaged over its training text (for an n-gram model without smoothing, counting "
        "gives exactly that minimum). The **loss** a library prints is that average in **nats per "
        "token** (it uses the natural log), and the **perplexity** quoted with it is "
        "e^loss. Character models like these are usually quoted in **bits per character** "
        "(bpc), with perplexity 2^bpc. The log base only changes the unit: loss in bits = "
        "loss in nats / ln 2, so per the same unit of text e^(loss in nats) = 2^(loss in "
        "bits), the same perplexity. The unit of text changes the number itself: a loss per "
        "token is not a loss per character (below)."
    )
    st.markdown(
        f"The order-{model.order} model's cross-entropy on the held-out text, quoted each way:"
    )
    st.markdown(_quotes(split, bpc, unit))
    st.markdown(_tokens(bpc, unit))
    st.markdown(_mistake(model, split, scores, unit))
