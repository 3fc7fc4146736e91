"""Logits & temperature: from raw scores to probabilities, gradients and numerical stability."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, shell, state
from xent_ui.components import LogitsValue, logit_bars
from xent_ui.views import edge_conventions, stability_lab

shell.require_app()


def _logits(k: int) -> list[float]:
    """The logits, fitted to the explorer's class count (padded with 0 or cut)."""
    z = list(state.Z.get())
    return (z + [0.0] * k)[:k]


def _on_bars(value: LogitsValue) -> None:
    state.Z.set(value.z)
    state.LABEL.set(value.label)
    state.LOGITS_ERROR.clear()


def _on_bars_error(message: str) -> None:
    state.LOGITS_ERROR.set(f"The last change was not applied: {message}.")


def _shift(k: int, amount: float) -> None:
    state.Z.set([v + amount for v in _logits(k)])


def _reset() -> None:
    state.Z.set(state.Z.initial())
    state.TEMPERATURE.set(state.TEMPERATURE.initial())


def _axis(z: list[float]) -> float:
    """The chosen logit axis, widened to the next option when a logit lies outside it."""
    widest = max(abs(v) for v in z)
    chosen = state.LOGIT_AXIS.get()
    return next((a for a in state.LOGIT_AXES if a >= max(chosen, widest)), state.LOGIT_LIMIT)


def _controls(k: int, z: list[float]) -> None:
    st.select_slider(
        "Temperature T",
        options=state.TEMPERATURES,
        help="q = softmax(z / T). Small T sharpens the distribution, large T flattens it.",
        **state.bind(state.TEMPERATURE),
    )
    layout.epsilon_slider()
    st.segmented_control(
        "Logit axis",
        options=state.LOGIT_AXES,
        format_func=lambda v: f"±{v:g}",
        help="The range the logit bars show and can be dragged over. A logit outside it "
        "widens the axis; logits always lie in ±20.",
        **state.bind(state.LOGIT_AXIS),
    )
    st.markdown("**Shift every logit**")
    with st.container(horizontal=True, gap="small"):
        st.button(
            "−1 to all",
            key="logits.shift_down",
            on_click=_shift,
            args=(k, -1.0),
            disabled=min(z) - 1 < -state.LOGIT_LIMIT,
        )
        st.button(
            "+1 to all",
            key="logits.shift_up",
            on_click=_shift,
            args=(k, 1.0),
            disabled=max(z) + 1 > state.LOGIT_LIMIT,
        )
        st.button("Reset", key="logits.reset", on_click=_reset)
    layout.explain(
        "Adding the same number to every logit changes nothing: softmax only sees differences. "
        "Watch the probabilities and the loss stay put."
    )
    layout.explain("Classes, their names and the true class are shared with the explorer.")


def _formula(z: list[float], label: int, temperature: float, ce_one_hot: float) -> None:
    """−log q_t from the logits, in the chosen unit (ce_one_hot: the loss without smoothing)."""
    per = layout.per_nat()
    lse = float(xc.logsumexp([v / temperature for v in z])) * per
    scaled = z[label] / temperature * per
    unit = layout.unit()
    st.latex(r"q_i = \frac{e^{z_i/T}}{\sum_j e^{z_j/T}}")
    if unit == "nats":
        st.latex(r"-\ln q_t = \ln\sum_j e^{z_j/T} - \frac{z_t}{T}")
        shown = rf"\frac{{{z[label]:.2f}}}{{{temperature:g}}}"
    else:  # log₂ x = ln x · log₂ e
        st.latex(r"-\log_2 q_t = \log_2\sum_j e^{z_j/T} - \frac{z_t}{T}\,\log_2 e")
        shown = rf"\frac{{{z[label]:.2f}}}{{{temperature:g}}}\,\log_2 e"
    st.latex(
        rf"-{layout.log_symbol()} q_t = {lse:.4f} - {shown} = "
        rf"{lse - scaled:.4f}\ \text{{{unit}}}"
    )
    layout.explain(
        "The second form is how libraries compute cross-entropy from logits: the log-sum-exp "
        "is evaluated after subtracting the largest logit, so nothing overflows. "
        f"(With label smoothing ε the loss shown above also charges the other classes; "
        f"without it, it equals this value, {layout.fixed(ce_one_hot)} {unit}.)"
    )


@st.fragment
def logits_panel() -> None:
    unit = layout.unit()
    base = layout.base()
    names = state.NAMES.get()
    k = len(names)
    z = _logits(k)
    label = state.LABEL.get()
    temperature = state.TEMPERATURE.get()
    eps = state.EPSILON.get()

    left, right = st.columns([3, 2], gap="large")
    with left:
        logit_bars(
            key=state.LOGIT_BARS.key,
            names=names,
            z=z,
            temperature=temperature,
            label=label,
            epsilon=eps,
            unit=unit,
            on_change=_on_bars,
            on_error=_on_bars_error,
            limit=_axis(z),
        )
        if state.LOGITS_ERROR.get():
            st.error(state.LOGITS_ERROR.get())
    with right:
        _controls(k, z)

    q = xc.softmax(z, temperature=temperature).tolist()
    p = xc.smooth_labels(xc.one_hot(label, k), eps).tolist()
    ce = float(xc.cross_entropy(p, q, base=base))
    st.subheader("From logits to loss")
    _formula(z, label, temperature, float(xc.cross_entropy(xc.one_hot(label, k), q, base=base)))
    layout.core_values(
        ce=ce,
        h=float(xc.entropy(p, base=base)),
        kl=float(xc.kl_divergence(p, q, base=base)),
        perplexity=float(xc.perplexity(p, q)),
        unit=unit,
        export=(names, p, q),
    )

    c1, c2 = st.columns(2, gap="large")
    with c1:
        st.markdown("**Temperature: from argmax to uniform**")
        temps = xc.temperature_grid()
        st.plotly_chart(
            charts.temperature_figure(
                temps.tolist(), xc.softmax_by_temperature(z, temps).tolist(), names, temperature
            ),
            key="logits.temperature",
        )
        layout.explain(
            "Each line is one class's probability as T changes (log scale). As T → 0 the "
            "largest logit takes everything (the argmax, one-hot; tied largest logits share "
            "it); as T → ∞ every class "
            "tends to 1/K. The dashed line is the current T."
        )
    with c2:
        st.markdown("**Label smoothing keeps the logits finite**")
        if eps > 0:
            ratio = (1 - eps + eps / k) / (eps / k)
            gap = float(xc.optimal_logit_gap(eps, k, temperature=temperature))
            unit_gap = float(xc.optimal_logit_gap(eps, k))
            st.latex(
                r"\frac{q_t}{q_{j \ne t}} = e^{(z_t - z_j)/T} = "
                r"\frac{1-\varepsilon+\varepsilon/K}{\varepsilon/K}"
            )
            st.latex(
                rf"= \frac{{{1 - eps + eps / k:.4f}}}{{{eps / k:.4f}}} = {ratio:.2f}"
                rf"\ \Rightarrow\ z_t - z_j = {gap:.3f}"
            )
            layout.explain(
                "With smoothing, the loss is smallest when softmax(z / T) equals the smoothed "
                "target, so the true logit leads every other logit by a finite gap: "
                f"{unit_gap:.3f} in z / T, which at T = {temperature:g} is "
                f"{gap:.3f} in the raw logits (ε = {eps:g}, K = {k}). Pushing it further "
                "makes the loss rise again."
            )
        else:
            st.latex(r"\varepsilon = 0:\quad z_t - z_{j\ne t} \to \infty")
            layout.explain(
                "Without smoothing the loss keeps falling as the true logit runs away from the "
                "others: the optimum is an infinite gap, one reason unregularised networks "
                "grow over-confident. Set ε above 0 to see the finite optimum."
            )

    stability_lab.compare_paths(z, label, names)
    edge_conventions.library_edge()

    state.write_url(state.LOGITS_URL)


st.title("Logits & temperature")
st.markdown(
    "A network does not output probabilities: it outputs **logits** z, any real numbers. "
    "**Softmax** turns them into a distribution, q = softmax(z / T). Drag a logit and watch "
    "the probabilities, the loss and the gradient move."
)
logits_panel()
