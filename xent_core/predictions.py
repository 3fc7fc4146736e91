"""Compatibility path: the predictions reader moved to :mod:`xent_core.io.predictions`.

Old imports keep working; ``MAX_CLASSES`` and ``MIN_CLASSES`` are the old names of
``MAX_CSV_CLASSES`` and ``MIN_CSV_CLASSES``.
"""

from xent_core.io.predictions import (
    KINDS,
    MAX_BYTES,
    MAX_CSV_CLASSES,
    MIN_CSV_CLASSES,
    Predictions,
    PredictionsError,
    parse_predictions,
    results_csv,
    sample_csv,
)

MAX_CLASSES = MAX_CSV_CLASSES
MIN_CLASSES = MIN_CSV_CLASSES

__all__ = [
    "KINDS",
    "MAX_BYTES",
    "MAX_CLASSES",
    "MAX_CSV_CLASSES",
    "MIN_CLASSES",
    "MIN_CSV_CLASSES",
    "Predictions",
    "PredictionsError",
    "parse_predictions",
    "results_csv",
    "sample_csv",
]
