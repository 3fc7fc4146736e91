"""A bare Streamlit app for comparison: three native sliders, a number and two plotly charts."""

import plotly.graph_objects as go
import streamlit as st

x = st.slider("q", 0.0, 1.0, 0.7, key="q")
a = st.slider("a", 0.0, 1.0, 0.5, key="a")
b = st.slider("b", 0.0, 1.0, 0.5, key="b")
st.markdown(f"value: {x:.4f}")
st.plotly_chart(go.Figure(go.Bar(x=["A", "B"], y=[x, 1 - x])), key="c1")
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1], y=[a * x, b * x])), key="c2")
