"""Probability simplex: every three-class prediction at once; forward and reverse KL, JS, codes."""

from __future__ import annotations

import math

import numpy as np
import streamlit as st

import xent_core as xc
from xent_ui import charts, landscape, layout, presets, scenarios, shell, state
from xent_ui.components import SimplexValue, simplex_point

shell.require_app()

K = 3
SOFT_OPTION = "soft"
MESSAGE_LENGTH = 24
TITLES = {
    "cross_entropy": "Cross-entropy H(p,q)",
    "kl_divergence": "Forward KL(p‖q)",
    "reverse_kl_divergence": "Reverse KL(q‖p)",
    "js_divergence": "Jensen–Shannon JS(p,q)",
}


# --- state -----------------------------------------------------------------------------------


def _on_point(value: SimplexValue) -> None:
    scenarios.as_three_classes()
    state.Q.set(value.q)
    if value.p is not None:
        state.P_SOFT.set(value.p)
        state.SOFT.set(True)
    state.SIMPLEX_ERROR.clear()


def _on_point_error(message: str) -> None:
    state.SIMPLEX_ERROR.set(f"The last change was not applied: {message}.")


def _on_truth() -> None:
    choice = state.SIMPLEX_TRUTH.value()
    scenarios.as_three_classes()
    if choice == SOFT_OPTION:
        state.SOFT.set(True)
    else:
        state.SOFT.set(False)
        state.LABEL.set(int(choice))


def _next_message() -> None:
    state.MESSAGE_SEED.set((state.MESSAGE_SEED.get() + 1) % (state.MESSAGE_SEED_MAX + 1))


# --- sections --------------------------------------------------------------------------------


def _controls(names: list[str], soft: bool, label: int, p: list[float]) -> None:
    st.radio(
        "Landscape",
        options=state.SIMPLEX_MEASURES,
        format_func=TITLES.__getitem__,
        help="The measure that colours the triangle: its value for every possible q, with this p.",
        **state.bind(state.SIMPLEX_MEASURE),
    )
    state.SIMPLEX_TRUTH.set(SOFT_OPTION if soft else str(label))
    st.radio(
        "True distribution p",
        options=[*map(str, range(K)), SOFT_OPTION],
        format_func=lambda o: "soft" if o == SOFT_OPTION else f"one-hot {names[int(o)]}",
        key=state.SIMPLEX_TRUTH.key,
        on_change=_on_truth,
        horizontal=True,
        help="A one-hot truth sits on a corner. A soft p can be anywhere: drag the p point "
        "in the triangle (that switches to soft).",
    )
    layout.epsilon_slider(disabled=soft)
    st.markdown("**Jump to**")
    layout.preset_buttons(presets.SIMPLEX_PRESETS, "simplex.preset", presets.apply_simplex, p)
    layout.explain(
        "q, p, the true class and ε are the explorer's: set them here or there. Dragging q "
        "only moves the point; the colours change when p changes."
    )


def _divergence_table(rkl: float, js: float, jsd: float, unit: str) -> None:
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


def _class_list(names: list[str], mask) -> str:
    return ", ".join(f"**{layout.md_escape(names[i])}**" for i in np.flatnonzero(mask))


def _forward_reverse(p: list[float], q: list[float], names: list[str], unit: str) -> None:
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


def _jensen_shannon(p: list[float], q: list[float], unit: str) -> None:
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


def _code_lengths(p: list[float], q: list[float], names: list[str]) -> None:
    st.subheader("Cross-entropy as a code length, in bits")
    st.markdown(
        "An ideal code gives class i a codeword of −log₂ qᵢ bits: frequent classes get short "
        "codewords. If the messages really come from p, the code built for q spends "
        "**H(p,q)** bits per symbol on average; the best code, built for p itself, spends "
        "**H(p)**. The difference is the KL divergence: the bits wasted by believing q. "
        "(Real codewords are whole bits long; a real prefix code such as Huffman's comes "
        "within 1 bit per symbol of these ideal lengths.)"
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
                "Class": [layout.md_escape(n) for n in names],
                "p": [f"{v:.3f}" for v in p],
                "q": [f"{v:.3f}" for v in q],
                "−log₂ q (bits)": [layout.fixed(v, 3) for v in q_bits.tolist()],
                "−log₂ p (bits)": [
                    layout.fixed(v, 3) + (" (never sent)" if pi == 0 else "")
                    for v, pi in zip(p_bits.tolist(), p, strict=True)
                ],
            },
            border="horizontal",
        )
        c1, c2, c3 = st.columns(3)
        c1.metric("q's code: H(p,q), bits", layout.fixed(ce, 3))
        c2.metric("p's code: H(p), bits", layout.fixed(h, 3))
        c3.metric("Extra: KL(p‖q), bits", layout.fixed(kl, 3))
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
        c1.metric("Length with q's code, bits", layout.fixed(with_q, 2))
        c2.metric("Length with p's code, bits", layout.fixed(with_p, 2))
        per_symbol = with_q / MESSAGE_LENGTH
        layout.explain(
            f"{layout.fixed(per_symbol, 3)} bits per symbol with q's code, against an "
            f"expected {layout.fixed(ce, 3)}: longer messages come ever closer to H(p,q). "
            "A symbol q gives probability 0 has no codeword at all: the length is ∞."
        )
        st.button("Draw another message", key="simplex.next_message", on_click=_next_message)


# --- the page ----------------------------------------------------------------------------------


@st.fragment
def simplex() -> None:
    unit = layout.unit()
    base = layout.base()
    view = scenarios.three_class_view()
    q = view[state.Q.key]
    names = view[state.NAMES.key]
    label = view[state.LABEL.key]
    soft = state.SOFT.get()
    eps = state.EPSILON.get()
    p = view[state.P_SOFT.key] if soft else xc.smooth_labels(xc.one_hot(label, K), eps).tolist()
    measure = state.SIMPLEX_MEASURE.get() or state.SIMPLEX_MEASURE.initial()
    explorer_k = len(state.Q.get())
    if explorer_k != K:
        how = (
            "a third class is added with probability ⅓ (the other two scaled by ⅔)"
            if explorer_k < K
            else "the first three are kept and renormalised, and a true class beyond them "
            "becomes the first"
        )
        st.info(
            f"The explorer is set to {explorer_k} classes; the triangle shows three, so {how}. "
            "Moving q or p here sets the explorer to these three classes.",
            icon=":material/change_history:",
        )

    left, right = st.columns([2, 1], gap="large")
    with left:
        simplex_point(
            key=state.SIMPLEX_POINT.key,
            names=names,
            q=q,
            p=p,
            unit=unit,
            measure=measure,
            title=f"{TITLES[measure]} for every q",
            landscape=landscape.widget_landscape(tuple(p), measure, unit),
            on_change=_on_point,
            on_error=_on_point_error,
        )
        if state.SIMPLEX_ERROR.get():
            st.error(state.SIMPLEX_ERROR.get())
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

    _forward_reverse(p, q, names, unit)
    _jensen_shannon(p, q, unit)
    _code_lengths(p, q, names)

    state.write_url(state.SIMPLEX_URL)


st.title("Probability simplex")
st.markdown(
    "With three classes every prediction q is a point of a triangle: the corners are the "
    "confident predictions, the centre the uniform guess. Colour every point by its loss "
    "and you see **every possible prediction at once**."
)
simplex()
