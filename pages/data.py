import streamlit as st

from xent_ui import layout

st.title("Real data & calibration")
layout.coming("per-sample losses on Iris and on your own predictions, and calibration")
