"""Real data & calibration: per-sample losses on Iris and on your own predictions.

Wiring and prose: the sections live in xent_ui/views (upload_panel, sample_losses,
worst_samples, same_accuracy, calibration)."""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import layout, shell, state, uploads
from xent_ui.views import (
    calibration,
    same_accuracy,
    sample_losses,
    upload_panel,
    worst_samples,
)

shell.require_app()

SOURCE_LABELS = {"iris": "Iris (bundled)", "upload": "Your predictions"}


@st.fragment
def calibration_section(pred: xc.Predictions, dataset: str) -> None:
    """The calibration section reruns alone when its sliders move, so it writes the link too
    (also when the data are too few to calibrate: the bins slider is still in the link)."""
    calibration.show(pred, dataset)
    state.write_url(state.DATA_URL)


def _iris_intro(run: xc.IrisRun) -> None:
    st.markdown(
        f"Fisher's **Iris** data: 150 flowers, 4 measurements each, 3 species. A multinomial "
        f"logistic regression (numpy, gradient descent on cross-entropy, L2 penalty as "
        f"scikit-learn's C = 1) learns from {len(run.train)} flowers (70 %, stratified, "
        f"seed 0) and predicts the other {len(run.test)}. These are its test-set "
        f"predictions: **{run.accuracy:.1%}** right."
    )


def main() -> None:
    st.title("Real data & calibration")
    st.markdown(
        "Cross-entropy on one prediction is a number; on a test set it is a distribution. "
        "Look at every sample's loss, the ones that cost the most, and whether the model's "
        "confidence can be trusted."
    )
    st.segmented_control(
        "Predictions",
        options=state.DATA_SOURCES,
        format_func=SOURCE_LABELS.__getitem__,
        **state.bind(state.DATA_SOURCE),
    )
    unit = layout.unit()
    base = layout.base()
    iris = None
    if state.DATA_SOURCE.get() == "upload":
        pred = upload_panel.show()
        record = state.UPLOAD.get()
        dataset = uploads.dataset_key(record) if record else ""
    else:
        iris, pred = uploads.iris()
        _iris_intro(iris)
        dataset = uploads.IRIS
    if pred is not None:
        summary = uploads.memo(
            dataset,
            f"summary:{unit}",
            lambda: xc.summarize_batch(
                pred.probs,
                pred.labels,
                logits=pred.logits,
                base=base,
                bins=sample_losses.HISTOGRAM_BINS,
            ),
        )
        sample_losses.show(pred, summary, unit)
        worst_samples.show(pred, summary, unit, iris)
        same_accuracy.show(pred, unit, base)
        calibration_section(pred, dataset)
    state.write_url(state.DATA_URL)


main()
