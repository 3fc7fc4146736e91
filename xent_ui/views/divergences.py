"""The simplex page's divergence sections (pages/simplex.py): the table of reverse KL and
Jensen–Shannon under "The numbers at q", and the section "Jensen–Shannon: symmetric and
never infinite" with its divergence, its distance and SciPy's naming."""

from __future__ import annotations

import math

import streamlit as st

import xent_core as xc
from xent_ui import layout


def divergence_table(rkl: float, js: float, jsd: float, unit: str) -> None:
    """The measures the explorer's table lacks, as xent_core computed them (6 decimals).

    The browser tests read this table (``.st-key-simplex-divergences``)."""
    with st.container(key="simplex-divergences"):
        st.table(
            {
                "Measure": [
                    "Reverse KL divergence KL(q‖p)",
                    "Jensen–Shannon divergence JS(p,q)",
                    "Jensen–Shannon distance √JS",
                ],
                "Formula": ["Σ qᵢ log(qᵢ/pᵢ)", "½ KL(p‖m) + ½ KL(q‖m), m = ½(p+q)", "√JS(p,q)"],
                "Value": [layout.fixed(rkl, 6), layout.fixed(js, 6), layout.fixed(jsd, 6)],
                "Unit": [unit, unit, f"√{unit}"],
            },
            border="horizontal",
        )


def jensen_shannon(p: list[float], q: list[float], unit: str) -> None:
    base = 2 if unit == "bits" else None
    st.subheader("Jensen–Shannon: symmetric and never infinite")
    js = float(xc.js_divergence(p, q, base=base))
    distance = float(xc.js_distance(p, q, base=base))
    bound = "1 bit" if unit == "bits" else "ln 2 ≈ 0.6931 nats"
    c1, c2 = st.columns(2)
    c1.metric(
        f"JS divergence JS(p,q), {unit}",
        layout.fixed(js),
        help="½ KL(p‖m) + ½ KL(q‖m) with m the average of p and q.",
    )
    c2.metric(
        "JS distance √JS (scipy's jensenshannon)",
        layout.fixed(distance),
        help="scipy.spatial.distance.jensenshannon(p, q"
        + (", base=2" if unit == "bits" else "")
        + ") returns this square root, not the divergence.",
    )
    st.markdown(
        f"JS compares p and q with their average m = ½(p + q), which gives probability "
        f"to every class either of them uses, so both KLs to m are finite. It is "
        f"symmetric, JS(p,q) = JS(q,p), and at most **{bound}**, reached only when p and "
        f"q share no class. Here it is {layout.fixed(js)} {unit}, "
        f"{layout.fixed(100 * js / (1.0 if unit == 'bits' else math.log(2)), 1)} % of that bound."
    )
    st.info(
        "Two numbers share the name. `scipy.spatial.distance.jensenshannon` returns the "
        f"**distance** √JS = {layout.fixed(distance)}, not the divergence "
        f"JS = {layout.fixed(js)}; square SciPy's result to get the divergence. The "
        "distance is a true metric (it obeys the triangle inequality); the divergence is not.",
        icon=":material/info:",
    )
