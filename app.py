"""xent: an interactive teaching app for cross-entropy, entropy and KL divergence.

This file only builds the navigation and the shared sidebar; each page lives in pages/.
"""

import streamlit as st

from xent_ui import layout, shell, state

PAGES = (
    ("pages/explorer.py", "Explorer", ":material/tune:", True),
    ("pages/curves.py", "Confidence curves", ":material/show_chart:", False),
    ("pages/logits.py", "Logits & temperature", ":material/thermostat:", False),
    ("pages/simplex.py", "Probability simplex", ":material/change_history:", False),
    ("pages/data.py", "Real data & calibration", ":material/table_chart:", False),
    ("pages/training.py", "Training lab", ":material/model_training:", False),
    ("pages/classroom.py", "Classroom", ":material/school:", False),
)


def main() -> None:
    st.set_page_config(page_title="xent · cross-entropy, seen", page_icon="📉", layout="wide")
    state.load_from_url()
    pages = [
        st.Page(path, title=title, icon=icon, default=default)
        for path, title, icon, default in PAGES
    ]
    current = st.navigation(pages)
    layout.sidebar()
    layout.show_url_warnings()
    with shell.inside_app():
        current.run()


main()
