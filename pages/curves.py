"""Confidence curves: what each loss charges for each level of confidence in the truth."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, shell, state

shell.require_app()

GRID_POINTS = 400
# p_t before → after; the table shows what each loss adds for each fall.
PENALTY_STEPS = ((0.9, 0.5), (0.5, 0.1), (0.1, 0.01), (0.01, 0.001))
# The two falls drawn on the main chart: a mild one and a tenfold one.
ANNOTATED_STEPS = ((0.9, 0.5), (0.1, 0.01))
SEED_NAMES = ("A", "B", "C")
EXPLORER_LINK = "pages/explorer.py"
LOG_TEXT = {"nats": "ln", "bits": "log₂"}


def _write_url() -> None:
    # The marker comes from the explorer's prediction, so a link carries it too.
    state.write_url([*state.CURVES_PARAMS, state.Q, state.NAMES, state.LABEL, state.EPSILON])


def _signed(value: float, digits: int = 3) -> str:
    text = layout.fmt(value, digits)
    return text if text.startswith(("−", "-")) else "+" + text


def _loss_options() -> dict:
    return {
        "gamma": state.GAMMA.get(),
        "alpha": state.ALPHA.get(),
        "epsilon": state.EPSILON.get(),
        "base": layout.base(),
    }


def seed_example() -> None:
    """The seed script: one-hot label and prediction side by side, and the curve −log p."""
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
            "The worked example: the true class is A, so the label is one-hot [1, 0, 0]; the "
            "model predicts q = [0.7, 0.2, 0.1]. Only the true class's bar enters the loss."
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
            "The same loss for every probability the model could give A: the curve −log p. "
            "The example sits at p = 0.7; the curve shoots up as p goes to 0."
        )
    st.latex(
        rf"\begin{{aligned}} L &= -\sum_i y_i {log} q_i \\ "
        rf"&= -{log} 0.7 = {layout.latex_number(loss)}\ \text{{{unit}}} \end{{aligned}}"
    )


def _choose_curves() -> list[str]:
    shown = st.pills(
        "Curves",
        options=state.CURVE_CHOICES,
        selection_mode="multi",
        format_func=charts.loss_label,
        help="Switch each loss on or off; the gradient chart and the table follow.",
        **state.bind(state.CURVES),
    )
    return [key for key in state.CURVE_CHOICES if key in (shown or [])]


def _controls() -> None:
    st.toggle(
        "Log y axis",
        help="A log scale shows small losses near p_t = 1 and the 0–1 loss's jump.",
        **state.bind(state.LOG_Y),
    )
    st.slider(
        "Focal loss γ",
        min_value=0.0,
        max_value=state.GAMMA_MAX,
        step=0.1,
        help="(1 − p_t)^γ shrinks the loss of confident, correct predictions. γ = 0 with "
        "α = 1 is plain cross-entropy.",
        **state.bind(state.GAMMA),
    )
    st.slider(
        "Focal loss α",
        min_value=0.0,
        max_value=1.0,
        step=0.05,
        help="A constant weight on the focal loss (RetinaNet used 0.25 for the rare class).",
        **state.bind(state.ALPHA),
    )
    layout.epsilon_slider()


def _formulas(k: int, log: str) -> None:
    gamma = state.GAMMA.get()
    alpha = state.ALPHA.get()
    eps = state.EPSILON.get()
    with st.expander("The formulas behind the curves"):
        st.markdown(
            f"p_t is the probability of the true class t, y its one-hot label, K = {k} "
            "classes. Along the curves the other classes share 1 − p_t evenly."
        )
        st.latex(rf"L_\text{{CE}} = -{log} p_t")
        st.latex(r"L_\text{MSE} = \frac{1}{K}\sum_c (q_c - y_c)^2 = \frac{(1 - p_t)^2}{K - 1}")
        st.latex(r"L_\text{Brier} = \sum_c (q_c - y_c)^2 = \frac{K\,(1 - p_t)^2}{K - 1}")
        st.latex(
            rf"\begin{{aligned}} L_\text{{focal}} &= -\alpha\,(1 - p_t)^\gamma\,{log} p_t \\ "
            rf"\gamma &= {gamma:g},\ \alpha = {alpha:g} \end{{aligned}}"
        )
        st.latex(
            rf"\begin{{aligned}} L_\text{{LS}} &= -\sum_c y'_c\,{log} q_c \\ "
            rf"y' &= (1 - \varepsilon)\,y + \frac{{\varepsilon}}{{K}},\ \varepsilon = {eps:g}"
            r" \end{aligned}"
        )
        st.latex(
            r"L_{0\text{–}1} = \begin{cases} 0 & q_t > q_c \text{ for all } c \ne t \\ "
            r"1 & \text{otherwise} \end{cases}"
        )
        layout.explain(
            "The 0–1 loss counts a tie for the top as a mistake. Log losses are in the "
            "sidebar's unit; MSE, Brier and 0–1 have no unit."
        )
        st.markdown(
            "The gradient chart: the derivative with respect to the true class's logit "
            "z_t, through the softmax (∂p_t/∂z_t = p_t(1 − p_t)), along the curves."
        )
        # In bits every log loss is the nats one divided by ln 2, and so is its gradient.
        per = "" if log == r"\ln" else r"\frac{1}{\ln 2}"
        # Short rows (the focal one split in two) so the block fits a phone's width.
        st.latex(
            r"\begin{aligned} "
            rf"\frac{{\partial L_\text{{CE}}}}{{\partial z_t}} &= {per}(p_t - 1) \\[6pt] "
            rf"\frac{{\partial L_\text{{focal}}}}{{\partial z_t}} &= {per}\alpha\,"
            r"(1 - p_t)^\gamma \\ &\qquad \cdot \bigl(\gamma\,p_t \ln p_t - (1 - p_t)\bigr) "
            r"\\[6pt] "
            rf"\frac{{\partial L_\text{{LS}}}}{{\partial z_t}} &= {per}"
            r"\Bigl(p_t - 1 + \varepsilon - \frac{\varepsilon}{K}\Bigr) \\[6pt] "
            r"\frac{\partial L_\text{MSE}}{\partial z_t} &= -\frac{2\,p_t\,(1 - p_t)^2}{K - 1}"
            r" \\[6pt] "
            r"\frac{\partial L_\text{Brier}}{\partial z_t} &= "
            r"-\frac{2K\,p_t\,(1 - p_t)^2}{K - 1} \end{aligned}"
        )


def _explain_main(
    shown: list[str],
    k: int,
    options: dict,
    best: xc.SmoothedOptimum,
    ce_added: list[float],
    unit: str,
) -> None:
    """One sentence per curve on the chart, so the text matches what is drawn."""
    ln = LOG_TEXT[unit]
    worst = {key: float(v[0]) for key, v in xc.loss_curves([0.0], k, **options).items()}
    said = []
    if "cross_entropy" in shown:
        said.append(
            "**Cross-entropy** climbs without bound as p_t → 0. The dotted steps measure "
            f"the climb: a hesitant 0.9 → 0.5 adds {ce_added[0]:.2f} {unit}, the tenfold "
            f"0.1 → 0.01 adds {ln} 10 = {ce_added[1]:.2f} {unit}, and so does every "
            "further tenfold drop."
        )
    squared = [key for key in ("mse", "brier") if key in shown]
    if squared:
        names = " and ".join(charts.loss_label(key) for key in squared)
        caps = " and ".join(f"{worst[key]:.3g} ({charts.loss_label(key)})" for key in squared)
        said.append(
            f"**{names}** {'level' if len(squared) > 1 else 'levels'} off: even a certain "
            "mistake (p_t = 0) costs at most "
            + (caps if len(squared) > 1 else f"{worst[squared[0]]:.3g}")
            + "."
        )
    if "focal" in shown:
        said.append(
            f"**Focal loss** (γ = {options['gamma']:g}) fades near p_t = 1, so easy examples "
            "count less."
        )
    if "smoothed" in shown:
        said.append(
            f"**Label smoothing** is smallest at p_t = 1 − ε + ε/K = {best.p_true:.3f} (◆), "
            f"where the logits are only {best.logit_margin:.2f} apart: training stops "
            "pushing them, and the loss rises again towards p_t = 1."
            if options["epsilon"] > 0
            else "With ε = 0 **label smoothing** is plain cross-entropy (its line hides "
            "under it): raise ε to move its minimum (◆) away from p_t = 1."
        )
    if "zero_one" in shown:
        said.append(
            "The **0–1 loss** is what accuracy sees: it only notices whether the true class "
            f"is on top (here p_t > 1/K = {1 / k:.3f})."
        )
    said.append("The red dotted line and the large markers are your prediction from the explorer.")
    if {"mse", "brier", "smoothed"} & set(shown):
        said.append(
            "MSE, Brier and label smoothing also depend on how its other classes split the "
            "rest, so their markers can sit a little off the curves."
        )
    layout.explain(" ".join(said))


@st.fragment
def confidence_section() -> None:
    unit = layout.unit()
    log = layout.log_symbol()
    q = state.Q.get()
    names = state.NAMES.get()
    label = state.LABEL.get()
    k = len(q)
    true_name = names[label]
    options = _loss_options()

    st.subheader("What each loss charges for confidence")
    st.markdown(
        "Move along the x axis from a confident right answer (p_t = 1) to a confidently "
        "wrong one (p_t → 0) and compare what each loss charges."
    )
    shown = _choose_curves()
    chart_col, control_col = st.columns([3, 1], gap="large")
    with control_col:
        _controls()
    grid = xc.confidence_grid(GRID_POINTS)
    curves = xc.loss_curves(grid, k, **options)
    now = {key: float(v) for key, v in xc.classification_losses(q, label, **options).items()}
    best = xc.smoothed_minimum(k, options["epsilon"], base=options["base"])
    uniform = float(xc.entropy([1.0 / k] * k, base=options["base"]))
    steps_from = [a for a, _ in ANNOTATED_STEPS]
    steps_to = [b for _, b in ANNOTATED_STEPS]
    ce_from = xc.loss_curves(steps_from, k, **options)["cross_entropy"].tolist()
    ce_to = xc.loss_curves(steps_to, k, **options)["cross_entropy"].tolist()
    ce_added = xc.loss_increase(steps_from, steps_to, k, **options)["cross_entropy"].tolist()
    steps = [
        (a, b, lo, hi, _signed(rise, 2))
        for a, b, lo, hi, rise in zip(steps_from, steps_to, ce_from, ce_to, ce_added, strict=True)
    ]
    with chart_col:
        if not shown:
            st.info("Switch on at least one curve.", icon=":material/visibility_off:")
        else:
            st.plotly_chart(
                charts.confidence_curves_figure(
                    grid,
                    {key: curves[key].tolist() for key in shown},
                    unit=unit,
                    class_name=true_name,
                    current_x=q[label],
                    current=now,
                    uniform=uniform,
                    uniform_text=f"uniform guess<br>{LOG_TEXT[unit]} {k} = {uniform:.3f}",
                    smoothed_min=(best.p_true, best.loss),
                    steps=steps if "cross_entropy" in shown else (),
                    log_y=state.LOG_Y.get(),
                ),
                key="curves-main",
            )
    _explain_main(shown, k, options, best, ce_added, unit)
    st.page_link(EXPLORER_LINK, label="Change the prediction in the explorer", icon="↩")
    _formulas(k, log)

    _gradients(shown, k, q, label, options, unit)
    _penalty(shown, k, q, label, options, unit, true_name, uniform)
    _write_url()


def _gradients(shown: list[str], k: int, q: list, label: int, options: dict, unit: str) -> None:
    st.subheader("How hard each loss pushes")
    grid = xc.confidence_grid(GRID_POINTS)
    grads = xc.gradient_curves(grid, k, **options)
    now = {key: abs(float(v)) for key, v in xc.true_logit_gradients(q, label, **options).items()}
    if shown:
        st.plotly_chart(
            charts.gradient_curves_figure(
                grid,
                {key: grads[key].tolist() for key in shown},
                unit=unit,
                current_x=q[label],
                current=now,
            ),
            key="curves-gradient",
        )
    layout.explain(
        "Training follows the gradient: |∂L/∂z_true| is how hard one step pushes the true "
        "class's logit up. Cross-entropy pushes hardest (1 − p_t, in nats) exactly when the "
        "model is confidently wrong. MSE's push, 2·p_t·(1 − p_t)²/(K − 1), fades to 0 there "
        "(the note under the chart), and so does the Brier score's: a badly wrong model "
        "barely learns. Focal loss keeps pushing confidently wrong examples (α times "
        "cross-entropy's push as p_t → 0) and barely pushes easy ones; label smoothing "
        "stops pushing at its minimum. The 0–1 loss is flat almost everywhere, so it gives "
        "no gradient at all — which is why nobody trains on accuracy directly."
    )


def _penalty(
    shown: list[str],
    k: int,
    q: list,
    label: int,
    options: dict,
    unit: str,
    true_name: str,
    uniform: float,
) -> None:
    st.subheader("The penalty in numbers")
    added = xc.loss_increase(
        [a for a, _ in PENALTY_STEPS], [b for _, b in PENALTY_STEPS], k, **options
    )
    # One row per loss, one column per fall: narrow enough for a phone.
    table = {
        "Loss": [
            charts.loss_label(key) + (f" ({unit})" if key in charts.LOG_LOSSES else "")
            for key in shown
        ]
    }
    for i, (a, b) in enumerate(PENALTY_STEPS):
        table[f"{a:g} → {b:g}"] = [
            _signed(float(added[key][i]), 0 if key == "zero_one" else 3) for key in shown
        ]
    if shown:
        with st.container(key="curves-penalty"):
            st.table(table, border="horizontal")
    ce_steps = added["cross_entropy"].tolist()
    ln = LOG_TEXT[unit]
    layout.explain(
        "What each loss adds when p_t falls from one value to the next (the other classes "
        f"sharing the rest evenly, K = {k}). For cross-entropy every tenfold fall costs the "
        f"same {ln} 10 = {ce_steps[2]:.2f} {unit}, while 0.9 → 0.5 costs only {ce_steps[0]:.2f}: a "
        "confident mistake is charged far more than a hesitant one."
    )

    ce_now = float(xc.cross_entropy(xc.one_hot(label, k), q, base=options["base"]))
    ratio = ce_now / uniform
    st.markdown(f"**The explorer's prediction** (true class {layout.md_escape(true_name)})")
    with st.container(horizontal=True, key="curves-now"):
        st.metric(f"q({layout.md_escape(true_name)})", f"{q[label]:.3f}")
        st.metric(f"Cross-entropy ({unit})", layout.fmt(ce_now, 3))
        st.metric(f"Uniform guess {ln} {k}", layout.fmt(uniform, 3))
        st.metric("× the uniform guess", layout.fmt(ratio, 2))
    if ratio > 1:
        verdict = (
            f"{layout.fmt(ratio, 2)} times the loss of the uniform guess "
            f"({ln} {k} = {uniform:.3f} {unit}): worse than knowing nothing, because it gives "
            f"the true class less than 1/K = {1 / k:.3f}."
        )
    else:
        verdict = (
            f"{layout.fmt(ratio, 2)} times the loss of the uniform guess "
            f"({ln} {k} = {uniform:.3f} {unit}): better than knowing nothing."
        )
    layout.explain(verdict)


@st.fragment
def binary_section() -> None:
    unit = layout.unit()
    base = layout.base()
    log = layout.log_symbol()

    st.subheader("Binary cross-entropy")
    st.markdown(
        "With two classes the model gives one probability p for the positive class. "
        "The label y is 1, 0, or anything in between (a soft label)."
    )
    controls, chart = st.columns([1, 2], gap="large")
    with controls:
        p = st.slider(
            "Predicted probability p",
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
            "x axis in logits (p = σ(x))",
            help="Models output a logit x and p = σ(x) = 1/(1 + e^(−x)). "
            "binary_cross_entropy_with_logits computes the loss from x directly.",
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
            "Two branches: −log p charges a positive example (y = 1) for a low p, and "
            "−log(1 − p) charges a negative one (y = 0) for a high p. Your label mixes them, "
            "weighted y and 1 − y; with a soft label the smallest loss (◆) is at p = y and it "
            f"is not 0: it is the label's own entropy.{floor} In logits both branches become "
            "straight lines far from 0: a confident mistake costs about |x|."
        )
    loss = layout.latex_number(marker["label"])
    if logits:
        stable = r"\max(x, 0) - x\,y + \ln(1 + e^{-|x|})"
        if unit != "nats":
            stable = rf"\big[{stable}\big] / \ln 2"
        st.latex(
            rf"\begin{{aligned}} x &= \ln\frac{{p}}{{1 - p}} = {marker_x:.3f} \\ "
            rf"\ell &= {stable} \\ &= {loss}\ \text{{{unit}}} \end{{aligned}}"
        )
    else:
        st.latex(
            rf"\begin{{aligned}} \ell &= -\big[y\,{log} p + (1 - y)\,{log}(1 - p)\big] \\ "
            rf"&= -\big[{y:g}\,{log} {p:.2f} + {1 - y:g}\,{log} {1 - p:.2f}\big] \\ "
            rf"&= {loss}\ \text{{{unit}}} \end{{aligned}}"
        )
    _write_url()


st.title("Confidence curves")
st.markdown(
    "Cross-entropy only looks at **p_t**, the probability the model gave the true class, "
    "and charges **−log p_t**. This page shows why that punishes a confidently wrong "
    "prediction so hard, and how other losses differ."
)
seed_example()
confidence_section()
binary_section()
