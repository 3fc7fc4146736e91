"""Streamlit components v2 used by xent (inline HTML/CSS/JS read from this folder)."""

from xent_ui.components.bars import BarsValue, probability_bars

__all__ = ["BarsValue", "probability_bars"]
