"""Explorer: drag the prediction q and the label p; watch H(p,q), H(p) and KL move."""

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

import xent_core as xc
from xent_ui import classroom, layout, presets, scenarios, shell, state
from xent_ui.components import BarsValue, explorer_views, probability_bars

shell.require_app()


def _on_bars(value: BarsValue) -> None:
    state.Q.set(value.q)
    state.LABEL.set(value.label)
    if value.p is not None:
        state.P_SOFT.set(value.p)
    state.EXPLORER_ERROR.clear()


def _on_bars_error(message: str) -> None:
    state.EXPLORER_ERROR.set(f"The last change was not applied: {message}.")


def _on_k() -> None:
    state.set_values(
        scenarios.resize(
            int(state.EXPLORER_K.value()),
            q=state.Q.get(),
            p=state.P_SOFT.get(),
            names=state.NAMES.get(),
            label=state.LABEL.get(),
        )
    )
    state.NAME_ERRORS.clear()


def _controls(k: int) -> None:
    st.markdown("**Presets**")
    layout.preset_buttons(presets.EXPLORER_PRESETS, "explorer.preset", presets.apply_explorer)
    state.EXPLORER_K.set(k)
    st.number_input(
        "Number of classes K",
        min_value=state.MIN_CLASSES,
        max_value=state.MAX_CLASSES,
        step=1,
        key=state.EXPLORER_K.key,
        on_change=_on_k,
    )
    soft = st.toggle(
        "Soft label (drag p too)",
        help="Turn the truth p into bars you can drag, instead of one true class. Real "
        "targets can be soft: annotators disagree, label smoothing mixes in ε/K, or a "
        "teacher model's probabilities are the target (distillation).",
        **state.bind(state.SOFT),
    )
    layout.epsilon_slider(disabled=soft)
    with st.expander("Class names"):
        names = state.NAMES.get()
        errors = state.NAME_ERRORS.get()
        for i in range(k):
            widget = state.class_name_widget(i)
            if i not in errors:
                widget.set(names[i])
            st.text_input(
                f"Class {i + 1}",
                key=widget.key,
                max_chars=state.MAX_NAME_LENGTH,
                on_change=state.rename_class,
                args=(i,),
            )
            if i in errors:
                st.error(errors[i])


def _formula(p, q, ce: float, h: float, kl: float, unit: str, log: str) -> None:
    """The cross-entropy sum with this prediction's numbers, then its split into H + KL.

    Two terms a line, so the sum stays readable on a phone.
    """
    terms = [
        (f"{pi:.3g}\\," if pi != 1 else "") + f"{log} {qi:.3f}"
        for pi, qi in zip(p, q, strict=True)
        if pi > 0  # 0·log q = 0: those classes add nothing
    ]
    total = layout.latex_number(ce)
    if len(terms) == 1:
        sum_lines = [f"-{terms[0]}"]
    else:
        chunks = [" + ".join(terms[i : i + 2]) for i in range(0, len(terms), 2)]
        sum_lines = [rf"-\big({chunks[0]}"] + [f"+ {c}" for c in chunks[1:]]
        sum_lines[-1] += r"\big)"
    lines = [rf"H(p,q) &= -\sum_i p_i {log} q_i"]
    lines += [f"&= {line}" if i == 0 else f"&\\quad {line}" for i, line in enumerate(sum_lines)]
    lines += [rf"&= {total}\ \text{{{unit}}}"]
    st.latex(r"\begin{aligned}" + r" \\ ".join(lines) + r"\end{aligned}")
    st.latex(
        rf"\begin{{aligned}} H(p,q) &= H(p) + \mathrm{{KL}}(p\,\|\,q) \\ "
        rf"&= {layout.latex_number(h)} + {layout.latex_number(kl)} \end{{aligned}}"
    )


@st.fragment
def explorer() -> None:
    """The explorer's panel. Its controls (presets, K, soft label, ε, names) rerun all of
    it; a drag release reruns only :func:`_release`, which draws everything a release
    changes: the controls do not depend on q or the label, so they are not redrawn."""
    left, right = st.columns([3, 2], gap="large")
    with right:
        _controls(len(state.Q.get()))
    st.subheader("The sum behind the number")
    _release(left)


@st.fragment
def _release(bars: DeltaGenerator) -> None:
    """The drag bars (written into the ``bars`` column), the sum and the table of values.

    What a release changes and nothing else: every element here is a message per release
    (and a hand-over of the GIL between the session's thread and the server's event loop),
    so the controls and the static heading stay in :func:`explorer`.
    """
    unit = layout.unit()
    base = layout.base()
    log = layout.log_symbol()
    q = state.Q.get()
    names = state.NAMES.get()
    label = state.LABEL.get()
    soft = state.SOFT.get()
    eps = state.EPSILON.get()
    k = len(q)
    p = state.P_SOFT.get() if soft else xc.smooth_labels(xc.one_hot(label, k), eps).tolist()
    # The class the loss curve moves: the label, or a soft label's most likely class.
    true = max(range(k), key=p.__getitem__) if soft else label

    with bars:
        probability_bars(
            key=state.EXPLORER_BARS.key,
            names=names,
            q=q,
            p=p,
            label=label,
            soft=soft,
            epsilon=eps,
            unit=unit,
            on_change=_on_bars,
            on_error=_on_bars_error,
            views=explorer_views(p, q, true, base),
        )
        if state.EXPLORER_ERROR.get():
            st.error(state.EXPLORER_ERROR.get())

    ce = float(xc.cross_entropy(p, q, base=base))
    h = float(xc.entropy(p, base=base))
    kl = float(xc.kl_divergence(p, q, base=base))
    ppl = float(xc.perplexity(p, q))

    _formula(p, q, ce, h, kl, unit, log)
    layout.core_values(ce=ce, h=h, kl=kl, perplexity=ppl, unit=unit, export=(names, p, q))

    state.write_url(state.EXPLORER_URL)


def _start_here() -> None:
    """A first-time visitor's way in: one dismissible pointer to the Learn page (not on
    the projector: presenter mode hides it)."""
    if state.LEARN_BANNER_CLOSED.get() or classroom.presenter_mode():
        return
    with st.container(border=True, key="start-here"):
        text, go, close = st.columns([4, 2, 1.5], vertical_alignment="center")
        text.markdown(
            "**New to cross-entropy? Start here:** ten short lessons that take you from "
            "surprise to calibration, one live widget at a time."
        )
        go.page_link("pages/learn.py", label="Start the lessons", icon=":material/school:")
        close.button(
            "Dismiss",
            key="explorer.start_here.close",
            icon=":material/close:",
            on_click=state.LEARN_BANNER_CLOSED.set,
            args=(True,),
            help="Hide this for the rest of the session",
        )


st.title("Cross-entropy explorer")
_start_here()
st.markdown(
    "A classifier's prediction **q** is a probability for each class; the truth **p** is "
    "usually one class (a one-hot label). Cross-entropy **H(p,q) = −Σ pᵢ log qᵢ** is the "
    "price q pays for the truth. Drag the bars and watch it move."
)
explorer()
