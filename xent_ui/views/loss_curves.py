"""The confidence page's (pages/curves.py) "What each loss charges for confidence" section:
the curve switches and loss controls, the main chart of every loss against q_t with its
dotted cross-entropy steps and the explorer's prediction, the caption per curve, the link
back to the explorer and the formulas behind the curves."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, state

GRID_POINTS = 400
# The two falls drawn on the main chart: a mild one and a tenfold one.
ANNOTATED_STEPS = ((0.9, 0.5), (0.1, 0.01))
EXPLORER_LINK = "pages/explorer.py"


def signed(value: float, digits: int = 3) -> str:
    text = layout.fixed(value, digits)
    return text if text.startswith(("−", "-")) else "+" + text


def choose_curves() -> list[str]:
    shown = st.pills(
        "Curves",
        options=state.CURVE_CHOICES,
        selection_mode="multi",
        format_func=charts.loss_label,
        help="Switch each loss on or off; the gradient chart and the table follow.",
        **state.bind(state.CURVES),
    )
    return [key for key in state.CURVE_CHOICES if key in (shown or [])]


def controls() -> None:
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


def formulas(k: int, log: str) -> None:
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


def explain_main(
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


def confidence_curves(
    q: list, label: int, true_name: str, options: dict, unit: str
) -> tuple[list[str], float]:
    """Draw the section; return the losses switched on and the uniform guess's loss."""
    log = layout.log_symbol()
    k = len(q)

    st.subheader("What each loss charges for confidence")
    st.markdown(
        "Move along the x axis from a confident right answer (q_t = 1) to a confidently "
        "wrong one (q_t → 0) and compare what each loss charges."
    )
    shown = choose_curves()
    chart_col, control_col = st.columns([3, 1], gap="large")
    with control_col:
        controls()
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
        (a, b, lo, hi, signed(rise, 2))
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
    explain_main(shown, k, options, best, ce_added, unit)
    st.page_link(EXPLORER_LINK, label="Change the prediction in the explorer", icon="↩")
    formulas(k, log)
    return shown, uniform
