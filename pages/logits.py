"""Logits & temperature: from raw scores to probabilities, gradients and numerical stability."""

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, shell, state
from xent_ui.components import LogitsValue, logit_bars

shell.require_app()

BARS_KEY = "logits.bars"
EDGE_GRID = np.logspace(-50, 0, 401)  # q_y from 1e-50 to 1: every convention's cap shows
ERROR_KEY = "logits.error"


def _logits(k: int) -> list[float]:
    """The logits, fitted to the explorer's class count (padded with 0 or cut)."""
    z = list(state.Z.get())
    return (z + [0.0] * k)[:k]


def _on_bars(value: LogitsValue) -> None:
    state.Z.set(value.z)
    state.LABEL.set(value.label)
    st.session_state.pop(ERROR_KEY, None)


def _on_bars_error(message: str) -> None:
    st.session_state[ERROR_KEY] = f"The last change was not applied: {message}."


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


def _formula(z: list[float], label: int, temperature: float, ce_nats: float) -> None:
    lse = float(xc.logsumexp([v / temperature for v in z]))
    st.latex(r"q_i = \frac{e^{z_i/T}}{\sum_j e^{z_j/T}}")
    st.latex(r"-\ln q_y = \ln\sum_j e^{z_j/T} - \frac{z_y}{T}")
    st.latex(
        rf"-\ln q_y = {lse:.4f} - \frac{{{z[label]:.2f}}}{{{temperature:g}}} = "
        rf"{lse - z[label] / temperature:.4f}\ \text{{nats}}"
    )
    layout.explain(
        "The second form is how libraries compute cross-entropy from logits: the log-sum-exp "
        "is evaluated after subtracting the largest logit, so nothing overflows. "
        f"(With label smoothing ε the loss shown above also charges the other classes; "
        f"without it, it equals this value, {layout.fmt(ce_nats)} nats.)"
    )


def _path_table(path, names: list[str]) -> dict[str, list[str]]:
    columns = {
        "z·scale": path.logits,
        "exp": path.exponentials,
        "q": path.probabilities,
        "log q": path.log_probabilities,
    }
    return {"Class": list(names)} | {
        title: [layout.fmt_short(v) for v in values.tolist()] for title, values in columns.items()
    }


def _lab(z: list[float], label: int, names: list[str]) -> None:
    st.subheader("Numerical stability lab")
    st.markdown(
        "Real networks produce large logits. Multiply these logits by a scale, round them to a "
        "floating-point type, and compute −log q of the true class two ways: the formula as "
        "written (exp, divide, log) and the way libraries do it (log-softmax via log-sum-exp)."
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
                f"−log q of the true class ({verdict})",
                layout.fmt_any(path.cross_entropy) + " nats",
            )
            st.caption(path.note)


def _edge_q_label(q: float) -> str:
    return "0" if q == 0 else f"{q:g}"


def _edge() -> None:
    st.subheader("What the libraries say at $q_y = 0$")
    st.markdown(
        "The exact loss $-\\ln q_y$ is infinite at $q_y = 0$. A library that takes "
        "probabilities cannot return ∞ for one bad sample, so each keeps the logarithm away "
        "from 0 in its own way, and at the edge they disagree by a factor of six."
    )
    st.select_slider(
        "Probability of the true class q_y",
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
            f"At q_y = {_edge_q_label(q)}": [
                layout.fmt_any(float(losses[c.key])) for c in xc.CONVENTIONS
            ],
            "At most": [layout.fmt_any(c.ceiling) for c in xc.CONVENTIONS],
        }
    )
    st.markdown(
        "\n".join(
            f"- **{c.library}** {c.rule}: at most {layout.fmt(c.ceiling, 2)} nats"
            for c in xc.CONVENTIONS
            if c.key != "exact"
        )
    )
    curves = xc.convention_losses(EDGE_GRID)
    st.plotly_chart(
        charts.conventions_figure(
            EDGE_GRID.tolist(),
            {key: values.tolist() for key, values in curves.items()},
            {c.key: c.library for c in xc.CONVENTIONS},
            max(q, float(EDGE_GRID[0])),
        ),
        key="logits.conventions",
    )
    layout.explain(
        "Losses in nats. Each line is flat where its library has clipped: below 1e-7 Keras "
        "reports 16.12 whatever the model said, scikit-learn stops at 36.04 = 52 ln 2 (float64 "
        "machine epsilon 2⁻⁵²), the seed script's +1e-15 bends smoothly to 34.54 = 15 ln 10, "
        "and PyTorch's BCE only stops at 100 (q_y below 3.7e-44). Above about 1e-3 they all "
        "agree with the exact value. Losses computed from logits (log-softmax, as in the lab "
        "above) need no clipping at all: they stay finite and exact for any finite logits."
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
            key=BARS_KEY,
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
        if ERROR_KEY in st.session_state:
            st.error(st.session_state[ERROR_KEY])
    with right:
        _controls(k, z)

    q = xc.softmax(z, temperature=temperature).tolist()
    p = xc.smooth_labels(xc.one_hot(label, k), eps).tolist()
    ce = float(xc.cross_entropy(p, q, base=base))
    st.subheader("From logits to loss")
    _formula(z, label, temperature, float(xc.cross_entropy(xc.one_hot(label, k), q)))
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
            "largest logit takes everything (the argmax, one-hot); as T → ∞ every class "
            "tends to 1/K. The dashed line is the current T."
        )
    with c2:
        st.markdown("**Label smoothing keeps the logits finite**")
        if eps > 0:
            gap = float(xc.optimal_logit_gap(eps, k))
            st.latex(r"z_y - z_{j\ne y} = \ln\frac{1-\varepsilon+\varepsilon/K}{\varepsilon/K}")
            st.latex(rf"= \ln\frac{{{1 - eps + eps / k:.3f}}}{{{eps / k:.3f}}} = {gap:.3f}")
            layout.explain(
                "With smoothing, the loss is smallest when the true logit leads every other "
                f"logit by this finite gap ({gap:.3f} for ε = {eps:g}, K = {k}); pushing it "
                "further makes the loss rise again."
            )
        else:
            st.latex(r"\varepsilon = 0:\quad z_y - z_{j\ne y} \to \infty")
            layout.explain(
                "Without smoothing the loss keeps falling as the true logit runs away from the "
                "others: the optimum is an infinite gap, which is why unregularised networks "
                "grow over-confident. Set ε above 0 to see the finite optimum."
            )

    _lab(z, label, names)
    _edge()

    write_params = [state.Z, state.TEMPERATURE, state.LOGIT_AXIS, state.LABEL, state.EPSILON]
    if names != state.NAMES.initial():
        write_params.append(state.NAMES)
    state.write_url([*write_params, state.LAB_SCALE, state.LAB_DTYPE, state.EDGE_Q])


st.title("Logits & temperature")
st.markdown(
    "A network does not output probabilities: it outputs **logits** z, any real numbers. "
    "**Softmax** turns them into a distribution, q = softmax(z / T). Drag a logit and watch "
    "the probabilities, the loss and the gradient move."
)
logits_panel()
