"""The confidence page's (pages/curves.py) "Binary cross-entropy" section: the predicted
probability, label and logit-axis controls, the two branches and the label's mix with its
minimum for a soft label, the caption and the loss's formula at the chosen point."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, state


def binary_cross_entropy() -> None:
    """The section's controls, chart, caption and formula (its widgets bind state)."""
    unit = layout.unit()
    base = layout.base()
    log = layout.log_symbol()

    st.subheader("Binary cross-entropy")
    st.markdown(
        "With two classes the model gives one probability q for the positive class (and "
        "1 − q for the negative one). The label y is the true probability of the positive "
        "class (the truth p = (y, 1 − y)): 1 or 0 for a hard label, anything in between "
        "for a soft one — when annotators disagree, or when a teacher model's "
        "probabilities are the target (distillation)."
    )
    controls, chart = st.columns([1, 2], gap="large")
    with controls:
        p = st.slider(
            "Predicted probability q",
            min_value=state.BCE_P_MIN,
            max_value=1.0 - state.BCE_P_MIN,
            step=0.01,
            help="The model's probability that the example is positive (y = 1).",
            **state.bind(state.BCE_P),
        )
        y = st.slider(
            "Label y",
            min_value=0.0,
            max_value=1.0,
            step=0.05,
            help="1 or 0 for a hard label; anything between is a soft label.",
            **state.bind(state.BCE_Y),
        )
        logits = st.toggle(
            "x axis in logits (q = σ(x))",
            help="Models output a logit x and q = σ(x) = 1/(1 + e^(−x)). "
            "PyTorch's binary_cross_entropy_with_logits computes the loss from x directly.",
            **state.bind(state.BCE_LOGITS),
        )
    x = xc.binary_grid(logits=logits)
    marker_x = float(xc.log_odds(p)) if logits else p
    curves = xc.binary_curves(x, y, logits=logits, base=base)
    # A soft label's loss bottoms out above 0; a hard label's minimum is the axis's end.
    minimum = xc.binary_minimum(y, logits=logits, base=base) if 0 < y < 1 else None
    marker = {
        key: float(v[0])
        for key, v in xc.binary_curves([marker_x], y, logits=logits, base=base).items()
    }
    with chart:
        st.plotly_chart(
            charts.binary_figure(
                x.tolist(),
                {key: v.tolist() for key, v in curves.items()},
                y=y,
                marker_x=marker_x,
                marker=marker,
                logits=logits,
                unit=unit,
                minimum=minimum,
            ),
            key="curves-binary",
        )
        floor = (
            f" For your y = {y:g} no prediction scores below {minimum[1]:.4f} {unit} (◆)."
            if minimum is not None
            else ""
        )
        layout.explain(
            "Two branches: −log q charges a positive example (y = 1) for a low q, and "
            "−log(1 − q) charges a negative one (y = 0) for a high q. Your label mixes them, "
            "weighted y and 1 − y; with a soft label the smallest loss (◆) is at q = y and it "
            f"is not 0: it is the label's own entropy.{floor} In logits both branches become "
            "straight lines far from 0: a confident mistake costs about "
            + ("|x|." if unit == "nats" else "|x|·log₂ e ≈ 1.443·|x| bits.")
        )
    loss = layout.latex_number(marker["label"])
    if logits:
        if unit == "nats":
            stable = r"\max(x, 0) - x\,y + \ln(1 + e^{-|x|})"
        else:  # [a + ln b] / ln 2 = a·log₂ e + log₂ b
            stable = r"\bigl(\max(x, 0) - x\,y\bigr)\log_2 e + \log_2(1 + e^{-|x|})"
        st.latex(
            rf"\begin{{aligned}} q &= \sigma(x) = \frac{{1}}{{1 + e^{{-x}}}},\ "
            rf"x = {marker_x:.3f} \\ "
            rf"\ell &= {stable} \\ &= {loss}\ \text{{{unit}}} \end{{aligned}}"
        )
    else:
        st.latex(
            rf"\begin{{aligned}} \ell &= -\big[y\,{log} q + (1 - y)\,{log}(1 - q)\big] \\ "
            rf"&= -\big[{y:g}\,{log} {p:.2f} + {1 - y:g}\,{log} {1 - p:.2f}\big] \\ "
            rf"&= {loss}\ \text{{{unit}}} \end{{aligned}}"
        )
