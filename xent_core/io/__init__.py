"""Files in and out: a model's predictions read from CSV, per-sample results written back.

:mod:`xent_core.io.predictions` reads and writes the data page's CSV files;
:mod:`xent_core.io.cells` keeps user text in a written cell from running as a formula.
"""

from xent_core.io.cells import csv_safe
from xent_core.io.predictions import (
    MAX_CSV_CLASSES,
    MIN_CSV_CLASSES,
    Predictions,
    PredictionsError,
    parse_predictions,
    results_csv,
    sample_csv,
)

__all__ = [
    "MAX_CSV_CLASSES",
    "MIN_CSV_CLASSES",
    "Predictions",
    "PredictionsError",
    "csv_safe",
    "parse_predictions",
    "results_csv",
    "sample_csv",
]
