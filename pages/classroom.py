import streamlit as st

from xent_ui import layout, shell

shell.require_app()

st.title("Classroom")
layout.coming("presenter mode, scenario decks, quizzes and share links with QR codes")
