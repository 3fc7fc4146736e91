import streamlit as st

from xent_ui import layout

st.title("Probability simplex")
layout.coming("every three-class prediction at once, with forward and reverse KL")
