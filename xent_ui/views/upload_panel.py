"""The upload panel of the data page (pages/data.py): the format help, the sample CSV, the
file and paste inputs, the value-kind options, and what reading the predictions gave (a
count, or an error with the fixes it offers)."""

from __future__ import annotations

import streamlit as st

import xent_core as xc
from xent_ui import layout, state, uploads

PASTE_BUTTON = "data.paste.go"
SAMPLE_BUTTON = "data.sample"
MAX_PASTE_CHARS = 1_000_000
KIND_LABELS = {"auto": "Detect", "probabilities": "Probabilities", "logits": "Logits"}


def _format_help() -> None:
    with st.popover("The format", icon=":material/help:"):
        st.markdown(
            f"""
- A **header row**, then one row per sample.
- One column named **label** (any case) holds the true class: its name, or its index
  0 … K−1. Every other column is a **class**; its header is the class name (2 to 1000
  classes, names different).
- The class columns hold **probabilities** (each in [0, 1], each row summing to 1) or
  **logits** (any real numbers). *Detect* reads probabilities when every value lies in
  [0, 1] and every row sums to 1 within 10⁻⁶, and logits when any value lies outside
  [0, 1]. Anything in between is an error that offers to renormalise the rows or to read
  them as logits.
- Commas, semicolons or tabs; UTF-8 (with or without a byte-order mark); up to
  {uploads.upload_limit_mb()} MB. Rows in messages are numbered as in a spreadsheet: the header
  is row 1.
"""
        )


def _error(err: xc.PredictionsError, record: uploads.Upload) -> None:
    st.error(
        f"**Could not read {layout.md_escape(record.name)}.** {layout.md_escape(str(err))}",
        icon=":material/error:",
    )
    fixes = {
        "renormalize": "Renormalise the rows (divide each by its sum)",
        "logits": "Read the values as logits",
    }
    offered = [f for f in err.fixes if f in fixes]
    if offered:
        with st.container(horizontal=True, gap="small"):
            for fix in offered:
                st.button(
                    fixes[fix], key=f"data.fix.{fix}", on_click=uploads.apply_fix, args=(fix,)
                )
    kept = "file" if record.origin == "file" else "text"
    layout.explain(
        f"Your {kept} is kept: change the options, or correct it and "
        f"{'upload it again' if kept == 'file' else 'press Analyse again'}."
    )


def show() -> xc.Predictions | None:
    """Draw the panel; the predictions read from the upload, or None (none yet, or an error)."""
    st.markdown(
        "Bring a model's predictions on a labelled test set: a CSV with one column per "
        "class and a column named **label**. The data are kept only in this session's "
        "memory on the server; nothing is written to disk."
    )
    with st.container(horizontal=True, gap="small"):
        _format_help()
        st.download_button(
            "Download a sample CSV",
            data=xc.sample_csv(),
            file_name="xent-sample-predictions.csv",
            mime="text/csv",
            on_click="ignore",
            icon=":material/download:",
            key="data.sample_download",
        )
        st.button(
            "Analyse the sample",
            key=SAMPLE_BUTTON,
            on_click=uploads.on_sample,
            icon=":material/science:",
        )
    file_tab, paste_tab = st.tabs(["Upload a file", "Paste text"])
    with file_tab:
        st.file_uploader(
            f"CSV file (up to {uploads.upload_limit_mb()} MB)",
            type=["csv", "tsv", "txt"],
            key=state.UPLOAD_FILE.key,
            on_change=uploads.on_upload,
        )
    with paste_tab:
        st.text_area(
            "CSV text, header row first",
            height=130,
            max_chars=MAX_PASTE_CHARS,
            placeholder="cat,dog,label\n0.9,0.1,cat\n0.3,0.7,dog",
            **state.bind(state.PASTED_TEXT),
        )
        st.button("Analyse the text", key=PASTE_BUTTON, on_click=uploads.on_paste)
    status = st.container()  # above the options, so a message shows next to the input
    c1, c2 = st.columns(2, gap="medium")
    with c1:
        st.segmented_control(
            "The values are",
            options=state.VALUE_KINDS,
            format_func=KIND_LABELS.__getitem__,
            help="Detect: probabilities if every value is in [0, 1] and rows sum to 1; "
            "logits if any value is outside [0, 1]. Logits go through softmax.",
            **state.bind(state.VALUE_KIND),
        )
    with c2:
        st.toggle(
            "Renormalise rows that do not sum to 1",
            help="Divide each row of probabilities by its sum (for rounded exports).",
            **state.bind(state.RENORMALIZE),
        )

    record = state.UPLOAD.get()
    if record is None:
        status.info(
            "Upload a file or paste text (or analyse the sample) to see its per-sample "
            "losses and calibration.",
            icon=":material/upload_file:",
        )
        return None
    result = uploads.parse(record)
    with status:
        if isinstance(result, xc.PredictionsError):
            _error(result, record)
            return None
        kind = "probabilities"
        if result.kind == "logits":
            kind = "logits (turned into probabilities by softmax)"
        st.success(
            f"Read {result.n_samples:,} samples × {result.n_classes} classes of {kind} from "
            f"{layout.md_escape(record.name)}.",
            icon=":material/check_circle:",
        )
        if result.renormalized:
            st.info(
                f"{result.renormalized:,} rows did not sum to 1 and were divided by their sums.",
                icon=":material/balance:",
            )
    return result
