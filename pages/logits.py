"""Logits & temperature: from raw scores to probabilities, gradients and numerical stability."""

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, shell, stability_text, state
from xent_ui.components import LogitsValue, logit_bars

shell.require_app()

EDGE_GRID = np.logspace(-50, 0, 401)  # q_y from 1e-50 to 1: every convention's cap shows


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


def _path_table(path, names: list[str]) -> dict[str, list[str]]:
    columns = {
        "z·scale": path.logits,
        "exp": path.exponentials,
        "q": path.probabilities,
        "ln q": path.log_probabilities,
    }
    return {"Class": list(names)} | {
        title: [layout.short(v) for v in values.tolist()] for title, values in columns.items()
    }


def _lab(z: list[float], label: int, names: list[str]) -> None:
    st.subheader("Numerical stability lab")
    st.markdown(
        "Real networks produce large logits. Multiply these logits by a scale, round them to a "
        "floating-point type, and compute −log q_t two ways: the formula as written (exp, "
        "divide, log) and the way libraries do it (log-softmax via log-sum-exp). The table "
        "shows the computation as the computer runs it, with natural logs (ln)."
    )
    c1, c2 = st.columns(2)
    with c1:
        st.segmented_control(
            "Floating-point type", options=state.LAB_DTYPES, **state.bind(state.LAB_DTYPE)
        )
    with c2:
        st.select_slider(
            "Logit scale",
            options=state.LAB_SCALES,
            format_func=lambda v: f"×{v:g}",
            **state.bind(state.LAB_SCALE),
        )
    dtype = state.LAB_DTYPE.get() or state.LAB_DTYPE.initial()
    paths = xc.compare_softmax_paths(z, label, scale=state.LAB_SCALE.get(), dtype=dtype)
    naive, stable = st.columns(2, gap="large")
    for column, path, title in (
        (naive, paths.naive, "Naive: log(exp(z) / Σ exp(z))"),
        (stable, paths.stable, "Stable: z − max z − log Σ exp(z − max z)"),
    ):
        with column, st.container(border=True, key=f"lab-{path.method}"):
            st.markdown(f"**{title}**")
            st.table(_path_table(path, names))
            verdict = "finite" if path.ok else "broken"
            st.metric(
                f"−log q_t ({verdict})",
                layout.number(path.cross_entropy * layout.per_nat()) + f" {layout.unit()}",
            )
            st.caption(stability_text.describe(path.notes))


def _edge_q_label(q: float) -> str:
    return "0" if q == 0 else f"{q:g}"


def _edge() -> None:
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

    _lab(z, label, names)
    _edge()

    state.write_url(state.LOGITS_URL)


st.title("Logits & temperature")
st.markdown(
    "A network does not output probabilities: it outputs **logits** z, any real numbers. "
    "**Softmax** turns them into a distribution, q = softmax(z / T). Drag a logit and watch "
    "the probabilities, the loss and the gradient move."
)
logits_panel()
