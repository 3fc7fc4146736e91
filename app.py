"""xent: an interactive teaching app for cross-entropy, entropy and KL divergence.

This file only builds the navigation and the shared sidebar; each page lives in pages/.
"""

import streamlit as st

from xent_ui import charts, classroom, layout, shell, state

PAGES = (
    ("pages/explorer.py", "Explorer", ":material/tune:", True),
    ("pages/learn.py", "Learn", ":material/school:", False),
    ("pages/curves.py", "Confidence curves", ":material/show_chart:", False),
    ("pages/logits.py", "Logits & temperature", ":material/thermostat:", False),
    ("pages/simplex.py", "Probability simplex", ":material/change_history:", False),
    ("pages/data.py", "Real data & calibration", ":material/table_chart:", False),
    ("pages/text.py", "Cross-entropy of text", ":material/text_fields:", False),
    ("pages/training.py", "Training lab", ":material/model_training:", False),
    ("pages/classroom.py", "Classroom", ":material/co_present:", False),
    ("pages/game.py", "Class game", ":material/casino:", False),
)


def main() -> None:
    shell.tune_interpreter()
    state.load_from_url()
    st.set_page_config(
        page_title="xent · cross-entropy, seen",
        page_icon="📉",
        layout="wide",
        # Presenter mode hides the sidebar: the projector shows the page only.
        initial_sidebar_state="collapsed" if classroom.presenter_mode() else "auto",
    )
    pages = {
        path: st.Page(path, title=title, icon=icon, default=default)
        for path, title, icon, default in PAGES
    }
    current = st.navigation(list(pages.values()))
    wanted = classroom.pending_page()
    if wanted is not None and pages[wanted] is not current:
        st.switch_page(pages[wanted])  # a deck step opens its page
    share = layout.sidebar()
    with st.sidebar:
        shell.reconnect_guard()
    classroom.presenter_styles()
    layout.show_url_warnings()
    classroom.deck_bar()
    with shell.inside_app(), charts.scaled(1.4 if classroom.presenter_mode() else 1.0):
        current.run()
    with share:  # after the page: the link carries what this run wrote to the URL
        classroom.share_panel()


main()
