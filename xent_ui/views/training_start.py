"""The training lab's "Why training starts near ln K" section (pages/training.py): the
uniform first prediction, configuration A's first loss and logit spread, and the initial
weight scale."""

import math

import streamlit as st

import xent_core as xc
from xent_ui import experiment, layout, state


def why_ln_k(data: xc.ToyData, config: xc.TrainConfig) -> None:
    unit = layout.unit()
    ln = layout.log_text()
    factor = experiment.unit_factor(True)
    k = data.n_classes
    first = xc.start_training(data, config).history[0]
    spread = first.logit_spread
    st.subheader(f"Why training starts near {ln} K")
    st.markdown(
        "Before the first step the weights are small random numbers (softmax regression "
        "starts from zero), so every logit is close to 0 and the softmax is close to uniform. "
        "A uniform prediction gives the true class 1/K whatever it is, so its cross-entropy is "
        f"exactly {ln} K:"
    )
    log = layout.log_symbol()
    # Two short lines, so the formula fits a phone's width.
    st.latex(
        r"\begin{aligned} z_1 = \dots = z_K \;&\Rightarrow\; q_c = "
        r"\frac{e^{z_c}}{\sum_j e^{z_j}} = \frac{1}{K} \\ "
        rf"&\Rightarrow\; -{log} q_t = {log} K \end{{aligned}}"
    )
    with st.container(horizontal=True, key="training-start"):
        st.metric(f"{ln} {k}", f"{math.log(k) * factor:.4f}")
        st.metric("First cross-entropy (epoch 0)", f"{first.cross_entropy_train * factor:.4f}")
        st.metric("Logit spread s", f"{spread:.3f}")
    st.select_slider(
        "Initial weight scale",
        options=state.TRAIN_INIT_SCALES,
        format_func=lambda v: f"×{v:g}",
        disabled=not config.hidden,
        help="Multiplies the initial weights (Glorot uniform, Keras's default). Softmax "
        "regression always starts at zero.",
        **state.bind(state.TRAIN_INIT_SCALE),
    )
    offset = (first.cross_entropy_train - math.log(k)) * factor
    layout.explain(
        "For configuration A on the data above, before any training. The spread s is the "
        "root-mean-square distance of the logits from their mean in each row; s = 0 is the "
        "uniform guess. For small logits the first loss, averaged over the labels the "
        f"samples could have, is about {ln} K + s²/2 (here s²/2 = {spread**2 / 2 * factor:.3f} "
        f"{unit}); which labels they do have moves it a little either way (this run starts "
        f"{abs(offset):.3f} {unit} {'above' if offset >= 0 else 'below'} {ln} K). Scale the "
        f"initial weights ×3 or ×10 and the network starts out confidently wrong on many "
        f"samples, far above {ln} K, with that to unlearn first. Every run should end well "
        f"below {ln} K, and below H(prior) = {experiment.prior_entropy(data):.3f} {unit} (always "
        "predicting the training class frequencies) when the classes are imbalanced: a "
        "model stuck at either has learnt nothing from the input."
    )
