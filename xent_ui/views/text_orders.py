"""The text page's "Compare models" section (pages/text.py): training and held-out bits per
character for orders 1 to 6 on one chart, with the uniform model and the unigram entropy
as references, perplexity in a table beside it, and a caption that reads the chart."""

from __future__ import annotations

import itertools

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout
from xent_ui.text_models import Split, per_character


def _table(sweep: list[xc.OrderScore], unit: str) -> str:
    """Order, training and held-out bits per character (and nats, in nats), perplexity."""
    nats = unit == "nats"
    header = ["n", "Training", "Held out", *(["in nats"] if nats else []), "Perplexity"]
    rows = [
        [
            str(s.order),
            f"{s.train_bpc:.3f}",
            f"{s.held_out_bpc:.3f}",
            *([f"{s.held_out_bpc * np.log(2):.3f}"] if nats else []),
            f"{s.held_out_perplexity:.2f}",
        ]
        for s in sweep
    ]
    return layout.markdown_table(header, rows)


def _training_sentence(train: list[float], alpha: float, size: int) -> str:
    falls = all(b < a for a, b in itertools.pairwise(train))
    if falls:
        return (
            f"Training cross-entropy falls with every order, from {train[0]:.3f} to "
            f"{train[-1]:.3f} bits per character: a longer context fits the text it was "
            "counted on better."
        )
    low = int(np.argmin(train))
    if low == len(train) - 1:
        return (
            f"Training cross-entropy falls from {train[0]:.3f} to {train[-1]:.3f} bits per "
            "character, though not at every order."
        )
    return (
        f"Training cross-entropy is lowest at order {low + 1} ({train[low]:.3f} bits per "
        f"character) and {train[-1]:.3f} at order {len(train)}: with α = {alpha:g}, a "
        f"context seen c times spreads α·|V| / (c + α·|V|) = {alpha * size:g} / "
        f"(c + {alpha * size:g}) of its probability evenly over all |V| = {size} "
        "characters, and long contexts are mostly rare. A smaller α lets it fall further."
    )


def _held_out_sentence(held: list[float]) -> str:
    best = int(np.argmin(held))
    last = len(held)
    if best == last - 1:
        return (
            f"Held-out cross-entropy is still falling at order {last} "
            f"({held[-1]:.3f} bits per character): with this much text, longer contexts "
            "still carry over to text the model has not seen."
        )
    where = (
        f"is lowest at order 1 ({held[0]:.3f} bits per character) and rises to"
        if best == 0
        else f"falls to {held[best]:.3f} bits per character at order {best + 1} and is back up to"
    )
    return (
        f"Held-out cross-entropy {where} {held[-1]:.3f} at order {last}: the longer the "
        "context, the more of the held-out text's contexts the "
        "training text never contained, or contained too few times to predict from. The "
        "model has fitted the training text, not the language: over-fitting, measured in "
        "bits."
    )


def show(sweep: list[xc.OrderScore], split: Split, order: int, alpha: float, unit: str) -> None:
    st.subheader("Compare models")
    st.markdown(
        f"The same split, models of order 1 to {len(sweep)}, all with α = {alpha:g}. "
        "**Training** cross-entropy is measured on the text each model counted; "
        "**held-out** cross-entropy on the text it never saw."
    )
    size = len(split.alphabet)
    uniform = xc.uniform_bits(size)
    unigram = xc.unigram_entropy(split.train)
    train = [s.train_bpc for s in sweep]
    held = [s.held_out_bpc for s in sweep]
    chart, table = st.columns([4, 3], gap="medium")
    with chart:
        st.plotly_chart(
            charts.order_sweep_figure(
                [s.order for s in sweep],
                train,
                held,
                uniform_bits=uniform,
                alphabet_size=size,
                unigram_bits=unigram,
                chosen=order,
            ),
            key="text-orders",
        )
    with table:
        st.markdown(
            "**Bits per character** of the models of order n on the training and the "
            "held-out text; perplexity per character on the held-out text, 2^(held-out bits "
            "per character)."
            + (
                " The held-out cross-entropy in nats per character beside it (the perplexity "
                "is also e^(nats))."
                if unit == "nats"
                else ""
            )
        )
        st.markdown(_table(sweep, unit))
    best = min(sweep, key=lambda s: s.held_out_bpc)
    about = f"{best.held_out_perplexity:.0f}"
    layout.explain(
        f"The uniform model gives each of the |V| = {size} characters probability 1/{size} "
        f"and pays log₂ {size} = {uniform:.3f} bits for every character. Counting "
        f"character frequencies (order 1) brings the training text down to "
        f"{train[0]:.3f} bits per character, the cross-entropy H(p̂, q) of its character "
        f"frequencies p̂ and the order-1 model's probabilities q. Its unigram entropy is "
        f"H(p̂) = {unigram:.3f} bits. The gap, H(p̂, q) − H(p̂) = KL(p̂‖q) = "
        f"{train[0] - unigram:.2g} bits, is what smoothing costs on the training text "
        "(α = 0 would make q = p̂). "
        + _training_sentence(train, alpha, size)
        + " "
        + _held_out_sentence(held)
    )
    layout.explain(
        "**Perplexity** is 2 to the power of the cross-entropy in bits (e to the power of "
        "it in nats: the same number): the effective number of equally likely next "
        "characters. A model that always spread its "
        "probability evenly over that many characters, the right one among them, would pay "
        f"the same bits per character. The best held-out model here, order {best.order} at "
        f"{per_character(best.held_out_bpc, unit)}, has perplexity "
        f"{best.held_out_perplexity:.2f}: on average as surprised as a fair choice among "
        f"about {about} character{'s' if about != '1' else ''} would be, against {size} "
        "for the uniform model."
    )
