import streamlit as st

from xent_ui import layout

st.title("Logits & temperature")
layout.coming("from raw scores to probabilities with softmax, temperature and numerical stability")
