"""The logits page's "Numerical stability lab" section (pages/logits.py): the logits scaled
and rounded to a floating-point type, −log q_t computed the naive way and the stable way
(log-sum-exp), each path's intermediate values in a table and its notes in words."""

import streamlit as st

import xent_core as xc
from xent_ui import layout, stability_text, state


def _path_table(path, names: list[str]) -> dict[str, list[str]]:
    columns = {
        "z·scale": path.logits,
        "exp": path.exponentials,
        "q": path.probabilities,
        "ln q": path.log_probabilities,
    }
    return {"Class": list(names)} | {
        title: [layout.short(v) for v in values.tolist()] for title, values in columns.items()
    }


def compare_paths(z: list[float], label: int, names: list[str]) -> None:
    st.subheader("Numerical stability lab")
    st.markdown(
        "Real networks produce large logits. Multiply these logits by a scale, round them to a "
        "floating-point type, and compute −log q_t two ways: the formula as written (exp, "
        "divide, log) and the way libraries do it (log-softmax via log-sum-exp). The table "
        "shows the computation as the computer runs it, with natural logs (ln)."
    )
    c1, c2 = st.columns(2)
    with c1:
        st.segmented_control(
            "Floating-point type", options=state.LAB_DTYPES, **state.bind(state.LAB_DTYPE)
        )
    with c2:
        st.select_slider(
            "Logit scale",
            options=state.LAB_SCALES,
            format_func=lambda v: f"×{v:g}",
            **state.bind(state.LAB_SCALE),
        )
    dtype = state.LAB_DTYPE.get() or state.LAB_DTYPE.initial()
    paths = xc.compare_softmax_paths(z, label, scale=state.LAB_SCALE.get(), dtype=dtype)
    naive, stable = st.columns(2, gap="large")
    for column, path, title in (
        (naive, paths.naive, "Naive: log(exp(z) / Σ exp(z))"),
        (stable, paths.stable, "Stable: z − max z − log Σ exp(z − max z)"),
    ):
        with column, st.container(border=True, key=f"lab-{path.method}"):
            st.markdown(f"**{title}**")
            st.table(_path_table(path, names))
            verdict = "finite" if path.ok else "broken"
            st.metric(
                f"−log q_t ({verdict})",
                layout.number(path.cross_entropy * layout.per_nat()) + f" {layout.unit()}",
            )
            st.caption(stability_text.describe(path.notes))
