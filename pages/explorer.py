"""Explorer: drag the prediction q and the label p; watch H(p,q), H(p) and KL move."""

import streamlit as st

import xent_core as xc
from xent_ui import layout, scenarios, shell, state
from xent_ui.components import BarsValue, explorer_views, probability_bars

shell.require_app()

BARS_KEY = "explorer.bars"
K_WIDGET = "explorer.k"
ERROR_KEY = "explorer.error"
NAME_ERRORS = "explorer.name_errors"


def _apply(values: dict) -> None:
    for key, value in values.items():
        st.session_state[key] = value


def _on_bars(value: BarsValue) -> None:
    state.Q.set(value.q)
    state.LABEL.set(value.label)
    if value.p is not None:
        state.P_SOFT.set(value.p)
    st.session_state.pop(ERROR_KEY, None)


def _on_bars_error(message: str) -> None:
    st.session_state[ERROR_KEY] = f"The last change was not applied: {message}."


def _on_k() -> None:
    _apply(
        scenarios.resize(
            int(st.session_state[K_WIDGET]),
            q=state.Q.get(),
            p=state.P_SOFT.get(),
            names=state.NAMES.get(),
            label=state.LABEL.get(),
        )
    )
    st.session_state[NAME_ERRORS] = {}


def _on_preset(name: str) -> None:
    _apply(scenarios.preset(name, k=len(state.Q.get()), label=state.LABEL.get()))
    st.session_state[NAME_ERRORS] = {}


def _on_name(i: int) -> None:
    raw = st.session_state[f"explorer.name.{i}"]
    names = list(state.NAMES.get())
    errors = dict(st.session_state.get(NAME_ERRORS, {}))
    try:
        name = state.validate_name(raw)
        if name in names[:i] + names[i + 1 :]:
            raise state.StateError("is already used by another class")
    except state.StateError as err:
        errors[i] = (
            f"Class {i + 1}'s name {err}. Your text is kept; the old name stays until it is fixed."
        )
    else:
        names[i] = name
        state.NAMES.set(names)
        errors.pop(i, None)
    st.session_state[NAME_ERRORS] = errors


def _controls(k: int) -> None:
    st.markdown("**Presets**")
    with st.container(horizontal=True, gap="small"):
        for name, label in scenarios.PRESETS.items():
            st.button(
                label,
                key=f"explorer.preset.{name}",
                help=scenarios.preset_help(name, layout.unit()),
                on_click=_on_preset,
                args=(name,),
            )
    st.session_state[K_WIDGET] = k
    st.number_input(
        "Number of classes K",
        min_value=state.MIN_CLASSES,
        max_value=state.MAX_CLASSES,
        step=1,
        key=K_WIDGET,
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
        errors = st.session_state.get(NAME_ERRORS, {})
        for i in range(k):
            widget = f"explorer.name.{i}"
            if i not in errors:
                st.session_state[widget] = names[i]
            st.text_input(
                f"Class {i + 1}",
                key=widget,
                max_chars=state.MAX_NAME_LENGTH,
                on_change=_on_name,
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

    left, right = st.columns([3, 2], gap="large")
    with left:
        probability_bars(
            key=BARS_KEY,
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
        if ERROR_KEY in st.session_state:
            st.error(st.session_state[ERROR_KEY])
    with right:
        _controls(k)

    ce = float(xc.cross_entropy(p, q, base=base))
    h = float(xc.entropy(p, base=base))
    kl = float(xc.kl_divergence(p, q, base=base))
    ppl = float(xc.perplexity(p, q))

    st.subheader("The sum behind the number")
    _formula(p, q, ce, h, kl, unit, log)
    layout.core_values(ce=ce, h=h, kl=kl, perplexity=ppl, unit=unit, export=(names, p, q))

    params = [state.Q, state.NAMES, state.LABEL, state.SOFT, state.EPSILON]
    if soft:
        params.append(state.P_SOFT)
    state.write_url(params)


st.title("Cross-entropy explorer")
st.markdown(
    "A classifier's prediction **q** is a probability for each class; the truth **p** is "
    "usually one class (a one-hot label). Cross-entropy **H(p,q) = −Σ pᵢ log qᵢ** is the "
    "price q pays for the truth. Drag the bars and watch it move."
)
explorer()
