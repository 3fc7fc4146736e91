"""The simplex page's "Forward and reverse KL: two different questions" section
(pages/simplex.py): both directions' values and why each is ∞, their two ternary
landscapes with captions built from the core's numbers, the table of three predictions,
and the zero-avoiding against zero-forcing example with p = (½, ½, 0)."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import landscape, layout

K = 3  # the triangle's three classes


def _class_list(names: list[str], mask) -> str:
    return ", ".join(f"**{layout.md_escape(names[i])}**" for i in np.flatnonzero(mask))


def forward_reverse(p: list[float], q: list[float], names: list[str], unit: str) -> None:
    base = 2 if unit == "bits" else None
    st.subheader("Forward and reverse KL: two different questions")
    forward = float(xc.kl_divergence(p, q, base=base))
    reverse = float(xc.kl_divergence(q, p, base=base))
    c1, c2, c3 = st.columns(3)
    c1.metric(f"Forward KL(p‖q), {unit}", layout.fixed(forward))
    c2.metric(f"Reverse KL(q‖p), {unit}", layout.fixed(reverse))
    if math.isinf(forward) and math.isinf(reverse):
        c3.metric("Forward − reverse", "∞ − ∞", help="Both are infinite: no difference to take.")
    else:
        c3.metric(
            "Forward − reverse",
            layout.fixed(forward - reverse),
            help="KL is not symmetric: the two directions disagree unless q = p "
            "(or by coincidence).",
        )
    missing = xc.uncovered_classes(p, q)  # p needs them, q rules them out
    extra = xc.uncovered_classes(q, p)  # q bets on them, p rules them out
    lines = []
    if missing.any():
        lines.append(
            f"- **Forward KL is ∞** because q gives 0 to {_class_list(names, missing)}, "
            "which p needs: a single sample from there costs −log 0 = ∞."
        )
    else:
        lines.append("- Forward KL is finite: q keeps some probability on every class p uses.")
    if extra.any():
        lines.append(
            f"- **Reverse KL is ∞** because q gives probability to {_class_list(names, extra)}, "
            "which p rules out (pᵢ = 0)."
        )
    else:
        lines.append("- Reverse KL is finite: q puts nothing where p has 0.")
    st.markdown("\n".join(lines))

    key = tuple(p)
    left, right = st.columns(2, gap="large")
    with left, st.container(key="simplex-forward"):
        st.markdown("**Forward KL(p‖q) over every q**")
        st.plotly_chart(
            landscape.ternary_figure(key, q, names, "kl_divergence", unit),
            key="simplex.forward_figure",
        )
        layout.explain(_forward_caption(p, names, base, unit))
    with right, st.container(key="simplex-reverse"):
        st.markdown("**Reverse KL(q‖p) over every q**")
        st.plotly_chart(
            landscape.ternary_figure(key, q, names, "reverse_kl_divergence", unit),
            key="simplex.reverse_figure",
        )
        layout.explain(
            "∞ (grey) wherever q puts probability on a class that p rules out. With a "
            "one-hot p only its corner is finite; with p = (½, ½, 0) only the edge between "
            "the two classes p uses."
        )

    top = int(np.argmax(p))
    one_hot = p[top] == 1.0
    rows = np.array([q, np.eye(K)[top], np.full(K, 1 / K), p])
    fwd = xc.landscape(p, rows, "kl_divergence", base=base).tolist()
    rev = xc.landscape(p, rows, "reverse_kl_divergence", base=base).tolist()
    top_name = layout.md_escape(names[top])  # st.table renders markdown
    labels = ["yours", f"all on {top_name}", "uniform (⅓, ⅓, ⅓)", "q = p"]
    if one_hot:  # committing to the top class is p itself: one row says it
        labels, fwd, rev = labels[:3], fwd[:3], rev[:3]
        labels[1] = f"all on {top_name} (= p)"
    st.table(
        {
            "Prediction q": labels,
            f"Forward KL(p‖q), {unit}": [layout.fixed(v) for v in fwd],
            f"Reverse KL(q‖p), {unit}": [layout.fixed(v) for v in rev],
        },
        border="horizontal",
    )
    if one_hot:
        layout.explain(
            "With a one-hot p, committing to its class is q = p: both directions are 0. "
            "Forward KL is then −log q_t, finite for every q that keeps something on the "
            "true class; reverse KL is ∞ for every other q, since any mass off the true class "
            "lands where p is 0. Make p soft (drag it, or use label smoothing) to compare "
            "the two directions."
        )
    else:
        layout.explain(_table_caption(top_name, fwd, rev, unit))
    _zero_avoiding(names, base, unit)


def _compare(name: str, a: float, b: float, what_a: str, what_b: str, unit: str) -> str:
    """'X prefers A (a against b)' for one direction of KL, from its two numbers."""
    if a == b:
        return f"{name} rates {what_a} and {what_b} alike ({layout.fixed(a)} {unit} each)"
    better = what_a if a < b else what_b
    low, high = sorted((a, b))
    return f"{name} prefers {better} ({layout.fixed(low)} against {layout.fixed(high)} {unit})"


def _table_caption(top: str, fwd: list[float], rev: list[float], unit: str) -> str:
    commit, uniform = f"committing to {top}", "the uniform guess"
    return (
        f"For this p, {_compare('forward KL', fwd[1], fwd[2], commit, uniform, unit)}, and "
        f"{_compare('reverse KL', rev[1], rev[2], commit, uniform, unit)}. Neither "
        "direction rewards committing or spreading as such: with q free to be any "
        "distribution, both are 0 at q = p and only there. What differs is how they treat "
        "zeros (below)."
    )


def _zero_avoiding(names: list[str], base: float | None, unit: str) -> None:
    """Zero-avoiding against zero-forcing, shown with p = (½, ½, 0)."""
    half = [0.5, 0.5, 0.0]
    rows = np.array([[1.0, 0.0, 0.0], [1 / 3, 1 / 3, 1 / 3]])
    fwd = xc.landscape(half, rows, "kl_divergence", base=base).tolist()
    rev = xc.landscape(half, rows, "reverse_kl_divergence", base=base).tolist()
    a, b, c = (layout.md_escape(n) for n in names)
    st.markdown(
        "**Zero-avoiding or zero-forcing.** Forward KL(p‖q) = Σ pᵢ log(pᵢ/qᵢ) is "
        "**zero-avoiding**: it is ∞ as soon as q gives 0 to a class p uses, so q must cover every "
        "class of p. Reverse KL(q‖p) = Σ qᵢ log(qᵢ/pᵢ) is **zero-forcing**: q may drop "
        "classes p uses at a finite cost, but pays ∞ for any mass where p is 0, so q must "
        f"be 0 wherever p is. With p = (½, ½, 0) over {a}, {b}, {c}:"
    )
    st.table(
        {
            "Prediction q": [f"all on {a} (1, 0, 0)", "uniform (⅓, ⅓, ⅓)"],
            f"Forward KL(p‖q), {unit}": [layout.fixed(v) for v in fwd],
            f"Reverse KL(q‖p), {unit}": [layout.fixed(v) for v in rev],
        },
        border="horizontal",
    )
    layout.explain(
        f"Forward KL gives the uniform guess a finite cost ({layout.fixed(fwd[1])} {unit}) and "
        f"charges ∞ for dropping {b}; reverse KL gives dropping {b} a finite cost "
        f"({layout.fixed(rev[0])} {unit}) and charges ∞ for the mass the uniform guess puts "
        f"on {c}. When q cannot equal p "
        "(a model family too simple for the data), this is why minimising forward KL — "
        "what training on cross-entropy does — spreads q over everything p uses "
        "(mass-covering), while minimising reverse KL, as variational inference does, "
        "lets q settle on part of p (mode-seeking). Use the preset p = (½, ½, 0) to see "
        "both landscapes."
    )


def _forward_caption(p: list[float], names: list[str], base: float | None, unit: str) -> str:
    """Where forward KL's basin is steep, from the costs of two moves away from p."""
    if max(p) == 1.0:
        return (
            "∞ on the edge where q drops the true class (dashed red). With a one-hot p, "
            "forward KL is −log q_t: only the probability on the true class counts, so the "
            "lines of equal colour run parallel to the opposite edge."
        )
    if max(p) - min(p) < 1e-5:  # uniform, up to the 6 digits a link keeps
        return (
            "∞ on every edge, where q drops a class that p needs (dashed red). With a uniform "
            "p the basin is the same in every direction: moving q halfway to any corner "
            "costs the same."
        )
    rare, common = int(np.argmin(p)), int(np.argmax(p))
    towards = np.array([(np.asarray(p) + np.eye(K)[i]) / 2 for i in (rare, common)])
    to_rare, to_common = xc.landscape(p, towards, "kl_divergence", base=base).tolist()
    rare_name, common_name = (layout.md_escape(names[i]) for i in (rare, common))
    least = "rules out" if p[rare] == 0 else "uses least"
    return (
        "∞ on every edge where q drops a class that p needs (dashed red). Moving q halfway "
        f"from p to the corner of {rare_name}, the class p {least} "
        f"(p_{rare_name} = {p[rare]:.2f}), costs {layout.fixed(to_rare)} {unit}; halfway to "
        f"{common_name}, the one it uses most (p_{common_name} = {p[common]:.2f}), only "
        f"{layout.fixed(to_common)} {unit}. Each halfway move halves every other class's "
        "probability, and forward KL charges pᵢ·log 2 for halving class i: moving towards "
        f"{rare_name} halves the classes p uses most. (For small shifts of the same amount "
        "it is the other way round: the cost grows like Σ Δqᵢ²/pᵢ, steepest towards the "
        "classes p uses least.)"
    )
