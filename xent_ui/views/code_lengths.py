"""The simplex page's "Cross-entropy as a code length, in bits" section (pages/simplex.py):
ideal codeword lengths for q and for p, their average lengths H(p,q) and H(p), and a sampled
message's length under each code, with a button to draw another message."""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, state

MESSAGE_LENGTH = 24


def _next_message() -> None:
    state.MESSAGE_SEED.set((state.MESSAGE_SEED.get() + 1) % (state.MESSAGE_SEED_MAX + 1))


def as_code_length(p: list[float], q: list[float], names: list[str]) -> None:
    st.subheader("Cross-entropy as a code length, in bits")
    st.markdown(
        "An ideal code gives class i a codeword of −log₂ qᵢ bits: frequent classes get short "
        "codewords. If the messages really come from p, the code built for q spends "
        "**H(p,q)** bits per symbol on average; the best code, built for p itself, spends "
        "**H(p)**. The difference is the KL divergence: the bits wasted by believing q. "
        "(Real codewords are whole bits long; a real prefix code such as Huffman's comes "
        "within 1 bit per symbol of these ideal lengths.)"
    )
    q_bits = xc.code_lengths(q)
    p_bits = xc.code_lengths(p)
    ce = float(xc.cross_entropy(p, q, base=2))
    h = float(xc.entropy(p, base=2))
    kl = float(xc.kl_divergence(p, q, base=2))
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.table(
            {
                "Class": [layout.md_escape(n) for n in names],
                "p": [f"{v:.3f}" for v in p],
                "q": [f"{v:.3f}" for v in q],
                "−log₂ q (bits)": [layout.fixed(v, 3) for v in q_bits.tolist()],
                "−log₂ p (bits)": [
                    layout.fixed(v, 3) + (" (never sent)" if pi == 0 else "")
                    for v, pi in zip(p_bits.tolist(), p, strict=True)
                ],
            },
            border="horizontal",
        )
        c1, c2, c3 = st.columns(3)
        c1.metric("q's code: H(p,q), bits", layout.fixed(ce, 3))
        c2.metric("p's code: H(p), bits", layout.fixed(h, 3))
        c3.metric("Extra: KL(p‖q), bits", layout.fixed(kl, 3))
    with right:
        st.plotly_chart(
            charts.code_lengths_figure(names, q_bits.tolist(), p_bits.tolist()),
            key="simplex.codes",
        )

    seed = state.MESSAGE_SEED.get()
    message = xc.sample_message(p, MESSAGE_LENGTH, seed=seed)
    with st.container(border=True, key="simplex-message"):
        st.markdown(f"**A message of {MESSAGE_LENGTH} symbols drawn from p** (number {seed})")
        st.text(" ".join(names[i] for i in message.tolist()))
        with_q = float(xc.message_length(message, q))
        with_p = float(xc.message_length(message, p))
        c1, c2 = st.columns(2)
        c1.metric("Length with q's code, bits", layout.fixed(with_q, 2))
        c2.metric("Length with p's code, bits", layout.fixed(with_p, 2))
        per_symbol = with_q / MESSAGE_LENGTH
        layout.explain(
            f"{layout.fixed(per_symbol, 3)} bits per symbol with q's code, against an "
            f"expected {layout.fixed(ce, 3)}: longer messages come ever closer to H(p,q). "
            "A symbol q gives probability 0 has no codeword at all: the length is ∞."
        )
        st.button("Draw another message", key="simplex.next_message", on_click=_next_message)
