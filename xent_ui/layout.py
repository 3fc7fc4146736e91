"""Shared page furniture: the sidebar, URL warnings, section headers, unit helpers."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from xent_ui import classroom, state

LOG_SYMBOL = {"nats": r"\ln", "bits": r"\log_2"}
LOG_TEXT = {"nats": "ln", "bits": "log₂"}


def sidebar() -> DeltaGenerator:
    """The app-wide controls; returns the share box, filled once the page has run."""
    unit_widget = state.widget_of(state.UNIT)
    unit_widget.set(state.UNIT.get())
    with st.sidebar:
        st.segmented_control(
            "Unit of information",
            options=state.UNITS,
            key=unit_widget.key,
            help="nats use the natural logarithm (ln); bits use log₂. 1 bit = ln 2 ≈ 0.693 nats.",
            on_change=_unit_changed,
        )
        st.toggle(
            "Presenter mode",
            help="Large type and thick lines for a projector; the sidebar starts collapsed. "
            "Kept in the link. Step through a scenario deck with Page Down / Page Up.",
            **state.bind(state.PRESENT),
        )
        share = st.popover("Share this view", icon=":material/qr_code_2:", width="stretch")
        st.caption(
            "xent shows how cross-entropy, entropy and Kullback–Leibler (KL) divergence "
            "respond to a prediction."
        )
    return share


def epsilon_slider(*, disabled: bool = False) -> None:
    """The label-smoothing slider, one state shared by every page that shows it."""
    st.slider(
        "Label smoothing ε",
        min_value=0.0,
        max_value=state.EPSILON_MAX,
        step=0.01,
        disabled=disabled,
        help="p = (1 − ε)·one-hot + ε/K: the true class keeps 1 − ε + ε/K, every other class "
        "ε/K. Shared by the explorer, the curves, the logits and the simplex pages.",
        **state.bind(state.EPSILON),
    )


def preset_buttons(
    presets: Sequence[Any], key_prefix: str, apply: Callable[..., None], *args: Any
) -> None:
    """A wrapping row of preset buttons: ``apply(preset.name, *args)`` on a click."""
    with st.container(horizontal=True, gap="small"):
        for preset in presets:
            st.button(
                preset.label,
                key=f"{key_prefix}.{preset.name}",
                help=preset.help_in(unit()),
                on_click=apply,
                args=(preset.name, *args),
            )


def _unit_changed() -> None:
    # Clicking the selected option of a segmented control clears it; keep the unit.
    value = state.widget_of(state.UNIT).value()
    if value in state.UNITS:
        state.UNIT.set(value)


def unit() -> str:
    value = state.UNIT.get()
    return value if value in state.UNITS else "nats"


def base() -> float | None:
    """The ``base`` argument for xent_core in the chosen unit."""
    return 2 if unit() == "bits" else None


def show_url_warnings() -> None:
    warnings = state.url_warnings()
    if not warnings:
        return
    with st.container(border=True):
        for message in warnings:
            st.warning(message + " Showing the default instead.", icon=":material/link_off:")
        st.button("Dismiss", key="xent.dismiss_url_warnings", on_click=state.dismiss_url_warnings)


def fixed(value: float, digits: int = 4) -> str:
    """A number with ``digits`` decimals, as the app shows a value: ∞ for infinity."""
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.{digits}f}"


def number(value: float, digits: int = 4) -> str:
    """Any float: NaN, ±∞, ``digits`` decimals, or scientific when very large or small."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value) or value == 0 or 1e-3 <= abs(value) < 1e6:
        return fixed(value, digits)
    return f"{value:.{digits - 1}e}"


def short(value: float, digits: int = 4) -> str:
    """Any float in few characters: ``digits`` significant digits, NaN, ±∞ (narrow tables)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return fixed(value)
    mantissa, _, exponent = f"{value:.{digits}g}".partition("e")
    text = f"{mantissa}e{int(exponent)}" if exponent else mantissa
    return text.replace("-", "−")


def latex_number(value: float, digits: int = 4) -> str:
    """A number for st.latex: ∞ as \\infty."""
    return fixed(value, digits).replace("∞", r"\infty").replace("−", "-")


def markdown_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A GitHub-style markdown table; a column headed "Value" is right-aligned."""
    align = ["---:" if name == "Value" else "---" for name in header]
    lines = [header, align, *rows]
    return "\n".join("| " + " | ".join(cells) + " |" for cells in lines)


def core_values(
    *,
    ce: float,
    h: float,
    kl: float,
    perplexity: float,
    unit: str,
    export: tuple[Sequence[str], Sequence[float], Sequence[float]] | None = None,
) -> None:
    """The measures as xent_core computed them after a release, 6 decimals, one table.

    The tests read this table (``.st-key-core-values``; tests/helpers.py) to check that the live
    readouts in the drag widget agree with the core. With ``export = (names, p, q)`` an
    expander below offers the numbers as CSV and LaTeX.
    """
    perplexity_formula = "2^H(p,q)" if unit == "bits" else "e^H(p,q)"
    rows = [
        ("Cross-entropy H(p,q)", "−Σ pᵢ log qᵢ", fixed(ce, 6), unit),
        ("Entropy H(p)", "−Σ pᵢ log pᵢ", fixed(h, 6), unit),
        ("KL divergence KL(p‖q)", "Σ pᵢ log(pᵢ/qᵢ)", fixed(kl, 6), unit),
        ("Perplexity", perplexity_formula, fixed(perplexity, 6), "classes"),
    ]
    with st.container(key="core-values"):
        # A markdown table, not st.table: no DataFrame and Arrow encoding on every release
        # (a fifth of the explorer's rerun in a profile under load). Every cell is one of
        # the fixed strings above or a formatted number: nothing a user typed.
        st.markdown(markdown_table(("Measure", "Formula", "Value", "Unit"), rows))
    explain(
        "KL is the Kullback–Leibler divergence: the extra cost of predicting q when the truth "
        "is p. Perplexity is the effective number of equally likely classes: on average the "
        "prediction is as surprised by the truth as a uniform guess over that many classes "
        f"would be. It is 1/q_t for a one-hot label and K for the uniform guess, and it can "
        f"exceed K (here {fixed(perplexity, 2)})."
    )
    if export is not None:
        names, p, q = export
        measures = {
            f"cross-entropy H(p,q) ({unit})": ce,
            f"entropy H(p) ({unit})": h,
            f"KL divergence KL(p||q) ({unit})": kl,
            "perplexity (classes)": perplexity,
        }
        classroom.export_panel(names, p, q, measures, key="core-values.export")


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:")


def md_escape(text: str) -> str:
    """User text made inert inside Streamlit markdown (no links, images, HTML or maths)."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in text)


def log_symbol() -> str:
    """The chosen unit's logarithm for st.latex: \\ln or \\log_2."""
    return LOG_SYMBOL[unit()]


def log_text() -> str:
    """The chosen unit's logarithm in plain text: ln or log₂."""
    return LOG_TEXT[unit()]


def per_nat() -> float:
    """Multiply a value in nats by this to show it in the chosen unit (1, or 1/ln 2)."""
    return 1 / math.log(2) if unit() == "bits" else 1.0


def explain(text: str) -> None:
    """A short explanation under a chart."""
    st.caption(text)
