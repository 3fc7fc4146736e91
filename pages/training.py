import streamlit as st

from xent_ui import layout

st.title("Training lab")
layout.coming("gradient descent minimising cross-entropy on toy data")
