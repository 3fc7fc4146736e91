"""Classroom furniture on every page: presenter mode, the deck bar, sharing and export."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import streamlit as st

from xent_core import csv_safe
from xent_ui import state
from xent_ui.components import share_link
from xent_ui.deck import BUILTIN, PAGES, Deck, apply_step, builtin_deck, render_text

# Presenter mode: large type, thick lines, strong contrast. A constant: no user text here.
PRESENTER_CSS = """
<style>
html { font-size: 20px !important; }
[data-testid="stMainBlockContainer"] { max-width: 100%; padding-left: 2rem; padding-right: 2rem; }
[data-testid="stMarkdownContainer"] :is(p, li) { font-size: 1.15rem; }
/* High contrast: explanations and captions in the full text colour, not grey. */
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] * {
  font-size: 1.0rem; opacity: 1; color: inherit !important;
}
.js-plotly-plot .scatterlayer .js-line { stroke-width: 5px !important; }
/* Chart type is scaled where the figures are built (xent_ui.charts.scaled). */
</style>
"""


def builtin_deck_bytes() -> bytes:
    """The built-in deck's TOML, as a template for a teacher's own."""
    return BUILTIN.read_bytes()


def presenter_mode() -> bool:
    return bool(state.PRESENT.get())


def presenter_styles() -> None:
    if presenter_mode():
        st.html(PRESENTER_CSS)


def current_deck() -> Deck:
    return state.CUSTOM_DECK.get() or builtin_deck()


def go_to_step(number: int) -> None:
    """Callback: open step ``number`` (1-based) of the current deck; 0 ends the deck."""
    deck = current_deck()
    if number < 1 or number > len(deck.steps):
        state.DECK_STEP.set(0)
        return
    step = deck.steps[number - 1]
    apply_step(step)
    state.DECK_STEP.set(number)
    state.DECK_GOTO.set(PAGES[step.page])


def pending_page() -> str | None:
    """The page a deck step asked for (once), for app.py to switch to."""
    page = state.DECK_GOTO.get()
    state.DECK_GOTO.clear()
    return page


def deck_bar() -> None:
    """The current deck step above the page, with previous/next (PageUp/PageDown)."""
    number = state.DECK_STEP.get()
    deck = current_deck()
    if number < 1:
        return
    if number > len(deck.steps):
        state.DECK_STEP.set(0)
        return
    step = deck.steps[number - 1]
    with st.container(border=True, key="deck-bar"):
        st.markdown(f"**Step {number} of {len(deck.steps)} · {step.title}**")
        st.markdown(render_text(step, state.UNIT.get()))
        with st.container(horizontal=True, gap="small"):
            st.button(
                "Previous",
                icon=":material/arrow_back:",
                key="deck.prev",
                on_click=go_to_step,
                args=(number - 1,),
                disabled=number == 1,
                shortcut="PageUp",
                help="Previous step (Page Up, or a presentation clicker's back button)",
            )
            st.button(
                "Next",
                icon=":material/arrow_forward:",
                key="deck.next",
                on_click=go_to_step,
                args=(number + 1,),
                disabled=number == len(deck.steps),
                shortcut="PageDown",
                type="primary",
                help="Next step (Page Down, or a presentation clicker's forward button)",
            )
            st.button("End the deck", key="deck.end", on_click=go_to_step, args=(0,))


# --- sharing --------------------------------------------------------------------------------


def share_panel() -> None:
    """The link and QR code of the exact current view.

    Drawn in the browser from the page's own address (components/share.*), so they follow
    every change, fragment reruns included: no "update the link" step to remember.
    """
    share_link()


# --- export ---------------------------------------------------------------------------------


def numbers_csv(
    names: Sequence[str], p: Sequence[float], q: Sequence[float], measures: dict[str, float]
) -> str:
    """The current distributions and measures as CSV (one row per class, then measures)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["class", "p (truth)", "q (prediction)"])
    for name, pi, qi in zip(names, p, q, strict=True):
        writer.writerow([csv_safe(name), repr(float(pi)), repr(float(qi))])
    writer.writerow([])
    writer.writerow(["measure", "value"])
    for key, value in measures.items():
        writer.writerow([key, repr(float(value))])
    return out.getvalue()


_LATEX_SPECIAL = {c: "\\" + c for c in "#$%&_{}"} | {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def numbers_latex(
    names: Sequence[str], p: Sequence[float], q: Sequence[float], measures: dict[str, float]
) -> str:
    """A LaTeX table of p and q per class plus the measures, ready for a slide."""
    header = " & ".join(latex_escape(n) for n in names)
    rows = [
        r"\begin{tabular}{l" + "r" * len(names) + "}",
        rf"class & {header} \\ \hline",
        "$p$ & " + " & ".join(f"{v:.3f}" for v in p) + r" \\",
        "$q$ & " + " & ".join(f"{v:.3f}" for v in q) + r" \\",
        r"\end{tabular}",
        "",
        r"\begin{align*}",
    ]
    for key, value in measures.items():
        shown = r"\infty" if value == float("inf") else f"{value:.4f}"
        rows.append(rf"\text{{{latex_escape(key)}}} &= {shown} \\")
    rows.append(r"\end{align*}")
    return "\n".join(rows)


def export_panel(
    names: Sequence[str],
    p: Sequence[float],
    q: Sequence[float],
    measures: dict[str, float],
    *,
    key: str,
) -> None:
    """Download the current numbers as CSV, and a LaTeX snippet for slides."""
    with st.expander("Export these numbers (CSV, LaTeX)"):
        st.download_button(
            "Download CSV",
            lambda: numbers_csv(names, p, q, measures),  # made when clicked, not every rerun
            file_name="xent-numbers.csv",
            mime="text/csv",
            key=f"{key}.csv",
            icon=":material/download:",
        )
        st.caption("LaTeX for a slide (copy with the button at the top right):")
        st.code(numbers_latex(names, p, q, measures), language="latex")
        st.caption(
            "Every chart downloads as PNG: from the camera icon in its toolbar, or from the "
            "PNG button above each of the explorer's small charts."
        )
