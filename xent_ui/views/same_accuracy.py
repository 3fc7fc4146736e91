"""The "Same accuracy, different loss" section of the data page (pages/data.py): the
predictions sharpened, as given and softened by one temperature, whose accuracy is the same
and whose cross-entropy is not."""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import layout

COMPARED_TEMPERATURES = (0.25, 1.0, 4.0)


def show(pred: xc.Predictions, unit: str, base: float | None) -> None:
    st.subheader("Same accuracy, different loss")
    z = pred.scaling_logits()
    reports = [
        xc.calibration_report(z, pred.labels, temperature=t, base=base)
        for t in COMPARED_TEMPERATURES
    ]
    what = {0.25: "sharpened", 1.0: "as given", 4.0: "softened"}
    with st.container(key="data-same-accuracy"):
        st.table(
            {
                "Predictions": [f"softmax(z / {t:g}): {what[t]}" for t in COMPARED_TEMPERATURES],
                "Accuracy": [f"{r.accuracy:.1%}" for r in reports],
                f"Mean cross-entropy ({unit})": [layout.fixed(r.nll) for r in reports],
                "Mean MSE": [layout.fixed(r.brier / pred.n_classes) for r in reports],
            },
            border="horizontal",
        )
    best = min(range(len(reports)), key=lambda i: reports[i].nll)
    layout.explain(
        "Dividing every logit by the same T > 0 never changes which class is most probable, "
        "so the three rows classify every sample alike and their accuracy is identical. "
        "Their cross-entropy is not: it asks how much probability the truth got, not only "
        f"which class won. Here the {what[COMPARED_TEMPERATURES[best]]} predictions "
        f"(T = {COMPARED_TEMPERATURES[best]:g}) have the lowest loss. Sharpening pays off "
        "when a model is under-confident and costs dearly on confident mistakes; the "
        "calibration section finds the best T."
    )
