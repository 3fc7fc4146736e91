"""Streamlit components v2 used by xent (inline HTML/CSS/JS read from this folder)."""

from xent_ui.components.bars import BarsValue, LogitsValue, logit_bars, probability_bars

__all__ = ["BarsValue", "LogitsValue", "logit_bars", "probability_bars"]
