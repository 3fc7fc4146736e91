"""Streamlit components v2 used by xent (inline HTML/CSS/JS read from this folder)."""

from xent_ui.components.bars import (
    BarsValue,
    LogitsValue,
    explorer_views,
    logit_bars,
    probability_bars,
)
from xent_ui.components.board import BoardData, BoardRow, game_board
from xent_ui.components.keeper import forget_lecturer, keep_lecturer, recall_lecturer
from xent_ui.components.share import share_link
from xent_ui.components.simplex import Landscape, SimplexValue, landscape_data, simplex_point

__all__ = [
    "BarsValue",
    "BoardData",
    "BoardRow",
    "Landscape",
    "LogitsValue",
    "SimplexValue",
    "explorer_views",
    "forget_lecturer",
    "game_board",
    "keep_lecturer",
    "landscape_data",
    "logit_bars",
    "probability_bars",
    "recall_lecturer",
    "share_link",
    "simplex_point",
]
