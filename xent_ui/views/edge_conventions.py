"""The logits page's "What the libraries say at q_t = 0" section (pages/logits.py): each
library's loss at a chosen q_t and its ceiling, the rules they clip by, and their loss
curves from q_t = 1e-50 to 1."""

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, state

EDGE_GRID = np.logspace(-50, 0, 401)  # q_y from 1e-50 to 1: every convention's cap shows


def _edge_q_label(q: float) -> str:
    return "0" if q == 0 else f"{q:g}"


def library_edge() -> None:
    unit = layout.unit()
    per = layout.per_nat()
    st.subheader("What the libraries say at $q_t = 0$")
    st.markdown(
        "The exact loss $-\\log q_t$ is infinite at $q_t = 0$. Libraries whose loss takes "
        "probabilities choose not to return ∞ for one bad sample, so each keeps the "
        "logarithm away from 0 in its own way, and at the edge they disagree by a factor of "
        "six. (Losses that take logits, such as PyTorch's `F.cross_entropy`, need no such "
        "clip: see the lab above.)"
    )
    st.select_slider(
        "Probability of the true class q_t",
        options=state.EDGE_PROBABILITIES,
        format_func=_edge_q_label,
        help="Pick 0 or a tiny probability and compare the losses each library reports.",
        **state.bind(state.EDGE_Q),
    )
    q = state.EDGE_Q.get()
    losses = xc.convention_losses(q)
    st.table(
        {
            "Convention": [c.library for c in xc.CONVENTIONS],
            f"At q_t = {_edge_q_label(q)}, {unit}": [
                layout.number(float(losses[c.key]) * per) for c in xc.CONVENTIONS
            ],
            f"At most, {unit}": [layout.number(c.ceiling * per) for c in xc.CONVENTIONS],
        }
    )
    st.markdown(
        "\n".join(
            f"- **{c.library}**, at most {layout.fixed(c.ceiling * per, 2)} {unit}: {c.rule}."
            for c in xc.CONVENTIONS
            if c.key != "exact"
        )
    )
    curves = xc.convention_losses(EDGE_GRID)
    st.plotly_chart(
        charts.conventions_figure(
            EDGE_GRID.tolist(),
            {key: (values * per).tolist() for key, values in curves.items()},
            {c.key: c.library for c in xc.CONVENTIONS},
            max(q, float(EDGE_GRID[0])),
            unit,
        ),
        key="logits.conventions",
    )
    caps = {c.key: layout.fixed(c.ceiling * per, 2) for c in xc.CONVENTIONS}
    agree = xc.agreement_threshold(EDGE_GRID)
    layout.explain(
        f"Losses in {unit} (the libraries themselves report nats"
        + ("" if unit == "nats" else "; here divided by ln 2")
        + f"). Each line is flat where its library has clipped: below 1e-7 Keras reports "
        f"{caps['keras']} whatever the model said, scikit-learn stops at {caps['sklearn']} "
        f"(float64 machine epsilon 2⁻⁵²), the seed script's +1e-15 (the study note's example "
        "code) bends smoothly to "
        f"{caps['seed']}, and PyTorch's binary cross-entropy (BCE) only stops at "
        f"{caps['torch']} (q_t below 3.7e-44). From q_t = {agree:g} up they all agree with "
        "the exact value to the 4 decimals shown. Losses computed from logits (log-softmax, "
        "as in the lab above) need no clipping at all: they stay finite and exact for any "
        "finite logits."
    )
