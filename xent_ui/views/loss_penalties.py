"""The confidence page's (pages/curves.py) "The penalty in numbers" section: the table of
what each loss adds as q_t falls, and the explorer's prediction against the uniform guess."""

import streamlit as st

import xent_core as xc
from xent_ui import charts, layout
from xent_ui.views.loss_curves import signed

# q_t before → after; the table shows what each loss adds for each fall.
PENALTY_STEPS = ((0.9, 0.5), (0.5, 0.1), (0.1, 0.01), (0.01, 0.001))


def penalty(
    shown: list[str],
    k: int,
    q: list,
    label: int,
    options: dict,
    unit: str,
    true_name: str,
    uniform: float,
) -> None:
    """The table of what each loss adds per fall, and the explorer's prediction."""
    st.subheader("The penalty in numbers")
    added = xc.loss_increase(
        [a for a, _ in PENALTY_STEPS], [b for _, b in PENALTY_STEPS], k, **options
    )
    # One row per loss, one column per fall: narrow enough for a phone.
    table = {
        "Loss": [
            charts.loss_label(key) + (f" ({unit})" if key in charts.LOG_LOSSES else "")
            for key in shown
        ]
    }
    for i, (a, b) in enumerate(PENALTY_STEPS):
        table[f"{a:g} → {b:g}"] = [
            signed(float(added[key][i]), 0 if key == "zero_one" else 3) for key in shown
        ]
    if shown:
        with st.container(key="curves-penalty"):
            st.table(table, border="horizontal")
    ce_steps = added["cross_entropy"].tolist()
    ln = layout.log_text()
    layout.explain(
        "What each loss adds when q_t falls from one value to the next (the other classes "
        f"sharing the rest evenly, K = {k}). For cross-entropy every tenfold fall costs the "
        f"same {ln} 10 = {ce_steps[2]:.2f} {unit}, while 0.9 → 0.5 costs only {ce_steps[0]:.2f}: a "
        "confident mistake is charged far more than a hesitant one."
    )

    ce_now = float(xc.cross_entropy(xc.one_hot(label, k), q, base=options["base"]))
    ratio = ce_now / uniform
    st.markdown(f"**The explorer's prediction** (true class {layout.md_escape(true_name)})")
    with st.container(horizontal=True, key="curves-now"):
        st.metric(f"q({layout.md_escape(true_name)})", f"{q[label]:.3f}")
        st.metric(f"Cross-entropy vs the one-hot label ({unit})", layout.fixed(ce_now, 3))
        st.metric(f"Uniform guess {ln} {k}", layout.fixed(uniform, 3))
        st.metric("× the uniform guess", layout.fixed(ratio, 2))
    if ratio > 1:
        verdict = (
            f"{layout.fixed(ratio, 2)} times the loss of the uniform guess "
            f"({ln} {k} = {uniform:.3f} {unit}): worse than knowing nothing, because it gives "
            f"the true class less than 1/K = {1 / k:.3f}."
        )
    else:
        verdict = (
            f"{layout.fixed(ratio, 2)} times the loss of the uniform guess "
            f"({ln} {k} = {uniform:.3f} {unit}): better than knowing nothing."
        )
    layout.explain(verdict)
