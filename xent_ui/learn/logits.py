"""Lesson 9, From logits: softmax, temperature, and the logit gradient q − p derived in
four lines (the log of the softmax cancels its exponential).

Widget: three logits (A is the true class) and a temperature on sliders; the
probabilities, the loss and the gradient q − p as a table and two bar charts.
"""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import layout, state
from xent_ui.charts.learn import lesson_bars
from xent_ui.learn import frame
from xent_ui.learn.frame import Goal, Lesson, Prediction, amount

SLUG = "logits"
CLASSES = ("A", "B", "C")
#: The true class is A: p = (1, 0, 0).
TRUE = 0
#: The logits the lesson opens with (state.LESSON_Z's default).
START = (1.0, 0.0, -1.0)
#: "Flatten q with the temperature alone until every qᵢ is below 0.45" (T ≥ 3 at START).
FLAT_GOAL = 0.45
#: "Make every component of q − p smaller than 0.05 in size" (q_A > 0.95).
GRADIENT_GOAL = 0.05
LOGIT_STEP = 0.1


def _p() -> list[float]:
    return xc.one_hot(TRUE, len(CLASSES)).tolist()


def _set_logit(i: int) -> None:
    value = state.lesson_widget(SLUG, f"z{i}").value()
    if value is None:
        return
    z = list(state.LESSON_Z.get())
    z[i] = float(value)
    state.LESSON_Z.set(z)


def _reset_logits() -> None:
    state.LESSON_Z.set(list(START))


def _at_start(z: list[float]) -> bool:
    return all(abs(a - b) < 1e-9 for a, b in zip(z, START, strict=True))


def goals_for(z: list[float], temperature: float) -> list[Goal]:
    """The lesson's goals for logits ``z`` and a temperature (pure: the tests call it)."""
    q = xc.softmax(z, temperature=temperature)
    gradient = xc.logit_gradient(_p(), q)
    start = ", ".join(f"{v:g}" for v in START).replace("-", "−")
    return [
        Goal(
            "Make B the most probable class (the model is now wrong) and see which logit "
            "the gradient pushes down hardest.",
            bool(q[1] > q[0] and q[1] > q[2]),
        ),
        Goal(
            f"Keep the logits at ({start}) and flatten q with the temperature alone until "
            f"every qᵢ is below {FLAT_GOAL:g}.",
            _at_start(z) and float(q.max()) < FLAT_GOAL,
        ),
        Goal(
            f"Make every component of q − p smaller than {GRADIENT_GOAL:g} in size (at T = 1 "
            "this is the gradient).",
            float(abs(gradient).max()) < GRADIENT_GOAL,
        ),
    ]


def _signed(value: float, digits: int = 3) -> str:
    return f"{value:+.{digits}f}".replace("-", "−")


def _widgets(z: list[float]) -> None:
    columns = st.columns(len(CLASSES))
    for i, (column, name) in enumerate(zip(columns, CLASSES, strict=True)):
        widget = state.lesson_widget(SLUG, f"z{i}")
        widget.set(float(z[i]))
        column.slider(
            f"Logit z_{name}" + (" (true class)" if i == TRUE else ""),
            min_value=-state.LOGIT_LIMIT,
            max_value=state.LOGIT_LIMIT,
            step=LOGIT_STEP,
            key=widget.key,
            on_change=_set_logit,
            args=(i,),
        )
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    left.slider(
        "Temperature T",
        min_value=0.1,
        max_value=5.0,
        step=0.1,
        help="q = softmax(z / T). Below 1 sharpens, above 1 flattens.",
        **state.bind(state.LESSON_T),
    )
    right.button(
        "Logits back to " + ", ".join(f"{v:g}" for v in START).replace("-", "−"),
        key="learn.logits.reset",
        on_click=_reset_logits,
        use_container_width=True,
    )


def draw() -> bool:
    unit = layout.unit()
    log = layout.log_text()
    st.markdown(
        "A network does not output probabilities but **logits** z: any real numbers, one "
        "per class. The **softmax** turns them into probabilities:"
    )
    st.latex(r"q_i = \frac{e^{z_i/T}}{\sum_j e^{z_j/T}}")
    st.markdown(
        "The exponential makes every qᵢ positive, dividing by the sum makes them add up to "
        "1, and adding the same number to every logit changes nothing. The **temperature** "
        "T divides every logit first: T < 1 sharpens q, T > 1 flattens it, and neither "
        f"changes which class comes first. The loss is −{log} q_t, t the true class."
    )
    q_start = xc.softmax(list(START))
    gradient_start = xc.logit_gradient(_p(), q_start)
    start = ", ".join(f"{v:g}" for v in START).replace("-", "−")
    if not frame.predict(
        SLUG,
        Prediction(
            prompt=f"Logits ({start}) for classes A, B, C, true class A, T = 1, and the "
            "loss L = −ln q_A. What is ∂L/∂z_A, the slope of the loss along A's logit?",
            answer=0,
            choices=("q_A − 1", "−1", "0: the loss depends on q, not on z", "−1/q_A"),
            why=f"∂L/∂z_A = q_A − 1 = {q_start[0]:.3f} − 1 = {_signed(gradient_start[0])}: "
            "negative, so a gradient-descent step raises z_A, and the more probability A "
            "already has, the gentler the push. (−1/q_A is the slope with respect to the "
            "probability q_A, not to the logit: the softmax sits in between.)",
        ),
    ):
        return False

    st.markdown(
        "**Four lines.** At T = 1, with the natural log, the log of the softmax cancels "
        "its exponential:"
    )
    st.latex(
        r"\begin{aligned}"
        r"L &= -\ln \frac{e^{z_t}}{\sum_j e^{z_j}} \\"
        r"&= -z_t + \ln \sum_j e^{z_j} \\"
        r"\frac{\partial}{\partial z_i} \ln \sum_j e^{z_j} &= "
        r"\frac{e^{z_i}}{\sum_j e^{z_j}} = q_i \\"
        r"\frac{\partial L}{\partial z_i} &= q_i - [i = t] = q_i - p_i"
        r"\end{aligned}"
    )
    bits = " A loss in bits is the loss in nats × log₂ e, and so is its gradient."
    layout.explain(
        "[i = t] is 1 for the true class and 0 for the others: the one-hot truth p. With a "
        "temperature the softmax sees z/T, so the chain rule divides the gradient by T: "
        "(q − p)/T." + (bits if unit == "bits" else "")
    )

    z = [float(v) for v in state.LESSON_Z.get()]
    _widgets(z)
    temperature = float(state.LESSON_T.get())
    p = _p()
    q = xc.softmax(z, temperature=temperature)
    gradient = xc.logit_gradient(p, q)
    loss = -float(xc.log_softmax(z, temperature=temperature)[TRUE])
    rows = [
        (
            name + (" (true)" if i == TRUE else ""),
            f"{z[i]:g}".replace("-", "−"),
            f"{q[i]:.4f}",
            f"{p[i]:g}",
            _signed(float(gradient[i]), 4),
        )
        for i, name in enumerate(CLASSES)
    ]
    st.markdown(layout.markdown_table(("Class", "z", "q", "p", "q − p"), rows))
    st.markdown(f"Loss −{log} q_A = **{amount(loss)}**.")
    names = [name + (" (true)" if i == TRUE else "") for i, name in enumerate(CLASSES)]
    colors = ["green" if i == TRUE else "blue" for i in range(len(CLASSES))]
    left, right = st.columns(2)
    with left:
        st.plotly_chart(
            lesson_bars(
                names,
                q.tolist(),
                y_title="q = softmax(z / T)",
                colors=colors,
                text=[f"{v:.3f}" for v in q],
                y_range=(0.0, 1.15),
            ),
            key="learn.logits.q",
        )
    with right:
        st.plotly_chart(
            lesson_bars(
                names,
                gradient.tolist(),
                y_title="q − p (the gradient at T = 1)",
                colors=colors,
                text=[_signed(float(v)) for v in gradient],
                y_range=(-1.15, 1.15),
            ),
            key="learn.logits.gradient",
        )
    layout.explain(
        "Left: the probabilities. Right: q − p, the gradient at T = 1. A step of gradient "
        "descent moves each logit against its bar: the true class's bar is negative (its "
        "logit goes up), the "
        f"others positive (they go down). The bars add up to {abs(float(gradient.sum())):.0f}. "
        "(With T ≠ 1 the gradient in z is (q − p)/T: the same directions, scaled by 1/T.)"
    )

    reached = frame.goals(SLUG, goals_for(z, temperature))
    return frame.finish(
        SLUG,
        reached,
        noticed=(
            "The softmax only sees differences between logits, and the temperature rescales "
            "them without reordering. The gradient of −ln q_t is the prediction minus the truth: "
            "it raises the true logit in proportion to 1 − q_t and lowers every other logit in "
            "proportion to its own qᵢ, the rival taking the most probability hardest. It "
            "vanishes only as q reaches p, so a nearly right prediction barely moves."
        ),
        question="gradient-all-logits",
        onward=[
            ("pages/logits.py", "Logits & temperature: drag the logits, watch q and q − p"),
            ("pages/curves.py", "Confidence curves: how hard each loss pushes the true logit"),
        ],
    )


LESSON = Lesson(
    SLUG,
    "From logits",
    "How do logits become probabilities, and why is the gradient simply q − p?",
    draw,
)
