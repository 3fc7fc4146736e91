"""Confidence curves: what each loss charges for each level of confidence in the truth."""

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, shell, state

shell.require_app()

GRID_POINTS = 400
# q_t before → after; the table shows what each loss adds for each fall.
PENALTY_STEPS = ((0.9, 0.5), (0.5, 0.1), (0.1, 0.01), (0.01, 0.001))
# The two falls drawn on the main chart: a mild one and a tenfold one.
ANNOTATED_STEPS = ((0.9, 0.5), (0.1, 0.01))
SEED_NAMES = ("A", "B", "C")
EXPLORER_LINK = "pages/explorer.py"


def _write_url() -> None:
    # The marker comes from the explorer's prediction, so a link carries it too.
    state.write_url(state.CURVES_URL)


def _signed(value: float, digits: int = 3) -> str:
    text = layout.fixed(value, digits)
    return text if text.startswith(("−", "-")) else "+" + text


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
        help="A log scale shows the small losses near q_t = 1.",
        **state.bind(state.LOG_Y),
    )
    st.slider(
        "Focal loss γ",
        min_value=0.0,
        max_value=state.GAMMA_MAX,
        step=0.1,
        help="The factor (1 − q_t)^γ shrinks the loss of confident, correct predictions. "
        "γ = 0 with α = 1 is plain cross-entropy.",
        **state.bind(state.GAMMA),
    )
    st.slider(
        "Focal loss α",
        min_value=0.0,
        max_value=1.0,
        step=0.05,
        help="A constant weight α on the focal loss. A single constant only rescales the "
        "curve (and its gradient). RetinaNet's α_t is per class: 0.25 on the rare positive "
        "class and 1 − α = 0.75 on the negatives.",
        **state.bind(state.ALPHA),
    )
    layout.epsilon_slider()


def _formulas(k: int, log: str) -> None:
    gamma = state.GAMMA.get()
    alpha = state.ALPHA.get()
    eps = state.EPSILON.get()
    with st.expander("The formulas behind the curves"):
        st.markdown(
            f"q_t is the predicted probability of the true class t; the truth p is its "
            f"one-hot label (p_t = 1, every other p_c = 0); K = {k} classes. Along the curves "
            "the other classes share 1 − q_t evenly."
        )
        st.latex(rf"L_\text{{CE}} = -{log} q_t")
        st.latex(r"L_\text{MSE} = \frac{1}{K}\sum_c (q_c - p_c)^2 = \frac{(1 - q_t)^2}{K - 1}")
        st.latex(r"L_\text{Brier} = \sum_c (q_c - p_c)^2 = \frac{K\,(1 - q_t)^2}{K - 1}")
        st.latex(
            rf"\begin{{aligned}} L_\text{{focal}} &= -\alpha\,(1 - q_t)^\gamma\,{log} q_t \\ "
            rf"\gamma &= {gamma:g},\ \alpha = {alpha:g} \end{{aligned}}"
        )
        st.latex(
            rf"\begin{{aligned}} L_\text{{LS}} &= -\sum_c p'_c\,{log} q_c \\ "
            rf"p' &= (1 - \varepsilon)\,p + \frac{{\varepsilon}}{{K}},\ \varepsilon = {eps:g}"
            r" \end{aligned}"
        )
        st.latex(
            r"L_{0\text{–}1} = \begin{cases} 0 & q_t > q_c \text{ for all } c \ne t \\ "
            r"1 & \text{otherwise} \end{cases}"
        )
        layout.explain(
            "The right-hand forms hold along the curves (the rest split evenly). The 0–1 "
            "loss counts a tie for the top as a mistake. Log losses are in the sidebar's "
            "unit; MSE, Brier and 0–1 have no unit."
        )
        st.markdown(
            "The gradient chart: the derivative with respect to the true class's logit "
            "z_t, through the softmax (∂q_t/∂z_t = q_t(1 − q_t)), along the curves."
            + (
                ""
                if log == r"\ln"
                else " In bits every log loss is the nats one times log₂ e = 1/ln 2 ≈ 1.443, "
                "and so is its gradient."
            )
        )
        # In bits: (1/ln 2)·ln q = log₂ q, and a bare factor 1/ln 2 is log₂ e.
        per = "" if log == r"\ln" else r"\log_2 e\,"
        # Short rows (the focal one split in two) so the block fits a phone's width.
        st.latex(
            r"\begin{aligned} "
            rf"\frac{{\partial L_\text{{CE}}}}{{\partial z_t}} &= {per}(q_t - 1) \\[6pt] "
            rf"\frac{{\partial L_\text{{focal}}}}{{\partial z_t}} &= \alpha\,"
            rf"(1 - q_t)^\gamma \\ &\qquad "
            rf"\cdot \bigl(\gamma\,q_t {log} q_t - {per}(1 - q_t)\bigr) "
            r"\\[6pt] "
            rf"\frac{{\partial L_\text{{LS}}}}{{\partial z_t}} &= {per}"
            r"\Bigl(q_t - 1 + \varepsilon - \frac{\varepsilon}{K}\Bigr) \\[6pt] "
            r"\frac{\partial L_\text{MSE}}{\partial z_t} &= -\frac{2\,q_t\,(1 - q_t)^2}{K - 1}"
            r" \\[6pt] "
            r"\frac{\partial L_\text{Brier}}{\partial z_t} &= "
            r"-\frac{2K\,q_t\,(1 - q_t)^2}{K - 1} \end{aligned}"
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
    ln = layout.log_text()
    # The squared losses at q_t = 0: along the even split, and at worst (all on one wrong class).
    along = {key: float(v[0]) for key, v in xc.loss_curves([0.0], k, **options).items()}
    worst = {
        key: float(v) for key, v in xc.classification_losses(xc.one_hot(1, k), 0, **options).items()
    }
    said = []
    if "cross_entropy" in shown:
        said.append(
            "**Cross-entropy** climbs without bound as q_t → 0. The dotted steps measure "
            f"the climb: a hesitant 0.9 → 0.5 adds {ce_added[0]:.2f} {unit}, the tenfold "
            f"0.1 → 0.01 adds {ln} 10 = {ce_added[1]:.2f} {unit}, and so does every "
            "further tenfold drop."
        )
    squared = [key for key in ("mse", "brier") if key in shown]
    if squared:
        names = " and ".join(charts.loss_label(key) for key in squared)

        def listed(values: dict[str, float]) -> str:
            if len(squared) == 1:
                return f"{values[squared[0]]:.3g}"
            return " and ".join(f"{values[key]:.3g} ({charts.loss_label(key)})" for key in squared)

        same = all(abs(along[key] - worst[key]) < 1e-12 for key in squared)  # K = 2
        said.append(
            f"**{names}** {'level' if len(squared) > 1 else 'levels'} off: along this curve "
            f"a certain mistake (q_t = 0) costs {listed(along)}"
            + (
                ", the most it can cost."
                if same
                else f", and at worst, with all the probability on one wrong class, "
                f"{listed(worst)}."
            )
        )
    if "focal" in shown:
        said.append(
            f"**Focal loss** (γ = {options['gamma']:g}, α = {options['alpha']:g}) "
            + (
                "fades near q_t = 1, so easy examples count less."
                if options["gamma"] > 0
                else "with γ = 0 is α × cross-entropy."
            )
        )
    if "smoothed" in shown:
        said.append(
            f"**Label smoothing** is smallest at q_t = 1 − ε + ε/K = {best.p_true:.3f} (◆), "
            f"where the logits are only {best.logit_margin:.2f} apart: training stops "
            "pushing them, and the loss rises again towards q_t = 1."
            if options["epsilon"] > 0
            else "With ε = 0 **label smoothing** is plain cross-entropy (its line hides "
            "under it): raise ε to move its minimum (◆) away from q_t = 1."
        )
    if "zero_one" in shown:
        said.append(
            "The **0–1 loss** is what accuracy sees: it only notices whether the true class "
            f"is on top (here q_t > 1/K = {1 / k:.3f})."
        )
    said.append("The red dotted line and the large markers are your prediction from the explorer.")
    off = [key for key in ("mse", "brier", "smoothed", "zero_one") if key in shown]
    if off:
        names = [charts.loss_label(key) for key in off]
        listed = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        said.append(
            f"{listed} also {'depend' if len(off) > 1 else 'depends'} on how your prediction "
            "splits the rest among the other classes, so "
            + ("their markers" if len(off) > 1 else "its marker")
            + " can sit off the curves"
            + (
                " (the 0–1 marker jumps to 1 whenever another class beats the true one)."
                if "zero_one" in off
                else "."
            )
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
        "Move along the x axis from a confident right answer (q_t = 1) to a confidently "
        "wrong one (q_t → 0) and compare what each loss charges."
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
                    uniform_text=f"uniform guess<br>{layout.log_text()} {k} = {uniform:.3f}",
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
    layout.explain(_gradient_caption(shown, k, q[label], options, unit))


def _gradient_caption(shown: list[str], k: int, q_true: float, options: dict, unit: str) -> str:
    """What the gradient chart shows, with the numbers of the curves on it."""
    per = "" if unit == "nats" else " × log₂ e"
    # The pushes at your q_t, at q_t = 0.1 and at q_t = 0 (the confidently wrong end).
    grads = xc.gradient_curves([q_true, 0.1, 0.0], k, **options)
    now, _, at_zero = ({key: float(v[i]) for key, v in grads.items()} for i in range(3))
    said = [
        "Training follows the gradient: |∂L/∂z_t| is how hard one step moves the true "
        "class's logit (up for every loss here, except label smoothing beyond its minimum, "
        "which pushes it back down)."
    ]
    if "cross_entropy" in shown:
        said.append(
            f"Cross-entropy pushes by (1 − q_t){per}: the more wrong the prediction, the "
            f"harder, up to {at_zero['cross_entropy']:.2f} as q_t → 0 (at your "
            f"q_t = {q_true:.2f}: {now['cross_entropy']:.3f})."
        )
    squared = [key for key in ("mse", "brier") if key in shown]
    if squared:
        formulas = {"mse": "2·q_t·(1 − q_t)²/(K − 1)", "brier": "2K·q_t·(1 − q_t)²/(K − 1)"}
        parts = [f"{charts.loss_label(key)} by {formulas[key]}" for key in squared]
        pushes = parts[0].replace(" by ", " pushes by ", 1) + "".join(f", {p}" for p in parts[1:])
        fade = "fades" if len(squared) == 1 else "both fade"
        said.append(
            f"{pushes}: {fade} to 0 as q_t → 0, so a confidently wrong model barely learns."
        )
    if "focal" in shown:
        gamma, alpha = options["gamma"], options["alpha"]
        stronger = xc.focal_stronger_range(gamma, alpha)
        name = f"Focal loss (γ = {gamma:g}, α = {alpha:g})"
        if alpha == 0:
            focal = f"{name} does not push at all: α = 0 switches it off."
        elif gamma == 0:
            focal = f"{name} is α × cross-entropy: the same push" + (
                ", identical." if alpha == 1 else f", scaled by {alpha:g}."
            )
        elif stronger is None:
            focal = (
                f"{name} never pushes harder than cross-entropy here, and pushes easy "
                "examples (q_t near 1) much less."
            )
        else:
            low, high = stronger
            where = f"below q_t ≈ {high:.2f}" if low < 1e-3 else f"for q_t ≈ {low:.2f}–{high:.2f}"
            # An example inside the range: q_t = 0.1 when it is, else the range's middle.
            at = 0.1 if low <= 0.1 <= high else float(np.sqrt(low * high))
            example = {
                key: float(v[0]) for key, v in xc.gradient_curves([at], k, **options).items()
            }
            focal = (
                f"{name} pushes hard examples *harder* than cross-entropy {where} "
                f"({example['focal']:.2f} against {example['cross_entropy']:.2f} at "
                f"q_t = {at:.2g}) and easy ones much less: it moves the effort from the "
                "examples the model gets right to those it gets wrong."
            )
        said.append(focal)
    if "smoothed" in shown:
        said.append("Label smoothing stops pushing at its minimum (◆ on the chart above).")
    if "zero_one" in shown:
        said.append(
            "The 0–1 loss is flat almost everywhere: its gradient is zero wherever it exists, "
            "which is why nobody trains on accuracy directly."
        )
    return " ".join(said)


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
    ln = layout.log_text()
    layout.explain(
        "What each loss adds when q_t falls from one value to the next (the other classes "
        f"sharing the rest evenly, K = {k}). For cross-entropy every tenfold fall costs the "
        f"same {ln} 10 = {ce_steps[2]:.2f} {unit}, while 0.9 → 0.5 costs only {ce_steps[0]:.2f}: a "
        "confident mistake is charged far more than a hesitant one."
    )

    ce_now = float(xc.cross_entropy(xc.one_hot(label, k), q, base=options["base"]))
    ratio = ce_now / uniform
    st.markdown(f"**The explorer's prediction** (true class {layout.md_escape(true_name)})")
    with st.container(horizontal=True, key="curves-now"):
        st.metric(f"q({layout.md_escape(true_name)})", f"{q[label]:.3f}")
        st.metric(f"Cross-entropy vs the one-hot label ({unit})", layout.fixed(ce_now, 3))
        st.metric(f"Uniform guess {ln} {k}", layout.fixed(uniform, 3))
        st.metric("× the uniform guess", layout.fixed(ratio, 2))
    if ratio > 1:
        verdict = (
            f"{layout.fixed(ratio, 2)} times the loss of the uniform guess "
            f"({ln} {k} = {uniform:.3f} {unit}): worse than knowing nothing, because it gives "
            f"the true class less than 1/K = {1 / k:.3f}."
        )
    else:
        verdict = (
            f"{layout.fixed(ratio, 2)} times the loss of the uniform guess "
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
