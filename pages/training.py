import streamlit as st

from xent_ui import layout, shell

shell.require_app()

st.title("Training lab")
layout.coming("gradient descent minimising cross-entropy on toy data")
