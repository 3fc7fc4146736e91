"""The data page's data: the bundled Iris run, and a learner's upload or pasted text.

An upload is kept as an :class:`Upload` record in :data:`xent_ui.state.UPLOAD` (never in
a link); results worked out from it (the parsed predictions, the fitted temperature, the
reports) are memoised per data set in :data:`xent_ui.state.DATA_MEMO`, so a large upload is
parsed and fitted once, and only the latest upload is kept beside Iris.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

import xent_core as xc
from xent_ui import state

IRIS = "iris"  # the memo's key for the bundled data set


@dataclass(frozen=True)
class Upload:
    """What the learner gave: its display ``name``, the ``data`` (bytes from a file, text
    when pasted), where it came from (``origin``: "file" or "paste") and its SHA-256."""

    name: str
    data: bytes | str
    origin: str
    digest: str


def upload_limit_mb() -> int:
    return int(st.get_option("server.maxUploadSize"))


@st.cache_resource(show_spinner="Training the Iris model…")
def iris() -> tuple[xc.IrisRun, xc.Predictions]:
    """The Iris experiment, once per server (deterministic, so every session shares it)."""
    run = xc.run_iris()
    predictions = xc.Predictions(
        probs=xc.softmax(run.test_logits),
        labels=run.test_labels,
        class_names=run.data.class_names,
        kind="logits",
        logits=run.test_logits,
        rows=run.test + 2,  # rows of iris.csv: the header is row 1
    )
    return run, predictions


def record(name: str, data: bytes | str, origin: str) -> Upload:
    raw = data.encode("utf-8", errors="surrogatepass") if isinstance(data, str) else data
    return Upload(name, data, origin, hashlib.sha256(raw).hexdigest())


def on_upload() -> None:
    """File uploader callback: keep the new file, or forget a removed one."""
    file = state.UPLOAD_FILE.value()
    if file is None:  # the learner removed the file
        current = state.UPLOAD.get()
        if current is not None and current.origin == "file":
            state.UPLOAD.set(None)
        return
    state.UPLOAD.set(record(file.name, file.getvalue(), "file"))


def on_paste() -> None:
    text = state.widget_of(state.PASTED_TEXT).value() or ""
    state.PASTED_TEXT.set(text)
    state.UPLOAD.set(record("the pasted text", text, "paste"))  # empty text: its own error


def on_sample() -> None:
    text = xc.sample_csv()
    state.PASTED_TEXT.set(text)
    state.VALUE_KIND.set("auto")
    state.RENORMALIZE.set(False)
    state.UPLOAD.set(record("the sample file", text, "paste"))


def apply_fix(fix: str) -> None:
    """A fix the reader's error offered: renormalise the rows, or read them as logits."""
    if fix == "renormalize":
        state.RENORMALIZE.set(True)
        if state.VALUE_KIND.get() == "logits":
            state.VALUE_KIND.set("auto")
    elif fix == "logits":
        state.VALUE_KIND.set("logits")


def memo(dataset: str, name: str, compute: Callable[[], Any]) -> Any:
    """A result kept for the data on show, so a large upload is worked out once.

    Results are kept for Iris and for the latest upload (with its current options) only.
    """
    kept = state.DATA_MEMO.get()
    if dataset not in kept:
        kept = {key: value for key, value in kept.items() if key == IRIS}
        kept[dataset] = {}
        state.DATA_MEMO.set(kept)
    results = kept[dataset]
    if name not in results:
        results[name] = compute()
    return results[name]


def dataset_key(upload: Upload) -> str:
    """The memo's key for an upload read with the current options."""
    return f"{upload.digest}:{state.VALUE_KIND.get()}:{state.RENORMALIZE.get()}"


def parse(upload: Upload) -> xc.Predictions | xc.PredictionsError:
    """The upload read with the current options (memoised), or the reader's error."""
    kind = state.VALUE_KIND.get()
    renormalize = state.RENORMALIZE.get()

    def read() -> xc.Predictions | xc.PredictionsError:
        try:
            return xc.parse_predictions(
                upload.data,
                kind=kind,
                renormalize=renormalize,
                max_bytes=upload_limit_mb() * 2**20,
            )
        except xc.PredictionsError as err:
            return err

    return memo(dataset_key(upload), "parsed", read)
