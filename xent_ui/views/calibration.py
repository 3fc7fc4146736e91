"""The calibration section of the data page (pages/data.py): temperature scaling fitted on
one half of the samples and judged on the other, the before / fitted / yours table, the
reliability diagrams and the NLL-against-temperature curve with its slider.

The page calls :func:`show` inside its calibration fragment and writes its link there."""

from __future__ import annotations

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, state, uploads

MIN_CALIBRATION_SAMPLES = 4  # two to fit T on, two to check it on


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


def reliability(report: xc.CalibrationReport, title: str, key: str) -> None:
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


def halves(y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The calibration half (T* is fitted on it) and the held-out half (reported on)."""
    fit, held = xc.stratified_split(y, test_fraction=0.5, seed=0)
    return fit, held


def show(pred: xc.Predictions, dataset: str) -> bool:
    """Draw the section; False when it stopped early (too few samples to calibrate)."""
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
        return False
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
    fit_rows, held_rows = uploads.memo(dataset, "halves", lambda: halves(y_all))
    if min(len(fit_rows), len(held_rows)) < MIN_CALIBRATION_SAMPLES // 2:
        st.info(
            "Calibration needs at least two samples in each half, split class by class; "
            "these classes are too small for that. Add more rows.",
            icon=":material/info:",
        )
        return False
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
        reliability(before, "Before: T = 1 (held-out half)", "data-reliability-before")
    with right:
        if after is not None:
            reliability(
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
        reliability(mine, f"Yours: T = {chosen:g} (held-out half)", "data-reliability-mine")
    return True
