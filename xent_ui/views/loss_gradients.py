"""The confidence page's (pages/curves.py) "How hard each loss pushes" section: the
gradient with respect to the true class's logit along the curves, with the explorer's
prediction marked, and its caption built from the curves' own numbers."""

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout
from xent_ui.views.loss_curves import GRID_POINTS


def gradients(shown: list[str], k: int, q: list, label: int, options: dict, unit: str) -> None:
    """The gradient chart of the losses switched on, and its caption."""
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
    layout.explain(gradient_caption(shown, k, q[label], options, unit))


def gradient_caption(shown: list[str], k: int, q_true: float, options: dict, unit: str) -> str:
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
