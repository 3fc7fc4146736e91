"""Probability simplex: every three-class prediction at once; forward and reverse KL, JS, codes."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, layout, scenarios, shell, state
from xent_ui.components import Landscape, SimplexValue, landscape_data, simplex_point

shell.require_app()

K = 3
POINT_KEY = "simplex.point"
TRUTH_WIDGET = "simplex.truth"
ERROR_KEY = "simplex.error"
SOFT_OPTION = "soft"
GRID_N = 48  # the widget's landscape: 1225 points, 2304 cells
FIGURE_N = 30  # the plotly ternaries: a smaller payload on every rerun
MESSAGE_LENGTH = 24
TITLES = {
    "cross_entropy": "Cross-entropy H(p,q)",
    "kl_divergence": "Forward KL(p‖q)",
    "reverse_kl_divergence": "Reverse KL(q‖p)",
    "js_divergence": "Jensen–Shannon JS(p,q)",
}


# --- state -----------------------------------------------------------------------------------


def _view() -> dict:
    """The explorer's state seen with three classes (as it is when it already has three)."""
    q = state.Q.get()
    current = {
        state.Q.key: q,
        state.P_SOFT.key: state.P_SOFT.get(),
        state.NAMES.key: state.NAMES.get(),
        state.LABEL.key: state.LABEL.get(),
    }
    if len(q) == K:
        return current
    return scenarios.resize(
        K, q=q, p=state.P_SOFT.get(), names=state.NAMES.get(), label=state.LABEL.get()
    )


def _make_three() -> None:
    """Before a change made here, give the explorer the three classes this page shows."""
    if len(state.Q.get()) != K:
        for key, value in _view().items():
            st.session_state[key] = value


def _on_point(value: SimplexValue) -> None:
    _make_three()
    state.Q.set(value.q)
    if value.p is not None:
        state.P_SOFT.set(value.p)
        state.SOFT.set(True)
    st.session_state.pop(ERROR_KEY, None)


def _on_point_error(message: str) -> None:
    st.session_state[ERROR_KEY] = f"The last change was not applied: {message}."


def _on_truth() -> None:
    choice = st.session_state[TRUTH_WIDGET]
    _make_three()
    if choice == SOFT_OPTION:
        state.SOFT.set(True)
    else:
        state.SOFT.set(False)
        state.LABEL.set(int(choice))


def _preset(name: str, p: list[float]) -> None:
    _make_three()
    if name == "seed":
        state.Q.set(list(state.SEED_Q))
        state.LABEL.set(0)
        state.SOFT.set(False)
        state.EPSILON.set(0.0)
    elif name == "centre":
        state.Q.set([1 / 3, 1 / 3, 1 / 3])
    elif name == "match":
        state.Q.set(list(p))
    elif name == "half":
        state.P_SOFT.set([0.5, 0.5, 0.0])
        state.SOFT.set(True)


PRESETS = {
    "seed": ("Seed example", "q = (0.7, 0.2, 0.1), true class A: 0.3567 nats."),
    "centre": ("q in the centre", "The uniform prediction (⅓, ⅓, ⅓)."),
    "match": ("q = p", "Put q on p: every divergence is 0, and H(p,q) = H(p)."),
    "half": (
        "p = (½, ½, 0)",
        "A soft truth that rules the third class out: watch reverse KL turn infinite.",
    ),
}


def _next_message() -> None:
    state.MESSAGE_SEED.set((state.MESSAGE_SEED.get() + 1) % (state.MESSAGE_SEED_MAX + 1))


# --- cached landscapes -----------------------------------------------------------------------


def _grid(n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    points = xc.simplex_grid(n)
    triangles = xc.grid_triangles(n)
    return points, triangles, points[triangles].mean(axis=1)


@st.cache_data(max_entries=256, show_spinner=False)
def _surface(p: tuple[float, ...], measure: str, unit: str, n: int) -> dict:
    """The landscape of ``measure`` for this p: computed once per p, never during a drag.

    ``values`` (M,) at the grid points, ``cells`` (n²,) at the cells' centres (a cell
    whose centre is infinite is drawn as ∞), the ``contours`` (level, label, segments),
    ``infinite_edges``, ``dots`` (finite points in infinite cells) and the colour
    scale's ``cap``.
    """
    points, triangles, centres = _grid(n)
    base = 2 if unit == "bits" else None
    values = xc.landscape(p, points, measure, base=base)
    cap, levels = charts.landscape_scale(measure, unit)
    contours = [
        (level, f"{level:g}", xc.contour_segments(points, values, triangles, level))
        for level in levels
    ]
    return {
        "values": values,
        "cells": xc.landscape(p, centres, measure, base=base),
        "contours": contours,
        "infinite_edges": xc.infinite_edges(points, values).tolist(),
        "dots": xc.isolated_finite_points(values, triangles),
        "cap": cap,
    }


@st.cache_data(max_entries=256, show_spinner=False)
def _bands(p: tuple[float, ...], measure: str, unit: str, n: int) -> list[np.ndarray]:
    """Filled contours for the plotly ternaries (the widget paints pixels instead).

    Cells whose centre is finite are filled; an infinite corner counts as the top of the
    colour scale, which it would reach inside the cell anyway.
    """
    points, triangles, _ = _grid(n)
    surface = _surface(p, measure, unit, n)
    cap = surface["cap"]
    finite = np.isfinite(surface["cells"])
    shown = np.minimum(surface["values"], cap)
    return xc.contour_bands(points, shown, triangles[finite], charts.landscape_band_edges(cap))


@st.cache_data(max_entries=256, show_spinner=False)
def _widget_landscape(p: tuple[float, ...], measure: str, unit: str) -> Landscape:
    surface = _surface(p, measure, unit, GRID_N)
    points = xc.simplex_grid(GRID_N)
    dots = surface["dots"]
    return landscape_data(
        key=f"{measure}|{unit}|{p}",
        n=GRID_N,
        values=surface["values"],
        cells=surface["cells"],
        dots=np.column_stack([points[dots, :2], surface["values"][dots]]),
        cap=surface["cap"],
        colors=charts.LANDSCAPE_COLORS,
        contours=surface["contours"],
        infinite_edges=surface["infinite_edges"],
        unit=unit,
    )


def _ternary(p: tuple, q: list[float], names: list[str], measure: str, unit: str):
    surface = _surface(p, measure, unit, FIGURE_N)
    points, triangles, _ = _grid(FIGURE_N)
    return charts.simplex_figure(
        points,
        triangles,
        surface["values"],
        ~np.isfinite(surface["cells"]),
        surface["dots"],
        _bands(p, measure, unit, FIGURE_N),
        cap=surface["cap"],
        contours=surface["contours"],
        infinite_edges=surface["infinite_edges"],
        q=q,
        p=list(p),
        names=names,
        measure=measure,
        unit=unit,
    )


# --- sections --------------------------------------------------------------------------------


def _controls(names: list[str], soft: bool, label: int, p: list[float]) -> None:
    st.radio(
        "Landscape",
        options=state.SIMPLEX_MEASURES,
        format_func=TITLES.__getitem__,
        help="The measure that colours the triangle: its value for every possible q, with this p.",
        **state.bind(state.SIMPLEX_MEASURE),
    )
    st.session_state[TRUTH_WIDGET] = SOFT_OPTION if soft else str(label)
    st.radio(
        "True distribution p",
        options=[*map(str, range(K)), SOFT_OPTION],
        format_func=lambda o: "soft" if o == SOFT_OPTION else f"one-hot {names[int(o)]}",
        key=TRUTH_WIDGET,
        on_change=_on_truth,
        horizontal=True,
        help="A one-hot truth sits on a corner. A soft p can be anywhere: drag the p point "
        "in the triangle (that switches to soft).",
    )
    st.slider(
        "Label smoothing ε",
        min_value=0.0,
        max_value=state.EPSILON_MAX,
        step=0.01,
        disabled=soft,
        help="p = (1 − ε)·one-hot + ε/3: the truth moves off its corner towards the centre "
        "(shared with the explorer).",
        **state.bind(state.EPSILON),
    )
    st.markdown("**Jump to**")
    with st.container(horizontal=True, gap="small"):
        for name, (text, tip) in PRESETS.items():
            st.button(
                text, key=f"simplex.preset.{name}", help=tip, on_click=_preset, args=(name, p)
            )
    layout.explain(
        "q, p, the true class and ε are the explorer's: set them here or there. The "
        "colours are computed by `xent_core` for every q at once, once per p; dragging q "
        "only moves the point."
    )


def _divergence_table(rkl: float, js: float, jsd: float, unit: str) -> None:
    """The measures the explorer's table lacks, as xent_core computed them (6 decimals).

    The browser tests read this table (``.st-key-simplex-divergences``)."""
    with st.container(key="simplex-divergences"):
        st.table(
            {
                "Measure": [
                    "Reverse KL D(q‖p)",
                    "Jensen–Shannon divergence JS(p,q)",
                    "Jensen–Shannon distance √JS",
                ],
                "Formula": ["Σ qᵢ log(qᵢ/pᵢ)", "½ D(p‖m) + ½ D(q‖m), m = ½(p+q)", "√JS(p,q)"],
                "Value": [layout.fmt(rkl, 6), layout.fmt(js, 6), layout.fmt(jsd, 6)],
                "Unit": [unit, unit, f"√{unit}"],
            },
            border="horizontal",
        )


def _class_list(names: list[str], mask) -> str:
    return ", ".join(f"**{layout.md_escape(names[i])}**" for i in np.flatnonzero(mask))


def _forward_reverse(p: list[float], q: list[float], names: list[str], unit: str) -> None:
    base = 2 if unit == "bits" else None
    st.subheader("Forward and reverse KL: two different questions")
    forward = float(xc.kl_divergence(p, q, base=base))
    reverse = float(xc.kl_divergence(q, p, base=base))
    c1, c2, c3 = st.columns(3)
    c1.metric(f"Forward KL(p‖q), {unit}", layout.fmt(forward))
    c2.metric(f"Reverse KL(q‖p), {unit}", layout.fmt(reverse))
    if math.isinf(forward) and math.isinf(reverse):
        c3.metric("Forward − reverse", "∞ − ∞", help="Both are infinite: no difference to take.")
    else:
        c3.metric(
            "Forward − reverse",
            layout.fmt(forward - reverse),
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
            _ternary(key, q, names, "kl_divergence", unit), key="simplex.forward_figure"
        )
        layout.explain(
            "∞ on every edge where q drops a class that p needs (dashed red). The basin "
            "around p is wide towards classes p rarely uses: covering them costs little."
        )
    with right, st.container(key="simplex-reverse"):
        st.markdown("**Reverse KL(q‖p) over every q**")
        st.plotly_chart(
            _ternary(key, q, names, "reverse_kl_divergence", unit),
            key="simplex.reverse_figure",
        )
        layout.explain(
            "∞ (grey) wherever q puts probability on a class that p rules out. With a "
            "one-hot p only its corner is finite; with p = (½, ½, 0) only the edge between "
            "the two classes p uses."
        )

    st.markdown(
        "**Mode-covering or mode-seeking.** Training a model q by minimising the *forward* "
        "KL(p‖q), which is what minimising cross-entropy does, punishes q for every class "
        "where the data p has mass and q has almost none: q spreads out to **cover** every "
        "mode of p, even if that means putting probability between them. Minimising the "
        "*reverse* KL(q‖p) (as variational inference does) punishes q for putting mass "
        "where p has almost none: q would rather **seek** one mode and fit it well than "
        "spread out and land somewhere p rules out."
    )
    top = int(np.argmax(p))
    one_hot = p[top] == 1.0
    rows = np.array([q, np.eye(K)[top], np.full(K, 1 / K), p])
    fwd = xc.landscape(p, rows, "kl_divergence", base=base).tolist()
    rev = xc.landscape(p, rows, "reverse_kl_divergence", base=base).tolist()
    labels = [
        "yours",
        f"all on {names[top]} (seeks p's largest mode)",
        "uniform (covers everything)",
        "q = p",
    ]
    if one_hot:  # the mode is p itself: one row says it
        labels, fwd, rev = labels[:3], fwd[:3], rev[:3]
        labels[1] = f"all on {names[top]} (= p)"
    st.table(
        {
            "Prediction q": labels,
            f"Forward KL(p‖q), {unit}": [layout.fmt(v) for v in fwd],
            f"Reverse KL(q‖p), {unit}": [layout.fmt(v) for v in rev],
        },
        border="horizontal",
    )
    if one_hot:
        layout.explain(
            "With a one-hot p there is only one mode, p itself: committing to it costs "
            "nothing either way, and reverse KL is ∞ for every other q. Make p soft (drag it, "
            "or use label smoothing) to see the two directions disagree."
        )
    else:
        layout.explain(
            "Committing to one class is what reverse KL forgives and forward KL punishes "
            "(∞ if p uses any other class); spreading evenly is the opposite. Only q = p "
            "makes both 0."
        )


def _jensen_shannon(p: list[float], q: list[float], unit: str) -> None:
    base = 2 if unit == "bits" else None
    st.subheader("Jensen–Shannon: symmetric and never infinite")
    js = float(xc.js_divergence(p, q, base=base))
    distance = float(xc.js_distance(p, q, base=base))
    bound = "1 bit" if unit == "bits" else "ln 2 ≈ 0.6931 nats"
    c1, c2 = st.columns(2)
    c1.metric(
        f"JS divergence JS(p,q), {unit}",
        layout.fmt(js),
        help="½ KL(p‖m) + ½ KL(q‖m) with m the average of p and q.",
    )
    c2.metric(
        "JS distance √JS (scipy's jensenshannon)",
        layout.fmt(distance),
        help="scipy.spatial.distance.jensenshannon(p, q"
        + (", base=2" if unit == "bits" else "")
        + ") returns this square root, not the divergence.",
    )
    st.markdown(
        f"JS compares p and q with their average m = ½(p + q), which gives probability "
        f"to every class either of them uses, so both KLs to m are finite. It is "
        f"symmetric, JS(p,q) = JS(q,p), and at most **{bound}**, reached only when p and "
        f"q share no class. Here it is {layout.fmt(js)} {unit}, "
        f"{layout.fmt(100 * js / (1.0 if unit == 'bits' else math.log(2)), 1)} % of that bound."
    )
    st.info(
        "Two numbers share the name. `scipy.spatial.distance.jensenshannon` returns the "
        f"**distance** √JS = {layout.fmt(distance)}, not the divergence "
        f"JS = {layout.fmt(js)}; square SciPy's result to get the divergence. The "
        "distance is a true metric (it obeys the triangle inequality); the divergence is not.",
        icon=":material/info:",
    )


def _code_lengths(p: list[float], q: list[float], names: list[str]) -> None:
    st.subheader("Cross-entropy as a code length, in bits")
    st.markdown(
        "An ideal code gives class i a codeword of −log₂ qᵢ bits: frequent classes get short "
        "codewords. If the messages really come from p, the code built for q spends "
        "**H(p,q)** bits per symbol on average; the best code, built for p itself, spends "
        "**H(p)**. The difference is the KL divergence: the bits wasted by believing q."
    )
    q_bits = xc.code_lengths(q)
    p_bits = xc.code_lengths(p)
    ce = float(xc.cross_entropy(p, q, base=2))
    h = float(xc.entropy(p, base=2))
    kl = float(xc.kl_divergence(p, q, base=2))
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.table(
            {
                "Class": list(names),
                "p": [f"{v:.3f}" for v in p],
                "q": [f"{v:.3f}" for v in q],
                "−log₂ q (bits)": [layout.fmt(v, 3) for v in q_bits.tolist()],
                "−log₂ p (bits)": [
                    layout.fmt(v, 3) + (" (never sent)" if pi == 0 else "")
                    for v, pi in zip(p_bits.tolist(), p, strict=True)
                ],
            },
            border="horizontal",
        )
        c1, c2, c3 = st.columns(3)
        c1.metric("q's code: H(p,q), bits", layout.fmt(ce, 3))
        c2.metric("p's code: H(p), bits", layout.fmt(h, 3))
        c3.metric("Extra: KL(p‖q), bits", layout.fmt(kl, 3))
    with right:
        st.plotly_chart(
            charts.code_lengths_figure(names, q_bits.tolist(), p_bits.tolist()),
            key="simplex.codes",
        )

    seed = state.MESSAGE_SEED.get()
    message = xc.sample_message(p, MESSAGE_LENGTH, seed=seed)
    with st.container(border=True, key="simplex-message"):
        st.markdown(f"**A message of {MESSAGE_LENGTH} symbols drawn from p** (number {seed})")
        st.text(" ".join(names[i] for i in message.tolist()))
        with_q = float(xc.message_length(message, q))
        with_p = float(xc.message_length(message, p))
        c1, c2 = st.columns(2)
        c1.metric("Length with q's code, bits", layout.fmt(with_q, 2))
        c2.metric("Length with p's code, bits", layout.fmt(with_p, 2))
        per_symbol = with_q / MESSAGE_LENGTH
        layout.explain(
            f"{layout.fmt(per_symbol, 3)} bits per symbol with q's code, against an "
            f"expected {layout.fmt(ce, 3)}: longer messages come ever closer to H(p,q). "
            "A symbol q gives probability 0 has no codeword at all: the length is ∞."
        )
        st.button("Draw another message", key="simplex.next_message", on_click=_next_message)


# --- the page ----------------------------------------------------------------------------------


@st.fragment
def simplex() -> None:
    unit = layout.unit()
    base = layout.base()
    view = _view()
    q = view[state.Q.key]
    names = view[state.NAMES.key]
    label = view[state.LABEL.key]
    soft = state.SOFT.get()
    eps = state.EPSILON.get()
    p = view[state.P_SOFT.key] if soft else xc.smooth_labels(xc.one_hot(label, K), eps).tolist()
    measure = state.SIMPLEX_MEASURE.get() or state.SIMPLEX_MEASURE.initial()
    explorer_k = len(state.Q.get())
    if explorer_k != K:
        st.info(
            f"The explorer is set to {explorer_k} classes; the triangle shows three. This "
            f"view keeps the first three (renormalised). Moving q or p here sets the explorer "
            f"to these three classes.",
            icon=":material/change_history:",
        )

    left, right = st.columns([2, 1], gap="large")
    with left:
        simplex_point(
            key=POINT_KEY,
            names=names,
            q=q,
            p=p,
            unit=unit,
            measure=measure,
            title=f"{TITLES[measure]} for every q",
            landscape=_widget_landscape(tuple(p), measure, unit),
            on_change=_on_point,
            on_error=_on_point_error,
        )
        if ERROR_KEY in st.session_state:
            st.error(st.session_state[ERROR_KEY])
    with right:
        _controls(names, soft, label, p)

    ce = float(xc.cross_entropy(p, q, base=base))
    h = float(xc.entropy(p, base=base))
    kl = float(xc.kl_divergence(p, q, base=base))
    st.subheader("The numbers at q")
    layout.core_values(ce=ce, h=h, kl=kl, perplexity=float(xc.perplexity(p, q)), unit=unit)
    _divergence_table(
        float(xc.kl_divergence(q, p, base=base)),
        float(xc.js_divergence(p, q, base=base)),
        float(xc.js_distance(p, q, base=base)),
        unit,
    )
    layout.explain(
        "Computed after each release by `xent_core`. The readouts above the triangle are "
        "recomputed in your browser while you drag and agree with these."
    )

    _forward_reverse(p, q, names, unit)
    _jensen_shannon(p, q, unit)
    _code_lengths(p, q, names)

    params = [
        state.Q,
        state.NAMES,
        state.LABEL,
        state.SOFT,
        state.EPSILON,
        state.SIMPLEX_MEASURE,
        state.MESSAGE_SEED,
    ]
    if soft:
        params.append(state.P_SOFT)
    state.write_url(params)


st.title("Probability simplex")
st.markdown(
    "With three classes every prediction q is a point of a triangle: the corners are the "
    "confident predictions, the centre the uniform guess. Colour every point by its loss "
    "and you see **every possible prediction at once**."
)
simplex()
