"""Real data & calibration: per-sample losses on Iris and on your own predictions."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, shell, state, uploads

shell.require_app()

PASTE_BUTTON = "data.paste.go"
SAMPLE_BUTTON = "data.sample"
HISTOGRAM_BINS = 30
WORST = 5
SCATTER_POINTS = 2000  # more dots add nothing to the picture and slow the browser
MAX_PASTE_CHARS = 1_000_000
MAX_CLASS_COLUMNS = 10  # the worst-samples table lists each class's probability up to this K
COMPARED_TEMPERATURES = (0.25, 1.0, 4.0)
SOURCE_LABELS = {"iris": "Iris (bundled)", "upload": "Your predictions"}
KIND_LABELS = {"auto": "Detect", "probabilities": "Probabilities", "logits": "Logits"}
IRIS_FEATURES = ("sepal length", "sepal width", "petal length", "petal width")


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


def _upload_panel() -> xc.Predictions | None:
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


# --- per-sample losses -------------------------------------------------------------------


STRENGTH_WORDS = {"strong": "strongly", "moderate": "moderately", "weak": "weakly"}


def _correlated(r: float) -> str:
    """The core's code for r, in words: "strongly negatively correlated", "undefined"."""
    strength = xc.correlation_strength(r)
    if strength == "undefined":
        return "undefined"
    return f"{STRENGTH_WORDS[strength]} {'negatively ' if r < 0 else ''}correlated"


def _correlation_meaning(r: float, rho: float) -> str:
    """What r and ρ say together, worded from the core's strength codes and their signs."""
    strength = xc.correlation_strength(rho)
    if strength == "undefined":
        return (
            "The correlations are undefined: they need at least two samples with finite "
            "losses, and both losses must vary."
        )
    if strength == "weak":
        order = "The two losses barely agree on which samples are bad."
    elif rho > 0 and strength == "strong":
        order = (
            "The two losses **rank the samples almost alike**: a sample one calls bad, the "
            "other calls bad too."
        )
    elif rho > 0:
        order = "The two losses broadly agree on which samples are bad, but order many differently."
    else:
        order = (
            "The two losses rank the samples in **opposite** orders"
            + ("" if strength == "strong" else ", by a tendency")
            + ". That is unusual, since both tend to grow as the true class's probability "
            "falls: it happens when the losses barely vary, so how each prediction splits "
            "the rest decides the order."
        )
    if math.isnan(r):
        return order
    if rho - r > 0.1:
        line = (
            f" Pearson's r ({r:.3f}) is lower than the rank correlation ({rho:.3f}): r "
            "measures how well a straight line fits the values, and the relation is curved. "
            "MSE can never exceed 2/K, while cross-entropy grows without bound as the true "
            "class's probability falls, so a few confident mistakes sit far off any line."
        )
    elif r - rho > 0.1:
        line = (
            f" Pearson's r ({r:.3f}) is higher than the rank correlation ({rho:.3f}): a few "
            "extreme samples line up and dominate the straight-line fit, while the bulk of "
            "the samples is ordered less alike."
        )
    else:
        line = f" Pearson's r ({r:.3f}) and the rank correlation ({rho:.3f}) agree."
    return order + line


def _scatter_sample(n: int, worst: np.ndarray) -> np.ndarray:
    if n <= SCATTER_POINTS:
        return np.arange(n)
    picked = np.linspace(0, n - 1, SCATTER_POINTS).astype(np.intp)
    return np.union1d(picked, worst)


def _losses(pred: xc.Predictions, summary: xc.BatchSummary, unit: str) -> None:
    st.subheader("Per-sample losses")
    # Fixed widths in a wrapping row: four across on a desktop, two by two on a phone.
    with st.container(horizontal=True, gap="small", key="data-metrics"):
        for label, value in (
            ("Samples", f"{pred.n_samples:,}"),
            ("Accuracy", f"{summary.accuracy:.1%}"),
            (f"Mean cross-entropy ({unit})", layout.fixed(summary.cross_entropy_stats.mean)),
            ("Mean MSE", layout.fixed(summary.mse_stats.mean)),
        ):
            st.metric(label, value, width=170)

    left, right = st.columns(2, gap="large")
    ce_hist = summary.cross_entropy_histogram
    mse_hist = summary.mse_histogram
    with left:
        st.markdown(f"**Cross-entropy −log q_t ({unit})**")
        st.plotly_chart(
            charts.loss_histogram_figure(
                ce_hist.edges.tolist(),
                ce_hist.counts.tolist(),
                x_title=f"cross-entropy ({unit})",
                color=charts.CE_COLOR,
                unit=unit,
            ),
            key="data-ce-histogram",
        )
        note = (
            f"{HISTOGRAM_BINS} equal bins. Samples far to the right gave their true class "
            "little probability: confident mistakes make a long right tail."
        )
        if ce_hist.n_infinite:
            note += (
                f" {ce_hist.n_infinite:,} samples gave their true class probability 0: their "
                "loss is infinite and has no bar."
            )
        layout.explain(note)
    with right:
        st.markdown("**Mean squared error (MSE): (1/K)·Σ (q_c − p_c)², p the one-hot truth**")
        st.plotly_chart(
            charts.loss_histogram_figure(
                mse_hist.edges.tolist(),
                mse_hist.counts.tolist(),
                x_title="MSE (no unit)",
                color=charts.MSE_COLOR,
            ),
            key="data-mse-histogram",
        )
        layout.explain(
            f"{HISTOGRAM_BINS} equal bins. MSE is at most 2/K = {2 / pred.n_classes:.3g} "
            "here, however wrong a prediction is."
        )

    ce_stats = summary.cross_entropy_stats
    mse_stats = summary.mse_stats
    with st.container(key="data-stats"):
        st.table(
            {
                "Statistic": ["Mean", "Median", "Max", "Min"],
                f"Cross-entropy ({unit})": [
                    layout.fixed(v)
                    for v in (ce_stats.mean, ce_stats.median, ce_stats.max, ce_stats.min)
                ],
                "MSE": [
                    layout.fixed(v)
                    for v in (mse_stats.mean, mse_stats.median, mse_stats.max, mse_stats.min)
                ],
            },
            border="horizontal",
        )

    st.markdown("**Do the two losses agree?**")
    c1, c2 = st.columns([2, 3], gap="large")
    r = summary.correlation
    rho = summary.rank_correlation
    with c1, st.container(key="data-correlation"):
        with st.container(horizontal=True, gap="small"):
            st.metric(
                "Spearman rank correlation ρ",
                "undefined" if math.isnan(rho) else f"{rho:.3f}",
                help="Pearson's r of the samples' ranks: 1 when both losses put the samples "
                "in the same order, whatever the shape of the relation.",
            )
            st.metric(
                "Pearson correlation r",
                "undefined" if math.isnan(r) else f"{r:.3f}",
                help="How well a straight line through the values fits: 1 only for a "
                "straight-line relation.",
            )
        st.markdown(
            f"By rank the losses are **{_correlated(rho)}**; by value (Pearson) "
            f"**{_correlated(r)}**."
        )
        layout.explain(
            f"Thresholds for both: |r| or |ρ| above {xc.batch.STRONG} strongly, above "
            f"{xc.batch.MODERATE} moderately, otherwise weakly correlated (negatively below 0)."
            + (
                " Samples with infinite cross-entropy are left out of both."
                if ce_hist.n_infinite
                else ""
            )
        )
        st.markdown(_correlation_meaning(r, rho))
    with c2:
        worst = xc.worst_samples(summary.cross_entropy, WORST)
        shown = _scatter_sample(pred.n_samples, worst)
        st.plotly_chart(
            charts.loss_scatter_figure(
                summary.cross_entropy[shown].tolist(),
                summary.mse[shown].tolist(),
                summary.correct[shown].tolist(),
                unit=unit,
                rows=pred.rows[shown].tolist(),
            ),
            key="data-scatter",
        )
        caption = "Each dot is a sample."
        if len(shown) < pred.n_samples:
            caption += f" Showing {len(shown):,} of {pred.n_samples:,}, evenly spaced."
        layout.explain(
            caption + " Both losses tend to grow as the true class's probability falls, but "
            f"MSE never exceeds 2/K = {2 / pred.n_classes:.3g} while cross-entropy keeps "
            "climbing: a very different price for confident mistakes."
        )


def _worst(pred: xc.Predictions, summary: xc.BatchSummary, unit: str, iris: xc.IrisRun | None):
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


def _same_accuracy(pred: xc.Predictions, unit: str, base: float | None) -> None:
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


# --- calibration ------------------------------------------------------------------------


def _fit(z: np.ndarray, labels: np.ndarray, rows: np.ndarray) -> float | str:
    """T* on these samples, or why there is none (rows numbered as in the file)."""
    impossible = ~np.isfinite(z[np.arange(len(labels)), labels])
    if impossible.any():
        listed = ", ".join(str(r) for r in rows[impossible][:5].tolist())
        many = impossible.sum() > 1
        more = " and others" if impossible.sum() > 5 else ""
        return (
            f"{'rows' if many else 'row'} {listed}{more} of the calibration half "
            f"{'give their' if many else 'gives its'} true class probability 0, so "
            f"{'their' if many else 'its'} loss is infinite at every temperature and no "
            "temperature minimises the NLL"
        )
    try:
        return xc.fit_temperature(z, labels)
    except ValueError as err:
        return str(err)


def _nll_curve(z: np.ndarray, labels: np.ndarray, fitted: float | None) -> tuple[list, list]:
    low = min(0.05, fitted / 2) if fitted else 0.05
    high = max(20.0, fitted * 2) if fitted else 20.0
    grid = np.geomspace(low, high, 41)
    return grid.tolist(), xc.temperature_nll(z, labels, grid).tolist()


def _reliability(report: xc.CalibrationReport, title: str, key: str) -> None:
    d = report.diagram
    st.plotly_chart(
        charts.reliability_figure(
            d.edges.tolist(),
            d.counts.tolist(),
            d.confidence.tolist(),
            d.accuracy.tolist(),
            title=title,
        ),
        key=key,
    )


MIN_CALIBRATION_SAMPLES = 4  # two to fit T on, two to check it on


def _halves(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The calibration half (T* is fitted on it) and the held-out half (reported on)."""
    fit, held = xc.stratified_split(y, test_fraction=0.5, seed=0)
    return fit, held


@st.fragment
def calibration(pred: xc.Predictions, dataset: str) -> None:
    unit = layout.unit()
    base = layout.base()
    st.subheader("Calibration")
    st.markdown(
        "A model is **calibrated** when its confidence matches its accuracy: of the samples "
        "it predicts with probability 0.8, about 80 % are right. The reliability diagram "
        "sorts samples by confidence (their largest probability) into bins and compares "
        "each bin's accuracy with its mean confidence."
    )
    if pred.n_samples < MIN_CALIBRATION_SAMPLES:
        st.info(
            f"Calibration needs at least {MIN_CALIBRATION_SAMPLES} samples: half of them to "
            "fit a temperature on and half to check it on. Add more rows.",
            icon=":material/info:",
        )
        return
    bins_column, _ = st.columns([1, 1])
    bins_column.slider(
        "Reliability bins",
        min_value=state.RELIABILITY_BINS_MIN,
        max_value=state.RELIABILITY_BINS_MAX,
        step=1,
        help="Equal-width confidence bins for the diagrams and the expected calibration "
        "error (ECE). Few samples spread over many bins make every bin's accuracy noisy.",
        **state.bind(state.RELIABILITY_BINS),
    )
    bins = state.RELIABILITY_BINS.get()
    chosen = state.CALIBRATION_T.get()
    z_all = pred.scaling_logits()
    y_all = pred.labels
    fit_rows, held_rows = uploads.memo(dataset, "halves", lambda: _halves(y_all))
    if min(len(fit_rows), len(held_rows)) < MIN_CALIBRATION_SAMPLES // 2:
        st.info(
            "Calibration needs at least two samples in each half, split class by class; "
            "these classes are too small for that. Add more rows.",
            icon=":material/info:",
        )
        return
    z, y = z_all[held_rows], y_all[held_rows]
    z_fit, y_fit = z_all[fit_rows], y_all[fit_rows]
    fit = uploads.memo(dataset, "fit", lambda: _fit(z_fit, y_fit, pred.rows[fit_rows]))
    fitted = fit if isinstance(fit, float) else None

    def report(t: float) -> xc.CalibrationReport:
        return xc.calibration_report(z, y, temperature=t, n_bins=bins, base=base)

    # Before and after stay put while the slider moves: keep them (a large upload's report
    # takes a noticeable fraction of a second).
    before = uploads.memo(dataset, f"report:1:{bins}:{unit}", lambda: report(1.0))
    after = (
        uploads.memo(dataset, f"report:fit:{bins}:{unit}", lambda: report(fitted))
        if fitted
        else None
    )
    mine = before if chosen == 1.0 else report(chosen)

    what = "flowers" if dataset == uploads.IRIS else "samples"
    st.markdown(
        f"**Temperature scaling** divides every logit by one number T. To judge it honestly "
        f"the {pred.n_samples:,} {what} are split in two halves, class by class (each half "
        rf"keeps about the same share of every class): T\* is fitted on the "
        f"**calibration half** ({len(fit_rows):,} {what}), "
        f"and every number and diagram below is measured on the **held-out half** "
        f"({len(held_rows):,} {what}), which the fit never saw."
    )
    columns = {"Held-out half": ["Accuracy", f"NLL ({unit})", "Brier score", "ECE"]}
    for title, rep in (
        ("Before: T = 1", before),
        (f"Fitted: T* = {fitted:.3f}" if fitted else "Fitted", after),
        (f"Yours: T = {chosen:g}", mine),
    ):
        columns[title] = (
            [
                f"{rep.accuracy:.1%}",
                layout.fixed(rep.nll),
                layout.fixed(rep.brier),
                layout.fixed(rep.ece),
            ]
            if rep is not None
            else ["—"] * 4
        )
    with st.container(key="data-calibration-metrics"):
        st.table(columns, border="horizontal")
    layout.explain(
        "Accuracy: the share of samples whose most probable class is the true one. "
        "NLL (negative log-likelihood): the mean −log q_t, that is the mean cross-entropy. "
        "Brier score: the mean of Σ_c (q_c − p_c)² with p the one-hot truth, from 0 to 2. "
        "ECE (expected calibration error): the bins' |accuracy − confidence|, weighted by "
        "their share of the samples. Lower is better for all but accuracy."
    )

    if fitted is None:
        st.info(
            "Temperature scaling cannot help here: "
            + layout.md_escape(str(fit))
            + ". A probability of exactly 0 for the true class stays 0 at every temperature.",
            icon=":material/info:",
        )
    else:
        direction = (
            "over-confident: T* > 1 softens its probabilities"
            if fitted > 1.0005
            else "under-confident: T* < 1 sharpens its probabilities"
            if fitted < 0.9995
            else "already calibrated as far as one temperature can tell: T* ≈ 1"
        )
        at_bound = fitted in xc.calibration.TEMPERATURE_BOUNDS
        better = after.nll < before.nll
        st.markdown(
            rf"The T that minimises the NLL on the calibration half is **T\* = {fitted:.3f}**: "
            f"there the model was {direction}. On the held-out half the NLL goes from "
            f"{layout.fixed(before.nll)} to {layout.fixed(after.nll)} {unit}"
            + (
                ": the correction carries over to samples the fit did not see."
                if better
                else ": no better on samples the fit did not see, so this T* does not "
                "generalise here (too few samples, or a model already as calibrated as one "
                "temperature can make it)."
            )
            + " Accuracy does not move."
            + (
                " (T* sits at the end of the range searched: the NLL keeps falling that way.)"
                if at_bound
                else ""
            )
        )
    left, right = st.columns(2, gap="large")
    with left:
        _reliability(before, "Before: T = 1 (held-out half)", "data-reliability-before")
    with right:
        if after is not None:
            _reliability(
                after, f"After: T* = {fitted:.3f} (held-out half)", "data-reliability-after"
            )
    layout.explain(
        "Bars: the accuracy in each confidence bin. Red: the gap to the bin's mean "
        "confidence. Bars below the diagonal mean over-confidence; above it, under-confidence. "
        "ECE is the gaps' average, weighted by the bins' sample counts."
    )

    st.markdown("**Explore by hand**")
    temperature_column, _ = st.columns([1, 1])
    temperature_column.select_slider(
        "Temperature T",
        options=state.CALIBRATION_TEMPERATURES,
        format_func=lambda t: f"{t:g}",
        help="Predictions become softmax(z / T). For uploaded probabilities, z = log q.",
        **state.bind(state.CALIBRATION_T),
    )
    grid, nll = uploads.memo(dataset, "nll_curve", lambda: _nll_curve(z, y, fitted))
    _, fit_nll = uploads.memo(dataset, "nll_curve_fit", lambda: _nll_curve(z_fit, y_fit, fitted))
    per = layout.per_nat()
    c1, c2 = st.columns(2, gap="large")
    with c1:
        st.plotly_chart(
            charts.temperature_nll_figure(
                grid,
                [v * per for v in nll],
                fitted=fitted,
                chosen=chosen,
                chosen_nll=mine.nll,
                unit=unit,
                fit_nll=[v * per for v in fit_nll],
            ),
            key="data-nll-curve",
        )
        if before.accuracy == 1.0:  # the NLL then falls all the way as T → 0
            held_note = (
                "Every held-out sample is classified right, so sharpening can only help "
                "there and the held-out curve keeps falling as T shrinks, while the "
                "calibration half's mistakes make a too-small T expensive: one half of a "
                "small set need not contain every kind of mistake."
            )
        else:
            held_note = (
                "How close T* lands to the held-out curve's lowest point shows how well one "
                "temperature carries over to new samples."
            )
        layout.explain(
            "The mean NLL for every temperature, on each half. T* is the lowest point of the "
            f"calibration half's curve (dashed). {held_note} Too small a T makes confident "
            "mistakes very expensive; too large a T spreads probability everywhere."
        )
    with c2:
        _reliability(mine, f"Yours: T = {chosen:g} (held-out half)", "data-reliability-mine")
    state.write_url(state.DATA_URL)


# --- the page -----------------------------------------------------------------------------


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
        pred = _upload_panel()
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
                pred.probs, pred.labels, logits=pred.logits, base=base, bins=HISTOGRAM_BINS
            ),
        )
        _losses(pred, summary, unit)
        _worst(pred, summary, unit, iris)
        _same_accuracy(pred, unit, base)
        calibration(pred, dataset)
    state.write_url(state.DATA_URL)


main()
