"""Plotly figure builders: arrays in, ``go.Figure`` out. No maths and no ``st.*`` here.

One module per page (its docstring names the page), on a shared :mod:`.base`: layout,
legend, palette, scaling and the ``VALIDATE`` switch. Pages use the builders as
``charts.NAME``, re-exported below.

Figures are small, fixed (no zoom or pan, so a finger scrolling on a phone is not
captured), and take their colours from the Streamlit theme where they can.
"""

from __future__ import annotations

import sys
import types

from . import base
from .base import BAR, MARK, NEUTRAL, PALETTE, TRUE, css_variables, safe_label, scaled
from .classroom import quiz_prediction_figure
from .curves import (
    LOG_LOSSES,
    LOSS_STYLES,
    confidence_curves_figure,
    gradient_curves_figure,
    label_and_prediction_figure,
    loss_label,
    seed_curve_figure,
)
from .curves_binary import binary_figure
from .data import (
    CE_COLOR,
    GAP,
    MSE_COLOR,
    loss_histogram_figure,
    loss_scatter_figure,
    reliability_figure,
    temperature_nll_figure,
)
from .game import game_forecasts_figure
from .logits import conventions_figure, temperature_figure
from .simplex import (
    INFINITE_FILL,
    LANDSCAPE_BANDS,
    LANDSCAPE_COLORS,
    MEASURE_LABELS,
    P_MARK,
    code_lengths_figure,
    landscape_band_edges,
    landscape_colour,
    landscape_scale,
    simplex_figure,
)
from .text import order_sweep_figure, running_bpc_figure
from .training import (
    CLASS_COLORS,
    REGION_ALPHA,
    RUN_COLORS,
    decision_regions_figure,
    epoch_figure,
    recall_figure,
    sample_probability_figure,
)

__all__ = [
    "BAR",
    "CE_COLOR",
    "CLASS_COLORS",
    "GAP",
    "INFINITE_FILL",
    "LANDSCAPE_BANDS",
    "LANDSCAPE_COLORS",
    "LOG_LOSSES",
    "LOSS_STYLES",
    "MARK",
    "MEASURE_LABELS",
    "MSE_COLOR",
    "NEUTRAL",
    "PALETTE",
    "P_MARK",
    "REGION_ALPHA",
    "RUN_COLORS",
    "TRUE",
    "binary_figure",
    "code_lengths_figure",
    "confidence_curves_figure",
    "conventions_figure",
    "css_variables",
    "decision_regions_figure",
    "epoch_figure",
    "game_forecasts_figure",
    "gradient_curves_figure",
    "label_and_prediction_figure",
    "landscape_band_edges",
    "landscape_colour",
    "landscape_scale",
    "loss_histogram_figure",
    "loss_label",
    "loss_scatter_figure",
    "order_sweep_figure",
    "quiz_prediction_figure",
    "recall_figure",
    "reliability_figure",
    "running_bpc_figure",
    "safe_label",
    "sample_probability_figure",
    "scaled",
    "seed_curve_figure",
    "simplex_figure",
    "temperature_figure",
    "temperature_nll_figure",
]


class _Charts(types.ModuleType):
    """This package's module type: ``charts.VALIDATE`` reads and sets the switch in
    :mod:`.base`, where the figures are built, so ``charts.VALIDATE = True`` (the tests)
    and ``monkeypatch.setattr(charts, "VALIDATE", ...)`` reach every builder."""

    @property
    def VALIDATE(self) -> bool:
        return base.VALIDATE

    @VALIDATE.setter
    def VALIDATE(self, value: bool) -> None:
        base.VALIDATE = value


sys.modules[__name__].__class__ = _Charts
