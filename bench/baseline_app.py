"""A bare Streamlit app for comparison: one native slider, a number and two plotly charts."""

import plotly.graph_objects as go
import streamlit as st

x = st.slider("q", 0.0, 1.0, 0.7, key="q")
st.markdown(f"value: {x:.4f}")
st.plotly_chart(go.Figure(go.Bar(x=["A", "B"], y=[x, 1 - x])), key="c1")
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1], y=[x, x])), key="c2")
