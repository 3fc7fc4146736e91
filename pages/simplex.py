"""Probability simplex: every three-class prediction at once; forward and reverse KL, JS, codes."""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import landscape, layout, presets, scenarios, shell, state
from xent_ui.components import SimplexValue, simplex_point
from xent_ui.views import code_lengths, divergences, kl_directions

shell.require_app()

K = 3
SOFT_OPTION = "soft"
TITLES = {
    "cross_entropy": "Cross-entropy H(p,q)",
    "kl_divergence": "Forward KL(p‖q)",
    "reverse_kl_divergence": "Reverse KL(q‖p)",
    "js_divergence": "Jensen–Shannon JS(p,q)",
}


# --- state -----------------------------------------------------------------------------------


def _on_point(value: SimplexValue) -> None:
    scenarios.as_three_classes()
    state.Q.set(value.q)
    if value.p is not None:
        state.P_SOFT.set(value.p)
        state.SOFT.set(True)
    state.SIMPLEX_ERROR.clear()


def _on_point_error(message: str) -> None:
    state.SIMPLEX_ERROR.set(f"The last change was not applied: {message}.")


def _on_truth() -> None:
    choice = state.SIMPLEX_TRUTH.value()
    scenarios.as_three_classes()
    if choice == SOFT_OPTION:
        state.SOFT.set(True)
    else:
        state.SOFT.set(False)
        state.LABEL.set(int(choice))


# --- sections --------------------------------------------------------------------------------


def _controls(names: list[str], soft: bool, label: int, p: list[float]) -> None:
    st.radio(
        "Landscape",
        options=state.SIMPLEX_MEASURES,
        format_func=TITLES.__getitem__,
        help="The measure that colours the triangle: its value for every possible q, with this p.",
        **state.bind(state.SIMPLEX_MEASURE),
    )
    state.SIMPLEX_TRUTH.set(SOFT_OPTION if soft else str(label))
    st.radio(
        "True distribution p",
        options=[*map(str, range(K)), SOFT_OPTION],
        format_func=lambda o: "soft" if o == SOFT_OPTION else f"one-hot {names[int(o)]}",
        key=state.SIMPLEX_TRUTH.key,
        on_change=_on_truth,
        horizontal=True,
        help="A one-hot truth sits on a corner. A soft p can be anywhere: drag the p point "
        "in the triangle (that switches to soft).",
    )
    layout.epsilon_slider(disabled=soft)
    st.markdown("**Jump to**")
    layout.preset_buttons(presets.SIMPLEX_PRESETS, "simplex.preset", presets.apply_simplex, p)
    layout.explain(
        "q, p, the true class and ε are the explorer's: set them here or there. Dragging q "
        "only moves the point; the colours change when p changes."
    )


# --- the page ----------------------------------------------------------------------------------


@st.fragment
def simplex() -> None:
    unit = layout.unit()
    base = layout.base()
    view = scenarios.three_class_view()
    q = view[state.Q.key]
    names = view[state.NAMES.key]
    label = view[state.LABEL.key]
    soft = state.SOFT.get()
    eps = state.EPSILON.get()
    p = view[state.P_SOFT.key] if soft else xc.smooth_labels(xc.one_hot(label, K), eps).tolist()
    measure = state.SIMPLEX_MEASURE.get() or state.SIMPLEX_MEASURE.initial()
    explorer_k = len(state.Q.get())
    if explorer_k != K:
        how = (
            "a third class is added with probability ⅓ (the other two scaled by ⅔)"
            if explorer_k < K
            else "the first three are kept and renormalised, and a true class beyond them "
            "becomes the first"
        )
        st.info(
            f"The explorer is set to {explorer_k} classes; the triangle shows three, so {how}. "
            "Moving q or p here sets the explorer to these three classes.",
            icon=":material/change_history:",
        )

    left, right = st.columns([2, 1], gap="large")
    with left:
        simplex_point(
            key=state.SIMPLEX_POINT.key,
            names=names,
            q=q,
            p=p,
            unit=unit,
            measure=measure,
            title=f"{TITLES[measure]} for every q",
            landscape=landscape.widget_landscape(tuple(p), measure, unit),
            on_change=_on_point,
            on_error=_on_point_error,
        )
        if state.SIMPLEX_ERROR.get():
            st.error(state.SIMPLEX_ERROR.get())
    with right:
        _controls(names, soft, label, p)

    ce = float(xc.cross_entropy(p, q, base=base))
    h = float(xc.entropy(p, base=base))
    kl = float(xc.kl_divergence(p, q, base=base))
    st.subheader("The numbers at q")
    layout.core_values(ce=ce, h=h, kl=kl, perplexity=float(xc.perplexity(p, q)), unit=unit)
    divergences.divergence_table(
        float(xc.kl_divergence(q, p, base=base)),
        float(xc.js_divergence(p, q, base=base)),
        float(xc.js_distance(p, q, base=base)),
        unit,
    )

    kl_directions.forward_reverse(p, q, names, unit)
    divergences.jensen_shannon(p, q, unit)
    code_lengths.as_code_length(p, q, names)

    state.write_url(state.SIMPLEX_URL)


st.title("Probability simplex")
st.markdown(
    "With three classes every prediction q is a point of a triangle: the corners are the "
    "confident predictions, the centre the uniform guess. Colour every point by its loss "
    "and you see **every possible prediction at once**."
)
simplex()
