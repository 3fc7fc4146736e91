"""The per-sample losses section of the data page (pages/data.py): the headline metrics,
the cross-entropy and MSE histograms, their statistics, and whether the two losses agree
(rank and Pearson correlations, worded, beside a scatter of every sample)."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout
from xent_ui.views.worst_samples import WORST

HISTOGRAM_BINS = 30
SCATTER_POINTS = 2000  # more dots add nothing to the picture and slow the browser
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


def show(pred: xc.Predictions, summary: xc.BatchSummary, unit: str) -> None:
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
