"""The worst-predicted samples section of the data page (pages/data.py): the table of the
samples with the largest cross-entropy (with the Iris flowers' measurements) and the
per-sample results download."""

from __future__ import annotations

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import layout

WORST = 5
MAX_CLASS_COLUMNS = 10  # the worst-samples table lists each class's probability up to this K
IRIS_FEATURES = ("sepal length", "sepal width", "petal length", "petal width")


def show(
    pred: xc.Predictions, summary: xc.BatchSummary, unit: str, iris: xc.IrisRun | None
) -> None:
    st.subheader("The worst-predicted samples")
    worst = xc.worst_samples(summary.cross_entropy, WORST)
    names = pred.class_names
    table: dict[str, list] = {
        "Row": pred.rows[worst].tolist(),
        "True class": [names[i] for i in pred.labels[worst]],
        "Predicted": [names[i] for i in summary.predicted[worst]],
        "q(true class)": [float(pred.probs[i, pred.labels[i]]) for i in worst],
        f"Cross-entropy ({unit})": summary.cross_entropy[worst].tolist(),
        "MSE": summary.mse[worst].tolist(),
    }
    if pred.n_classes <= MAX_CLASS_COLUMNS:
        for c, name in enumerate(names):
            table[f"q({name})"] = pred.probs[worst, c].tolist()
    if iris is not None:
        features = iris.data.features[iris.test[worst]]
        for j, feature in enumerate(IRIS_FEATURES):
            table[f"{feature} (cm)"] = features[:, j].tolist()
    number = st.column_config.NumberColumn(format="%.4f")
    config = {column: number for column in table if column.startswith(("q(", "Cross", "MSE"))} | {
        column: st.column_config.NumberColumn(format="%.1f") for column in table if "cm" in column
    }
    with st.container(key="data-worst"):
        st.dataframe(table, hide_index=True, column_config=config)
    layout.explain(
        "Sorted by cross-entropy: the samples whose true class got the least probability "
        "come first, whether the model was confidently wrong or only unsure. Rows are the "
        "rows of the file (the header is row 1)."
    )

    def results() -> str:
        return xc.results_csv(
            pred,
            {
                "q_label": pred.probs[np.arange(pred.n_samples), pred.labels],
                "confidence": pred.probs.max(axis=1),
                "correct": summary.correct.astype(int),
                f"cross_entropy_{unit}": summary.cross_entropy,
                "mse": summary.mse,
            },
        )

    st.download_button(
        "Download per-sample results (CSV)",
        data=results,
        file_name="xent-per-sample-results.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="data.results_download",
    )
