"""Confidence curves: what each loss charges for each level of confidence in the truth."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, shell, state
from xent_ui.views import binary_losses, loss_curves, loss_gradients, loss_penalties

shell.require_app()

SEED_NAMES = ("A", "B", "C")


def _write_url() -> None:
    # The marker comes from the explorer's prediction, so a link carries it too.
    state.write_url(state.CURVES_URL)


def _loss_options() -> dict:
    return {
        "gamma": state.GAMMA.get(),
        "alpha": state.ALPHA.get(),
        "epsilon": state.EPSILON.get(),
        "base": layout.base(),
    }


def seed_example() -> None:
    """The seed script: one-hot label and prediction side by side, and the curve −log q_t."""
    unit = layout.unit()
    base = layout.base()
    log = layout.log_symbol()
    label = xc.one_hot(0, len(state.SEED_Q))
    loss = float(xc.cross_entropy(label, state.SEED_Q, base=base))

    st.subheader("One prediction, one point on a curve")
    left, right = st.columns(2, gap="large")
    with left:
        st.plotly_chart(
            charts.label_and_prediction_figure(SEED_NAMES, label.tolist(), list(state.SEED_Q)),
            key="curves-seed-bars",
        )
        layout.explain(
            "The worked example: the true class is A, so the truth p is the one-hot label "
            "[1, 0, 0]; the model predicts q = [0.7, 0.2, 0.1]. Only the true class's bar "
            "enters the loss."
        )
    with right:
        grid = xc.confidence_grid(200, low=0.01)
        st.plotly_chart(
            charts.seed_curve_figure(
                grid,
                xc.loss_along_class(label, state.SEED_Q, 0, grid, base=base),
                x=state.SEED_Q[0],
                loss=loss,
                unit=unit,
            ),
            key="curves-seed-curve",
        )
        layout.explain(
            "The same loss for every probability q_t the model could give A: the curve "
            "−log q_t. The example sits at q_t = 0.7; the curve shoots up as q_t goes to 0."
        )
    st.latex(
        rf"\begin{{aligned}} L &= -\sum_i p_i {log} q_i \\ "
        rf"&= -{log} 0.7 = {layout.latex_number(loss)}\ \text{{{unit}}} \end{{aligned}}"
    )


@st.fragment
def confidence_section() -> None:
    unit = layout.unit()
    q = state.Q.get()
    names = state.NAMES.get()
    label = state.LABEL.get()
    k = len(q)
    true_name = names[label]
    options = _loss_options()

    shown, uniform = loss_curves.confidence_curves(q, label, true_name, options, unit)
    loss_gradients.gradients(shown, k, q, label, options, unit)
    loss_penalties.penalty(shown, k, q, label, options, unit, true_name, uniform)
    _write_url()


@st.fragment
def binary_section() -> None:
    binary_losses.binary_cross_entropy()
    _write_url()


st.title("Confidence curves")
st.markdown(
    "With a one-hot label, cross-entropy only looks at **q_t**, the probability the model "
    "gave the true class, and charges **−log q_t**. This page shows why that punishes a "
    "confidently wrong prediction so hard, and how other losses differ."
)
seed_example()
confidence_section()
binary_section()
