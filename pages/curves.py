import streamlit as st

from xent_ui import layout

st.title("Confidence curves")
layout.coming("loss against the probability of the true class, for cross-entropy and other losses")
