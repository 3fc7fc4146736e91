"""Tiny Streamlit scripts the browser tests serve (one component each, no app around it)."""
